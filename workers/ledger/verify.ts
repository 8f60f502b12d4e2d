import type { ServiceContext } from "../domain/service-context.ts";
import { CHECKPOINT_KIND } from "../domain/audited-write.ts";
import { type ChainPoint, formatCursor } from "../lib/chain-cursor.ts";
import { GENESIS_POINT, type LedgerBreak, verifyLedger } from "../lib/ledger-chain.ts";
import { latestLedgerAnchor, readCheckpoint } from "./checkpoints.ts";
import { cachedVerification, cacheVerification } from "./verify-cache.ts";
import { ledgerHead, rowsAfter } from "./service.ts";

/**
 * Entries one request verifies at most: two SHA-256 per entry; 1,000 entries measured ~100–180 ms
 * of CPU on a loaded machine, so a page of 250 stays well under the ~100 ms a request may take
 * (figures: tests/bench/chains.bench.ts).
 */
export const LEDGER_VERIFY_PAGE = 250;

export interface LedgerVerification {
  ok: boolean;
  /** Entries verified by this request. */
  count: number;
  /** Hash of the last entry verified. */
  head: string;
  firstBreak: { seq: number; reason: LedgerBreak["reason"] | "checkpoint_forged" } | null;
  checkedAt: number;
  /** since_checkpoint: from the newest signed checkpoint to the head; full: one page of a full run. */
  mode: "since_checkpoint" | "full";
  /** The verification started right after this seq (0: the genesis). */
  from: number;
  /** Last seq verified. */
  through: number;
  headSeq: number;
  /** Cursor of the next page (`?cursor=`), null once the head is reached. */
  next: string | null;
  /** True when the answer came from the cache of this head. */
  cached: boolean;
}

/**
 * Verifies the ledger in O(entries since the last signed checkpoint): the newest v2 checkpoint signs
 * its own place (seq, previous hash), so the chain is recomputed from there to the head, and the
 * answer is cached per head. With `cursor` (from "0"), one page of a full verification from the
 * genesis: the client follows `next` until it is null, each request bounded by LEDGER_VERIFY_PAGE.
 */
export async function verifyTenantLedger(
  ctx: ServiceContext,
  cursor?: ChainPoint,
  limit = LEDGER_VERIFY_PAGE,
): Promise<LedgerVerification> {
  const head = await ledgerHead(ctx);
  const slug = ctx.tenant.slug;
  if (!cursor) {
    const hit = await cachedVerification<LedgerVerification>(slug, head);
    if (hit) return { ...hit, cached: true };
  }
  let from: ChainPoint = cursor ?? GENESIS_POINT;
  const base = {
    checkedAt: Math.floor(ctx.now()),
    mode: cursor ? ("full" as const) : ("since_checkpoint" as const),
    headSeq: head?.seq ?? 0,
    cached: false,
  };
  if (!cursor) {
    const anchor = await latestLedgerAnchor(ctx);
    if (anchor && !anchor.signatureValid)
      return {
        ...base,
        ok: false,
        count: 0,
        head: from.hash,
        from: from.seq,
        through: from.seq,
        firstBreak: { seq: anchor.ledgerSeq, reason: "checkpoint_forged" },
        next: null,
      };
    if (anchor) from = { seq: anchor.ledgerSeq - 1, hash: anchor.ledgerPrevHash! };
  }

  const rows = await rowsAfter(ctx, from.seq, Math.min(limit, LEDGER_VERIFY_PAGE));
  // A checkpoint in the page must carry a valid signature for its own place.
  let forged = -1;
  for (const [i, r] of rows.entries()) {
    if (r.kind !== CHECKPOINT_KIND) continue;
    if (!(await readCheckpoint(ctx, r)).signatureValid) {
      forged = i;
      break;
    }
  }
  const checked = await verifyLedger(forged < 0 ? rows : rows.slice(0, forged), from);
  const firstBreak: LedgerVerification["firstBreak"] =
    checked.firstBreak ?? (forged >= 0 ? { seq: rows[forged]!.seq, reason: "checkpoint_forged" } : null);
  const through = from.seq + checked.count;
  const result: LedgerVerification = {
    ...base,
    ok: firstBreak === null,
    count: checked.count,
    head: checked.head,
    firstBreak,
    from: from.seq,
    through,
    next: firstBreak === null && through < base.headSeq ? formatCursor({ seq: through, hash: checked.head }) : null,
  };
  if (!cursor && result.next === null) await cacheVerification(slug, head, result);
  return result;
}
