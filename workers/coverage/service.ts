import type { ServiceContext } from "../domain/service-context.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { addDays, todayInChina } from "../lib/dates.ts";
import { scopeOf } from "../domain/scope.ts";
import { getSettings, type Settings } from "../settings/service.ts";
import { COVERAGE_GAP_LABELS } from "../../web/i18n/zh-CN.ts";
import { LEAVE_COUNTS, LEAVE_EFFECTIVE_END } from "../check-ins/leave-days.ts";

/**
 * The coverage report: what the seeds demand and the registry does not yet show, computed live
 * with one aggregate statement per gap (no per-village or per-cadre queries).
 */
export const GAPS = [
  "no_first_secretary",
  "understaffed",
  "household_without_cadre",
  "cadre_over_cap",
  "cadre_no_recent_visit",
  "cadre_long_absent",
  "no_secretary_reserve",
] as const;
export type Gap = (typeof GAPS)[number];

/** zh-CN names of the gaps (the dictionary in web/i18n/zh-CN.ts). */
export const GAP_LABELS: Record<Gap, string> = COVERAGE_GAP_LABELS;
export const GAP_ENTITY: Record<Gap, "village" | "household" | "cadre"> = {
  no_first_secretary: "village",
  understaffed: "village",
  household_without_cadre: "household",
  cadre_over_cap: "cadre",
  cadre_no_recent_visit: "cadre",
  cadre_long_absent: "cadre",
  no_secretary_reserve: "village",
};

const POOR_VILLAGE = `EXISTS (SELECT 1 FROM json_each(v.tags) WHERE value IN ('poor', 'deeply_poor'))`;
/** Where each working cadre works: villages of active assignments and of active household pairings. */
const CADRE_PLACES = `cadre_places AS (
  SELECT a.cadre_id, v.township_code FROM assignments a JOIN villages v ON v.id = a.village_id WHERE a.status = 'active'
  UNION SELECT p.helper_cadre_id, v.township_code FROM pairings p JOIN households h ON h.id = p.household_id JOIN villages v ON v.id = h.village_id
        WHERE p.kind = 'cadre_household' AND p.status = 'active')`;

/**
 * Each gap as rows of (id, name, village_code, village_name, township_code, value, extra).
 * ?1 is the township code or NULL for all; ?2 the gap's threshold.
 */
