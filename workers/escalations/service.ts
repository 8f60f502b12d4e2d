import { and, count, desc, eq } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { escalations, ESCALATION_STEPS, type EscalationStep } from "../../db/schema/tenant/supervision.ts";
import { assignments } from "../../db/schema/tenant/people.ts";
import { villages } from "../../db/schema/tenant/places.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { offsetOf, type PageParams } from "../lib/paging.ts";
import { todayInChina } from "../lib/dates.ts";
import { resolveTarget, type Target, type TargetInput, targetNameSql, targetScope } from "../inspections/target.ts";
import { getAssignment } from "../assignments/service.ts";
import { nextStep, STEP_LABEL, stepRefusal } from "./rules.ts";
import type { EscalationCreateInput } from "./schemas.ts";

const fieldError = (field: string, message: string) =>
  new AppError("validation_failed", message, { fields: [{ field, message }] });

const columns = {
  id: escalations.id,
  targetKind: escalations.targetKind,
  targetKey: escalations.targetKey,
  targetName: targetNameSql(escalations),
  townshipCode: escalations.townshipCode,
  period: escalations.period,
  step: escalations.step,
  problemId: escalations.problemId,
  date: escalations.date,
  record: escalations.record,
  outcome: escalations.outcome,
  assignmentId: escalations.assignmentId,
};
export type EscalationView = Awaited<ReturnType<typeof getEscalation>>;

export async function listEscalations(
  ctx: ServiceContext,
  f: PageParams & {
    period?: number | undefined;
    step?: EscalationStep | undefined;
    targetKind?: Target["targetKind"] | undefined;
  },
) {
  const where = and(
    targetScope(ctx, escalations),
    f.period ? eq(escalations.period, f.period) : undefined,
    f.step ? eq(escalations.step, f.step) : undefined,
    f.targetKind ? eq(escalations.targetKind, f.targetKind) : undefined,
  );
  const [items, total] = await Promise.all([
    ctx.db
      .select(columns)
      .from(escalations)
      .where(where)
      .orderBy(desc(escalations.date), desc(escalations.id))
      .limit(f.size)
      .offset(offsetOf(f))
      .all(),
    ctx.db.select({ n: count() }).from(escalations).where(where).get(),
  ]);
  return { items, total: total?.n ?? 0, page: f.page, size: f.size };
}

export async function getEscalation(ctx: ServiceContext, id: number) {
  const row = await ctx.db
    .select(columns)
    .from(escalations)
    .where(and(targetScope(ctx, escalations), eq(escalations.id, id)))
    .get();
  if (!row) throw new AppError("not_found", "没有这条通报约谈问责记录，或不在您的管辖范围内");
  return row;
}

/** A target's confirmed problems of the year (in date order) and the steps already taken. */
async function ladderOf(ctx: ServiceContext, target: Target, period: number) {
  const [problems, steps] = await Promise.all([
    ctx.d1
      .prepare(
        `SELECT p.id, i.date, p.description FROM inspection_problems p JOIN inspections i ON i.id = p.inspection_id
         WHERE i.target_key = ? AND substr(i.date, 1, 4) = ? AND p.status IN ('confirmed', 'rectified', 'closed')
         ORDER BY i.date, p.id`,
      )
      .bind(target.targetKey, String(period))
      .all<{ id: number; date: string; description: string }>(),
    ctx.db
      .select(columns)
      .from(escalations)
      .where(and(eq(escalations.targetKey, target.targetKey), eq(escalations.period, period)))
      .orderBy(escalations.id)
      .all(),
  ]);
  return { problems: problems.results, steps };
}

/** What the screen proposes: the next step of the ladder for this target and year, or why none. */
export async function proposal(ctx: ServiceContext, input: TargetInput & { period: number }) {
  const target = await resolveTarget(ctx, input);
  const { problems, steps } = await ladderOf(ctx, target, input.period);
  const next = nextStep(steps.length, problems.length);
  const active = target.targetCadreId
    ? await ctx.db
        .select({ id: assignments.id, villageName: villages.name, role: assignments.role })
        .from(assignments)
        .innerJoin(villages, eq(villages.id, assignments.villageId))
        .where(and(eq(assignments.cadreId, target.targetCadreId), eq(assignments.status, "active")))
        .all()
    : [];
  return {
    targetKind: target.targetKind,
    targetKey: target.targetKey,
    targetName: target.name,
    period: input.period,
    confirmedProblems: problems,
    steps,
    nextStep: next.step,
    reason: next.reason,
    activeAssignments: active,
  };
}

