import { and, asc, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import {
  assessmentConsequences,
  assessmentItems,
  assessmentScores,
  assessments,
  assessmentTemplates,
  type Grade,
  type TemplateRole,
  type VETO_CAPS,
} from "../../db/schema/tenant/assessment.ts";
import { cadres, units } from "../../db/schema/tenant/people.ts";
import { townships, villages } from "../../db/schema/tenant/places.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { assertTownshipInScope, scopeOf, type Scope } from "../domain/scope.ts";
import { offsetOf, type Page, type PageParams } from "../lib/paging.ts";
import { gradeRank, pointsOf, suggestedGrade, tightestCap, withinCap } from "../lib/grades.ts";
import { GRADE_LABELS, TEMPLATE_ROLE_LABELS } from "../../web/i18n/zh-CN.ts";
import { evidenceFor, type Subject } from "./evidence.ts";
import type { AssessmentCreateInput, AssessmentFilterInput, ScoreInputData } from "./schemas.ts";

const fieldError = (field: string, message: string) =>
  new AppError("validation_failed", message, { fields: [{ field, message }] });

const subjectName = sql<string>`coalesce(
  (SELECT name FROM cadres WHERE id = ${assessments.cadreId}),
  (SELECT name || '驻村工作队' FROM villages WHERE id = ${assessments.villageId}),
  (SELECT name FROM units WHERE id = ${assessments.unitId}),
  (SELECT name FROM townships WHERE code = ${assessments.townshipCode}), '')`;

/** Township officers: their township's assessments; a cadre: their own, never anyone else's. */
export function assessmentScope(scope: Scope): SQL | undefined {
  if (scope.kind === "township") return eq(assessments.townshipCode, scope.townshipCode);
  if (scope.kind === "cadre") return scope.cadreId == null ? sql`0` : eq(assessments.cadreId, scope.cadreId);
  return undefined;
}

const summaryColumns = {
  id: assessments.id,
  year: assessments.year,
  subjectKind: assessments.subjectKind,
  subjectName,
  cadreId: assessments.cadreId,
  villageId: assessments.villageId,
  unitId: assessments.unitId,
  townshipCode: assessments.townshipCode,
  status: assessments.status,
  grade: assessments.grade,
  score: assessments.score,
};

function whereOf(ctx: ServiceContext, f: AssessmentFilterInput): SQL | undefined {
  return and(
    assessmentScope(scopeOf(ctx.user!)),
    f.year ? eq(assessments.year, f.year) : undefined,
    f.subjectKind ? eq(assessments.subjectKind, f.subjectKind) : undefined,
    f.status ? eq(assessments.status, f.status) : undefined,
    f.cadreId ? eq(assessments.cadreId, f.cadreId) : undefined,
  );
}

export async function listAssessments(ctx: ServiceContext, f: AssessmentFilterInput & PageParams) {
  const where = whereOf(ctx, f);
  const [items, total] = await Promise.all([
    ctx.db
      .select(summaryColumns)
      .from(assessments)
      .where(where)
      .orderBy(desc(assessments.year), asc(assessments.subjectKind), asc(assessments.id))
      .limit(f.size)
      .offset(offsetOf(f))
      .all(),
    ctx.db.select({ n: count() }).from(assessments).where(where).get(),
  ]);
  return { items, total: total?.n ?? 0, page: f.page, size: f.size } satisfies Page<unknown>;
}
export type AssessmentSummaryView = Awaited<ReturnType<typeof listAssessments>>["items"][number];

export async function allAssessments(ctx: ServiceContext, f: AssessmentFilterInput) {
  return ctx.db
    .select({ ...summaryColumns, unitName: units.name, villageName: villages.name })
    .from(assessments)
    .leftJoin(units, eq(units.id, assessments.unitId))
    .leftJoin(villages, eq(villages.id, assessments.villageId))
    .where(whereOf(ctx, f))
    .orderBy(desc(assessments.year), asc(assessments.id))
    .limit(20_000)
    .all();
}

export interface Line {
  itemId: number;
  title: string;
  source: (typeof assessmentItems.$inferSelect)["source"];
  weight: number;
  vetoCap: (typeof VETO_CAPS)[number] | null;
  computed: boolean;
  value: number | null;
  detail: string;
  points: number | null;
  triggered: boolean;
  comment: string | null;
}

async function lines(ctx: ServiceContext, a: typeof assessments.$inferSelect): Promise<Line[]> {
  if (a.status === "county_signed" && a.evidence) return JSON.parse(a.evidence) as Line[];
  const [items, stored] = await Promise.all([
    ctx.db
      .select()
      .from(assessmentItems)
      .where(eq(assessmentItems.templateId, a.templateId))
      .orderBy(asc(assessmentItems.position))
      .all(),
    ctx.db.select().from(assessmentScores).where(eq(assessmentScores.assessmentId, a.id)).all(),
  ]);
  const subject: Subject = {
    kind: a.subjectKind,
    cadreId: a.cadreId,
    villageId: a.villageId,
    unitId: a.unitId,
    townshipCode: a.townshipCode,
  };
  return Promise.all(
    items.map(async (i): Promise<Line> => {
      const s = stored.find((x) => x.itemId === i.id);
      const ev = await evidenceFor(ctx, i.source, subject, a.year, i.target);
      const base = {
        itemId: i.id,
        title: i.title,
        source: i.source,
        weight: i.weight,
        vetoCap: i.vetoCap,
        comment: s?.comment ?? null,
      };
      if (i.vetoCap) {
        const auto = ev?.triggered ?? false;
        return {
          ...base,
          computed: ev !== null,
          value: ev?.value ?? null,
          detail: ev?.detail ?? (s ? "人工认定" : "待认定"),
          points: null,
          triggered: auto || (s?.triggered ?? false),
        };
      }
      if (ev && ev.ratioPermille !== null)
        return {
          ...base,
          computed: true,
          value: ev.value,
          detail: ev.detail,
          points: pointsOf(i.weight, ev.ratioPermille),
          triggered: false,
        };
      return {
        ...base,
        computed: false,
        value: ev?.value ?? null,
        detail: ev?.detail ?? (s ? "人工评分" : "待人工评分"),
        points: s?.points ?? null,
        triggered: false,
      };
    }),
  );
}

async function row(ctx: ServiceContext, id: number) {
  const a = await ctx.db
    .select()
    .from(assessments)
    .where(and(eq(assessments.id, id), assessmentScope(scopeOf(ctx.user!))))
    .get();
  if (!a) throw new AppError("not_found", "没有这项考核，或不在您的管辖范围内");
  return a;
}

export async function getAssessment(ctx: ServiceContext, id: number) {
  const a = await row(ctx, id);
  const [ls, name, consequences] = await Promise.all([
    lines(ctx, a),
    ctx.db.select({ name: subjectName }).from(assessments).where(eq(assessments.id, id)).get(),
    ctx.db
      .select({
        id: assessmentConsequences.id,
        kind: assessmentConsequences.kind,
        note: assessmentConsequences.note,
        assignmentId: assessmentConsequences.assignmentId,
      })
      .from(assessmentConsequences)
      .where(eq(assessmentConsequences.assessmentId, id))
      .orderBy(asc(assessmentConsequences.id))
      .all(),
  ]);
  const score = ls.reduce((n, l) => n + (l.points ?? 0), 0);
  const complete = ls.every((l) => l.vetoCap !== null || l.points !== null);
  const cap = tightestCap(ls.filter((l) => l.vetoCap && l.triggered).map((l) => l.vetoCap!));
  return {
    id: a.id,
    year: a.year,
    subjectKind: a.subjectKind,
    subjectName: name?.name ?? "",
    cadreId: a.cadreId,
    villageId: a.villageId,
    unitId: a.unitId,
    townshipCode: a.townshipCode,
    templateId: a.templateId,
    status: a.status,
    grade: a.grade,
    gradeNote: a.gradeNote,
    score: a.status === "county_signed" && a.score !== null ? a.score : score,
    complete,
    cap,
    suggestedGrade: suggestedGrade(score, cap),
    lines: ls,
    signatures: {
      village: { by: a.villageSignedBy, at: a.villageSignedAt, signer: a.villageSigner },
      township: { by: a.townshipSignedBy, at: a.townshipSignedAt },
      county: { by: a.countySignedBy, at: a.countySignedAt },
    },
    consequences,
  };
}
export type AssessmentView = Awaited<ReturnType<typeof getAssessment>>;

/** The year's first and last day, for assignment overlaps. */
const yearBounds = (year: number) => [`${year}-12-31`, `${year}-01-01`] as const;

/**
 * Opens a subject's assessment for a year against the county's list for the subject's role
 * (a cadre who was first secretary during the year is assessed on the first secretaries' list).
 */
export async function createAssessment(ctx: ServiceContext, input: AssessmentCreateInput): Promise<AssessmentView> {
  const scope = scopeOf(ctx.user!);
  let role: TemplateRole;
  let townshipCode: string | null = null;
  const values = { cadreId: null as number | null, villageId: null as number | null, unitId: null as number | null };
  const [last, first] = yearBounds(input.year);
  switch (input.subjectKind) {
    case "cadre": {
      const c = await ctx.db.select({ id: cadres.id }).from(cadres).where(eq(cadres.id, input.cadreId!)).get();
      if (!c) throw fieldError("cadreId", "没有这名干部");
      const a = await ctx.d1
        .prepare(
          `SELECT v.township_code AS townshipCode, max(a.role = 'first_secretary') AS fs FROM assignments a JOIN villages v ON v.id = a.village_id
           WHERE a.cadre_id = ?1 AND a.start_date <= ?2 AND (a.end_date IS NULL OR a.end_date >= ?3)
           GROUP BY v.township_code ORDER BY max(a.start_date) DESC LIMIT 1`,
        )
        .bind(c.id, last, first)
        .first<{ townshipCode: string; fs: number }>();
      if (!a) throw fieldError("cadreId", `该干部 ${input.year} 年度没有驻村任务，不能按驻村干部考核`);
      role = a.fs ? "first_secretary" : "team_member";
      townshipCode = a.townshipCode;
      values.cadreId = c.id;
      break;
    }
    case "team": {
      const v = await ctx.db
        .select({ id: villages.id, townshipCode: villages.townshipCode })
        .from(villages)
        .where(eq(villages.id, input.villageId!))
        .get();
      if (!v) throw fieldError("villageId", "没有这个村");
      role = "team";
      townshipCode = v.townshipCode;
      values.villageId = v.id;
      break;
    }
    case "unit": {
      const u = await ctx.db.select({ id: units.id }).from(units).where(eq(units.id, input.unitId!)).get();
      if (!u) throw fieldError("unitId", "没有这个单位");
      role = "unit";
      values.unitId = u.id;
      break;
    }
    case "township": {
      const t = await ctx.db
        .select({ code: townships.code })
        .from(townships)
        .where(eq(townships.code, input.townshipCode!))
        .get();
      if (!t) throw fieldError("townshipCode", "没有这个乡镇");
      role = "township";
      townshipCode = t.code;
      break;
    }
  }
  // A township officer opens assessments of their own township only; units are the county's.
  if (scope.kind === "township" && townshipCode !== scope.townshipCode)
    throw new AppError("not_found", "不在您的管辖范围内");
  const template = await ctx.db
    .select({ id: assessmentTemplates.id })
    .from(assessmentTemplates)
    .where(and(eq(assessmentTemplates.year, input.year), eq(assessmentTemplates.role, role)))
    .get();
  if (!template) throw new AppError("conflict", `请先制定 ${input.year} 年度“${TEMPLATE_ROLE_LABELS[role]}”考核清单`);
  const insert = {
    year: input.year,
    subjectKind: input.subjectKind,
    ...values,
    townshipCode,
    templateId: template.id,
    createdBy: ctx.user!.id,
  };
  const [rows] = (await new AuditedWrite(ctx)
    .add(ctx.db.insert(assessments).values(insert).returning({ id: assessments.id }))
    .audit({ action: "assessment.create", entity: "assessment", after: insert })
    .commit()) as [{ id: number }[]];
  return getAssessment(ctx, rows[0]!.id);
}

async function manageable(ctx: ServiceContext, id: number) {
  const a = await getAssessment(ctx, id);
  if (a.townshipCode) assertTownshipInScope(scopeOf(ctx.user!), a.townshipCode);
  return a;
}

const rankSql = (column: SQL) =>
  sql`(CASE ${column} WHEN 'excellent' THEN 3 WHEN 'competent' THEN 2 WHEN 'basically_competent' THEN 1 ELSE 0 END)`;

/**
 * A hand score (with its comment) or a 一票否决 finding. Only while the assessment is a draft: after
 * the village signs, the scores are what was signed. A finding that caps the grade below the one
 * already given clears that grade in the same batch.
 */
export async function scoreItem(ctx: ServiceContext, id: number, input: ScoreInputData): Promise<AssessmentView> {
  const a = await manageable(ctx, id);
  if (a.status !== "draft") throw new AppError("conflict", "考核已签署，不能再修改评分");
  const line = a.lines.find((l) => l.itemId === input.itemId);
  if (!line) throw fieldError("itemId", "本考核清单没有这个项目");
  let points: number | null = null;
  let triggered = false;
  if (line.vetoCap) {
    if (input.triggered === undefined) throw fieldError("triggered", "请选择是否触发一票否决");
    triggered = input.triggered;
  } else {
    if (line.computed) throw new AppError("conflict", `“${line.title}”由记录自动计算，不能人工评分`);
    if (input.points === undefined) throw fieldError("points", "请填写分数");
    if (input.points > line.weight) throw fieldError("points", `分数超出范围：本项 0–${line.weight} 分`);
    points = input.points;
  }
  const now = ctx.now();
  const w = new AuditedWrite(ctx).guardedRaw(
    ctx.d1
      .prepare(
        `INSERT INTO assessment_scores (assessment_id, item_id, points, triggered, comment, updated_by, updated_at)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE EXISTS (SELECT 1 FROM assessments WHERE id = ?1 AND status = 'draft')
         ON CONFLICT (assessment_id, item_id) DO UPDATE SET points = excluded.points, triggered = excluded.triggered,
           comment = excluded.comment, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      )
      .bind(id, input.itemId, points, triggered ? 1 : 0, input.comment, ctx.user!.id, now),
    "考核已签署，不能再修改评分",
  );
  if (triggered && line.vetoCap)
    w.add(
      ctx.db
        .update(assessments)
        .set({ grade: null, gradeNote: null, updatedAt: now })
        .where(
          and(
            eq(assessments.id, id),
            sql`${rankSql(sql`${assessments.grade}`)} > ${gradeRank(line.vetoCap)}`,
            sql`${assessments.grade} IS NOT NULL`,
          ),
        ),
    );
  await w
    .audit({
      action: "assessment.score",
      entity: "assessment",
      entityId: id,
      before: { points: line.points, triggered: line.triggered },
      after: { itemId: input.itemId, points, triggered, comment: input.comment },
    })
    .commit();
  return getAssessment(ctx, id);
}

/**
 * The grade: never above the tightest triggered 一票否决 cap — checked here with the computed
 * findings, and again inside the guarded UPDATE against the recorded ones (a finding recorded at
 * the same moment cannot slip past).
 */
export async function setGrade(ctx: ServiceContext, id: number, grade: Grade, note?: string): Promise<AssessmentView> {
  const a = await manageable(ctx, id);
  if (a.status !== "draft") throw new AppError("conflict", "考核已签署，不能再改等次");
  if (!withinCap(grade, a.cap)) {
    const items = a.lines.filter((l) => l.vetoCap && l.triggered).map((l) => l.title);
    throw new AppError(
      "conflict",
      `一票否决（${items.join("、")}）：最高只能评为“${GRADE_LABELS[a.cap!]}”，不能评为“${GRADE_LABELS[grade]}”`,
      { fields: [{ field: "grade", message: `最高只能评为${GRADE_LABELS[a.cap!]}` }] },
    );
  }
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(assessments)
        .set({ grade, gradeNote: note ?? null, updatedAt: ctx.now() })
        .where(
          and(
            eq(assessments.id, id),
            eq(assessments.status, "draft"),
            sql`NOT EXISTS (SELECT 1 FROM assessment_scores s JOIN assessment_items i ON i.id = s.item_id
              WHERE s.assessment_id = ${id} AND s.triggered = 1 AND ${rankSql(sql`i.veto_cap`)} < ${gradeRank(grade)})`,
          ),
        ),
      "一票否决项已认定或考核已签署，该等次不能评定；请刷新后重试",
    )
    .audit({
      action: "assessment.grade",
      entity: "assessment",
      entityId: id,
      before: { grade: a.grade },
      after: { grade, note },
    })
    .commit();
  return getAssessment(ctx, id);
}

/**
 * 三级考核 (seed 000): 村级评议 → 乡镇审核 → 县/区帮扶办审定, in order; nobody signs two levels of
 * the same assessment. The county's signature freezes the evidence and the score as signed.
 */
export async function sign(
  ctx: ServiceContext,
  id: number,
  level: "village" | "township" | "county",
  signer?: string,
): Promise<AssessmentView> {
  const a = await manageable(ctx, id);
  const me = ctx.user!.id;
  const now = ctx.now();
  let set: Partial<typeof assessments.$inferInsert>;
  let guard: SQL;
  let message: string;
  if (level === "village") {
    if (a.status !== "draft") throw new AppError("conflict", "村级评议已签署");
    if (!a.complete) throw new AppError("conflict", "还有项目没有评分，不能签署");
    if (!a.grade) throw new AppError("conflict", "请先评定等次");
    set = { status: "village_signed", villageSignedBy: me, villageSignedAt: now, villageSigner: signer ?? null };
    guard = sql`${assessments.status} = 'draft' AND ${assessments.grade} IS NOT NULL`;
    message = "村级评议已签署，或等次已被清除";
  } else if (level === "township") {
    if (a.status !== "village_signed") throw new AppError("conflict", "须先完成村级评议，且乡镇审核只签一次");
    if (a.signatures.village.by === me) throw new AppError("forbidden", "签署村级评议的人不能再签署乡镇审核");
    set = { status: "township_signed", townshipSignedBy: me, townshipSignedAt: now };
    guard = sql`${assessments.status} = 'village_signed' AND ${assessments.villageSignedBy} <> ${me}`;
    message = "乡镇审核已签署，请刷新";
  } else {
    if (a.status !== "township_signed") throw new AppError("conflict", "须先完成乡镇审核，且县级审定只签一次");
    if (a.signatures.township.by === me || a.signatures.village.by === me)
      throw new AppError("forbidden", "签署过村级或乡镇层级的人不能再作县级审定");
    if (!a.grade || !withinCap(a.grade, a.cap)) throw new AppError("conflict", "等次高于一票否决上限，不能审定");
    set = {
      status: "county_signed",
      countySignedBy: me,
      countySignedAt: now,
      score: a.score,
      evidence: JSON.stringify(a.lines),
    };
    guard = sql`${assessments.status} = 'township_signed' AND ${assessments.townshipSignedBy} <> ${me} AND ${assessments.villageSignedBy} <> ${me}`;
    message = "县级审定已签署，请刷新";
  }
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(assessments)
        .set({ ...set, updatedAt: now })
        .where(and(eq(assessments.id, id), guard)),
      message,
    )
    .audit({
      action: "assessment.sign",
      entity: "assessment",
      entityId: id,
      before: { status: a.status },
      after: { level, status: set.status, signer, grade: a.grade, score: a.score },
    })
    .commit();
  return getAssessment(ctx, id);
}
