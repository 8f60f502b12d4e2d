import { and, asc, eq, sql } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { townships, villages } from "../../db/schema/tenant/places.ts";
import { villageOfficials, type VILLAGE_OFFICIAL_SOURCES } from "../../db/schema/tenant/village-cadres.ts";
import { scopeOf, villageCondition } from "../domain/scope.ts";
import { chinaDateOfUnix } from "../lib/dates.ts";

/** Seed 004: each poor village has 1–2 两委 members aged 35 or under. */
export const YOUNG_AGE = 35;

/**
 * The three roster reports the seeds quote, for a year, inside the user's scope:
 * - 一肩挑 ratio per township (seed 001: 52 villages, above 85 %);
 * - 两委 members aged ≤ 35 in each poor village (seed 004: 1–2 each);
 * - 致富能手 among the year's new party secretaries (seed 004: ≥ 50 %) and new 两委 members (≥ 70 %).
 * "In office" and ages are taken on 31 December of a past year, today for the current year.
 */
export async function villageCadreReports(ctx: ServiceContext, year: number) {
  const today = chinaDateOfUnix(ctx.now());
  const asOf = String(year) === today.slice(0, 4) ? today : `${year}-12-31`;
  const scope = villageCondition(scopeOf(ctx.user!));
  const inOffice = sql`${villageOfficials.termStart} <= ${asOf} AND (${villageOfficials.termEnd} IS NULL OR ${villageOfficials.termEnd} > ${asOf})`;

  const concurrentRows = await ctx.db
    .select({
      townshipCode: villages.townshipCode,
      townshipName: sql<string>`coalesce(${townships.name}, ${villages.townshipCode})`,
      count:
        sql<number>`count(DISTINCT CASE WHEN EXISTS (SELECT 1 FROM village_officials o WHERE o.village_id = "villages"."id"
        AND o.post = 'party_secretary' AND o.concurrent_director = 1 AND o.term_start <= ${asOf}
        AND (o.term_end IS NULL OR o.term_end > ${asOf})) THEN ${villages.id} END)`.mapWith(Number),
      total: sql<number>`count(DISTINCT ${villages.id})`.mapWith(Number),
    })
    .from(villages)
    .leftJoin(townships, eq(townships.code, villages.townshipCode))
    .where(scope)
    .groupBy(villages.townshipCode)
    .orderBy(asc(villages.townshipCode))
    .all();

  const youngRows = await ctx.db
    .select({
      villageCode: villages.code,
      villageName: villages.name,
      townshipName: sql<string>`coalesce(${townships.name}, ${villages.townshipCode})`,
      young:
        sql<number>`count(CASE WHEN ${villageOfficials.birthDate} > date(${asOf}, ${`-${YOUNG_AGE + 1} years`}) THEN 1 END)`.mapWith(
          Number,
        ),
      members: sql<number>`count(${villageOfficials.id})`.mapWith(Number),
    })
    .from(villages)
    .leftJoin(townships, eq(townships.code, villages.townshipCode))
    .leftJoin(
      villageOfficials,
      and(eq(villageOfficials.villageId, villages.id), sql`${villageOfficials.post} <> 'group_leader'`, inOffice),
    )
    .where(and(scope, sql`EXISTS (SELECT 1 FROM json_each(${villages.tags}) WHERE value IN ('poor', 'deeply_poor'))`))
    .groupBy(villages.id)
    .orderBy(
      sql`count(CASE WHEN ${villageOfficials.birthDate} > date(${asOf}, ${`-${YOUNG_AGE + 1} years`}) THEN 1 END)`,
      asc(villages.code),
    )
    .all();

  const newcomers = await ctx.db
    .select({
      source: villageOfficials.source,
      secretaries: sql<number>`count(CASE WHEN ${villageOfficials.post} = 'party_secretary' THEN 1 END)`.mapWith(
        Number,
      ),
      members: sql<number>`count(CASE WHEN ${villageOfficials.post} <> 'group_leader' THEN 1 END)`.mapWith(Number),
    })
    .from(villageOfficials)
    .innerJoin(villages, eq(villages.id, villageOfficials.villageId))
    .where(and(scope, sql`substr(${villageOfficials.termStart}, 1, 4) = ${String(year)}`))
    .groupBy(villageOfficials.source)
    .all();
  const sum = (rows: { count: number; total: number }[]) => ({
    count: rows.reduce((n, r) => n + r.count, 0),
    total: rows.reduce((n, r) => n + r.total, 0),
  });
  const bySource = new Map(newcomers.map((r) => [r.source, r]));
  const sources = [
    "wealth_leader",
    "college_graduate",
    "veteran",
    "returnee_entrepreneur",
    "township_dispatched",
    "other",
  ] as const satisfies readonly (typeof VILLAGE_OFFICIAL_SOURCES)[number][];
  return {
    year,
    asOf,
    concurrent: { rows: concurrentRows, ...sum(concurrentRows) },
    youngInPoorVillages: {
      rows: youngRows,
      villagesMeeting: youngRows.filter((r) => r.young >= 1).length,
      villages: youngRows.length,
    },
    newSecretaries: {
      rows: sources.map((source) => ({ source, count: bySource.get(source)?.secretaries ?? 0 })),
      wealthLeaders: bySource.get("wealth_leader")?.secretaries ?? 0,
      total: newcomers.reduce((n, r) => n + r.secretaries, 0),
      newMembersWealthLeaders: bySource.get("wealth_leader")?.members ?? 0,
      newMembers: newcomers.reduce((n, r) => n + r.members, 0),
    },
  };
}
export type VillageCadreReportsView = Awaited<ReturnType<typeof villageCadreReports>>;

/** The reports as CSV rows (one sheet, three sections), for Excel. */
export function reportCsvRows(r: VillageCadreReportsView, labels: { source: Record<string, string> }): string[][] {
  const pct = (n: number, d: number) => (d === 0 ? "—" : `${((n * 100) / d).toFixed(1)}%`);
  const rows: string[][] = [[`统计日期 ${r.asOf}`, "", "", ""]];
  rows.push(["一肩挑：乡镇", "村数", "一肩挑村数", "比例"]);
  for (const t of r.concurrent.rows)
    rows.push([t.townshipName, String(t.total), String(t.count), pct(t.count, t.total)]);
  rows.push([
    "合计",
    String(r.concurrent.total),
    String(r.concurrent.count),
    pct(r.concurrent.count, r.concurrent.total),
  ]);
  rows.push(["贫困村 35 岁以下两委成员：村", "乡镇", "两委成员", `${YOUNG_AGE} 岁以下`]);
  for (const v of r.youngInPoorVillages.rows)
    rows.push([v.villageName, v.townshipName, String(v.members), String(v.young)]);
  rows.push([`${r.year} 年新任村党组织书记：来源`, "人数", "占比", ""]);
  for (const s of r.newSecretaries.rows)
    rows.push([labels.source[s.source] ?? s.source, String(s.count), pct(s.count, r.newSecretaries.total), ""]);
  return rows;
}