const GAP_SQL: Record<Gap, { with?: string; sql: string }> = {
  no_first_secretary: {
    sql: `SELECT v.id, v.name, v.code AS village_code, v.name AS village_name, v.township_code, NULL AS value, NULL AS extra FROM villages v
      WHERE ${POOR_VILLAGE}
        AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.village_id = v.id AND a.role = 'first_secretary' AND a.status = 'active')
        AND (?1 IS NULL OR v.township_code = ?1) AND ?2 IS NOT NULL`,
  },
  // Villages that should have a resident team: poor villages, and villages that have one at all.
  understaffed: {
    sql: `SELECT v.id, v.name, v.code AS village_code, v.name AS village_name, v.township_code, coalesce(r.n, 0) AS value, NULL AS extra FROM villages v
      LEFT JOIN (SELECT village_id, count(*) AS n FROM assignments WHERE status = 'active' AND role IN ('first_secretary', 'team_leader', 'team_member') GROUP BY village_id) r ON r.village_id = v.id
      WHERE coalesce(r.n, 0) < ?2 AND (r.n > 0 OR ${POOR_VILLAGE}) AND (?1 IS NULL OR v.township_code = ?1)`,
  },
  household_without_cadre: {
    sql: `SELECT h.id, h.head_name AS name, v.code AS village_code, v.name AS village_name, v.township_code, NULL AS value, h.status AS extra FROM households h
      JOIN villages v ON v.id = h.village_id
      WHERE h.status IN ('poor', 'monitored')
        AND NOT EXISTS (SELECT 1 FROM pairings p WHERE p.household_id = h.id AND p.kind = 'cadre_household' AND p.status = 'active')
        AND (?1 IS NULL OR v.township_code = ?1) AND ?2 IS NOT NULL`,
  },
  cadre_over_cap: {
    with: CADRE_PLACES,
    sql: `SELECT c.id, c.name, NULL AS village_code, NULL AS village_name, cp.township_code, l.n AS value, u.name AS extra
      FROM (SELECT helper_cadre_id AS cadre_id, count(*) AS n FROM pairings WHERE kind = 'cadre_household' AND status = 'active' GROUP BY helper_cadre_id HAVING count(*) > ?2) l
      JOIN cadres c ON c.id = l.cadre_id LEFT JOIN units u ON u.id = c.unit_id JOIN cadre_places cp ON cp.cadre_id = c.id
      WHERE (?1 IS NULL OR cp.township_code = ?1)`,
  },
  cadre_no_recent_visit: {
    with: CADRE_PLACES,
    sql: `SELECT c.id, c.name, NULL AS village_code, NULL AS village_name, cp.township_code, (SELECT max(visit_date) FROM visits WHERE cadre_id = c.id) AS value, u.name AS extra
      FROM cadres c LEFT JOIN units u ON u.id = c.unit_id JOIN cadre_places cp ON cp.cadre_id = c.id
      WHERE NOT EXISTS (SELECT 1 FROM visits vi WHERE vi.cadre_id = c.id AND vi.visit_date >= ?2) AND (?1 IS NULL OR cp.township_code = ?1)`,
  },
  // 长期不在岗 (seed 001: 3 cadres replaced for it): an active resident assignment running for the
  // whole window without a check-in since ?2, and no approved leave reaching into that window.
  // One row per assignment; the value is the last check-in day (null: never checked in).
  cadre_long_absent: {
    sql: `SELECT c.id, c.name, v.code AS village_code, v.name AS village_name, v.township_code,
        (SELECT max(ci.day) FROM check_ins ci WHERE ci.assignment_id = a.id) AS value, u.name AS extra
      FROM assignments a JOIN cadres c ON c.id = a.cadre_id JOIN villages v ON v.id = a.village_id LEFT JOIN units u ON u.id = c.unit_id
      WHERE a.status = 'active' AND a.start_date <= ?2
        AND NOT EXISTS (SELECT 1 FROM check_ins ci WHERE ci.assignment_id = a.id AND ci.day > ?2)
        AND NOT EXISTS (SELECT 1 FROM leaves l WHERE l.assignment_id = a.id AND ${LEAVE_COUNTS}
              AND ${LEAVE_EFFECTIVE_END} > ?2 AND l.start_date <= date('now', '+8 hours'))
        AND (?1 IS NULL OR v.township_code = ?1)`,
  },
  // 每村储备 1–2 名村党组织书记后备人员 (seed 001): villages with fewer than ?2 secretary reserves in
  // training (培养中, i.e. noticed without an upheld objection). The value is how many nominations are
  // still on their way (提名 or 公示中), which may close the gap soon.
  no_secretary_reserve: {
    sql: `SELECT v.id, v.name, v.code AS village_code, v.name AS village_name, v.township_code,
        (SELECT count(*) FROM reserve_nominations p WHERE p.village_id = v.id AND p.pool_kind = 'secretary_reserve' AND p.status IN ('nominated', 'noticed')) AS value,
        NULL AS extra
      FROM villages v
      WHERE (SELECT count(*) FROM reserve_nominations r WHERE r.village_id = v.id AND r.pool_kind = 'secretary_reserve' AND r.status = 'training') < ?2
        AND (?1 IS NULL OR v.township_code = ?1)`,
  },
};

function threshold(gap: Gap, s: Settings): number | string {
  switch (gap) {
    case "understaffed":
      return s.minResidentMembers;
    case "cadre_over_cap":
      return s.householdCapPerCadre;
    case "cadre_no_recent_visit":
      return addDays(todayInChina(), -s.visitGapDays);
    case "cadre_long_absent":
      return addDays(todayInChina(), -s.absenceGapDays);
    default:
      return 1;
  }
}

const wrap = (gap: Gap, outer: string) =>
  `${GAP_SQL[gap].with ? `WITH ${GAP_SQL[gap].with} ` : ""}${outer.replace("$GAP", `(${GAP_SQL[gap].sql})`)}`;

