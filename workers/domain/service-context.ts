import { drizzle, type DrizzleD1Database } from "drizzle-orm/d1";
import * as tenantSchema from "../../db/schema/tenant/index.ts";
import type { TenantRow } from "../../db/schema/control/tenants.ts";
import type { Role } from "../../db/schema/tenant/users.ts";
import type { PiiKeys } from "../lib/pii-crypto.ts";
import { piiKeysFor } from "./pii-keys.ts";
import type { CheckpointKey } from "../lib/checkpoint-sign.ts";
import { type CheckpointKeyRing, checkpointKeysFor } from "./checkpoint-keys.ts";

export type TenantDb = DrizzleD1Database<typeof tenantSchema>;

/** The signed-in user, as services see them. */
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

/**
 * Everything a service needs to act for one tenant, as a plain object: no Hono, no request.
 * The tenant middleware builds one per request; seeds, scripts and tests build the same object
 * with `createServiceContext`, so every caller goes through the same rules.
 */
export interface ServiceContext {
  readonly tenant: TenantRow;
  /** This tenant's database through drizzle, and the raw D1 handle for batches drizzle cannot express. */
  readonly db: TenantDb;
  readonly d1: D1Database;
  /** The signed-in user, or undefined for the public. */
  readonly user: SessionUser | undefined;
  readonly requestId: string;
  /** The caller's address as Cloudflare saw it (`cf-connecting-ip`), for rate limits; "unknown" elsewhere. */
  readonly clientIp: string;
  /** This tenant's personal-data key ring (PII_MASTER_KEY writes, PII_MASTER_KEY_PREVIOUS still reads; see domain/pii-keys.ts). */
  piiKeys(): Promise<PiiKeys>;
  /** This tenant's audit-checkpoint signing key (Ed25519, from PII_MASTER_KEY and key_salt), or null without the secret. */
  checkpointKey(): Promise<CheckpointKey | null>;
  /** Every checkpoint key the configured master keys give (current first), to verify older checkpoints. */
  checkpointKeys(): Promise<CheckpointKeyRing | null>;
  /** Unix seconds; tests and seeds may pin it. */
  now(): number;
}

export interface ServiceContextInput {
  tenant: TenantRow;
  d1: D1Database;
  piiMasterKey: string | undefined;
  /** PII_MASTER_KEY_PREVIOUS: older master keys still readable while a rotation runs. */
  piiPreviousMasterKeys?: string | undefined;
  user?: SessionUser;
  requestId?: string;
  clientIp?: string;
  now?: () => number;
}

/**
 * drizzle() with the tenant schema builds its relational config over every table (about a
 * millisecond of CPU): once per D1 binding and isolate, not once per request — a cached public
 * page costs little more than that. The instance holds no per-request state.
 */
const drizzleOf = new WeakMap<D1Database, TenantDb>();
function tenantDb(d1: D1Database): TenantDb {
  let db = drizzleOf.get(d1);
  if (!db) {
    db = drizzle(d1, { schema: tenantSchema });
    drizzleOf.set(d1, db);
  }
  return db;
}

export function createServiceContext(input: ServiceContextInput): ServiceContext {
  const secrets = { current: input.piiMasterKey, previous: input.piiPreviousMasterKeys };
  return {
    tenant: input.tenant,
    d1: input.d1,
    db: tenantDb(input.d1),
    user: input.user,
    requestId: input.requestId ?? crypto.randomUUID(),
    clientIp: input.clientIp ?? "unknown",
    piiKeys: () => piiKeysFor(secrets, input.tenant),
    checkpointKey: async () => (await checkpointKeysFor(secrets, input.tenant))?.current ?? null,
    checkpointKeys: () => checkpointKeysFor(secrets, input.tenant),
    now: input.now ?? (() => Math.floor(Date.now() / 1000)),
  };
}

/** The same context acting as another user (e.g. right after sign-in). */
export function withUser(ctx: ServiceContext, user: SessionUser | undefined): ServiceContext {
  return { ...ctx, user };
}
