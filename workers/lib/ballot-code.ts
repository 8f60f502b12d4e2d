/**
 * One-time ballot codes for 述职评议 (printed as QR slips, one per attendee).
 *
 * 10 characters of an alphabet without look-alikes (no 0/O, 1/I/L, U): 30^10 ≈ 5.9 × 10^14 codes,
 * about 49 bits, from crypto.getRandomValues. Guessing one of the few hundred live codes of a
 * meeting takes ~10^12 tries, and the rating page is rate-limited per client. Shown as XXXXX-XXXXX
 * so a villager can also type it from the slip.
 */
export const BALLOT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
export const BALLOT_CODE_LENGTH = 10;

export function newBallotCode(): string {
  const out: string[] = [];
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 30).
  const limit = 256 - (256 % BALLOT_ALPHABET.length);
  while (out.length < BALLOT_CODE_LENGTH) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    for (const b of bytes) {
      if (b < limit && out.length < BALLOT_CODE_LENGTH) out.push(BALLOT_ALPHABET[b % BALLOT_ALPHABET.length]!);
    }
  }
  return out.join("");
}

/** A code as typed or scanned (any case, dashes, spaces) → its canonical form, or null if it cannot be one. */
export function normalizeBallotCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, "");
  if (s.length !== BALLOT_CODE_LENGTH) return null;
  for (const ch of s) if (!BALLOT_ALPHABET.includes(ch)) return null;
  return s;
}

/** XXXXX-XXXXX, for the printed slip. */
export function formatBallotCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** What the keyed hash covers: a versioned, domain-separated canonical code. */
export function ballotHashInput(code: string): string {
  return `ballot/v1\n${code}`;
}

/**
 * Encryption context of the stored code (review_ballots.code_enc, v3 free context): kept so that a
 * key rotation can recompute the code's hash under the new key (workers/pii-rotation/columns.ts).
 */
export const BALLOT_CODE_CONTEXT = "review_ballots.code";
