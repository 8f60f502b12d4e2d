import { canonicalJson } from "./canonical-json.ts";
import { sha256Hex } from "./bytes.ts";
import { GENESIS_HASH } from "./audit-chain.ts";
import type { ChainPoint } from "./chain-cursor.ts";

export { GENESIS_HASH };

/**
 * The publication ledger's hashing, deliberately simple so that anyone can re-implement it
 * (see db/scripts/verify-ledger.mjs and the README):
 *   content_hash = SHA-256( content )                       (content is canonical JSON text)
 *   hash         = SHA-256( prev_hash + "\n" + canonical JSON of {seq, at, kind, ref, contentHash} )
 * with the first entry's prev_hash = 64 zeros.
 */
export interface LedgerLink {
  seq: number;
  at: number;
  kind: string;
  ref: string;
  content: string;
  contentHash: string;
  prevHash: string;
}

export function ledgerContentHash(content: string): Promise<string> {
  return sha256Hex(content);
}

export function ledgerHash(e: Omit<LedgerLink, "content">): Promise<string> {
  return sha256Hex(
    `${e.prevHash}\n${canonicalJson({ seq: e.seq, at: e.at, kind: e.kind, ref: e.ref, contentHash: e.contentHash })}`,
  );
}

export interface LedgerBreak {
  seq: number;
  reason: "content_hash_mismatch" | "prev_hash_mismatch" | "hash_mismatch" | "sequence_gap";
}

export const GENESIS_POINT: ChainPoint = { seq: 0, hash: GENESIS_HASH };

/**
 * Checks entries in sequence order, starting right after `from` (a signed checkpoint, or the
 * previous page of a paged verification); reports the first broken link.
 */
export async function verifyLedger(
  entries: Iterable<LedgerLink & { hash: string }> | AsyncIterable<LedgerLink & { hash: string }>,
  from: ChainPoint = GENESIS_POINT,
) {
  let prev = from.hash;
  let expected = from.seq + 1;
  let count = 0;
  for await (const e of entries) {
    const fail = (reason: LedgerBreak["reason"]) => ({
      ok: false as const,
      count,
      head: prev,
      firstBreak: { seq: e.seq, reason },
    });
    if (e.seq !== expected) return fail("sequence_gap");
    if ((await ledgerContentHash(e.content)) !== e.contentHash) return fail("content_hash_mismatch");
    if (e.prevHash !== prev) return fail("prev_hash_mismatch");
    if ((await ledgerHash(e)) !== e.hash) return fail("hash_mismatch");
    prev = e.hash;
    expected++;
    count++;
  }
  return { ok: true as const, count, head: prev, firstBreak: null };
}
