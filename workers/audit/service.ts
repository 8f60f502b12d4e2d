import { and, asc, desc, eq, gt, lt, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { auditLog } from "../../db/schema/tenant/audit.ts";
import { GENESIS_HASH, verifyChain } from "../lib/audit-chain.ts";
import { type ChainPoint, formatCursor } from "../lib/chain-cursor.ts";
import { type Checkpoint, checkpointCount, checkpointsSigning, latestCheckpoint } from "../ledger/checkpoints.ts";

export async function listAudit(
  ctx: ServiceContext,
  q: { before?: number | undefined; limit: number; action?: string | undefined; entity?: string | undefined },
) {
  const where: SQL[] = [];
  if (q.before) where.push(lt(auditLog.seq, q.before));
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.entity) where.push(eq(auditLog.entity, q.entity));
  const items = await ctx.db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.seq))
    .limit(q.limit)
    .all();
  const last = items[items.length - 1];
  return { items, nextBefore: items.length === q.limit && last ? last.seq : null };
}

/**
 * Audit entries one request verifies at most (one SHA-256 each, plus the signatures of the
 * checkpoints in the page): 1,000 measured ~100 ms of CPU on a loaded machine, so a page of 250
 * stays well under it (figures: tests/bench/chains.bench.ts). Checkpoints come at least every
 * CHECKPOINT_EVERY (= this) entries, so "since the checkpoint" is mostly one page.
 */
export const AUDIT_VERIFY_PAGE = 250;

type BreakReason =
  | "prev_hash_mismatch"
  | "hash_mismatch"
  | "sequence_gap"
  | "truncated"
  | "checkpoint_mismatch"
  | "checkpoint_forged";

interface Break {
  seq: number;
  reason: BreakReason;
  expected: string;
  actual: string;
}

/** The first thing wrong with a checkpoint, given the audit hashes this request has seen. */
function checkpointBreak(m: Checkpoint, headSeq: number, hashAt: (seq: number) => string | undefined): Break | null {
  if (!m.signatureValid)
    return {
      seq: m.auditSeq,
      reason: "checkpoint_forged",
      expected: "valid signature",
      actual: `ledger #${m.ledgerSeq}`,
    };
  if (m.auditSeq > headSeq)
    return { seq: m.auditSeq, reason: "truncated", expected: String(m.auditSeq), actual: String(headSeq) };
  const seen = hashAt(m.auditSeq);
  if (seen !== m.auditHash)
    return { seq: m.auditSeq, reason: "checkpoint_mismatch", expected: m.auditHash, actual: seen ?? "" };
  return null;
}

async function entriesAfter(ctx: ServiceContext, after: number, limit: number) {
  return ctx.db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(limit).all();
}

/**
 * Verifies the audit chain without ever reading all of it in one request.
 *
 * Without a cursor: from the newest signed checkpoint in the public ledger (written every
 * CHECKPOINT_EVERY entries, daily and with every publication): its signature is checked, the entry
 * it signs must still carry the signed hash (else `checkpoint_mismatch`, or `truncated` when the
 * log no longer reaches it), and the chain is recomputed from there to the head: O(entries since
 * the checkpoint). With a cursor ("0" = from entry 1): one page of a full verification, which also
 * checks every checkpoint signing an entry of the page; the caller follows `next` to the head.
 * Reads only: verifying never writes.
 */
export async function verifyAudit(ctx: ServiceContext, cursor?: ChainPoint, limit = AUDIT_VERIFY_PAGE) {
  const headRow = await ctx.d1
    .prepare("SELECT seq, hash FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)")
    .first<{ seq: number; hash: string }>();
  const headSeq = headRow?.seq ?? 0;
  const [last, total] = await Promise.all([latestCheckpoint(ctx), checkpointCount(ctx)]);
  let from: ChainPoint = cursor ?? { seq: 0, hash: GENESIS_HASH };
  let firstBreak: Break | null = null;
  let count = 0;
  let head = from.hash;
  const seen = new Map<number, string>();

  // The entry the newest checkpoint signs, read by its primary key.
  const signed = last
    ? await ctx.db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, last.auditSeq)).get()
    : undefined;
  if (last && signed) seen.set(last.auditSeq, signed.hash);
  if (!cursor && last) {
    firstBreak = checkpointBreak(last, headSeq, (s) => seen.get(s));
    if (!firstBreak) from = { seq: last.auditSeq, hash: last.auditHash };
    head = from.hash;
  }
  let through = from.seq;
  if (!firstBreak) {
    const page = await entriesAfter(ctx, from.seq, Math.min(limit, AUDIT_VERIFY_PAGE));
    for (const e of page) seen.set(e.seq, e.hash);
    const result = await verifyChain(page, from);
    count = result.count;
    head = result.head;
    through = from.seq + result.count;
    firstBreak = result.firstBreak;
    if (!firstBreak && cursor && page.length > 0)
      for (const m of await checkpointsSigning(ctx, page[0]!.seq, through)) {
        firstBreak = checkpointBreak(m, headSeq, (s) => seen.get(s));
        if (firstBreak) break;
      }
    // The last page of a full run: the log must still reach the newest checkpoint.
    if (!firstBreak && cursor && through >= headSeq && last && last.auditSeq > headSeq)
      firstBreak = checkpointBreak(last, headSeq, (s) => seen.get(s));
  }
  const next = firstBreak === null && through < headSeq ? formatCursor({ seq: through, hash: head }) : null;
  return {
    ok: firstBreak === null,
    count,
    head,
    headSeq,
    firstBreak,
    mode: cursor ? ("full" as const) : ("since_checkpoint" as const),
    from: from.seq,
    through,
    next,
    checkpoints: total,
    lastCheckpoint: last
      ? {
          ledgerSeq: last.ledgerSeq,
          auditSeq: last.auditSeq,
          auditHash: last.auditHash,
          at: last.at,
          signatureValid: last.signatureValid,
          headAtOrAfter: headSeq >= last.auditSeq && signed?.hash === last.auditHash,
        }
      : null,
  };
}
