import { count, eq } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { users } from "../../db/schema/tenant/users.ts";
import { auditLog } from "../../db/schema/tenant/audit.ts";
import { can } from "../domain/permissions.ts";
import { moneyTiles } from "../reports/service.ts";
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
  const [activeUsers, auditEntries, money, coverage] = await Promise.all([
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
    can(role, "money.read") ? moneyTiles(ctx, Number(todayInChina().slice(0, 4))) : null,
    can(role, "coverage.read") ? coverageSummary(ctx).then((s) => s.totals) : null,
  ]);
  return { may, activeUsers, auditEntries, money, coverage };
}
