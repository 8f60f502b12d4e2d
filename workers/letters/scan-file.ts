/**
 * Which scanned copies a letter may carry: a signed page as PDF, JPEG or PNG of at most
 * SCAN_MAX_BYTES, recognised by its first bytes (a declared type alone is not trusted).
 */
export const SCAN_MAX_BYTES = 700 * 1024;

const SIGNATURES: { type: string; magic: number[] }[] = [
  { type: "application/pdf", magic: [0x25, 0x50, 0x44, 0x46] },
  { type: "image/jpeg", magic: [0xff, 0xd8, 0xff] },
  { type: "image/png", magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The file's real type, or null when it is none of the accepted ones. */
export function scanTypeOf(bytes: Uint8Array): string | null {
  for (const s of SIGNATURES) if (s.magic.every((b, i) => bytes[i] === b)) return s.type;
  return null;
}
