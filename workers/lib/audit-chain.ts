import { canonicalJson } from "./canonical-json.ts";
import { sha256Hex } from "./bytes.ts";

/** The hash that the first entry of every chain points back to. */
export const GENESIS_HASH = "0".repeat(64);

/** The fields of an audit entry that its hash covers (everything but the hash itself). */
export interface AuditContent {
  seq: number;
  at: number;
  actorId: number | null;
  actorName: string;
  actorRole: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
  requestId: string;
  prevHash: string;
}

/** hash = SHA-256 of the previous hash, a newline, and the canonical JSON of the entry. */
export function auditHash(e: AuditContent): Promise<string> {
  // Name every covered field: rows read back from the table carry `hash` too, which must not count.
  const content = {
    seq: e.seq,
    at: e.at,
    actorId: e.actorId,
    actorName: e.actorName,
    actorRole: e.actorRole,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    before: e.before,
    after: e.after,
    requestId: e.requestId,
  };
  return sha256Hex(`${e.prevHash}\n${canonicalJson(content)}`);
}

export interface ChainBreak {
  seq: number;
  reason: "prev_hash_mismatch" | "hash_mismatch" | "sequence_gap";
  expected: string;
  actual: string;
}

/**
 * Walks entries in sequence order, starting right after entry `from.seq` whose hash is `from.hash`
 * (default: the genesis), and reports the first broken link, if any.
 */
export async function verifyChain(
  entries: Iterable<AuditContent & { hash: string }> | AsyncIterable<AuditContent & { hash: string }>,
  from: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): Promise<{ count: number; head: string; firstBreak: ChainBreak | null }> {
  let prev = from.hash;
  let expectedSeq = from.seq + 1;
  let count = 0;
  for await (const e of entries) {
    if (e.seq !== expectedSeq)
      return {
        count,
        head: prev,
        firstBreak: { seq: e.seq, reason: "sequence_gap", expected: String(expectedSeq), actual: String(e.seq) },
      };
    if (e.prevHash !== prev)
      return {
        count,
        head: prev,
        firstBreak: { seq: e.seq, reason: "prev_hash_mismatch", expected: prev, actual: e.prevHash },
      };
    const recomputed = await auditHash(e);
    if (recomputed !== e.hash)
      return {
        count,
        head: prev,
        firstBreak: { seq: e.seq, reason: "hash_mismatch", expected: recomputed, actual: e.hash },
      };
    prev = e.hash;
    expectedSeq++;
    count++;
  }
  return { count, head: prev, firstBreak: null };
}
