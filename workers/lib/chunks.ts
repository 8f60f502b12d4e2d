/**
 * D1 caps a row (and so any one string value) at 2,000,000 bytes, and local Miniflare does not
 * enforce it: a value that may grow with its input (a 20,000-line notice snapshot, a staged 2 MB
 * upload after encryption) is stored in pieces of at most CHUNK_BYTES UTF-8 bytes when it is
 * larger than that, in a `<table>_chunks (owner_id, chunk_no, text)` table next to its row.
 */

/** Well below the row limit, so a piece plus its key and the row overhead always fits. */
export const CHUNK_BYTES = 400_000;

const utf8 = new TextEncoder();
// ignoreBOM: a piece that starts with U+FEFF must keep it, or the pieces would not join back.
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export function utf8Length(text: string): number {
  return utf8.encode(text).length;
}

/**
 * Splits `text` into pieces of at most `maxBytes` UTF-8 bytes each, cutting only between
 * characters, so that `pieces.join("") === text`. Text of at most `maxBytes` is one piece.
 */
export function splitUtf8(text: string, maxBytes = CHUNK_BYTES): string[] {
  const bytes = utf8.encode(text);
  return bytes.length <= maxBytes ? [text] : splitEncoded(bytes, maxBytes);
}

/** Pieces of at most `maxBytes` UTF-8 bytes, cut between characters, decoded from the bytes. */
function splitEncoded(bytes: Uint8Array, maxBytes: number): string[] {
  if (maxBytes < 4) throw new Error("splitUtf8: maxBytes must be at least 4");
  const pieces: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + maxBytes, bytes.length);
    // Never cut inside a character: back off over UTF-8 continuation bytes (10xxxxxx).
    while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end--;
    pieces.push(decoder.decode(bytes.subarray(start, end)));
    start = end;
  }
  return pieces;
}

/** How a value is stored: whole in its row (`inline`, no pieces), or "" in its row plus pieces. */
export function storageOf(text: string, maxBytes = CHUNK_BYTES): { inline: string; chunks: string[] } {
  const bytes = utf8.encode(text);
  return bytes.length <= maxBytes
    ? { inline: text, chunks: [] }
    : { inline: "", chunks: splitEncoded(bytes, maxBytes) };
}

/**
 * `storageOf` of a text held only as its UTF-8 bytes (a 10 MB notice snapshot is encoded once,
 * for its hash and its pieces; the text itself is made only when it fits one row).
 */
export function storageOfEncoded(bytes: Uint8Array, maxBytes = CHUNK_BYTES): { inline: string; chunks: string[] } {
  return bytes.length <= maxBytes
    ? { inline: decoder.decode(bytes), chunks: [] }
    : { inline: "", chunks: splitEncoded(bytes, maxBytes) };
}
