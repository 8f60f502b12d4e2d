import type { ServiceContext } from "../domain/service-context.ts";
import { scopeOf } from "../domain/scope.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { satisfactionPermille } from "../lib/grades.ts";
import { todayInChina } from "../lib/dates.ts";
import type { OversightGrouping, OversightReportView, OversightRow } from "./schemas.ts";

type Figures = Omit<OversightRow, "key" | "name" | "satisfactionPermille"> & {
  satisfied: number;
  fairlySatisfied: number;
  dissatisfied: number;
};
const zero = (): Figures => ({
  excellent: 0,
  competent: 0,
  basicallyCompetent: 0,
  incompetent: 0,
  ungraded: 0,
  notices: 0,
  interviews: 0,
  accountabilities: 0,
  referrals: 0,
  problems: 0,
  open: 0,
  overdue: 0,
  rectified: 0,
  reviews: 0,
  ballots: 0,
  satisfied: 0,
  fairlySatisfied: 0,
  dissatisfied: 0,
});

/**
 * Per grouping, the SQL expression that names the row a record counts for. `?1` year, `?2` the
 * township a township officer is limited to (NULL: the whole county), `?3` today.
 */
const UNIT_OF_TARGET = "coalesce(x.target_unit_id, (SELECT unit_id FROM cadres WHERE id = x.target_cadre_id))";
const KEYS: Record<OversightGrouping, { grade: string; target: string; review: string }> = {
  township: {
    grade: "a.township_code",
    target: "x.township_code",
    review: "SELECT r.township_code AS k, r.id FROM reviews r",
  },
  unit: {
    grade: "(SELECT unit_id FROM cadres WHERE id = a.cadre_id)",
    target: UNIT_OF_TARGET,
    // A team's rating counts for every unit with a cadre resident in the village that year.
    review: `SELECT DISTINCT c.unit_id AS k, r.id FROM reviews r
      JOIN assignments s ON s.village_id = r.village_id AND s.start_date <= (r.year || '-12-31') AND (s.end_date IS NULL OR s.end_date >= (r.year || '-01-01'))
      JOIN cadres c ON c.id = s.cadre_id`,
  },
};

/**
 * 考核监督报表: the year's cadre grades, 通报/约谈/问责/移交纪委, inspection problems and team
 * review satisfaction, per township or per dispatching unit, counted from the records. Township
 * officers see their township only; cadres have no access (the route's permission).
 */
