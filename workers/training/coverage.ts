import type { ServiceContext } from "../domain/service-context.ts";
import type { TakerKind, TrainingAudience } from "../../db/schema/tenant/training.ts";
import { getPlanRow } from "./plans.ts";

/** Shown at most on one page; the counts are always whole. */
const LIST_LIMIT = 500;

/** Audiences drawn from the village cadre roster: their people are village cadres (taker kind village_cadre). */
type VillageCadreAudience = "poor_village_secretaries" | "village_leaders";
type CadreAudience = Exclude<TrainingAudience, VillageCadreAudience>;
const POOR = "EXISTS (SELECT 1 FROM json_each(v.tags) j WHERE j.value IN ('poor', 'deeply_poor'))";

/** Which active assignments make a cadre part of an audience (alias a: assignments, v: villages). */
const AUDIENCE_SQL: Record<CadreAudience, string> = {
  first_secretaries: "a.role = 'first_secretary'",
  resident_cadres: "1",
  poor_village_resident_cadres: POOR,
};
/** Which serving village cadres of the roster make up an audience (alias o: village_officials, v: villages). */
const VILLAGE_AUDIENCE_SQL: Record<VillageCadreAudience, string> = {
  poor_village_secretaries: `o.post = 'party_secretary' AND ${POOR}`,
  village_leaders: "o.post <> 'group_leader'",
};
export const isVillageAudience = (a: TrainingAudience): a is VillageCadreAudience => a in VILLAGE_AUDIENCE_SQL;

/** Audience rows a user may see: a township officer their township, a cadre only themself (never a village cadre). */
function audienceScope(ctx: ServiceContext, village: boolean): { sql: string; args: unknown[] } {
  const u = ctx.user!;
  if (u.role === "township_officer") return { sql: "v.township_code = ?", args: [u.townshipCode ?? "-"] };
  if (u.role === "cadre") return village ? { sql: "0", args: [] } : { sql: "a.cadre_id = ?", args: [u.cadreId ?? -1] };
  return { sql: "1", args: [] };
}

/** The audience as (taker_id, name, village_name, township_code, trained) rows; one parameter: the plan id. */
function audienceSql(audience: TrainingAudience, scopeSql: string): { kind: TakerKind; sql: string } {
  if (isVillageAudience(audience))
    return {
      kind: "village_cadre",
      sql: `SELECT o.id AS taker_id, o.name AS name, v.name AS village_name, v.township_code AS township_code,
          EXISTS (SELECT 1 FROM training_attendance t JOIN training_sessions s ON s.id = t.session_id
                  WHERE s.plan_id = ? AND t.taker_kind = 'village_cadre' AND t.taker_id = o.id) AS trained
        FROM village_officials o JOIN villages v ON v.id = o.village_id
        WHERE o.status = 'serving' AND ${VILLAGE_AUDIENCE_SQL[audience]} AND ${scopeSql}`,
    };
  return {
    kind: "cadre",
    sql: `SELECT a.cadre_id AS taker_id, c.name AS name, min(v.name) AS village_name, min(v.township_code) AS township_code,
        EXISTS (SELECT 1 FROM training_attendance t JOIN training_sessions s ON s.id = t.session_id
                WHERE s.plan_id = ? AND t.taker_kind = 'cadre' AND t.taker_id = a.cadre_id) AS trained
      FROM assignments a JOIN cadres c ON c.id = a.cadre_id JOIN villages v ON v.id = a.village_id
      WHERE a.status = 'active' AND ${AUDIENCE_SQL[audience]} AND ${scopeSql}
      GROUP BY a.cadre_id`,
  };
}

/**
 * 培训覆盖: everyone the plan must reach (today's holders of the audience's posts: resident cadres
 * from the assignments, village cadres from the roster), who attended any of its sessions, and who
 * still has to be trained — seed 001's "两轮全覆盖", seed 004's "全员轮训" and "贫困村党组织书记年底
 * 前轮训一遍" — in the user's scope.
 */