/** The township the user may look at: a township officer only their own; others any or all. */
function townshipOf(ctx: ServiceContext, requested: string | undefined): string | null {
  const scope = scopeOf(ctx.user!);
  if (scope.kind === "township") {
    if (requested && requested !== scope.townshipCode) throw new AppError("not_found", "不在您的管辖范围内");
    return scope.townshipCode;
  }
  return requested ?? null;
}

export interface CoverageSummary {
  settings: Settings;
  visitsSince: string;
  totals: Record<Gap, number>;
  townships: { code: string; name: string; counts: Record<Gap, number> }[];
}

export async function coverageSummary(ctx: ServiceContext, requestedTownship?: string): Promise<CoverageSummary> {
  const township = townshipOf(ctx, requestedTownship);
  const settings = await getSettings(ctx);
  const d1 = ctx.d1;
  const statements = [
    d1.prepare("SELECT code, name FROM townships WHERE (?1 IS NULL OR code = ?1) ORDER BY code").bind(township),
    ...GAPS.map((g) =>
      d1
        .prepare(wrap(g, "SELECT township_code AS code, count(DISTINCT id) AS n FROM $GAP GROUP BY township_code"))
        .bind(township, threshold(g, settings)),
    ),
    ...GAPS.map((g) =>
      d1.prepare(wrap(g, "SELECT count(DISTINCT id) AS n FROM $GAP")).bind(township, threshold(g, settings)),
    ),
  ];
  const results = await d1.batch<Record<string, unknown>>(statements);
  const towns = results[0]!.results as { code: string; name: string }[];
  const byTownship = GAPS.map(
    (_, i) => new Map((results[1 + i]!.results as { code: string; n: number }[]).map((r) => [r.code, r.n])),
  );
  const totals = Object.fromEntries(
    GAPS.map((g, i) => [g, (results[1 + GAPS.length + i]!.results[0] as { n: number } | undefined)?.n ?? 0]),
  ) as Record<Gap, number>;
  return {
    settings,
    visitsSince: addDays(todayInChina(), -settings.visitGapDays),
    totals,
    townships: towns.map((t) => ({
      ...t,
      counts: Object.fromEntries(GAPS.map((g, i) => [g, byTownship[i]!.get(t.code) ?? 0])) as Record<Gap, number>,
    })),
  };
}

export interface GapItem {
  id: number;
  name: string;
  villageCode: string | null;
  villageName: string | null;
  townshipCodes: string[];
  /** residents (understaffed), active households (over cap), last visit date (no recent visit) */
  value: number | string | null;
  /** household status, or the cadre's unit */
  extra: string | null;
}

export async function gapItems(
  ctx: ServiceContext,
  gap: Gap,
  q: { townshipCode?: string | undefined; page: number; size: number },
) {
  const township = townshipOf(ctx, q.townshipCode);
  const settings = await getSettings(ctx);
  const d1 = ctx.d1;
  const params = [township, threshold(gap, settings)];
  const [rows, total] = await d1.batch<Record<string, unknown>>([
    d1
      .prepare(
        wrap(
          gap,
          `SELECT id, max(name) AS name, max(village_code) AS villageCode, max(village_name) AS villageName, group_concat(DISTINCT township_code) AS townshipCodes, max(value) AS value, max(extra) AS extra
           FROM $GAP GROUP BY id ORDER BY min(township_code), max(village_code), max(name), id LIMIT ?3 OFFSET ?4`,
        ),
      )
      .bind(...params, q.size, (q.page - 1) * q.size),
    d1.prepare(wrap(gap, "SELECT count(DISTINCT id) AS n FROM $GAP")).bind(...params),
  ]);
  const items: GapItem[] = (rows!.results as (Omit<GapItem, "townshipCodes"> & { townshipCodes: string | null })[]).map(
    (r) => ({ ...r, townshipCodes: (r.townshipCodes ?? "").split(",").filter(Boolean).sort() }),
  );
  return {
    gap,
    label: GAP_LABELS[gap],
    settings,
    items,
    total: (total!.results[0] as { n: number }).n,
    page: q.page,
    size: q.size,
  };
}
