import type { TenantRow } from "../../db/schema/control/tenants.ts";
import type { ServiceContext, SessionUser, TenantDb } from "../domain/service-context.ts";

export type { SessionUser, TenantDb };

/** Worker bindings. Tenant databases are looked up by name through the allowlist. */
export interface Bindings {
  CONTROL: D1Database;
  ENVIRONMENT?: string;
  /** base64 of 32 random bytes; per-tenant PII keys are derived from it. */
  PII_MASTER_KEY?: string;
  /** During a key rotation: the replaced master key(s), comma-separated; read only (see docs/OPERATIONS.md). */
  PII_MASTER_KEY_PREVIOUS?: string;
  [tenantBinding: `TENANT_${string}`]: D1Database | undefined;
}

export interface Variables {
  requestId: string;
  tenant: TenantRow;
  user: SessionUser | undefined;
  /** What services get: tenant, database, user, request id, keys, clock (see domain/service-context.ts). */
  ctx: ServiceContext;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
