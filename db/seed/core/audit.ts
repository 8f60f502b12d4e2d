/**
 * Audit entries for writes made outside a request (seeding, provisioning). They extend the
 * tenant's hash chain exactly like workers/audit/audited-write.ts does: read the head, number
 * the new entries head + 1…, hash each with `auditHash`, insert them in the same D1 batch as
 * the data. A racing writer makes the `seq` primary key fail and the whole batch roll back.
 */
import { and, desc, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import { auditLog, type AuditRow } from "../../schema/tenant/audit.ts";
import { auditHash, GENESIS_HASH, type AuditContent } from "../../../workers/lib/audit-chain.ts";
import { canonicalJson } from "../../../workers/lib/canonical-json.ts";
import type { SeedContext } from "./types.ts";

export interface ChainHead {
  seq: number;
  hash: string;
}

export interface AuditEntryInput {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditActor {
  id: number | null;
  name: string;
  role: string;
}

/** The actor recorded for demo data. */
export const SEED_ACTOR: AuditActor = { id: null, name: "seed-demo", role: "system" };

/** The head of a tenant's chain (GENESIS when empty). */
export async function readChainHead<S extends Record<string, unknown>>(db: DrizzleD1Database<S>): Promise<ChainHead> {
  const head = await db
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1)
    .get();
  return head ?? { seq: 0, hash: GENESIS_HASH };
}

/**
 * Pure: the rows that extend the chain from `head` with `entries`, in order. Used by the seed
 * helpers below and by db/scripts/tenant-add.ts (which writes them through `wrangler d1 execute`).
 */
export async function buildAuditRows(
  head: ChainHead,
  entries: AuditEntryInput[],
  meta: { actor: AuditActor; requestId: string; at?: number },
): Promise<AuditRow[]> {
  const at = meta.at ?? Math.floor(Date.now() / 1000);
  let prevHash = head.hash;
  const rows: AuditRow[] = [];
  for (const [i, e] of entries.entries()) {
    const content: AuditContent = {
      seq: head.seq + 1 + i,
      at,
      actorId: meta.actor.id,
      actorName: meta.actor.name,
      actorRole: meta.actor.role,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId ?? null,
      before: e.before === undefined ? null : canonicalJson(e.before),
      after: e.after === undefined ? null : canonicalJson(e.after),
      requestId: meta.requestId,
      prevHash,
    };
    const hash = await auditHash(content);
    rows.push({ ...content, hash });
    prevHash = hash;
  }
  return rows;
}

/** The `seed.demo` entry of one seed module: entity `seed`, entity id = the module name. */
export function seedEntry(module: string, summary: Record<string, unknown>): AuditEntryInput {
  return { action: "seed.demo", entity: "seed", entityId: module, after: { module, ...summary } };
}

/**
 * Writes `items` and the module's `seed.demo` audit entry in one D1 batch (all or nothing).
 * Call it once per module run, with the module's last (or only) batch of data.
 */
export async function commitSeed(
  ctx: SeedContext,
  items: BatchItem<"sqlite">[],
  summary: Record<string, unknown>,
): Promise<void> {
  const head = await readChainHead(ctx.db);
  const [row] = await buildAuditRows(head, [seedEntry(ctx.module, summary)], {
    actor: SEED_ACTOR,
    requestId: ctx.requestId,
  });
  const all: BatchItem<"sqlite">[] = [...items, ctx.db.insert(auditLog).values(row!)];
  await ctx.db.batch(all as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
}

/** True once a module has committed in this tenant database (its `seed.demo` entry exists). */
export async function hasSeeded(ctx: Pick<SeedContext, "db" | "module">): Promise<boolean> {
  const row = await ctx.db
    .select({ seq: auditLog.seq })
    .from(auditLog)
    .where(and(eq(auditLog.action, "seed.demo"), eq(auditLog.entity, "seed"), eq(auditLog.entityId, ctx.module)))
    .limit(1)
    .get();
  return !!row;
}
