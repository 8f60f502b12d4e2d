import type { ServiceContext } from "../domain/service-context.ts";
import { CHECKPOINT_KIND } from "../domain/audited-write.ts";
import { type CheckpointClaim, verifyCheckpoint } from "../lib/checkpoint-sign.ts";

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

/**
 * Checks one checkpoint entry: signed by this tenant's key, for this tenant, and (v2) at the place
 * in the ledger it claims. Reads nothing: the row is enough.
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
  const ours = await ctx.checkpointKey();
  const publicKey = ours?.publicKey ?? String(c.publicKey);
  const signatureValid =
    claim.tenant === ctx.tenant.slug &&
    c.publicKey === publicKey &&
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
