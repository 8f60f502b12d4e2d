import { z } from "@hono/zod-openapi";
import type { ServiceContext } from "../domain/service-context.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { scopeOf } from "../domain/scope.ts";
import { satisfactionPermille } from "../lib/grades.ts";
import { evidenceFor } from "./evidence.ts";

const Int = z.number().int();
export const CadreRecord = z
  .object({
    cadre: z.object({
      id: Int,
      name: z.string(),
      unitName: z.string(),
      position: z.string().nullable(),
      rank: z.string().nullable(),
    }),
    assignments: z.array(
      z.object({
        id: Int,
        villageName: z.string(),
        townshipCode: z.string(),
        role: z.string(),
        status: z.string(),
        startDate: z.string(),
        endDate: z.string().nullable(),
        confirmedDays: Int,
      }),
    ),
    years: z.array(
      z.object({ year: Int, confirmedDays: Int, visits: Int, coverage: z.string(), coveragePermille: Int.nullable() }),
    ),
    pairings: z.array(z.object({ kind: z.string(), active: Int, total: Int })),
    reviews: z.array(
      z.object({
        id: Int,
        year: Int,
        kind: z.string(),
        subjectName: z.string(),
        villageName: z.string(),
        status: z.string(),
        ballots: Int,
        satisfactionPermille: Int.nullable(),
      }),
    ),
    assessments: z.array(
      z.object({
        id: Int,
        year: Int,
        status: z.string(),
        grade: z.string().nullable(),
        score: Int.nullable(),
        consequences: z.array(z.string()),
      }),
    ),
    /** 后备干部: this cadre's own nominations (墩苗, 推荐, 考核优秀), their status and outcome. */
    reserves: z.array(
      z.object({
        id: Int,
        poolKind: z.string(),
        source: z.string(),
        status: z.string(),
        outcome: z.string().nullable(),
        outcomeDate: z.string().nullable(),
        nominatedOn: z.string(),
      }),
    ),
  })
  .openapi("CadreRecord");
export type CadreRecordView = z.infer<typeof CadreRecord>;

/**
 * 一人一档: everything recorded about one cadre. Cadres see only their own; township officers the
 * cadres who served in their township; letters, inspections, escalations and tests join when their
 * modules land.
 */
