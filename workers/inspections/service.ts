import { and, count, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { inspectionProblems, inspections, type ProblemStatus } from "../../db/schema/tenant/supervision.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { offsetOf, type Page, type PageParams } from "../lib/paging.ts";
import { todayInChina } from "../lib/dates.ts";
import { resolveTarget, targetNameSql, targetScope } from "./target.ts";
import type {
  InspectionCreateInput,
  ProblemCreateInput,
  ProblemDecisionInput,
  RectificationInput,
  SignOffInput,
} from "./schemas.ts";

const fieldError = (field: string, message: string) =>
  new AppError("validation_failed", message, { fields: [{ field, message }] });
const today = (ctx: ServiceContext) => todayInChina(ctx.now() * 1000);
/** Problems still waiting for rectification: past the deadline they are overdue. */
const PENDING: ProblemStatus[] = ["open", "confirmed"];

const inspectionColumns = {
  id: inspections.id,
  kind: inspections.kind,
  date: inspections.date,
  groupName: inspections.groupName,
  round: inspections.round,
  targetKind: inspections.targetKind,
  targetKey: inspections.targetKey,
  targetName: targetNameSql(inspections),
  targetCadreId: inspections.targetCadreId,
  targetUnitId: inspections.targetUnitId,
  targetVillageId: inspections.targetVillageId,
  townshipCode: inspections.townshipCode,
  findings: inspections.findings,
  problemCount: sql<number>`(SELECT count(*) FROM inspection_problems p WHERE p.inspection_id = inspections.id)`,
  openCount: sql<number>`(SELECT count(*) FROM inspection_problems p WHERE p.inspection_id = inspections.id AND p.status IN ('open', 'confirmed', 'rectified'))`,
};
export type InspectionView = Awaited<ReturnType<typeof listInspections>>["items"][number];

const problemColumns = {
  id: inspectionProblems.id,
  inspectionId: inspectionProblems.inspectionId,
  inspectionDate: inspections.date,
  targetKind: inspections.targetKind,
  targetName: targetNameSql(inspections),
  description: inspectionProblems.description,
  deadline: inspectionProblems.deadline,
  status: inspectionProblems.status,
  decisionNote: inspectionProblems.decisionNote,
  rectification: inspectionProblems.rectification,
  evidence: inspectionProblems.evidence,
  rectifiedBy: inspectionProblems.rectifiedBy,
  rectifiedDate: inspectionProblems.rectifiedDate,
  signedOffBy: inspectionProblems.signedOffBy,
  signOffNote: inspectionProblems.signOffNote,
};
type ProblemRow = Awaited<ReturnType<ReturnType<typeof selectProblems>["all"]>>[number];
export type ProblemView = ProblemRow & { overdue: boolean };

function selectProblems(ctx: ServiceContext) {
  return ctx.db
    .select(problemColumns)
    .from(inspectionProblems)
    .innerJoin(inspections, eq(inspections.id, inspectionProblems.inspectionId));
}
const problemView = (r: ProblemRow, now: string): ProblemView => ({
  ...r,
  overdue: PENDING.includes(r.status) && r.deadline < now,
});

export async function listInspections(
  ctx: ServiceContext,
  f: PageParams & {
    kind?: InspectionCreateInput["kind"] | undefined;
    targetKind?: InspectionCreateInput["targetKind"] | undefined;
    year?: number | undefined;
  },
) {
  const where = and(
    targetScope(ctx, inspections),
    f.kind ? eq(inspections.kind, f.kind) : undefined,
    f.targetKind ? eq(inspections.targetKind, f.targetKind) : undefined,
    f.year ? sql`substr(${inspections.date}, 1, 4) = ${String(f.year)}` : undefined,
  );
  const [items, total] = await Promise.all([
    ctx.db
      .select(inspectionColumns)
      .from(inspections)
      .where(where)
      .orderBy(desc(inspections.date), desc(inspections.id))
      .limit(f.size)
      .offset(offsetOf(f))
      .all(),
    ctx.db.select({ n: count() }).from(inspections).where(where).get(),
  ]);
  return { items, total: total?.n ?? 0, page: f.page, size: f.size };
}

export async function getInspection(ctx: ServiceContext, id: number) {
  const row = await ctx.db
    .select(inspectionColumns)
    .from(inspections)
    .where(and(targetScope(ctx, inspections), eq(inspections.id, id)))
    .get();
  if (!row) throw new AppError("not_found", "没有这次督查，或不在您的管辖范围内");
  const now = today(ctx);
  const problems = (
    await selectProblems(ctx).where(eq(inspectionProblems.inspectionId, id)).orderBy(inspectionProblems.id).all()
  ).map((p) => problemView(p, now));
  return { ...row, problems };
}
export type InspectionDetailView = Awaited<ReturnType<typeof getInspection>>;

export async function listProblems(
  ctx: ServiceContext,
  f: PageParams & { status?: ProblemStatus | undefined; overdue?: "1" | undefined },
): Promise<Page<ProblemView>> {
  const now = today(ctx);
  const where = and(
    targetScope(ctx, inspections),
    f.status ? eq(inspectionProblems.status, f.status) : undefined,
    f.overdue ? and(inArray(inspectionProblems.status, PENDING), lt(inspectionProblems.deadline, now)) : undefined,
  );
  const [items, total] = await Promise.all([
    selectProblems(ctx)
      .where(where)
      .orderBy(inspectionProblems.deadline, inspectionProblems.id)
      .limit(f.size)
      .offset(offsetOf(f))
      .all(),
    ctx.db
      .select({ n: count() })
      .from(inspectionProblems)
      .innerJoin(inspections, eq(inspections.id, inspectionProblems.inspectionId))
      .where(where)
      .get(),
  ]);
  return { items: items.map((p) => problemView(p, now)), total: total?.n ?? 0, page: f.page, size: f.size };
}

export async function getProblem(ctx: ServiceContext, id: number): Promise<ProblemView> {
  const row = await selectProblems(ctx)
    .where(and(targetScope(ctx, inspections), eq(inspectionProblems.id, id)))
    .get();
  if (!row) throw new AppError("not_found", "没有这个督查问题，或不在您的管辖范围内");
  return problemView(row, today(ctx));
}

export async function createInspection(ctx: ServiceContext, input: InspectionCreateInput) {
  if (input.date > today(ctx)) throw fieldError("date", "督查日期不能晚于今天");
  const target = await resolveTarget(ctx, input);
  const { name: _name, ...targetColumns } = target;
  const values = {
    kind: input.kind,
    date: input.date,
    groupName: input.groupName ?? null,
    round: input.round ?? null,
    ...targetColumns,
    findings: input.findings,
    createdBy: ctx.user!.id,
  };
  const w = new AuditedWrite(ctx).add(ctx.db.insert(inspections).values(values).returning({ id: inspections.id }));
  // The batch is one transaction with a single writer: the newest inspection is the one just inserted.
  for (const p of input.problems)
    w.add(
      ctx.db.insert(inspectionProblems).values({
        inspectionId: sql`(SELECT max(id) FROM inspections)`,
        description: p.description,
        deadline: p.deadline,
      }),
    );
  const [rows] = (await w
    .audit({
      action: "inspection.create",
      entity: "inspection",
      entityId: target.targetKey,
      after: { ...values, problems: input.problems },
    })
    .commit()) as [{ id: number }[]];
  return getInspection(ctx, rows[0]!.id);
}

export async function addProblem(
  ctx: ServiceContext,
  inspectionId: number,
  input: ProblemCreateInput,
): Promise<ProblemView> {
  const inspection = await getInspection(ctx, inspectionId);
  if (input.deadline < inspection.date) throw fieldError("deadline", `整改时限不能早于督查日期 ${inspection.date}`);
  const values = { inspectionId, description: input.description, deadline: input.deadline };
  const [rows] = (await new AuditedWrite(ctx)
    .add(ctx.db.insert(inspectionProblems).values(values).returning({ id: inspectionProblems.id }))
    .audit({ action: "problem.create", entity: "problem", entityId: `inspection:${inspectionId}`, after: values })
    .commit()) as [{ id: number }[]];
  return getProblem(ctx, rows[0]!.id);
}

/** Confirming a problem makes it count on the ladder; a dismissed one never does. */
export async function decideProblem(
  ctx: ServiceContext,
  id: number,
  input: ProblemDecisionInput,
): Promise<ProblemView> {
  const p = await getProblem(ctx, id);
  if (p.status !== "open") throw new AppError("conflict", "该问题已核实过，不能再次核实");
  const set = {
    status: input.decision,
    decisionNote: input.note ?? null,
    confirmedBy: ctx.user!.id,
    confirmedAt: ctx.now(),
  };
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(inspectionProblems)
        .set({ ...set, updatedAt: ctx.now() })
        .where(and(eq(inspectionProblems.id, id), eq(inspectionProblems.status, "open"))),
      "该问题已核实过，不能再次核实",
    )
    .audit({ action: "problem.confirm", entity: "problem", entityId: id, before: { status: p.status }, after: set })
    .commit();
  return getProblem(ctx, id);
}

