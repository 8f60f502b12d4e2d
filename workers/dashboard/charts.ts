import { and, count, sql } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { households } from "../../db/schema/tenant/households.ts";
import { visits } from "../../db/schema/tenant/pairings.ts";
import { householdCondition, scopeOf } from "../domain/scope.ts";
import { visitScope } from "../visits/service.ts";

/**
 * Figures the charts draw, each a small GROUP BY over the user's own scope (the same conditions
 * the lists use), so a township officer's chart counts exactly the rows their lists show.
 */

/** Households per status in the user's scope (a cadre: the households paired with them). */
export async function householdsByStatus(ctx: ServiceContext): Promise<{ status: string; n: number }[]> {
  return ctx.db
    .select({ status: households.status, n: count() })
    .from(households)
    .where(householdCondition(scopeOf(ctx.user!)))
    .groupBy(households.status)
    .all();
}

/** Visits per month of `year` in the user's scope (a cadre: their own diary), months 1–12 all present. */
export async function visitsByMonth(ctx: ServiceContext, year: number): Promise<{ month: number; n: number }[]> {
  const rows = await ctx.db
    .select({ month: sql<string>`substr(${visits.visitDate}, 6, 2)`, n: count() })
    .from(visits)
    .where(
      and(
        visitScope(scopeOf(ctx.user!)),
        sql`${visits.visitDate} >= ${`${year}-01-01`} AND ${visits.visitDate} <= ${`${year}-12-31`}`,
      ),
    )
    .groupBy(sql`substr(${visits.visitDate}, 6, 2)`)
    .all();
  return fillMonths(rows.map((r) => ({ month: Number(r.month), n: r.n })));
}

/** Twelve rows, months without a row as zero. */
export function fillMonths(rows: { month: number; n: number }[]): { month: number; n: number }[] {
  const by = new Map(rows.map((r) => [r.month, r.n]));
  return Array.from({ length: 12 }, (_, i) => ({ month: i + 1, n: by.get(i + 1) ?? 0 }));
}