export async function cadreRecord(ctx: ServiceContext, cadreId: number): Promise<CadreRecordView> {
  const scope = scopeOf(ctx.user!);
  const d1 = ctx.d1;
  const cadre = await d1
    .prepare(
      "SELECT c.id, c.name, u.name AS unitName, c.position, c.rank FROM cadres c JOIN units u ON u.id = c.unit_id WHERE c.id = ?",
    )
    .bind(cadreId)
    .first<CadreRecordView["cadre"]>();
  const inScope =
    cadre &&
    (scope.kind === "all" ||
      (scope.kind === "cadre" && scope.cadreId === cadreId) ||
      (scope.kind === "township" &&
        (await d1
          .prepare(
            "SELECT 1 AS ok FROM assignments a JOIN villages v ON v.id = a.village_id WHERE a.cadre_id = ? AND v.township_code = ? LIMIT 1",
          )
          .bind(cadreId, scope.townshipCode)
          .first())));
  if (!inScope) throw new AppError("not_found", "没有这名干部，或不在您的管辖范围内");
  const [assignments, days, visits, pairings, reviews, assessments, reserves] = await d1.batch([
    d1
      .prepare(
        `SELECT a.id, v.name AS villageName, v.township_code AS townshipCode, a.role, a.status, a.start_date AS startDate, a.end_date AS endDate,
          coalesce((SELECT sum(days) FROM attendance t WHERE t.assignment_id = a.id AND t.status = 'confirmed'), 0) AS confirmedDays
         FROM assignments a JOIN villages v ON v.id = a.village_id WHERE a.cadre_id = ? ORDER BY a.start_date DESC`,
      )
      .bind(cadreId),
    d1
      .prepare(
        `SELECT CAST(substr(t.month, 1, 4) AS INTEGER) AS year, sum(t.days) AS days FROM attendance t JOIN assignments a ON a.id = t.assignment_id
         WHERE a.cadre_id = ? AND t.status = 'confirmed' GROUP BY year`,
      )
      .bind(cadreId),
    d1
      .prepare(
        "SELECT CAST(substr(visit_date, 1, 4) AS INTEGER) AS year, count(*) AS n FROM visits WHERE cadre_id = ? GROUP BY year",
      )
      .bind(cadreId),
    d1
      .prepare(
        "SELECT kind, sum(status = 'active') AS active, count(*) AS total FROM pairings WHERE helper_cadre_id = ? GROUP BY kind ORDER BY kind",
      )
      .bind(cadreId),
    d1
      .prepare(
        `SELECT r.id, r.year, r.kind, r.subject_name AS subjectName, v.name AS villageName, r.status,
          r.paper_satisfied + (SELECT count(*) FROM review_ballots b WHERE b.review_id = r.id AND b.rating = 'satisfied') AS s,
          r.paper_fairly_satisfied + (SELECT count(*) FROM review_ballots b WHERE b.review_id = r.id AND b.rating = 'fairly_satisfied') AS f,
          r.paper_dissatisfied + (SELECT count(*) FROM review_ballots b WHERE b.review_id = r.id AND b.rating = 'dissatisfied') AS d
         FROM reviews r JOIN villages v ON v.id = r.village_id
         WHERE r.subject_cadre_id = ?1 OR (r.kind = 'team_report' AND r.village_id IN (SELECT village_id FROM assignments WHERE cadre_id = ?1))
         ORDER BY r.year DESC, r.meeting_date DESC LIMIT 50`,
      )
      .bind(cadreId),
    d1
      .prepare(
        `SELECT a.id, a.year, a.status, a.grade, a.score,
          (SELECT json_group_array(kind) FROM assessment_consequences c WHERE c.assessment_id = a.id) AS consequences
         FROM assessments a WHERE a.cadre_id = ? ORDER BY a.year DESC`,
      )
      .bind(cadreId),
    // Only nominations naming this cadre: the pool itself stays with reserves.read (not a cadre's).
    d1
      .prepare(
        `SELECT id, pool_kind AS poolKind, source, status, outcome, outcome_date AS outcomeDate,
          date(created_at, 'unixepoch', '+8 hours') AS nominatedOn
         FROM reserve_nominations WHERE cadre_id = ? ORDER BY created_at DESC, id DESC LIMIT 20`,
      )
      .bind(cadreId),
  ]);
  const yearsSet = new Set<number>();
  const dayBy = new Map<number, number>();
  const visitBy = new Map<number, number>();
  for (const r of days!.results as { year: number; days: number }[]) {
    yearsSet.add(r.year);
    dayBy.set(r.year, r.days);
  }
  for (const r of visits!.results as { year: number; n: number }[]) {
    yearsSet.add(r.year);
    visitBy.set(r.year, r.n);
  }
  const years = await Promise.all(
    [...yearsSet]
      .sort((a, b) => b - a)
      .slice(0, 5)
      .map(async (year) => {
        const cov = await evidenceFor(
          ctx,
          "visit_coverage",
          { kind: "cadre", cadreId, villageId: null, unitId: null, townshipCode: null },
          year,
          null,
        );
        return {
          year,
          confirmedDays: dayBy.get(year) ?? 0,
          visits: visitBy.get(year) ?? 0,
          coverage: cov?.detail ?? "",
          coveragePermille: cov?.ratioPermille ?? null,
        };
      }),
  );
  return {
    cadre: cadre!,
    assignments: assignments!.results as CadreRecordView["assignments"],
    years,
    pairings: pairings!.results as CadreRecordView["pairings"],
    reviews: (reviews!.results as Record<string, unknown>[]).map((r) => {
      const t = { satisfied: r.s as number, fairlySatisfied: r.f as number, dissatisfied: r.d as number };
      return {
        id: r.id as number,
        year: r.year as number,
        kind: r.kind as string,
        subjectName: r.subjectName as string,
        villageName: r.villageName as string,
        status: r.status as string,
        ballots: t.satisfied + t.fairlySatisfied + t.dissatisfied,
        satisfactionPermille: satisfactionPermille(t),
      };
    }),
    assessments: (assessments!.results as Record<string, unknown>[]).map((a) => ({
      id: a.id as number,
      year: a.year as number,
      status: a.status as string,
      grade: (a.grade as string | null) ?? null,
      score: (a.score as number | null) ?? null,
      consequences: JSON.parse((a.consequences as string) || "[]") as string[],
    })),
    reserves: reserves!.results as CadreRecordView["reserves"],
  };
}
