import { z } from "@hono/zod-openapi";
import type { ServiceContext } from "../domain/service-context.ts";
import type { EvidenceSource } from "../../db/schema/tenant/assessment.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { scopeOf } from "../domain/scope.ts";
import { teamInScope, unitInScope } from "../domain/subject-scope.ts";
import { satisfactionPermille } from "../lib/grades.ts";
import { todayInChina } from "../lib/dates.ts";
import { label, UNIT_KIND_LABELS, UNIT_LEVEL_LABELS } from "../../web/i18n/zh-CN.ts";
import { evidenceFor, type Subject } from "./evidence.ts";

const Int = z.number().int();
const Text = z.string();
const Maybe = z.string().nullable();

/** The evidence a year of a team's or unit's work is judged by (the same registry the assessments use). */
export const RECORD_SOURCES = [
  "resident_days",
  "visit_coverage",
  "diary_entries",
  "measures_done",
  "inspection_problems",
] as const satisfies readonly EvidenceSource[];

export const SubjectRecord = z
  .object({
    subject: z.object({
      kind: z.enum(["team", "unit"]),
      id: Int,
      name: Text,
      detail: Text,
      villageId: Int.nullable(),
      villageCode: Maybe,
      unitId: Int.nullable(),
    }),
    /** Whether the yearly evidence (a county-wide aggregate for a unit) is shown to this user. */
    evidenceShown: z.boolean(),
    assignments: z.array(
      z.object({
        id: Int,
        cadreId: Int,
        cadreName: Text,
        unitName: Text,
        villageId: Int,
        villageName: Text,
        role: Text,
        status: Text,
        startDate: Text,
        endDate: Maybe,
        confirmedDays: Int,
      }),
    ),
    years: z.array(
      z.object({
        year: Int,
        evidence: z.array(z.object({ source: Text, detail: Text, ratioPermille: Int.nullable() })),
      }),
    ),
    pairings: z.array(z.object({ kind: Text, active: Int, total: Int })),
    letters: z.array(
      z.object({
        id: Int,
        unitName: Text,
        villageName: Text,
        termStartYear: Int,
        termEndYear: Int,
        signedDate: Text,
        measures: Int,
        measuresDone: Int,
      }),
    ),
    inspections: z.array(
      z.object({
        id: Int,
        date: Text,
        kind: Text,
        targetKind: Text,
        findings: Text,
        problems: Int,
        open: Int,
        overdue: Int,
        rectified: Int,
      }),
    ),
    escalations: z.array(
      z.object({ id: Int, period: Int, step: Text, date: Text, targetKind: Text, outcome: Maybe, record: Text }),
    ),
    reviews: z.array(
      z.object({
        id: Int,
        year: Int,
        kind: Text,
        villageName: Text,
        status: Text,
        ballots: Int,
        satisfactionPermille: Int.nullable(),
      }),
    ),
    assessments: z.array(
      z.object({
        id: Int,
        year: Int,
        status: Text,
        grade: Maybe,
        score: Int.nullable(),
        consequences: z.array(Text),
      }),
    ),
  })
  .openapi("SubjectRecord");
export type SubjectRecordView = z.infer<typeof SubjectRecord>;

const NOT_FOUND_TEAM = "没有这支驻村工作队，或不在您的管辖范围内";
const NOT_FOUND_UNIT = "没有这个派出单位，或不在您的管辖范围内";

/**
 * The SQL pieces that say whose records belong to the subject. `?1` is the subject's id, `?2` the
 * township a township officer is limited to (NULL for everyone else), `?3` today.
 */
interface Parts {
  assignments: string;
  pairings: string;
  letters: string;
  /** On inspections `i` and escalations `i` alike (same target columns). */
  target: string;
  reviews: string;
  assessments: string;
  /** On visits `w`: the 帮扶日志 that count for the subject. */
  visits: string;
}
const inTownship = (villageCol: string) =>
  `(?2 IS NULL OR ${villageCol} IN (SELECT id FROM villages WHERE township_code = ?2))`;

const TEAM: Parts = {
  assignments: "a.village_id = ?1",
  pairings: "(p.village_id = ?1 OR p.household_id IN (SELECT id FROM households WHERE village_id = ?1))",
  letters: "l.village_id = ?1",
  target: "i.target_village_id = ?1",
  reviews: "r.village_id = ?1 AND r.kind = 'team_report'",
  assessments: "x.subject_kind = 'team' AND x.village_id = ?1",
  visits: "w.village_id = ?1",
};
const UNIT_CADRES = "(SELECT id FROM cadres WHERE unit_id = ?1)";
const UNIT: Parts = {
  assignments: `c.unit_id = ?1 AND ${inTownship("a.village_id")}`,
  pairings: `(p.helper_unit_id = ?1 OR p.helper_cadre_id IN ${UNIT_CADRES})
    AND ${inTownship("coalesce(p.village_id, (SELECT village_id FROM households h WHERE h.id = p.household_id))")}`,
  letters: `l.unit_id = ?1 AND ${inTownship("l.village_id")}`,
  target: `(i.target_unit_id = ?1 OR i.target_cadre_id IN ${UNIT_CADRES}) AND (?2 IS NULL OR i.township_code = ?2)`,
  reviews: `r.kind = 'team_report' AND r.village_id IN (SELECT a.village_id FROM assignments a WHERE a.cadre_id IN ${UNIT_CADRES})
    AND ${inTownship("r.village_id")}`,
  // A unit's own assessment is the county's (it has no township): a township officer sees none.
  assessments: "x.subject_kind = 'unit' AND x.unit_id = ?1 AND (?2 IS NULL OR x.township_code = ?2)",
  visits: `w.cadre_id IN ${UNIT_CADRES} AND ${inTownship("w.village_id")}`,
};