export async function oversightReport(
  ctx: ServiceContext,
  year: number | undefined,
  by: OversightGrouping,
): Promise<OversightReportView> {
  const scope = scopeOf(ctx.user!);
  if (scope.kind === "cadre") throw new AppError("forbidden", "干部不能查看考核监督报表");
  const today = todayInChina(ctx.now() * 1000);
  const y = year ?? Number(today.slice(0, 4));
  const township = scope.kind === "township" ? scope.townshipCode : null;
  const k = KEYS[by];
  const d1 = ctx.d1;
  const [grades, escalations, problems, reviews, names] = await d1.batch([
    d1
      .prepare(
        `SELECT ${k.grade} AS k,
           sum(a.status = 'county_signed' AND a.grade = 'excellent') AS excellent,
           sum(a.status = 'county_signed' AND a.grade = 'competent') AS competent,
           sum(a.status = 'county_signed' AND a.grade = 'basically_competent') AS basicallyCompetent,
           sum(a.status = 'county_signed' AND a.grade = 'incompetent') AS incompetent,
           sum(a.status <> 'county_signed') AS ungraded
         FROM assessments a WHERE a.year = ?1 AND a.subject_kind = 'cadre' AND (?2 IS NULL OR a.township_code = ?2) GROUP BY 1`,
      )
      .bind(y, township),
    d1
      .prepare(
        `SELECT ${k.target} AS k, sum(x.step = 'notice') AS notices, sum(x.step = 'interview') AS interviews,
           sum(x.step = 'accountability') AS accountabilities, sum(x.outcome = 'discipline_referral') AS referrals
         FROM escalations x WHERE x.period = ?1 AND (?2 IS NULL OR x.township_code = ?2) GROUP BY 1`,
      )
      .bind(y, township),
    // Problems found in the year's inspections; dismissed ones are not problems.
    d1
      .prepare(
        `SELECT ${k.target} AS k, sum(p.status <> 'dismissed') AS problems, sum(p.status IN ('open', 'confirmed')) AS open,
           sum(p.status IN ('open', 'confirmed') AND p.deadline < ?3) AS overdue, sum(p.status IN ('rectified', 'closed')) AS rectified
         FROM inspection_problems p JOIN inspections x ON x.id = p.inspection_id
         WHERE CAST(substr(x.date, 1, 4) AS INTEGER) = ?1 AND (?2 IS NULL OR x.township_code = ?2) GROUP BY 1`,
      )
      .bind(y, township, today),
    // Published 述职评议 of resident teams: paper ballots plus the QR codes used.
    d1
      .prepare(
        `SELECT g.k, count(*) AS reviews,
           sum(r.paper_satisfied + (SELECT count(*) FROM review_ballots b WHERE b.review_id = r.id AND b.rating = 'satisfied')) AS satisfied,
           sum(r.paper_fairly_satisfied + (SELECT count(*) FROM review_ballots b WHERE b.review_id = r.id AND b.rating = 'fairly_satisfied')) AS fairlySatisfied,
           sum(r.paper_dissatisfied + (SELECT count(*) FROM review_ballots b WHERE b.review_id = r.id AND b.rating = 'dissatisfied')) AS dissatisfied
         FROM (${k.review}) g JOIN reviews r ON r.id = g.id
         WHERE r.year = ?1 AND r.kind = 'team_report' AND r.status = 'published' AND (?2 IS NULL OR r.township_code = ?2)
         GROUP BY g.k`,
      )
      .bind(y, township),
    by === "township"
      ? d1.prepare("SELECT code AS k, name FROM townships WHERE (?1 IS NULL OR code = ?1) ORDER BY code").bind(township)
      : d1.prepare("SELECT id AS k, name FROM units ORDER BY name"),
  ]);
  const rows = new Map<string, Figures>();
  const slot = (key: unknown) => {
    const s = String(key);
    return rows.get(s) ?? rows.set(s, zero()).get(s)!;
  };
  const add = (result: D1Result | undefined) => {
    for (const r of (result?.results ?? []) as Record<string, unknown>[]) {
      if (r.k == null) continue;
      const f = slot(r.k) as unknown as Record<string, number>;
      for (const [name, v] of Object.entries(r)) if (name !== "k") f[name] = (f[name] ?? 0) + Number(v ?? 0);
    }
  };
  for (const r of [grades, escalations, problems, reviews]) add(r);
  const nameOf = new Map(
    ((names?.results ?? []) as { k: string | number; name: string }[]).map((r) => [String(r.k), r.name]),
  );
  // Every township of the scope is listed (zeros are news too); units only when they have records.
  if (by === "township") for (const code of nameOf.keys()) slot(code);
  const out: OversightRow[] = [...rows.entries()]
    .filter(([key]) => nameOf.has(key))
    .map(([key, f]) => {
      const { satisfied, fairlySatisfied, dissatisfied, ...rest } = f;
      return {
        key,
        name: nameOf.get(key)!,
        ...rest,
        ballots: satisfied + fairlySatisfied + dissatisfied,
        satisfactionPermille: satisfactionPermille({ satisfied, fairlySatisfied, dissatisfied }),
      };
    })
    .sort((a, b) => (by === "township" ? a.key.localeCompare(b.key) : a.name.localeCompare(b.name, "zh-CN")));
  return { year: y, by, rows: out };
}

export const OVERSIGHT_CSV_HEADER = [
  "名称",
  "优秀",
  "称职",
  "基本称职",
  "不称职",
  "未定等次",
  "通报",
  "约谈",
  "问责",
  "移交纪委",
  "督查问题",
  "未整改",
  "逾期未整改",
  "已整改",
  "述职评议场次",
  "评议票数",
  "满意率(%)",
] as const;

export const oversightCsvRows = (r: OversightReportView) =>
  r.rows.map((x) => [
    x.name,
    x.excellent,
    x.competent,
    x.basicallyCompetent,
    x.incompetent,
    x.ungraded,
    x.notices,
    x.interviews,
    x.accountabilities,
    x.referrals,
    x.problems,
    x.open,
    x.overdue,
    x.rectified,
    x.reviews,
    x.ballots,
    x.satisfactionPermille == null ? "" : (x.satisfactionPermille / 10).toFixed(1),
  ]);