/** The target (or the officer) reports what was done, with evidence; it waits for sign-off. */
export async function rectifyProblem(ctx: ServiceContext, id: number, input: RectificationInput): Promise<ProblemView> {
  const p = await getProblem(ctx, id);
  if (p.status !== "confirmed")
    throw new AppError("conflict", p.status === "open" ? "问题尚未核实，核实属实后才能整改" : "该问题不在待整改状态");
  if (input.date < p.inspectionDate) throw fieldError("date", `整改完成日期不能早于督查日期 ${p.inspectionDate}`);
  if (input.date > today(ctx)) throw fieldError("date", "整改完成日期不能晚于今天");
  const set = {
    status: "rectified" as const,
    rectification: input.rectification,
    evidence: input.evidence,
    rectifiedBy: ctx.user!.id,
    rectifiedDate: input.date,
  };
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(inspectionProblems)
        .set({ ...set, updatedAt: ctx.now() })
        .where(and(eq(inspectionProblems.id, id), eq(inspectionProblems.status, "confirmed"))),
      "该问题不在待整改状态，请刷新后重试",
    )
    .audit({ action: "problem.rectify", entity: "problem", entityId: id, before: { status: p.status }, after: set })
    .commit();
  return getProblem(ctx, id);
}

/** 销号: another person than the one who reported the rectification accepts it, or returns it. */
export async function signOffProblem(ctx: ServiceContext, id: number, input: SignOffInput): Promise<ProblemView> {
  const p = await getProblem(ctx, id);
  if (p.status !== "rectified") throw new AppError("conflict", "只有已整改待销号的问题才能销号或退回");
  if (p.rectifiedBy === ctx.user!.id) throw new AppError("forbidden", "整改由您本人提交，须由其他人员审核销号");
  const set =
    input.decision === "accept"
      ? {
          status: "closed" as const,
          signedOffBy: ctx.user!.id,
          signedOffAt: ctx.now(),
          signOffNote: input.note ?? null,
        }
      : { status: "confirmed" as const, signOffNote: input.note ?? null };
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(inspectionProblems)
        .set({ ...set, updatedAt: ctx.now() })
        .where(
          and(
            eq(inspectionProblems.id, id),
            eq(inspectionProblems.status, "rectified"),
            // Maker-checker inside the statement too: a concurrent re-rectification by this user loses.
            sql`coalesce(${inspectionProblems.rectifiedBy}, 0) <> ${ctx.user!.id}`,
          ),
        ),
      "该问题状态已变化，请刷新后重试",
    )
    .audit({ action: "problem.sign_off", entity: "problem", entityId: id, before: { status: p.status }, after: set })
    .commit();
  return getProblem(ctx, id);
}