export async function planCoverage(ctx: ServiceContext, planId: number) {
  const plan = await getPlanRow(ctx, planId);
  const scope = audienceScope(ctx, isVillageAudience(plan.audience));
  const { kind, sql: audience } = audienceSql(plan.audience, scope.sql);
  const [counts, rows] = await ctx.d1.batch([
    ctx.d1
      .prepare(`SELECT count(*) AS total, coalesce(sum(trained), 0) AS trained FROM (${audience})`)
      .bind(planId, ...scope.args),
    ctx.d1
      .prepare(
        `SELECT taker_id AS takerId, name, village_name AS villageName, township_code AS townshipCode,
           (SELECT t.name FROM townships t WHERE t.code = township_code) AS townshipName FROM (${audience})
         WHERE trained = 0 ORDER BY township_code, village_name, name LIMIT ${LIST_LIMIT}`,
      )
      .bind(planId, ...scope.args),
  ]);
  const c = (counts!.results[0] ?? { total: 0, trained: 0 }) as { total: number; trained: number };
  return {
    planId,
    audience: plan.audience,
    deadline: plan.deadline,
    total: c.total,
    trained: c.trained,
    untrainedCount: c.total - c.trained,
    untrained: (
      rows!.results as {
        takerId: number;
        name: string;
        villageName: string | null;
        townshipCode: string | null;
        townshipName: string | null;
      }[]
    ).map((r) => ({ takerKind: kind, ...r })),
  };
}

/**
 * 回炉 (seed 001: 测试成绩在90分以下责令"回炉"补课): a person whose latest scored test was below
 * its pass mark and who has not attended a training session since: the attendance is recorded after
 * the failed test and the session had not ended before its day (China time), so recording an old
 * session late does not clear it. Shared with the exams: such a
 * person cannot sit that test again until trained.
 */
export const RETRAIN_SQL = `SELECT x.id, x.exam_id, x.taker_kind, x.taker_id, x.taker_name, x.township_code, x.score, x.submitted_at
  FROM exam_attempts x
  WHERE x.status = 'submitted' AND x.passed = 0
    AND x.id = (SELECT y.id FROM exam_attempts y WHERE y.taker_kind = x.taker_kind AND y.taker_id = x.taker_id
                AND y.status = 'submitted' ORDER BY y.submitted_at DESC, y.id DESC LIMIT 1)
    AND NOT EXISTS (SELECT 1 FROM training_attendance t JOIN training_sessions s ON s.id = t.session_id
                    WHERE t.taker_kind = x.taker_kind AND t.taker_id = x.taker_id AND t.created_at >= x.submitted_at
                      AND date(s.start_date, '+' || (s.days - 1) || ' days') >= date(x.submitted_at, 'unixepoch', '+8 hours'))`;

export async function retrainList(ctx: ServiceContext) {
  const u = ctx.user!;
  const [where, args]: [string, unknown[]] =
    u.role === "township_officer"
      ? ["r.township_code = ? OR (r.taker_kind = 'user' AND r.taker_id = ?)", [u.townshipCode ?? "-", u.id]]
      : u.role === "cadre"
        ? ["r.taker_kind = 'cadre' AND r.taker_id = ?", [u.cadreId ?? -1]]
        : ["1", []];
  const { results } = await ctx.d1
    .prepare(
      `SELECT r.taker_kind AS takerKind, r.taker_id AS takerId, r.taker_name AS name, NULL AS villageName,
         r.township_code AS townshipCode, (SELECT t.name FROM townships t WHERE t.code = r.township_code) AS townshipName,
         e.title AS examTitle, r.score AS score, r.submitted_at AS submittedAt
       FROM (${RETRAIN_SQL}) r JOIN exams e ON e.id = r.exam_id WHERE ${where}
       ORDER BY r.township_code, r.submitted_at DESC LIMIT ${LIST_LIMIT}`,
    )
    .bind(...args)
    .all();
  return {
    items: results as {
      takerKind: TakerKind;
      takerId: number;
      name: string;
      villageName: null;
      townshipCode: string | null;
      townshipName: string | null;
      examTitle: string;
      score: number;
      submittedAt: number;
    }[],
  };
}

/** True when the person must be retrained before sitting a test again. */
export async function mustRetrain(ctx: ServiceContext, kind: string, id: number): Promise<boolean> {
  const row = await ctx.d1
    .prepare(`SELECT 1 AS x FROM (${RETRAIN_SQL}) r WHERE r.taker_kind = ? AND r.taker_id = ?`)
    .bind(kind, id)
    .first();
  return row !== null;
}
