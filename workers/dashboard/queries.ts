import { count, eq } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { users } from "../../db/schema/tenant/users.ts";
import { auditLog } from "../../db/schema/tenant/audit.ts";

/** Active users and audit entries, for the dashboard's administration tiles. */
export async function adminCounts(ctx: ServiceContext): Promise<{ activeUsers: number; auditEntries: number }> {
  const [activeUsers, auditEntries] = await Promise.all([
    ctx.db.select({ n: count() }).from(users).where(eq(users.status, "active")).get(),
    ctx.db.select({ n: count() }).from(auditLog).get(),
  ]);
  return { activeUsers: activeUsers?.n ?? 0, auditEntries: auditEntries?.n ?? 0 };
}
