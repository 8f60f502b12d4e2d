import { and, count, eq } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { can } from "../domain/permissions.ts";
import { householdCondition, scopeOf } from "../domain/scope.ts";
import { households } from "../../db/schema/tenant/households.ts";
import { todayInChina } from "../lib/dates.ts";

/**
 * Everything around one village on its admin page: the resident team, who it is paired with,
 * its households by status, money by program and year, projects, 四议两公开 decisions, villagers'
 * feedback. The caller has found the village inside the user's scope (getVillage answers 404
 * otherwise). Households are counted inside the user's household scope (a cadre counts the
 * households paired with them, like their household list); money only for `money.read` roles.
 * Problems found by inspections (督查问题) of the village, its resident team and the cadres posted
 * there, and the 通报→约谈→问责 steps grounded on them, for `supervision.read` roles inside the
 * same target scope as the inspection lists.
 */
export interface VillagePicture {
  team: {
    assignmentId: number;
    cadreId: number;
    cadreName: string;
    unitName: string | null;
    role: string;
    startDate: string;
  }[];
  pairings: {
    id: number;
    kind: string;
    helper: string;
    helperHref: string | null;
    householdId: number | null;
    householdName: string | null;
    startDate: string;
  }[];
  pairingCount: number;
  householdsByStatus: { status: string; n: number }[];
  moneyByProgramYear: { year: string; programId: number; programName: string; lines: number; netFen: number }[] | null;
  projects: { id: number; name: string; status: string; budgetFen: number; spentFen: number }[];
  decisions: { id: number; title: string; stage: string; failedStage: string | null; createdAt: number }[];
  feedback: { id: number; category: string; status: string; publicText: string | null; createdAt: number }[];
  /** null: the user may not read supervision records. */
  problems:
    | {
        id: number;
        inspectionId: number;
        inspectionDate: string;
        target: string;
        description: string;
        status: string;
        deadline: string;
        overdue: number;
      }[]
    | null;
  escalations:
    | { id: number; inspectionId: number; target: string; step: string; date: string; period: number }[]
    | null;
}

/**
 * Which inspections and escalations (alias `t`) the user sees: the rule of targetScope in
 * workers/inspections/target.ts, in raw SQL (importing it here would make a folder cycle:
 * inspections → letters → projects → places). Parameters: ?2 scope kind ('none' without
 * supervision.read), ?3 township code, ?4 cadre id.
 */
const TARGET_SCOPE = `(?2 = 'all' OR (?2 = 'township' AND t.township_code = ?3)
  OR (?2 = 'cadre' AND (t.target_cadre_id = ?4 OR (t.target_kind = 'team' AND t.target_village_id IN
      (SELECT village_id FROM assignments WHERE cadre_id = ?4 AND status = 'active')))))`;
const TARGET_NAME = `CASE t.target_kind WHEN 'cadre' THEN (SELECT name FROM cadres WHERE id = t.target_cadre_id)
  WHEN 'team' THEN '驻村工作队' ELSE '本村' END`;

const LIMIT = 20;

