import type { ServiceContext } from "../domain/service-context.ts";
import type { EvidenceSource, SubjectKind } from "../../db/schema/tenant/assessment.ts";
import { satisfactionPermille } from "../lib/grades.ts";

/** Whom an assessment is about. */
export interface Subject {
  kind: SubjectKind;
  cadreId: number | null;
  villageId: number | null;
  unitId: number | null;
  townshipCode: string | null;
}

export interface Evidence {
  /** The counted value (days, entries, ‰ …), null when the records hold nothing to count. */
  value: number | null;
  /** How much of the item's weight it earns, 0..1000 ‰; null → the item needs a hand score. */
  ratioPermille: number | null;
  /** What was counted, in words, for the page and the frozen record. */
  detail: string;
  /** For a 一票否决 source: whether the records trigger it. */
  triggered?: boolean;
}

type Compute = (ctx: ServiceContext, s: Subject, year: number, target: number | null) => Promise<Evidence>;

/**
 * The evidence registry: each source either computes from the records or is not available yet.
 * Letters' measures, inspection problems and 应知应会 scores are computed at the end of this file;
 * a source with nothing registered is scored by hand with a comment, like `manual`.
 */
const REGISTRY: Partial<Record<EvidenceSource, Compute>> = {};

export function registerEvidenceSource(source: EvidenceSource, compute: Compute): void {
  REGISTRY[source] = compute;
}

export function isComputed(source: EvidenceSource): boolean {
  return REGISTRY[source] !== undefined;
}

export async function evidenceFor(
  ctx: ServiceContext,
  source: EvidenceSource,
  s: Subject,
  year: number,
  target: number | null,
): Promise<Evidence | null> {
  const compute = REGISTRY[source];
  return compute ? compute(ctx, s, year, target) : null;
}

// --- the subject's cadres and villages in a year, as SQL sub-selects with their parameters ---

const overlaps = "a.start_date <= ?Y1 AND (a.end_date IS NULL OR a.end_date >= ?Y0)";

/** Cadres whose work counts for the subject: the cadre; a village's resident team; a unit's resident cadres; a township's. */
function cadreSet(s: Subject): { sql: string; args: unknown[] } {
  switch (s.kind) {
    case "cadre":
      return { sql: "SELECT ?S", args: [s.cadreId] };
    case "team":
      return {
        sql: `SELECT a.cadre_id FROM assignments a WHERE a.village_id = ?S AND ${overlaps}`,
        args: [s.villageId],
      };
    case "unit":
      return {
        sql: `SELECT a.cadre_id FROM assignments a JOIN cadres c ON c.id = a.cadre_id WHERE c.unit_id = ?S AND ${overlaps}`,
        args: [s.unitId],
      };
    case "township":
      return {
        sql: `SELECT a.cadre_id FROM assignments a JOIN villages v ON v.id = a.village_id WHERE v.township_code = ?S AND ${overlaps}`,
        args: [s.townshipCode],
      };
  }
}

/** Villages the subject answers for in the year. */
function villageSet(s: Subject): { sql: string; args: unknown[] } {
  switch (s.kind) {
    case "cadre":
      return { sql: `SELECT a.village_id FROM assignments a WHERE a.cadre_id = ?S AND ${overlaps}`, args: [s.cadreId] };
    case "team":
      return { sql: "SELECT ?S", args: [s.villageId] };
    case "unit":
      return {
        sql: `SELECT a.village_id FROM assignments a JOIN cadres c ON c.id = a.cadre_id WHERE c.unit_id = ?S AND ${overlaps}
              UNION SELECT p.village_id FROM pairings p WHERE p.helper_unit_id = ?S AND p.village_id IS NOT NULL AND p.start_date <= ?Y1 AND (p.end_date IS NULL OR p.end_date >= ?Y0)`,
        args: [s.unitId],
      };
    case "township":
      return { sql: "SELECT id FROM villages WHERE township_code = ?S", args: [s.townshipCode] };
  }
}

/**
 * Runs `body` with `?S` (the subject), `?Y0`/`?Y1` (first and last day of the year), `?YP` (the
 * `YYYY-%` month pattern), `?T0`/`?T1` (the year in unix seconds, China time) bound by name.
 */
