import type { ServiceContext } from "../domain/service-context.ts";
import { CHECKPOINT_KIND } from "../domain/audited-write.ts";
import { publicKeysOf } from "../domain/checkpoint-keys.ts";
import {
  type CheckpointClaim,
  type Endorsement,
  trustedCheckpointKeys,
  verifyCheckpoint,
} from "../lib/checkpoint-sign.ts";

/** A signed checkpoint of the audit head, as published in the ledger, with its signature checked. */
export interface Checkpoint {
  ledgerSeq: number;
  auditSeq: number;
  auditHash: string;
  at: number;
  /** v2 checkpoints sign their own place in the ledger: the hash of the ledger entry before them. */
  ledgerPrevHash: string | null;
  signatureValid: boolean;
}

interface Row {
  seq: number;
  prevHash: string;
  content: string;
}

/** Trusted keys per request context: the endorsements table is read once however many checkpoints are checked. */
const trustedOf = new WeakMap<ServiceContext, Promise<Map<string, string | null> | null>>();

/**
 * The checkpoint public keys this tenant trusts (public key → kid): the configured master keys'
 * and, transitively, the older keys they endorsed during rotations (checkpoint_key_endorsements,
 * a handful of rows). Null without a configured master key.
 */
export function trustedKeys(ctx: ServiceContext): Promise<Map<string, string | null> | null> {
  let trusted = trustedOf.get(ctx);
  if (!trusted) {
    trusted = (async () => {
      const ring = await ctx.checkpointKeys();
      if (!ring) return null;
      const rows = (
        await ctx.d1
          .prepare(
            "SELECT public_key AS publicKey, kid, endorser_public_key AS endorserPublicKey, signature FROM checkpoint_key_endorsements",
          )
          .all<Endorsement>()
      ).results;
      return trustedCheckpointKeys(ctx.tenant.slug, publicKeysOf(ring), rows);
    })();
    trustedOf.set(ctx, trusted);
    trusted.catch(() => trustedOf.delete(ctx));
  }
  return trusted;
}

/**
 * Checks one checkpoint entry: signed by a key this tenant trusts (the current one, an older one
 * still configured, or one a trusted key endorsed), for this tenant, and (v2, v3) at the place in
 * the ledger it claims; a v3 checkpoint's kid must be its key's.
 */
export async function readCheckpoint(ctx: ServiceContext, r: Row): Promise<Checkpoint> {
  let c: Partial<Record<keyof CheckpointClaim | "publicKey" | "signature", unknown>>;
  try {
    c = JSON.parse(r.content);
  } catch {
    c = {};
  }
  const claim: CheckpointClaim = {
    tenant: String(c.tenant),
    auditSeq: Number(c.auditSeq),
    auditHash: String(c.auditHash),
    at: Number(c.at),
  };
  const v2 = c.ledgerSeq !== undefined;
  if (v2) {
    claim.ledgerSeq = Number(c.ledgerSeq);
    claim.ledgerPrevHash = String(c.ledgerPrevHash);
  }
  if (v2 && c.kid !== undefined) claim.kid = String(c.kid);
  const trusted = await trustedKeys(ctx);
  // Without any configured key, only the embedded key can be checked (as before key rotation).
  const publicKey = String(c.publicKey);
  const keyTrusted = trusted === null || (trusted.has(publicKey) && trusted.get(publicKey) === (claim.kid ?? null));
  const signatureValid =
    claim.tenant === ctx.tenant.slug &&
    keyTrusted &&
    (!v2 || (claim.ledgerSeq === r.seq && claim.ledgerPrevHash === r.prevHash)) &&
    (await verifyCheckpoint(publicKey, claim, String(c.signature)));
  return {
    ledgerSeq: r.seq,
    auditSeq: claim.auditSeq,
    auditHash: claim.auditHash,
    at: claim.at,
    ledgerPrevHash: v2 ? (claim.ledgerPrevHash ?? null) : null,
    signatureValid,
  };
}

const COLUMNS = "seq, prev_hash AS prevHash, content";

/** The newest checkpoint (index ledger_kind_seq_idx: one B-tree descent). */
export async function latestCheckpoint(ctx: ServiceContext): Promise<Checkpoint | null> {
  const row = await ctx.d1
    .prepare(`SELECT ${COLUMNS} FROM ledger_entries WHERE kind = ? ORDER BY seq DESC LIMIT 1`)
    .bind(CHECKPOINT_KIND)
    .first<Row>();
  return row ? readCheckpoint(ctx, row) : null;
}

/**
 * The newest checkpoint that signs its own place in the ledger (v2): where a verification of the
 * ledger may start. Older (v1) checkpoints are skipped; after the first write with this code
 * the newest checkpoint is always v2.
 */
export async function latestLedgerAnchor(ctx: ServiceContext): Promise<Checkpoint | null> {
  const row = await ctx.d1
    .prepare(
      `SELECT ${COLUMNS} FROM ledger_entries WHERE kind = ? AND json_extract(content, '$.ledgerSeq') IS NOT NULL
       ORDER BY seq DESC LIMIT 1`,
    )
    .bind(CHECKPOINT_KIND)
    .first<Row>();
  return row ? readCheckpoint(ctx, row) : null;
}

/** How many checkpoints the ledger holds (an index-only count). */
export async function checkpointCount(ctx: ServiceContext): Promise<number> {
  const row = await ctx.d1
    .prepare("SELECT count(*) AS n FROM ledger_entries WHERE kind = ?")
    .bind(CHECKPOINT_KIND)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/**
 * The checkpoints that sign an audit seq in [first, last], for one page of a full verification
 * (partial index ledger_checkpoint_audit_seq_idx on the seq in ref "audit:<seq>").
 */
export async function checkpointsSigning(ctx: ServiceContext, first: number, last: number): Promise<Checkpoint[]> {
  const rows = (
    await ctx.d1
      .prepare(
        `SELECT ${COLUMNS} FROM ledger_entries INDEXED BY ledger_checkpoint_audit_seq_idx
         WHERE kind = '${CHECKPOINT_KIND}' AND CAST(substr(ref, 7) AS INTEGER) BETWEEN ? AND ? ORDER BY seq`,
      )
      .bind(first, last)
      .all<Row>()
  ).results;
  const out: Checkpoint[] = [];
  for (const r of rows) out.push(await readCheckpoint(ctx, r));
  return out;
}
