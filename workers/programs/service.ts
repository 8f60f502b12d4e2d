import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { batches, budgets, programs } from "../../db/schema/tenant/money.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { percentOf } from "../../web/components/format.ts";
import type { ProgramCreateInput } from "./schemas.ts";

type BudgetRow = typeof budgets.$inferSelect;
export type ProgramRow = typeof programs.$inferSelect;

export function budgetView(b: BudgetRow) {
  return {
    year: b.year,
    budgetFen: b.budgetFen,
    committedFen: b.committedFen,
    paidFen: b.paidFen,
    availableFen: b.budgetFen - b.committedFen,
    executionRate: percentOf(b.paidFen, b.budgetFen),
  };
}

export async function listPrograms(ctx: ServiceContext) {
  const db = ctx.db;
  const rows = await db.select().from(programs).orderBy(asc(programs.id)).all();
  // Every program is listed, so every budget is wanted: no `IN (…)` over the program ids, which
  // would exceed D1's 100 bound parameters with more than 100 programs.
  const bs = rows.length ? await db.select().from(budgets).orderBy(desc(budgets.year)).all() : [];
  const byProgram = new Map<number, BudgetRow[]>();
  for (const b of bs) byProgram.set(b.programId, [...(byProgram.get(b.programId) ?? []), b]);
  return rows.map((p) => ({ ...p, budgets: (byProgram.get(p.id) ?? []).map(budgetView) }));
}

export async function getProgram(ctx: ServiceContext, id: number) {
  const db = ctx.db;
  // Both by the program id, so in one round trip (every batch step reads its program).
  const [p, bs] = await Promise.all([
    db.select().from(programs).where(eq(programs.id, id)).get(),
    db.select().from(budgets).where(eq(budgets.programId, id)).orderBy(desc(budgets.year)).all(),
  ]);
  if (!p) throw new AppError("not_found", "没有这个资金项目");
  return { ...p, budgets: bs.map(budgetView) };
}

export async function createProgram(ctx: ServiceContext, input: ProgramCreateInput) {
  const db = ctx.db;
  if (await db.select({ id: programs.id }).from(programs).where(eq(programs.name, input.name)).get()) {
    throw new AppError("conflict", "已有同名资金项目", { fields: [{ field: "name", message: "已有同名资金项目" }] });
  }
  const values = {
    ...input,
    ruleAmountFen: input.ruleAmountFen ?? null,
    seedRef: input.seedRef ?? null,
    notes: input.notes ?? null,
  };
  const [rows] = (await new AuditedWrite(ctx)
    .add(db.insert(programs).values(values).returning({ id: programs.id }))
    .audit({ action: "program.create", entity: "program", entityId: input.name, after: values })
    .commit()) as [{ id: number }[]];
  return getProgram(ctx, rows[0]!.id);
}

export async function updateProgram(
  ctx: ServiceContext,
  id: number,
  input: { name?: string | undefined; noticeDays?: number | undefined; notes?: string | null | undefined },
) {
  const before = await getProgram(ctx, id);
  const changes = {
    name: input.name ?? before.name,
    noticeDays: input.noticeDays ?? before.noticeDays,
    notes: input.notes === undefined ? before.notes : input.notes,
    updatedAt: Math.floor(Date.now() / 1000),
  };
  if (
    changes.name !== before.name &&
    (await ctx.db.select({ id: programs.id }).from(programs).where(eq(programs.name, changes.name)).get())
  ) {
    throw new AppError("conflict", "已有同名资金项目", { fields: [{ field: "name", message: "已有同名资金项目" }] });
  }
  await new AuditedWrite(ctx)
    .add(ctx.db.update(programs).set(changes).where(eq(programs.id, id)))
    .audit({
      action: "program.update",
      entity: "program",
      entityId: id,
      before: { name: before.name, noticeDays: before.noticeDays, notes: before.notes },
      after: changes,
    })
    .commit();
  return getProgram(ctx, id);
}

/**
 * Sets a year's budget. Lowering it below what is already committed is refused by a guarded
 * statement (and by the table's CHECK), not by a read-then-write here.
 */
export async function setBudget(ctx: ServiceContext, programId: number, year: number, budgetFen: number) {
  const program = await getProgram(ctx, programId);
  const before = program.budgets.find((b) => b.year === year);
  const db = ctx.db;
  const w = new AuditedWrite(ctx);
  if (!before) {
    w.add(db.insert(budgets).values({ programId, year, budgetFen }).onConflictDoNothing());
  }
  w.guarded(
    db
      .update(budgets)
      .set({ budgetFen, updatedAt: Math.floor(Date.now() / 1000) })
      .where(
        and(eq(budgets.programId, programId), eq(budgets.year, year), sql`${budgets.committedFen} <= ${budgetFen}`),
      ),
    `预算不能低于已承诺的金额${before ? `（已承诺 ${before.committedFen} 分）` : ""}`,
  );
  await w
    .audit({
      action: "budget.set",
      entity: "program",
      entityId: programId,
      before: before ? { year, budgetFen: before.budgetFen } : undefined,
      after: { year, budgetFen },
    })
    .commit();
  return budgetView(
    (await db
      .select()
      .from(budgets)
      .where(and(eq(budgets.programId, programId), eq(budgets.year, year)))
      .get())!,
  );
}

/** The program's batches, newest first, for its detail page (a summary: the batch pages have the rest). */
export async function programBatches(ctx: ServiceContext, programId: number) {
  return ctx.db
    .select({
      id: batches.id,
      title: batches.title,
      period: batches.period,
      status: batches.status,
      lineCount: batches.lineCount,
      totalFen: batches.totalFen,
    })
    .from(batches)
    .where(eq(batches.programId, programId))
    .orderBy(desc(batches.id))
    .limit(200)
    .all();
}
export type ProgramBatchView = Awaited<ReturnType<typeof programBatches>>[number];
