import type { ServiceContext } from "../domain/service-context.ts";
import { assessmentConsequences, type ConsequenceKind, type Grade } from "../../db/schema/tenant/assessment.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { endAssignment } from "../assignments/service.ts";
import { todayInChina } from "../lib/dates.ts";
import { CONSEQUENCE_KIND_LABELS, GRADE_LABELS } from "../../web/i18n/zh-CN.ts";
import { nominateFromAssessment } from "../reserve-pool/service.ts";
import { getAssessment, type AssessmentView } from "./service.ts";

/** Which grades each consequence follows from (seed 003: 评先评优 for the good, 通报批评 for the poor; recall for 不称职). */
const ALLOWED: Record<ConsequenceKind, readonly Grade[]> = {
  commendation: ["excellent", "competent"],
  excellence: ["excellent"],
  reserve_nomination: ["excellent"],
  criticism: ["basically_competent", "incompetent"],
  recall: ["incompetent"],
  term_extension: ["basically_competent", "incompetent"],
};

/**
 * Records what follows from a signed grade. A recall goes through the existing recall of
 * workers/assignments (the cadre's active assignments end as 召回, reason unfit), so its rules and
 * audit hold. A term extension (seed 003: 三年内没有完成帮扶任务的派出单位延长帮扶期限, 不脱贫就不脱钩)
 * needs the unit to have missed in each of the three years up to this one.
 */
export async function addConsequence(
  ctx: ServiceContext,
  id: number,
  kind: ConsequenceKind,
  note: string,
): Promise<AssessmentView> {
  const a = await getAssessment(ctx, id);
  if (a.status !== "county_signed") throw new AppError("conflict", "县级审定后才能登记考核结果运用");
  if (!ALLOWED[kind].includes(a.grade!))
    throw new AppError("conflict", `“${CONSEQUENCE_KIND_LABELS[kind]}”不适用于“${GRADE_LABELS[a.grade!]}”等次`);
  if (a.consequences.some((c) => c.kind === kind)) throw new AppError("conflict", "已经登记过这项结果运用");
  if ((kind === "recall" || kind === "reserve_nomination") && a.subjectKind !== "cadre")
    throw new AppError("conflict", "召回和推荐后备干部只适用于干部个人");
  let assignmentIds: number[] = [];
  if (kind === "term_extension") {
    if (a.subjectKind !== "unit") throw new AppError("conflict", "延长帮扶期限只适用于派出单位");
    const missed = await ctx.d1
      .prepare(
        `SELECT count(DISTINCT year) AS n FROM assessments WHERE subject_kind = 'unit' AND unit_id = ?1 AND status = 'county_signed'
         AND year BETWEEN ?2 - 2 AND ?2 AND grade IN ('basically_competent', 'incompetent')`,
      )
      .bind(a.unitId, a.year)
      .first<{ n: number }>();
    if ((missed?.n ?? 0) < 3)
      throw new AppError(
        "conflict",
        `延长帮扶期限须连续三年考核未完成帮扶任务（${a.year - 2}–${a.year} 年），目前 ${missed?.n ?? 0} 年`,
      );
  }
  if (kind === "recall") {
    const rows = await ctx.d1
      .prepare("SELECT id FROM assignments WHERE cadre_id = ? AND status = 'active' ORDER BY id")
      .bind(a.cadreId)
      .all<{ id: number }>();
    assignmentIds = rows.results.map((r) => r.id);
    if (assignmentIds.length === 0) throw new AppError("conflict", "该干部已没有在岗的驻村任务，无须召回");
    for (const assignmentId of assignmentIds)
      await endAssignment(ctx, assignmentId, {
        status: "recalled",
        date: todayInChina(),
        reason: "unfit",
        note: `年度考核不称职：${note}`,
      });
  }
  // 推荐纳入后备干部库 is a real nomination in the reserve pool (workers/reserve-pool), 公示 and all.
  if (kind === "reserve_nomination") await nominateFromAssessment(ctx, { id, cadreId: a.cadreId!, year: a.year }, note);
  await new AuditedWrite(ctx)
    .add(
      ctx.db.insert(assessmentConsequences).values({
        assessmentId: id,
        kind,
        note,
        assignmentId: assignmentIds[0] ?? null,
        createdBy: ctx.user!.id,
      }),
    )
    .audit({
      action: "assessment.consequence",
      entity: "assessment",
      entityId: id,
      after: { kind, note, assignmentIds },
    })
    .commit();
  return getAssessment(ctx, id);
}
