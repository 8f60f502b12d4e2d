import { createMiddleware } from "hono/factory";
import { createServiceContext } from "../../domain/service-context.ts";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors/app-error.ts";
import { findTenant } from "./catalog.ts";
import { TENANT_BINDINGS } from "./tenant-bindings.ts";

const SLUG = /^[a-z][a-z0-9-]{1,39}$/;
const allowlist: ReadonlySet<string> = new Set(TENANT_BINDINGS);

/**
 * Resolves `/t/:tenant` to that tenant's database and nothing else. Unknown or suspended
 * tenants are 404; a catalogued tenant whose binding is not deployed fails closed with 503.
 * Everything mounted below sees only this tenant's database, through `c.var.ctx`.
 */
export const tenantMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  const slug = c.req.param("tenant") ?? "";
  if (!SLUG.test(slug)) throw new AppError("not_found", "没有这个地区（租户）");
  const tenant = await findTenant(c.env.CONTROL, slug);
  if (tenant?.status !== "active") throw new AppError("not_found", "没有这个地区（租户）");

  const binding = allowlist.has(tenant.binding)
    ? (c.env as unknown as Record<string, unknown>)[tenant.binding]
    : undefined;
  if (!isD1(binding)) {
    console.error(`tenant ${slug}: binding ${tenant.binding} is not deployed or not allowlisted`);
    throw new AppError("tenant_unavailable", `“${tenant.name}”的数据库尚未接入，请联系平台运维人员。`);
  }
  const ctx = createServiceContext({
    tenant,
    d1: binding,
    piiMasterKey: c.env.PII_MASTER_KEY,
    piiPreviousMasterKeys: c.env.PII_MASTER_KEY_PREVIOUS,
    requestId: c.var.requestId,
    // Only Cloudflare's header is trusted; X-Forwarded-For can be forged by anyone.
    clientIp: c.req.header("cf-connecting-ip") ?? "unknown",
  });
  c.set("tenant", tenant);
  c.set("ctx", ctx);
  await next();
});

function isD1(value: unknown): value is D1Database {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as D1Database).prepare === "function" &&
    typeof (value as D1Database).batch === "function"
  );
}
