import { and, eq, inArray, sql } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { escalations, inspections } from "../../db/schema/tenant/supervision.ts";
import { units } from "../../db/schema/tenant/people.ts";
import { townships } from "../../db/schema/tenant/places.ts";
import { scopeOf } from "../domain/scope.ts";
import { todayInChina } from "../lib/dates.ts";
import { targetScope } from "../inspections/target.ts";

export interface SupervisionCounts {
  inspections: number;
  problems: number;
  closed: number;
  overdue: number;
  notices: number;
  interviews: number;
  accountabilities: number;
  referrals: number;
}
const zero = (): SupervisionCounts => ({
  inspections: 0,
  problems: 0,
  closed: 0,
  overdue: 0,
  notices: 0,
  interviews: 0,
  accountabilities: 0,
  referrals: 0,
});

export interface SupervisionReportView {
  year: number;
  totals: SupervisionCounts & { accountableUnits: number; accountablePersons: number; referredPersons: number };
  byTownship: ({ code: string; name: string } & SupervisionCounts)[];
  byUnit: ({ id: number; name: string } & SupervisionCounts)[];
}

/** The unit a record counts for: the unit itself, or the unit of the cadre concerned. */
const unitOf = (t: { targetUnitId: unknown; targetCadreId: unknown }) =>
  sql<number | null>`coalesce(${t.targetUnitId}, (SELECT unit_id FROM cadres WHERE id = ${t.targetCadreId}))`;

/**
 * Counts of the year per township and per unit, from the records themselves (seed 001: 通报 2 次,
 * 问责单位 5 家, 个人 11 人, 移交纪委 1 人). Problems count when confirmed (confirmed, rectified,
 * closed); overdue ones are confirmed or open past their deadline. Scope as everywhere.
 */
export async function supervisionReport(ctx: ServiceContext, year?: number): Promise<SupervisionReportView> {
  const today = todayInChina(ctx.now() * 1000);
  const y = year ?? Number(today.slice(0, 4));
  const inYear = (date: { getSQL(): unknown }) => sql`substr(${date}, 1, 4) = ${String(y)}`;
  const [ins, escs] = await Promise.all([
    ctx.db
      .select({
        townshipCode: inspections.townshipCode,
        unitId: unitOf(inspections),
        problems: sql<number>`(SELECT count(*) FROM inspection_problems p WHERE p.inspection_id = inspections.id AND p.status IN ('confirmed', 'rectified', 'closed'))`,
        closed: sql<number>`(SELECT count(*) FROM inspection_problems p WHERE p.inspection_id = inspections.id AND p.status = 'closed')`,
        overdue: sql<number>`(SELECT count(*) FROM inspection_problems p WHERE p.inspection_id = inspections.id AND p.status IN ('open', 'confirmed') AND p.deadline < ${today})`,
      })
      .from(inspections)
      .where(and(targetScope(ctx, inspections), inYear(inspections.date)))
      .all(),
    ctx.db
      .select({
        townshipCode: escalations.townshipCode,
        unitId: unitOf(escalations),
        targetKind: escalations.targetKind,
        targetKey: escalations.targetKey,
        step: escalations.step,
        outcome: escalations.outcome,
      })
      .from(escalations)
      .where(and(targetScope(ctx, escalations), eq(escalations.period, y)))
      .all(),
  ]);

  const byTownship = new Map<string, SupervisionCounts>();
  const byUnit = new Map<number, SupervisionCounts>();
  const totals = zero();
  const slots = (r: { townshipCode: string | null; unitId: number | null }) => {
    const out = [totals];
    if (r.townshipCode)
      out.push(byTownship.get(r.townshipCode) ?? byTownship.set(r.townshipCode, zero()).get(r.townshipCode)!);
    if (r.unitId != null) out.push(byUnit.get(r.unitId) ?? byUnit.set(r.unitId, zero()).get(r.unitId)!);
    return out;
  };
  for (const r of ins)
    for (const c of slots(r)) {
      c.inspections++;
      c.problems += r.problems;
      c.closed += r.closed;
      c.overdue += r.overdue;
    }
  const unitsHeld = new Set<string>();
  const personsHeld = new Set<string>();
  const referred = new Set<string>();
  for (const r of escs) {
    for (const c of slots(r)) {
      if (r.step === "notice") c.notices++;
      if (r.step === "interview") c.interviews++;
      if (r.step === "accountability") c.accountabilities++;
      if (r.outcome === "discipline_referral") c.referrals++;
    }
    if (r.step === "accountability") (r.targetKind === "cadre" ? personsHeld : unitsHeld).add(r.targetKey);
    if (r.outcome === "discipline_referral") referred.add(r.targetKey);
  }

  // Every township of the scope is listed (a township without records shows zeros: that is news too).
  const scope = scopeOf(ctx.user!);
  const townshipRows = await ctx.db
    .select({ code: townships.code, name: townships.name })
    .from(townships)
    .where(scope.kind === "township" ? eq(townships.code, scope.townshipCode) : undefined)
    .orderBy(townships.code)
    .all();
  const unitIds = [...byUnit.keys()];
  const unitRows = unitIds.length
    ? await ctx.db
        .select({ id: units.id, name: units.name })
        .from(units)
        // A year's units with records: bounded by the tenant's units, passed as one JSON parameter.
        .where(inArray(units.id, sql`(SELECT value FROM json_each(${JSON.stringify(unitIds)}))`))
        .all()
    : [];
  return {
    year: y,
    totals: {
      ...totals,
      accountableUnits: unitsHeld.size,
      accountablePersons: personsHeld.size,
      referredPersons: referred.size,
    },
    byTownship: townshipRows
      .filter((t) => scope.kind === "all" || byTownship.has(t.code) || scope.kind === "township")
      .map((t) => ({ ...t, ...(byTownship.get(t.code) ?? zero()) })),
    byUnit: unitRows
      .map((u) => ({ ...u, ...byUnit.get(u.id)! }))
      .sort((a, b) => b.problems - a.problems || b.inspections - a.inspections || a.id - b.id),
  };
}

export const REPORT_CSV_HEADER = [
  "类别",
  "名称",
  "督查次数",
  "确认问题",
  "已销号",
  "逾期未整改",
  "通报",
  "约谈",
  "问责",
  "移交纪委",
];

export function reportCsvRows(r: SupervisionReportView) {
  const row = (kind: string, name: string, c: SupervisionCounts) => [
    kind,
    name,
    c.inspections,
    c.problems,
    c.closed,
    c.overdue,
    c.notices,
    c.interviews,
    c.accountabilities,
    c.referrals,
  ];
  return [
    ...r.byTownship.map((t) => row("乡镇", t.name, t)),
    ...r.byUnit.map((u) => row("帮扶单位", u.name, u)),
    row("合计", `${r.year} 年`, r.totals),
  ];
}
