import { GENESIS_HASH } from "./audit-chain.ts";

/**
 * The cursor of a paged verification: "<seq>.<hash>" of the last entry already verified, or "0"
 * to start at the genesis. The client carries it from page to page, so a full verification is a
 * resumable series of short requests; a cursor can only make its holder's own check start
 * elsewhere, never make the server trust anything.
 */
export interface ChainPoint {
  seq: number;
  hash: string;
}

export function formatCursor(p: ChainPoint): string {
  return p.seq === 0 ? "0" : `${p.seq}.${p.hash}`;
}

export function parseCursor(s: string): ChainPoint | null {
  if (s === "0") return { seq: 0, hash: GENESIS_HASH };
  const m = /^([1-9]\d{0,14})\.([0-9a-f]{64})$/.exec(s);
  return m ? { seq: Number(m[1]), hash: m[2]! } : null;
}
