import type { DrizzleD1Database } from "drizzle-orm/d1";
import type * as tenantSchema from "../../schema/tenant/index.ts";
import type { DemoTenantData } from "../data/index.ts";

/** A demo tenant: its catalog row plus what the demo data needs to know about it. */
export interface SeedTenant {
  slug: string;
  name: string;
  level: "county" | "city";
  divisionCode: string;
  /** Its D1 binding in wrangler.toml (and the allowlist). */
  binding: string;
  /** A 9-digit township code inside the tenant, for the demo township officer. */
  townshipCode: string;
  /** Its content (townships, villages, units, programs, settings…) from db/seed/data. */
  data: DemoTenantData;
}

/** What every seed module gets, once per tenant database. */
export interface SeedContext {
  tenant: SeedTenant;
  /** Drizzle over this tenant's database (schema: db/schema/tenant). */
  db: DrizzleD1Database<typeof tenantSchema>;
  /** The raw D1 binding, for statements the ORM cannot express. */
  d1: D1Database;
  /** base64 of 32 bytes, the same secret the Worker reads (PII_MASTER_KEY from .dev.vars). */
  piiMasterKey: string;
  /**
   * The tenant's random key salt from the control catalog (`tenants.key_salt`): with it the seed
   * writes current-format (v3) personal data, as the Worker does; null only for a catalog that
   * predates control migration 0002 (then legacy v2 values, as the Worker would write too).
   */
  keySalt: string | null;
  /** Name of the running module (recorded in its audit entry). */
  module: string;
  /** One id shared by every audit entry of this seeding run. */
  requestId: string;
  log: (message: string) => void;
}

/**
 * One step of the demo data, e.g. `users`, later `registry`, `pairings`, `payments`…
 * `run` must be idempotent: look for its own data first and write nothing when it exists.
 * Write through `commitSeed` (db/seed/audit.ts) so the data and its `seed.demo` audit entry
 * land in one D1 batch and the tenant's audit hash chain stays valid.
 */
export interface SeedModule {
  name: string;
  run: (ctx: SeedContext) => Promise<void>;
}