async function run<T>(ctx: ServiceContext, body: string, s: Subject, year: number): Promise<T | null> {
  const subject = s.cadreId ?? s.villageId ?? s.unitId ?? s.townshipCode;
  const t0 = Date.parse(`${year}-01-01T00:00:00+08:00`) / 1000;
  const t1 = Date.parse(`${year + 1}-01-01T00:00:00+08:00`) / 1000;
  const values: Record<string, unknown> = {
    S: subject,
    Y0: `${year}-01-01`,
    Y1: `${year}-12-31`,
    YP: `${year}-%`,
    T0: t0,
    T1: t1,
  };
  // Only the names the query uses are bound (D1 refuses extra bindings), numbered in order of use.
  const used: string[] = [];
  const text = body.replace(/\?(S|Y0|Y1|YP|T0|T1)\b/g, (_, name: string) => {
    if (!used.includes(name)) used.push(name);
    return `?${used.indexOf(name) + 1}`;
  });
  return ctx.d1
    .prepare(text)
    .bind(...used.map((n) => values[n]))
    .first<T>();
}

const ratio = (value: number, target: number | null) =>
  target ? Math.min(1000, Math.floor((value * 1000) / target)) : null;

registerEvidenceSource("resident_days", async (ctx, s, year, target) => {
  const cs = cadreSet(s);
  const r = await run<{ days: number; cadres: number }>(
    ctx,
    `SELECT coalesce(sum(t.days), 0) AS days, (SELECT count(DISTINCT x.cadre_id) FROM (${cs.sql.replace("SELECT ?S", "SELECT ?S AS cadre_id")}) x) AS cadres
     FROM attendance t JOIN assignments a ON a.id = t.assignment_id
     WHERE t.status = 'confirmed' AND t.month LIKE ?YP AND a.cadre_id IN (${cs.sql})`,
    s,
    year,
  );
  const cadres = Math.max(1, r?.cadres ?? 0);
  const avg = Math.round((r?.days ?? 0) / cadres);
  return {
    value: avg,
    ratioPermille: ratio(avg, target),
    detail:
      s.kind === "cadre"
        ? `已确认驻村 ${avg} 天（目标 ${target ?? "—"} 天）`
        : `人均已确认驻村 ${avg} 天（${r?.cadres ?? 0} 人，目标 ${target ?? "—"} 天）`,
  };
});

registerEvidenceSource("visit_coverage", async (ctx, s, year) => {
  const cs = cadreSet(s);
  const r = await run<{ paired: number; visited: number }>(
    ctx,
    `SELECT count(*) AS paired, sum(EXISTS (SELECT 1 FROM visits v WHERE v.household_id = p.household_id AND v.cadre_id = p.helper_cadre_id AND v.visit_date BETWEEN ?Y0 AND ?Y1)) AS visited
     FROM pairings p WHERE p.kind = 'cadre_household' AND p.helper_cadre_id IN (${cs.sql})
       AND p.start_date <= ?Y1 AND (p.end_date IS NULL OR p.end_date >= ?Y0)`,
    s,
    year,
  );
  const paired = r?.paired ?? 0;
  const visited = r?.visited ?? 0;
  if (paired === 0) return { value: null, ratioPermille: null, detail: "本年度没有结对户，请人工评分" };
  const p = Math.floor((visited * 1000) / paired);
  return {
    value: p,
    ratioPermille: p,
    detail: `结对户 ${paired} 户，本年度走访到 ${visited} 户（${(p / 10).toFixed(1)}%）`,
  };
});

registerEvidenceSource("diary_entries", async (ctx, s, year, target) => {
  const cs = cadreSet(s);
  const r = await run<{ n: number }>(
    ctx,
    `SELECT count(*) AS n FROM visits v WHERE v.cadre_id IN (${cs.sql}) AND v.visit_date BETWEEN ?Y0 AND ?Y1`,
    s,
    year,
  );
  const n = r?.n ?? 0;
  return {
    value: n,
    ratioPermille: ratio(n, target),
    detail: `帮扶日志（走访记录）${n} 条（目标 ${target ?? "—"} 条）`,
  };
});

