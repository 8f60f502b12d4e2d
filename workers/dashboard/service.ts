import { count, eq } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { users } from "../../db/schema/tenant/users.ts";
import { auditLog } from "../../db/schema/tenant/audit.ts";
import { can } from "../domain/permissions.ts";
import { moneyTiles, programReport } from "../reports/service.ts";
import { paymentsByMonth } from "../reports/monthly.ts";
import { householdsByStatus, visitsByMonth } from "./charts.ts";
import { coverageSummary } from "../coverage/service.ts";
import { todayInChina } from "../lib/dates.ts";
import type { DashboardData } from "../../web/pages/admin/dashboard.tsx";

/**
 * The figures of the dashboard for the signed-in user: each block is gathered only when the
 * user's role may see it (the permission table decides), so a cadre's dashboard costs no money
 * or audit queries.
 */
export async function dashboardData(ctx: ServiceContext): Promise<DashboardData> {
  const role = ctx.user!.role;
  const may = {
    recordVisits: can(role, "visits.record"),
    registry: can(role, "registry.read"),
    users: can(role, "users.read"),
    manageUsers: can(role, "users.manage"),
    audit: can(role, "audit.read"),
  };
  const year = Number(todayInChina().slice(0, 4));
  const money = can(role, "money.read");
  const [activeUsers, auditEntries, moneyHead, coverage, programs, payments, visits, statuses] = await Promise.all([
    may.users
      ? ctx.db
          .select({ n: count() })
          .from(users)
          .where(eq(users.status, "active"))
          .get()
          .then((r) => r?.n ?? 0)
      : null,
    may.audit
      ? ctx.db
          .select({ n: count() })
          .from(auditLog)
          .get()
          .then((r) => r?.n ?? 0)
      : null,
    money ? moneyTiles(ctx, year) : null,
    can(role, "coverage.read") ? coverageSummary(ctx) : null,
    money ? programReport(ctx, year).then((r) => r.items) : null,
    money ? paymentsByMonth(ctx, year) : null,
    may.registry ? visitsByMonth(ctx, year) : null,
    may.registry ? householdsByStatus(ctx) : null,
  ]);
  return {
    may,
    activeUsers,
    auditEntries,
    money: moneyHead,
    coverage: coverage?.totals ?? null,
    charts: {
      year,
      programs: programs?.map((p) => ({ name: p.name, budgetFen: p.budgetFen, paidFen: p.paidFen })) ?? null,
      paymentsByMonth: payments,
      gapsByTownship:
        coverage?.townships.map((t) => ({
          name: t.name,
          gaps: Object.values(t.counts).reduce((s: number, n) => s + Number(n), 0),
        })) ?? null,
      visitsByMonth: visits,
      householdsByStatus: statuses,
    },
  };
}