/** 驻村工作队 (a village's resident team, named by the village id, as inspections name it). */
export async function teamRecord(ctx: ServiceContext, villageId: number): Promise<SubjectRecordView> {
  const v = await ctx.d1
    .prepare(
      `SELECT v.id, v.name, v.code, v.township_code AS townshipCode, coalesce(t.name, v.township_code) AS townshipName
       FROM villages v LEFT JOIN townships t ON t.code = v.township_code WHERE v.id = ?`,
    )
    .bind(villageId)
    .first<{ id: number; name: string; code: string; townshipCode: string; townshipName: string }>();
  if (!v || !(await teamInScope(ctx, v))) throw new AppError("not_found", NOT_FOUND_TEAM);
  const subject = {
    kind: "team" as const,
    id: v.id,
    name: `${v.name}驻村工作队`,
    detail: `${v.townshipName} · ${v.code}`,
    villageId: v.id,
    villageCode: v.code,
    unitId: null,
  };
  const evidenceSubject: Subject = { kind: "team", cadreId: null, villageId: v.id, unitId: null, townshipCode: null };
  return gather(ctx, subject, TEAM, null, evidenceSubject);
}

/** 派出单位: county users and auditors see all of it; a township officer the part in their township; cadres none. */
export async function unitRecord(ctx: ServiceContext, unitId: number): Promise<SubjectRecordView> {
  const scope = scopeOf(ctx.user!);
  const u = await ctx.d1
    .prepare("SELECT id, name, kind, level FROM units WHERE id = ?")
    .bind(unitId)
    .first<{ id: number; name: string; kind: string; level: string }>();
  const township = scope.kind === "township" ? scope.townshipCode : null;
  if (!u || !(await unitInScope(ctx, u.id))) throw new AppError("not_found", NOT_FOUND_UNIT);
  const detail = `${label(UNIT_LEVEL_LABELS, u.level)}${label(UNIT_KIND_LABELS, u.kind)}`;
  const subject = {
    kind: "unit" as const,
    id: u.id,
    name: u.name,
    detail,
    villageId: null,
    villageCode: null,
    unitId: u.id,
  };
  // The yearly evidence of a unit counts all its villages: only for those who see the whole county.
  const evidenceSubject: Subject | null =
    township === null ? { kind: "unit", cadreId: null, villageId: null, unitId: u.id, townshipCode: null } : null;
  return gather(ctx, subject, UNIT, township, evidenceSubject);
}