registerEvidenceSource("upheld_objections", async (ctx, s, year, target) => {
  const vs = villageSet(s);
  const r = await run<{ n: number }>(
    ctx,
    `SELECT count(*) AS n FROM objections o JOIN notices n ON n.id = o.notice_id
     WHERE o.status = 'upheld' AND o.answered_at >= ?T0 AND o.answered_at < ?T1
       AND EXISTS (SELECT 1 FROM json_each(n.village_ids) j WHERE j.value IN (${vs.sql}))`,
    s,
    year,
  );
  const n = r?.n ?? 0;
  const tolerated = target ?? 1;
  return {
    value: n,
    ratioPermille: Math.max(0, 1000 - Math.floor((n * 1000) / tolerated)),
    detail: `本年度成立的异议 ${n} 件（${tolerated} 件及以上不得分）`,
  };
});

registerEvidenceSource("villager_rating", async (ctx, s, year) => {
  const vs = villageSet(s);
  const own = s.kind === "cadre" ? "OR r.subject_cadre_id = ?S" : "";
  const r = await run<{ reviews: number; sat: number; fair: number; dis: number }>(
    ctx,
    `SELECT count(*) AS reviews,
       coalesce(sum(r.paper_satisfied + (SELECT count(*) FROM review_ballots b WHERE b.review_id = r.id AND b.rating = 'satisfied')), 0) AS sat,
       coalesce(sum(r.paper_fairly_satisfied + (SELECT count(*) FROM review_ballots b WHERE b.review_id = r.id AND b.rating = 'fairly_satisfied')), 0) AS fair,
       coalesce(sum(r.paper_dissatisfied + (SELECT count(*) FROM review_ballots b WHERE b.review_id = r.id AND b.rating = 'dissatisfied')), 0) AS dis
     FROM reviews r WHERE r.status = 'published' AND r.year = ${year}
       AND ((r.kind = 'team_report' AND r.village_id IN (${vs.sql})) ${own})`,
    s,
    year,
  );
  const counts = { satisfied: r?.sat ?? 0, fairlySatisfied: r?.fair ?? 0, dissatisfied: r?.dis ?? 0 };
  const p = satisfactionPermille(counts);
  if (p === null) return { value: null, ratioPermille: null, detail: "本年度没有已公布的述职评议，请人工评分" };
  return {
    value: p,
    ratioPermille: p,
    detail: `已公布评议 ${r?.reviews ?? 0} 次：满意 ${counts.satisfied}、基本满意 ${counts.fairlySatisfied}、不满意 ${counts.dissatisfied}，满意率 ${(p / 10).toFixed(1)}%`,
  };
});

/** Seed 002: the secretary of a 集体经济空壳村 cannot be 优秀 — tagged 空壳 or a recorded income of 0 for the year. */
registerEvidenceSource("shell_village", async (ctx, s, year) => {
  const vs = villageSet(s);
  const r = await run<{ n: number; names: string | null }>(
    ctx,
    `SELECT count(*) AS n, group_concat(v.name, '、') AS names FROM villages v
     WHERE v.id IN (${vs.sql}) AND (EXISTS (SELECT 1 FROM json_each(v.tags) WHERE value = 'no_collective_income')
       OR EXISTS (SELECT 1 FROM village_incomes i WHERE i.village_id = v.id AND i.year = ${year} AND i.income_fen = 0))`,
    s,
    year,
  );
  const n = r?.n ?? 0;
  return {
    value: n,
    ratioPermille: null,
    triggered: n > 0,
    detail: n > 0 ? `集体经济空壳村：${r?.names ?? ""}` : "所驻（所联）村均不是集体经济空壳村",
  };
});

/**
 * 帮扶措施完成情况: the measures of the subject's villages' 目标责任书 planned for the year, and how
 * many are done (completed with evidence). The share done is the ratio; no measures → hand score.
 */
