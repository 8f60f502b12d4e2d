import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { batches, batchLines, budgets, programs, reversals } from "../../db/schema/tenant/money.ts";
import { households } from "../../db/schema/tenant/households.ts";
import { villages } from "../../db/schema/tenant/places.ts";
import { cadres } from "../../db/schema/tenant/people.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { percentOf } from "../../web/components/format.ts";
import { validateIdNumber } from "../lib/id-number.ts";
import { searchHashes } from "../lib/pii-crypto.ts";

/**
 * 资金报表. Everything is summed in SQL over integer fen. "Paid" means lines with status `paid`;
 * a reversal (冲正) is subtracted from the line it refers to (net = amount − reversed), so a
 * corrected payment never counts. Dates are the lines' payment dates (Asia/Shanghai calendar
 * dates as recorded); a year filter is on those dates. Money reports are read by the county
 * (county_admin, finance_officer, auditor), whose scope is the whole tenant.
 */

export async function programReport(ctx: ServiceContext, year: number) {
  const rows = await ctx.db
    .select({
      programId: programs.id,
      name: programs.name,
      category: programs.category,
      fundSource: programs.fundSource,
      budgetFen: sql<number>`coalesce(${budgets.budgetFen}, 0)`,
      committedFen: sql<number>`coalesce(${budgets.committedFen}, 0)`,
      paidFen: sql<number>`coalesce(${budgets.paidFen}, 0)`,
      hasBudget: sql<number>`${budgets.programId} IS NOT NULL`,
      batchCount: sql<number>`(SELECT count(*) FROM batches b WHERE b.program_id = programs.id AND b.year = ${year} AND b.status <> 'cancelled')`,
      reversedFen: sql<number>`(SELECT coalesce(sum(r.amount_fen), 0) FROM reversals r JOIN batch_lines l ON l.id = r.line_id JOIN batches b ON b.id = l.batch_id WHERE b.program_id = programs.id AND b.year = ${year})`,
    })
    .from(programs)
    .leftJoin(budgets, and(eq(budgets.programId, programs.id), eq(budgets.year, year)))
    .orderBy(asc(programs.id))
    .all();
  const items = rows.map((r) => ({
    ...r,
    hasBudget: Boolean(r.hasBudget),
    availableFen: r.budgetFen - r.committedFen,
    executionRate: percentOf(r.paidFen, r.budgetFen),
  }));
  const sum = (k: "budgetFen" | "committedFen" | "paidFen" | "reversedFen") => items.reduce((s, r) => s + r[k], 0);
  const totals = {
    budgetFen: sum("budgetFen"),
    committedFen: sum("committedFen"),
    paidFen: sum("paidFen"),
    reversedFen: sum("reversedFen"),
    executionRate: percentOf(sum("paidFen"), sum("budgetFen")),
  };
  return { year, items, totals };
}

const paidLineColumns = {
  lineId: batchLines.id,
  batchId: batchLines.batchId,
  batchTitle: batches.title,
  programId: batchLines.programId,
  programName: programs.name,
  period: batchLines.period,
  recipientKind: batchLines.recipientKind,
  recipientId: batchLines.recipientId,
  recipientName: batchLines.recipientName,
  villageId: batchLines.villageId,
  purpose: batchLines.purpose,
  paidDate: batchLines.paidDate,
  bankRef: batchLines.bankRef,
  amountFen: batchLines.amountFen,
  reversedFen: sql<number>`coalesce(${reversals.amountFen}, 0)`,
  reversalReason: reversals.reason,
};

export type PaidLine = Awaited<ReturnType<typeof paidLines>>[number];

/** Paid lines matching `where`, newest payment first, with their reversal if any. */
async function paidLines(ctx: ServiceContext, where: SQL | undefined, year?: number) {
  const rows = await ctx.db
    .select(paidLineColumns)
    .from(batchLines)
    .innerJoin(batches, eq(batches.id, batchLines.batchId))
    .innerJoin(programs, eq(programs.id, batchLines.programId))
    .leftJoin(reversals, eq(reversals.lineId, batchLines.id))
    .where(
      and(
        eq(batchLines.status, "paid"),
        where,
        year ? sql`substr(${batchLines.paidDate}, 1, 4) = ${String(year)}` : undefined,
      ),
    )
    .orderBy(sql`${batchLines.paidDate} DESC`, sql`${batchLines.id} DESC`)
    .all();
  return rows.map((r) => ({ ...r, netFen: r.amountFen - r.reversedFen }));
}

function byProgram(lines: PaidLine[]) {
  const m = new Map<
    number,
    { programId: number; programName: string; lineCount: number; paidFen: number; reversedFen: number; netFen: number }
  >();
  for (const l of lines) {
    const t = m.get(l.programId) ?? {
      programId: l.programId,
      programName: l.programName,
      lineCount: 0,
      paidFen: 0,
      reversedFen: 0,
      netFen: 0,
    };
    t.lineCount++;
    t.paidFen += l.amountFen;
    t.reversedFen += l.reversedFen;
    t.netFen += l.netFen;
    m.set(l.programId, t);
  }
  return [...m.values()].sort((a, b) => a.programId - b.programId);
}

function totalsOf(lines: PaidLine[]) {
  return {
    lineCount: lines.length,
    paidFen: lines.reduce((s, l) => s + l.amountFen, 0),
    reversedFen: lines.reduce((s, l) => s + l.reversedFen, 0),
    netFen: lines.reduce((s, l) => s + l.netFen, 0),
  };
}

/**
 * Net paid per village (lines carrying the village), for the village index: from the
 * trigger-kept paid_totals (db/migrations/tenant/0011_public_scale.sql), a few rows per village
 * instead of every paid line of the county.
 */
