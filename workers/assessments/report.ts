import { z } from "@hono/zod-openapi";
import type { ServiceContext } from "../domain/service-context.ts";
import { scopeOf } from "../domain/scope.ts";

const Counts = z.object({
  name: z.string(),
  excellent: z.number().int(),
  competent: z.number().int(),
  basically_competent: z.number().int(),
  incompetent: z.number().int(),
  pending: z.number().int(),
});
export const GradeReport = z
  .object({ year: z.number().int(), byTownship: z.array(Counts), byUnit: z.array(Counts) })
  .openapi("AssessmentGradeReport");
export type GradeReportView = z.infer<typeof GradeReport>;

const COLUMNS = `sum(a.grade = 'excellent' AND a.status = 'county_signed') AS excellent,
  sum(a.grade = 'competent' AND a.status = 'county_signed') AS competent,
  sum(a.grade = 'basically_competent' AND a.status = 'county_signed') AS basically_competent,
  sum(a.grade = 'incompetent' AND a.status = 'county_signed') AS incompetent,
  sum(a.status <> 'county_signed') AS pending`;

/** Grades of cadre assessments of a year, by township and by dispatching unit (the reports' tables and charts). */
export async function gradeReport(ctx: ServiceContext, year: number): Promise<GradeReportView> {
  const scope = scopeOf(ctx.user!);
  const where =
    scope.kind === "township"
      ? "AND a.township_code = ?2"
      : scope.kind === "cadre"
        ? "AND a.cadre_id = ?2"
        : "AND ?2 IS NULL";
  const arg = scope.kind === "township" ? scope.townshipCode : scope.kind === "cadre" ? (scope.cadreId ?? -1) : null;
  const [byTownship, byUnit] = await ctx.d1.batch([
    ctx.d1
      .prepare(
        `SELECT coalesce(t.name, a.township_code) AS name, ${COLUMNS} FROM assessments a LEFT JOIN townships t ON t.code = a.township_code
         WHERE a.year = ?1 AND a.subject_kind = 'cadre' ${where} GROUP BY a.township_code ORDER BY a.township_code`,
      )
      .bind(year, arg),
    ctx.d1
      .prepare(
        `SELECT u.name AS name, ${COLUMNS} FROM assessments a JOIN cadres c ON c.id = a.cadre_id JOIN units u ON u.id = c.unit_id
         WHERE a.year = ?1 AND a.subject_kind = 'cadre' ${where} GROUP BY u.id ORDER BY u.name`,
      )
      .bind(year, arg),
  ]);
  return {
    year,
    byTownship: byTownship!.results as GradeReportView["byTownship"],
    byUnit: byUnit!.results as GradeReportView["byUnit"],
  };
}