/**
 * Records the next step for a target. The step must be the next one (no skipping, no repeat) and
 * the target needs one more confirmed problem in the year than steps taken: checked here for a clear
 * message, and again inside the INSERT (with the unique index on target, year and step), so two
 * officers recording at once cannot both succeed. 召回 ends the cadre's assignment in the same batch.
 */
export async function recordEscalation(ctx: ServiceContext, input: EscalationCreateInput) {
  const target = await resolveTarget(ctx, input);
  const now = todayInChina(ctx.now() * 1000);
  if (input.date > now) throw fieldError("date", "日期不能晚于今天");
  if (input.period > Number(now.slice(0, 4))) throw fieldError("period", "年度不能晚于今年");
  const { problems, steps } = await ladderOf(ctx, target, input.period);
  const refusal = stepRefusal(input.step, steps.length, problems.length);
  if (refusal) throw new AppError("conflict", refusal);
  const index = ESCALATION_STEPS.indexOf(input.step);
  const grounding = problems[index]!;
  if (input.date < grounding.date) throw fieldError("date", `日期不能早于所依据问题的督查日期 ${grounding.date}`);

  let recall: Awaited<ReturnType<typeof getAssignment>> | null = null;
  if (input.outcome === "recall") {
    recall = await getAssignment(ctx, input.assignmentId!).catch(() => null);
    if (!recall || recall.cadreId !== target.targetCadreId || recall.status !== "active")
      throw fieldError("assignmentId", "请选择该干部在岗的驻村任务");
    if (input.date < recall.startDate) throw fieldError("date", `召回日期不能早于驻村开始日期 ${recall.startDate}`);
  }

  const values = {
    targetKind: target.targetKind,
    targetKey: target.targetKey,
    targetCadreId: target.targetCadreId,
    targetUnitId: target.targetUnitId,
    targetVillageId: target.targetVillageId,
    townshipCode: target.townshipCode,
    period: input.period,
    step: input.step,
    problemId: grounding.id,
    date: input.date,
    record: input.record,
    outcome: input.outcome ?? null,
    assignmentId: input.assignmentId ?? null,
    createdBy: ctx.user!.id,
  };
  const w = new AuditedWrite(ctx).guardedRaw(
    ctx.d1
      .prepare(
        `INSERT INTO escalations (target_kind, target_key, target_cadre_id, target_unit_id, target_village_id, township_code,
           period, step, problem_id, date, record, outcome, assignment_id, created_by)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14
         WHERE (SELECT count(*) FROM escalations WHERE target_key = ?2 AND period = ?7) = ?15
           AND (SELECT count(*) FROM inspection_problems p JOIN inspections i ON i.id = p.inspection_id
                WHERE i.target_key = ?2 AND substr(i.date, 1, 4) = ?16 AND p.status IN ('confirmed', 'rectified', 'closed')) > ?15`,
      )
      .bind(
        values.targetKind,
        values.targetKey,
        values.targetCadreId,
        values.targetUnitId,
        values.targetVillageId,
        values.townshipCode,
        values.period,
        values.step,
        values.problemId,
        values.date,
        values.record,
        values.outcome,
        values.assignmentId,
        values.createdBy,
        index,
        String(input.period),
      ),
    `${STEP_LABEL[input.step]}未能记录：该对象的通报约谈问责记录刚被他人更新，请刷新后重试`,
  );
  if (recall) {
    const end = {
      status: "recalled" as const,
      endDate: input.date,
      endReason: "unfit" as const,
      endNote: `问责召回：${input.record}`.slice(0, 500),
    };
    w.guarded(
      ctx.db
        .update(assignments)
        .set({ ...end, updatedAt: ctx.now() })
        .where(and(eq(assignments.id, recall.id), eq(assignments.status, "active"))),
      "该驻村任务已经结束，不能召回",
    ).audit({
      action: "assignment.end",
      entity: "assignment",
      entityId: recall.id,
      before: { status: recall.status },
      after: end,
    });
  }
  await w
    .audit({ action: "escalation.create", entity: "escalation", entityId: target.targetKey, after: values })
    .commit();
  const row = await ctx.db
    .select({ id: escalations.id })
    .from(escalations)
    .where(
      and(
        eq(escalations.targetKey, target.targetKey),
        eq(escalations.period, input.period),
        eq(escalations.step, input.step),
      ),
    )
    .get();
  return getEscalation(ctx, row!.id);
}