export async function villagesSummary(ctx: ServiceContext, year?: number) {
  const yearCond = year ? sql`AND t.year = ${String(year)}` : sql``;
  const rows = await ctx.db
    .select({
      villageId: villages.id,
      code: villages.code,
      name: villages.name,
      townshipCode: villages.townshipCode,
      lineCount: sql<number>`(SELECT coalesce(sum(t.all_lines), 0) FROM paid_totals t WHERE t.village_id = villages.id ${yearCond})`,
      netFen: sql<number>`(SELECT coalesce(sum(t.paid_fen - t.reversed_fen), 0) FROM paid_totals t WHERE t.village_id = villages.id ${yearCond})`,
    })
    .from(villages)
    .orderBy(asc(villages.code))
    .all();
  return rows;
}

export async function villageReport(ctx: ServiceContext, villageId: number, year?: number) {
  const village = await ctx.db
    .select({ id: villages.id, code: villages.code, name: villages.name, townshipCode: villages.townshipCode })
    .from(villages)
    .where(eq(villages.id, villageId))
    .get();
  if (!village) throw new AppError("not_found", "没有这个村（社区）");
  const lines = await paidLines(ctx, eq(batchLines.villageId, villageId), year);
  return { village, year: year ?? null, byProgram: byProgram(lines), totals: totalsOf(lines), lines };
}

export async function householdReport(ctx: ServiceContext, householdId: number, year?: number) {
  const household = await ctx.db
    .select({
      id: households.id,
      headName: households.headName,
      villageId: households.villageId,
      villageName: villages.name,
    })
    .from(households)
    .innerJoin(villages, eq(villages.id, households.villageId))
    .where(eq(households.id, householdId))
    .get();
  if (!household) throw new AppError("not_found", "没有这个农户");
  const lines = await paidLines(
    ctx,
    and(eq(batchLines.recipientKind, "household"), eq(batchLines.recipientId, householdId)),
    year,
  );
  return { household, year: year ?? null, byProgram: byProgram(lines), totals: totalsOf(lines), lines };
}

/**
 * The household a lookup names: its number, or its head's ID number (found through the search
 * hash, so the number itself is never stored or compared in clear). A readable reason otherwise.
 */
/** The household a report lookup names (户编号 or the head's ID number); a 400 on the `q` field otherwise. */
export async function findHousehold(ctx: ServiceContext, q: string): Promise<{ id: number }> {
  const refuse = (message: string) => new AppError("validation_failed", message, { fields: [{ field: "q", message }] });
  let where: SQL;
  if (/^\d{1,9}$/.test(q)) where = eq(households.id, Number(q));
  else {
    const valid = validateIdNumber(q);
    if (!valid.ok) throw refuse(valid.message);
    where = inArray(households.idNumberHash, await searchHashes(await ctx.piiKeys(), valid.value));
  }
  const row = await ctx.db.select({ id: households.id }).from(households).where(where).get();
  if (!row) throw refuse("没有找到这户");
  return { id: row.id };
}

/** Allowances per cadre (every cadre, with what they received), for the cadre index. */
export async function cadresSummary(ctx: ServiceContext, year?: number) {
  const yearCond = year ? sql`AND substr(l.paid_date, 1, 4) = ${String(year)}` : sql``;
  return ctx.db
    .select({
      cadreId: cadres.id,
      name: cadres.name,
      lineCount: sql<number>`(SELECT count(*) FROM batch_lines l WHERE l.recipient_kind = 'cadre' AND l.recipient_id = cadres.id AND l.status = 'paid' ${yearCond})`,
      netFen: sql<number>`(SELECT coalesce(sum(l.amount_fen - coalesce(r.amount_fen, 0)), 0) FROM batch_lines l LEFT JOIN reversals r ON r.line_id = l.id WHERE l.recipient_kind = 'cadre' AND l.recipient_id = cadres.id AND l.status = 'paid' ${yearCond})`,
    })
    .from(cadres)
    .orderBy(asc(cadres.id))
    .all();
}

export async function cadreReport(ctx: ServiceContext, cadreId: number, year?: number) {
  const cadre = await ctx.db
    .select({ id: cadres.id, name: cadres.name })
    .from(cadres)
    .where(eq(cadres.id, cadreId))
    .get();
  if (!cadre) throw new AppError("not_found", "没有这名干部");
  const lines = await paidLines(
    ctx,
    and(eq(batchLines.recipientKind, "cadre"), eq(batchLines.recipientId, cadreId)),
    year,
  );
  return { cadre, year: year ?? null, byProgram: byProgram(lines), totals: totalsOf(lines), lines };
}

/** Dashboard tiles: this year's budget, paid, execution rate, batches in notice, open objections. */
export async function moneyTiles(ctx: ServiceContext, year: number) {
  const row = await ctx.db
    .select({
      budgetFen: sql<number>`(SELECT coalesce(sum(budget_fen), 0) FROM budgets WHERE year = ${year})`,
      paidFen: sql<number>`(SELECT coalesce(sum(paid_fen), 0) FROM budgets WHERE year = ${year})`,
      noticed: sql<number>`(SELECT count(*) FROM batches WHERE status = 'noticed')`,
      openObjections: sql<number>`(SELECT count(*) FROM objections WHERE status = 'open')`,
    })
    .from(sql`(SELECT 1)`)
    .get();
  const r = row ?? { budgetFen: 0, paidFen: 0, noticed: 0, openObjections: 0 };
  return { year, ...r, executionRate: percentOf(r.paidFen, r.budgetFen) };
}