registerEvidenceSource("measures_done", async (ctx, s, year) => {
  const vs = villageSet(s);
  const r = await run<{ planned: number; done: number; overdue: number }>(
    ctx,
    `SELECT count(*) AS planned, coalesce(sum(m.status = 'completed'), 0) AS done,
       coalesce(sum(m.status <> 'completed' AND m.due_date <= ?Y1), 0) AS overdue
     FROM letter_measures m JOIN responsibility_letters l ON l.id = m.letter_id
     WHERE m.year = ${year} AND l.village_id IN (${vs.sql})`,
    s,
    year,
  );
  const planned = r?.planned ?? 0;
  if (planned === 0) return { value: null, ratioPermille: null, detail: "本年度目标责任书没有帮扶措施，请人工评分" };
  const done = r?.done ?? 0;
  const p = Math.floor((done * 1000) / planned);
  return {
    value: p,
    ratioPermille: p,
    detail: `本年度帮扶措施 ${planned} 项，已完成 ${done} 项（${(p / 10).toFixed(1)}%）${r?.overdue ? `，逾期未完成 ${r.overdue} 项` : ""}`,
  };
});

/**
 * 督查发现问题: confirmed problems of the year's inspections of the subject (the cadre; the team's
 * village or its cadres; the unit; the township), each costing an equal share of the item up to
 * `target` problems (default 1: one confirmed problem loses the item). Dismissed ones do not count.
 */
registerEvidenceSource("inspection_problems", async (ctx, s, year, target) => {
  const cs = cadreSet(s);
  const own =
    s.kind === "cadre"
      ? "i.target_cadre_id = ?S"
      : s.kind === "team"
        ? `(i.target_village_id = ?S OR i.target_cadre_id IN (${cs.sql}))`
        : s.kind === "unit"
          ? `(i.target_unit_id = ?S OR i.target_cadre_id IN (${cs.sql}))`
          : "i.township_code = ?S";
  const r = await run<{ n: number; open: number }>(
    ctx,
    `SELECT count(*) AS n, coalesce(sum(p.status = 'confirmed'), 0) AS open
     FROM inspection_problems p JOIN inspections i ON i.id = p.inspection_id
     WHERE p.status IN ('confirmed', 'rectified', 'closed') AND i.date BETWEEN ?Y0 AND ?Y1 AND ${own}`,
    s,
    year,
  );
  const n = r?.n ?? 0;
  const tolerated = target ?? 1;
  return {
    value: n,
    ratioPermille: Math.max(0, 1000 - Math.floor((n * 1000) / tolerated)),
    detail: `本年度督查核实问题 ${n} 个（其中未整改 ${r?.open ?? 0} 个；${tolerated} 个及以上不得分）`,
  };
});

/**
 * 应知应会 (seed 001): each cadre's latest scored test of the year (a retest after 回炉 replaces
 * the failed one); a group counts the average of its cadres who sat one. Target: the pass mark.
 */
registerEvidenceSource("test_score", async (ctx, s, year, target) => {
  const cs = cadreSet(s);
  const r = await run<{ n: number; avg: number | null; passed: number | null }>(
    ctx,
    `SELECT count(*) AS n, avg(x.score) AS avg, sum(x.passed) AS passed FROM exam_attempts x
     WHERE x.status = 'submitted' AND x.taker_kind = 'cadre' AND x.taker_id IN (${cs.sql})
       AND x.submitted_at >= ?T0 AND x.submitted_at < ?T1
       AND x.id = (SELECT y.id FROM exam_attempts y WHERE y.taker_kind = 'cadre' AND y.taker_id = x.taker_id
                   AND y.status = 'submitted' AND y.submitted_at >= ?T0 AND y.submitted_at < ?T1
                   ORDER BY y.submitted_at DESC, y.id DESC LIMIT 1)`,
    s,
    year,
  );
  const n = r?.n ?? 0;
  if (n === 0 || r?.avg == null)
    return { value: null, ratioPermille: null, detail: "本年度没有应知应会测试成绩，请人工评分" };
  const score = Math.round(r.avg);
  const passMark = target ?? 90;
  return {
    value: score,
    ratioPermille: ratio(score, passMark),
    detail:
      s.kind === "cadre"
        ? `本年度应知应会测试最近一次 ${score} 分（${score >= passMark ? "合格" : "低于"} ${passMark} 分）`
        : `本年度 ${n} 人参加应知应会测试，平均 ${score} 分，${r.passed ?? 0} 人合格（${passMark} 分）`,
  };
});