export async function villagePicture(ctx: ServiceContext, villageId: number): Promise<VillagePicture> {
  const money = can(ctx.user!.role, "money.read");
  const scope = scopeOf(ctx.user!);
  // A cadre sees the households paired with them, not their colleagues' (household scope).
  const ownHouseholds = scope.kind === "cadre" ? (scope.cadreId ?? -1) : null;
  const pairingWhere = `p.status = 'active' AND (p.village_id = ?1 OR p.helper_village_id = ?1 OR h.village_id = ?1)
       AND (?2 IS NULL OR p.household_id IS NULL OR p.helper_cadre_id = ?2)`;
  const supervision = can(ctx.user!.role, "supervision.read");
  const scopeArgs = [
    supervision ? scope.kind : "none",
    scope.kind === "township" ? scope.townshipCode : null,
    scope.kind === "cadre" ? (scope.cadreId ?? -1) : null,
  ];
  const d1 = ctx.d1;
  const [statusRows, batch] = await Promise.all([
    ctx.db
      .select({ status: households.status, n: count() })
      .from(households)
      .where(and(eq(households.villageId, villageId), householdCondition(scope)))
      .groupBy(households.status)
      .all(),
    d1.batch<Record<string, unknown>>([
      d1
        .prepare(
          `SELECT a.id AS assignmentId, c.id AS cadreId, c.name AS cadreName, u.name AS unitName, a.role,
                  a.start_date AS startDate
             FROM assignments a JOIN cadres c ON c.id = a.cadre_id LEFT JOIN units u ON u.id = c.unit_id
            WHERE a.village_id = ?1 AND a.status = 'active' ORDER BY a.role, a.start_date`,
        )
        .bind(villageId),
      // Active pairings where the village is helped or helps (强村带弱村), households of the village included.
      d1
        .prepare(
          `SELECT p.id, p.kind, p.start_date AS startDate, p.household_id AS householdId, h.head_name AS householdName,
                  coalesce(u.name, c.name, hv.name, '') AS helper,
                  CASE WHEN u.id IS NOT NULL THEN 'units/' || u.id WHEN c.id IS NOT NULL THEN 'cadres/' || c.id
                       WHEN hv.id IS NOT NULL THEN 'villages/' || hv.code END AS helperPath
             FROM pairings p
             LEFT JOIN units u ON u.id = p.helper_unit_id
             LEFT JOIN cadres c ON c.id = p.helper_cadre_id
             LEFT JOIN villages hv ON hv.id = p.helper_village_id
             LEFT JOIN households h ON h.id = p.household_id
            WHERE ${pairingWhere}
            ORDER BY p.kind = 'cadre_household', p.kind, p.id LIMIT ${LIMIT}`,
        )
        .bind(villageId, ownHouseholds),
      d1
        .prepare(
          `SELECT count(*) AS n FROM pairings p LEFT JOIN households h ON h.id = p.household_id WHERE ${pairingWhere}`,
        )
        .bind(villageId, ownHouseholds),
      d1
        .prepare(
          `SELECT substr(l.paid_date, 1, 4) AS year, p.id AS programId, p.name AS programName, count(*) AS lines,
                  sum(l.amount_fen - coalesce(r.amount_fen, 0)) AS netFen
             FROM batch_lines l JOIN programs p ON p.id = l.program_id LEFT JOIN reversals r ON r.line_id = l.id
            WHERE l.village_id = ?1 AND l.status = 'paid' AND ?2
            GROUP BY 1, 2 ORDER BY 1 DESC, 2 LIMIT 60`,
        )
        .bind(villageId, money ? 1 : 0),
      d1
        .prepare(
          `SELECT id, name, status, budget_fen AS budgetFen, spent_fen AS spentFen FROM projects
            WHERE village_id = ?1 ORDER BY id DESC LIMIT ${LIMIT}`,
        )
        .bind(villageId),
      d1
        .prepare(
          `SELECT id, title, stage, failed_stage AS failedStage, created_at AS createdAt FROM village_decisions
            WHERE village_id = ?1 ORDER BY id DESC LIMIT ${LIMIT}`,
        )
        .bind(villageId),
      d1
        .prepare(
          `SELECT id, category, status, public_text AS publicText, created_at AS createdAt FROM feedback
            WHERE village_id = ?1 ORDER BY id DESC LIMIT ${LIMIT}`,
        )
        .bind(villageId),
      // Open problems first, then by deadline; closed and dismissed ones stay listed as the record.
      d1
        .prepare(
          `SELECT p.id, t.id AS inspectionId, t.date AS inspectionDate, ${TARGET_NAME} AS target, p.description,
                  p.status, p.deadline, (p.status IN ('open', 'confirmed') AND p.deadline < ?5) AS overdue
             FROM inspection_problems p JOIN inspections t ON t.id = p.inspection_id
            WHERE t.target_village_id = ?1 AND ${TARGET_SCOPE}
            ORDER BY p.status NOT IN ('open', 'confirmed'), p.deadline, p.id LIMIT ${LIMIT}`,
        )
        .bind(villageId, ...scopeArgs, todayInChina(ctx.now() * 1000)),
      d1
        .prepare(
          `SELECT t.id, p.inspection_id AS inspectionId, ${TARGET_NAME} AS target, t.step, t.date, t.period
             FROM escalations t JOIN inspection_problems p ON p.id = t.problem_id
            WHERE t.target_village_id = ?1 AND ${TARGET_SCOPE}
            ORDER BY t.date DESC, t.id DESC LIMIT ${LIMIT}`,
        )
        .bind(villageId, ...scopeArgs),
    ]),
  ]);
  const [team, pairings, pairingCount, moneyRows, projects, decisions, feedback, problems, escalations] = batch;
  return {
    team: team!.results as VillagePicture["team"],
    pairings: (
      pairings!.results as (Omit<VillagePicture["pairings"][number], "helperHref"> & { helperPath: string | null })[]
    ).map(({ helperPath, ...p }) => ({ ...p, helperHref: helperPath })),
    pairingCount: Number((pairingCount!.results[0] as { n: number } | undefined)?.n ?? 0),
    householdsByStatus: statusRows,
    moneyByProgramYear: money ? (moneyRows!.results as NonNullable<VillagePicture["moneyByProgramYear"]>) : null,
    projects: projects!.results as VillagePicture["projects"],
    decisions: decisions!.results as VillagePicture["decisions"],
    feedback: feedback!.results as VillagePicture["feedback"],
    problems: supervision ? (problems!.results as NonNullable<VillagePicture["problems"]>) : null,
    escalations: supervision ? (escalations!.results as NonNullable<VillagePicture["escalations"]>) : null,
  };
}
