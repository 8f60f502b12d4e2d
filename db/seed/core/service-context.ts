/**
 * The ServiceContext the seed acts through: the same object the tenant middleware builds per
 * request, so seed modules call the services (their rules, their encryption, their audit
 * entries) instead of copying them. The actor is the tenant's demo `admin` (county_admin).
 */
import { createServiceContext, type ServiceContext } from "../../../workers/domain/service-context.ts";
import type { TenantRow } from "../../schema/control/tenants.ts";
import type { SeedContext } from "./types.ts";

export async function seedServiceContext(ctx: SeedContext): Promise<ServiceContext> {
  const admin = await ctx.d1
    .prepare("SELECT id, username, display_name AS displayName FROM users WHERE username = 'admin'")
    .first<{ id: number; username: string; displayName: string }>();
  if (!admin) throw new Error(`${ctx.tenant.slug}: the demo admin user is missing (the users module runs first)`);
  const tenant: TenantRow = {
    slug: ctx.tenant.slug,
    name: ctx.tenant.name,
    level: ctx.tenant.level,
    divisionCode: ctx.tenant.divisionCode,
    binding: ctx.tenant.binding,
    status: "active",
    createdAt: 0,
    schemaVersion: null,
    migratedAt: null,
    bookmark: null,
    keySalt: ctx.keySalt,
    exportedAt: null,
    exportRef: null,
  };
  return createServiceContext({
    tenant,
    d1: ctx.d1,
    piiMasterKey: ctx.piiMasterKey,
    requestId: ctx.requestId,
    user: {
      ...admin,
      role: "county_admin",
      townshipCode: null,
      cadreId: null,
      csrfToken: "seed",
      tokenHash: "seed",
    },
  });
}
