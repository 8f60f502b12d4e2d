import type { DrizzleD1Database } from "drizzle-orm/d1";
import type * as tenantSchema from "../../db/schema/tenant/index.ts";
import type { TenantRow } from "../../db/schema/control/tenants.ts";
import type { Role } from "../../db/schema/tenant/users.ts";

/** Worker bindings. Tenant databases are looked up by name through the allowlist. */
export interface Bindings {
  CONTROL: D1Database;
  ENVIRONMENT?: string;
  /** base64 of 32 random bytes; per-tenant PII keys are derived from it. */
  PII_MASTER_KEY?: string;
  [tenantBinding: `TENANT_${string}`]: D1Database | undefined;
}

export type TenantDb = DrizzleD1Database<typeof tenantSchema>;

/** The signed-in user, as the rest of the request sees them. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  townshipCode: string | null;
  cadreId: number | null;
  csrfToken: string;
  tokenHash: string;
}

export interface Variables {
  requestId: string;
  tenant: TenantRow;
  /** Raw D1 handle of this request's tenant; used only for batches the ORM cannot express. */
  tenantD1: D1Database;
  db: TenantDb;
  user: SessionUser | undefined;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