async function gather(
  ctx: ServiceContext,
  subject: SubjectRecordView["subject"],
  parts: Parts,
  township: string | null,
  evidenceSubject: Subject | null,
): Promise<SubjectRecordView> {
  const d1 = ctx.d1;
  const today = todayInChina(ctx.now() * 1000);
  const q = (text: string) => {
    // Bind only the numbered parameters the statement uses (D1 refuses extra ones).
    const max = Math.max(1, ...[...text.matchAll(/\?(\d)/g)].map((m) => Number(m[1])));
    return d1.prepare(text).bind(...[subject.id, township, today].slice(0, max));
  };
  const [assignments, pairings, letters, inspections, escalations, reviews, assessments, years] = await d1.batch([
    q(`SELECT a.id, a.cadre_id AS cadreId, c.name AS cadreName, u.name AS unitName, a.village_id AS villageId, v.name AS villageName,
         a.role, a.status, a.start_date AS startDate, a.end_date AS endDate,
         coalesce((SELECT sum(days) FROM attendance t WHERE t.assignment_id = a.id AND t.status = 'confirmed'), 0) AS confirmedDays
       FROM assignments a JOIN cadres c ON c.id = a.cadre_id JOIN units u ON u.id = c.unit_id JOIN villages v ON v.id = a.village_id
       WHERE ${parts.assignments} ORDER BY a.status <> 'active', a.start_date DESC, a.id DESC LIMIT 200`),
    q(`SELECT p.kind, sum(p.status = 'active') AS active, count(*) AS total FROM pairings p
       WHERE ${parts.pairings} GROUP BY p.kind ORDER BY p.kind`),
    q(`SELECT l.id, u.name AS unitName, v.name AS villageName, l.term_start_year AS termStartYear, l.term_end_year AS termEndYear,
         l.signed_date AS signedDate,
         (SELECT count(*) FROM letter_measures m WHERE m.letter_id = l.id) AS measures,
         (SELECT count(*) FROM letter_measures m WHERE m.letter_id = l.id AND m.status = 'completed') AS measuresDone
       FROM responsibility_letters l JOIN units u ON u.id = l.unit_id JOIN villages v ON v.id = l.village_id
       WHERE ${parts.letters} ORDER BY l.term_start_year DESC, l.id DESC LIMIT 100`),
    q(`SELECT i.id, i.date, i.kind, i.target_kind AS targetKind, substr(i.findings, 1, 80) AS findings,
         (SELECT count(*) FROM inspection_problems p WHERE p.inspection_id = i.id AND p.status <> 'dismissed') AS problems,
         (SELECT count(*) FROM inspection_problems p WHERE p.inspection_id = i.id AND p.status IN ('open', 'confirmed')) AS open,
         (SELECT count(*) FROM inspection_problems p WHERE p.inspection_id = i.id AND p.status IN ('open', 'confirmed') AND p.deadline < ?3) AS overdue,
         (SELECT count(*) FROM inspection_problems p WHERE p.inspection_id = i.id AND p.status IN ('rectified', 'closed')) AS rectified
       FROM inspections i WHERE ${parts.target} ORDER BY i.date DESC, i.id DESC LIMIT 100`),
    q(`SELECT i.id, i.period, i.step, i.date, i.target_kind AS targetKind, i.outcome, substr(i.record, 1, 80) AS record
       FROM escalations i WHERE ${parts.target} ORDER BY i.date DESC, i.id DESC LIMIT 100`),
    q(`SELECT r.id, r.year, r.kind, v.name AS villageName, r.status,
         r.paper_satisfied + (SELECT count(*) FROM review_ballots b WHERE b.review_id = r.id AND b.rating = 'satisfied') AS s,
         r.paper_fairly_satisfied + (SELECT count(*) FROM review_ballots b WHERE b.review_id = r.id AND b.rating = 'fairly_satisfied') AS f,
         r.paper_dissatisfied + (SELECT count(*) FROM review_ballots b WHERE b.review_id = r.id AND b.rating = 'dissatisfied') AS d
       FROM reviews r JOIN villages v ON v.id = r.village_id
       WHERE ${parts.reviews} ORDER BY r.year DESC, r.meeting_date DESC LIMIT 50`),
    q(`SELECT x.id, x.year, x.status, x.grade, x.score,
         (SELECT json_group_array(kind) FROM assessment_consequences c WHERE c.assessment_id = x.id) AS consequences
       FROM assessments x WHERE ${parts.assessments} ORDER BY x.year DESC`),
    // The years with recorded work: confirmed days, visits, inspections or an assessment.
    q(`SELECT DISTINCT y FROM (
         SELECT CAST(substr(t.month, 1, 4) AS INTEGER) AS y FROM attendance t JOIN assignments a ON a.id = t.assignment_id
           JOIN cadres c ON c.id = a.cadre_id WHERE t.status = 'confirmed' AND ${parts.assignments}
         UNION SELECT CAST(substr(w.visit_date, 1, 4) AS INTEGER) FROM visits w WHERE ${parts.visits}
         UNION SELECT CAST(substr(i.date, 1, 4) AS INTEGER) FROM inspections i WHERE ${parts.target}
         UNION SELECT x.year FROM assessments x WHERE ${parts.assessments})
       ORDER BY y DESC LIMIT 3`),
  ]);
  const rows = <T>(r: D1Result | undefined) => (r?.results ?? []) as T[];
  const yearList = rows<{ y: number }>(years).map((r) => r.y);
  const evidence = evidenceSubject
    ? await Promise.all(
        yearList.map(async (year) => ({
          year,
          evidence: await Promise.all(
            RECORD_SOURCES.map(async (source) => {
              const e = await evidenceFor(ctx, source, evidenceSubject, year, null);
              return { source, detail: e?.detail ?? "", ratioPermille: e?.ratioPermille ?? null };
            }),
          ),
        })),
      )
    : [];
  return {
    subject,
    evidenceShown: evidenceSubject !== null,
    assignments: rows(assignments),
    years: evidence,
    pairings: rows(pairings),
    letters: rows(letters),
    inspections: rows(inspections),
    escalations: rows(escalations),
    reviews: rows<Record<string, unknown>>(reviews).map((r) => {
      const t = { satisfied: r.s as number, fairlySatisfied: r.f as number, dissatisfied: r.d as number };
      return {
        id: r.id as number,
        year: r.year as number,
        kind: r.kind as string,
        villageName: r.villageName as string,
        status: r.status as string,
        ballots: t.satisfied + t.fairlySatisfied + t.dissatisfied,
        satisfactionPermille: satisfactionPermille(t),
      };
    }),
    assessments: rows<Record<string, unknown>>(assessments).map((a) => ({
      id: a.id as number,
      year: a.year as number,
      status: a.status as string,
      grade: (a.grade as string | null) ?? null,
      score: (a.score as number | null) ?? null,
      consequences: JSON.parse((a.consequences as string) || "[]") as string[],
    })),
  };
}
