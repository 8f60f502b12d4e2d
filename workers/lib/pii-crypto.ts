/**
 * Personal data (ID numbers, phones, bank accounts) encrypted at rest, per tenant.
 *
 * One secret, PII_MASTER_KEY (32 random bytes, base64), is stretched with HKDF-SHA256 into
 * two keys per tenant: an AES-256-GCM key that encrypts values and an HMAC-SHA256 key that
 * produces search hashes. Why this shape:
 * - Per-tenant keys (salt = tenant slug): a database copied from one tenant cannot be read
 *   with another tenant's key, and ciphertexts cannot be moved between tenants.
 * - Separate keys for encryption and hashing (different HKDF `info`): a key is used for one
 *   algorithm only, so a weakness in one use cannot leak into the other.
 * - A keyed hash (HMAC), not a plain SHA-256, for lookups: ID numbers have so little entropy
 *   (birth date, region, 3 digits) that an unkeyed hash is reversed by enumeration in
 *   minutes. Without the key, the hash column is useless to whoever copies the database.
 * - Random 96-bit IVs: AES-GCM fails catastrophically if an IV repeats under one key; at the
 *   volumes of a county (millions of values) random IVs are far below the 2^32 limit.
 *
 * - Values of a row are bound to that row (v2): the associated data names table, column and row
 *   id (`households.id_number:42`), so a ciphertext copied onto another person's row, or into
 *   another column, fails to decrypt instead of revealing the first person's number.
 *
 * Stored forms: `v2.<base64 IV>.<base64 ciphertext+tag>` for row-bound values (`encryptPiiAt`);
 * `v1.…` for values bound to a free context (`encryptPii`), which is also how row values were
 * written before v2: `decryptPiiAt` still reads them with their old column-only context.
 */

import { fromBase64, toBase64, toHex } from "./bytes.ts";

export interface PiiKeys {
  /** The tenant the keys belong to; kept for error messages and assertions. */
  readonly tenantSlug: string;
  /** AES-GCM-256, non-extractable, encrypt/decrypt only. */
  readonly encryptionKey: CryptoKey;
  /** HMAC-SHA256, non-extractable, sign only. */
  readonly searchKey: CryptoKey;
}

const VERSION = "v1";
const VERSION_ROW = "v2";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const INFO_ENCRYPTION = "bangfu/pii/aes-256-gcm/v1";
const INFO_SEARCH = "bangfu/pii/hmac-sha256-search/v1";
// Domain tags keep the two kinds of hash apart even if a value happened to look like a
// "name|tail" pair.
const TAG_SEARCH = "search/v1\n";
const TAG_SELF_QUERY = "self-query/v1\n";

const utf8 = new TextEncoder();

/** Decodes and checks the master key; the error names the problem but never the key. */
function masterKeyBytes(masterKeyBase64: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = fromBase64((masterKeyBase64 ?? "").trim());
  } catch {
    throw new Error("PII_MASTER_KEY is not valid base64 (expected 32 random bytes, base64-encoded)");
  }
  if (bytes.length !== 32) {
    throw new Error(`PII_MASTER_KEY must decode to 32 bytes, got ${bytes.length}`);
  }
  return bytes;
}

/**
 * Derives a tenant's encryption and search keys from the master key. Derive once per
 * request (it is two HKDF calls, cheap) rather than caching keys across tenants.
 * @throws Error when the master key is not 32 bytes of base64 or the slug is empty.
 */
export async function derivePiiKeys(masterKeyBase64: string, tenantSlug: string): Promise<PiiKeys> {
  if (!tenantSlug) throw new Error("tenant slug is required to derive PII keys");
  const ikm = await crypto.subtle.importKey("raw", masterKeyBytes(masterKeyBase64), "HKDF", false, ["deriveKey"]);
  const salt = utf8.encode(tenantSlug);
  const encryptionKey = await crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt, info: utf8.encode(INFO_ENCRYPTION) },
    ikm,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
  const searchKey = await crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt, info: utf8.encode(INFO_SEARCH) },
    ikm,
    { name: "HMAC", hash: "SHA-256", length: 256 },
    false,
    ["sign"],
  );
  return { tenantSlug, encryptionKey, searchKey };
}

/** Thrown when a stored value cannot be decrypted; callers map it to a clear error, never show garbage. */
export class PiiDecryptError extends Error {
  override readonly name = "PiiDecryptError";
}

/** Where a personal value is stored: table, column and the id of its row. */
export interface PiiSlot {
  table: string;
  column: string;
  rowId: number;
}

/** Associated data of a row-bound value, e.g. "households.id_number:42". */
export function piiSlotContext(slot: PiiSlot): string {
  if (!Number.isSafeInteger(slot.rowId) || slot.rowId <= 0)
    throw new Error(`PII slot needs a row id, got ${slot.rowId}`);
  return `${slot.table}.${slot.column}:${slot.rowId}`;
}

async function seal(keys: PiiKeys, version: string, plaintext: string, context: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ciphertext = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: utf8.encode(context) },
    keys.encryptionKey,
    utf8.encode(plaintext),
  );
  return `${version}.${toBase64(iv)}.${toBase64(new Uint8Array(ciphertext))}`;
}

async function open(keys: PiiKeys, parts: string[], context: string): Promise<string> {
  let iv: Uint8Array;
  let data: Uint8Array;
  try {
    iv = fromBase64(parts[1]!);
    data = fromBase64(parts[2]!);
  } catch {
    throw new PiiDecryptError("encrypted personal data is not valid base64");
  }
  if (iv.length !== IV_BYTES || data.length < TAG_BYTES) {
    throw new PiiDecryptError("encrypted personal data is truncated");
  }
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv, additionalData: utf8.encode(context) },
      keys.encryptionKey,
      data,
    );
  } catch {
    throw new PiiDecryptError(
      `encrypted personal data failed authentication for tenant "${keys.tenantSlug}" ` +
        "(tampered, wrong tenant key, or copied from another row or column)",
    );
  }
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(plain);
}

function partsOf(stored: string): string[] {
  return typeof stored === "string" ? stored.split(".") : [];
}

/**
 * Encrypts a value that is not a row's column (e.g. a staged upload), bound to a free
 * `context`: a ciphertext copied elsewhere fails to decrypt. Pass the same context to
 * `decryptPii`. Row values use `encryptPiiAt`.
 */
export async function encryptPii(keys: PiiKeys, plaintext: string, context = ""): Promise<string> {
  return seal(keys, VERSION, plaintext, context);
}

/**
 * Decrypts a value produced by `encryptPii`.
 * @throws PiiDecryptError when the stored string is malformed, was altered, belongs to another
 *   tenant or was encrypted under a different context. Never returns partial or garbled text.
 */
export async function decryptPii(keys: PiiKeys, stored: string, context = ""): Promise<string> {
  const parts = partsOf(stored);
  if (parts.length !== 3 || parts[0] !== VERSION) {
    throw new PiiDecryptError("encrypted personal data has an unknown format (expected v1.<iv>.<ciphertext>)");
  }
  return open(keys, parts, context);
}

/**
 * Encrypts a column of one row (v2): the ciphertext decrypts only in that table, column and row.
 * The row id must be known before the write (reserve it, see workers/domain/pii-fields.ts).
 */
export async function encryptPiiAt(keys: PiiKeys, plaintext: string, slot: PiiSlot): Promise<string> {
  return seal(keys, VERSION_ROW, plaintext, piiSlotContext(slot));
}

/**
 * Decrypts a row's column: v2 values with their row-bound context, v1 values (written before
 * v2) with the old column-only context `table.column`.
 * @throws PiiDecryptError as `decryptPii`, in particular for a ciphertext of another row.
 */
export async function decryptPiiAt(keys: PiiKeys, stored: string, slot: PiiSlot): Promise<string> {
  const parts = partsOf(stored);
  if (parts.length === 3 && parts[0] === VERSION_ROW) return open(keys, parts, piiSlotContext(slot));
  if (parts.length === 3 && parts[0] === VERSION) return open(keys, parts, `${slot.table}.${slot.column}`);
  throw new PiiDecryptError("encrypted personal data has an unknown format (expected v1. or v2.<iv>.<ciphertext>)");
}

/** True for a value written before row binding (v1), which a re-encryption may upgrade. */
export function isLegacyPii(stored: string): boolean {
  return typeof stored === "string" && stored.startsWith(`${VERSION}.`);
}

async function hmacHex(keys: PiiKeys, message: string): Promise<string> {
  return toHex(await crypto.subtle.sign("HMAC", keys.searchKey, utf8.encode(message)));
}

/**
 * Deterministic keyed hash (64 hex chars) for equality lookups on an encrypted column,
 * e.g. "is this ID number already registered?". Normalise first (for ID numbers, the
 * `value` of `validateIdNumber`): the hash of "x" and "X" differ.
 */
export async function searchHash(keys: PiiKeys, normalizedValue: string): Promise<string> {
  return hmacHex(keys, TAG_SEARCH + normalizedValue);
}

/** Canonical "name|tail" text of a self-query: what a villager types, made comparable. */
export function selfQueryCanonical(name: string, idTail6: string): string {
  // Villagers type on phones: drop spaces, fold full-width characters, unify the middle
  // dot of minority names and upper-case the x of the check character.
  const n = (name ?? "")
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[•・‧.．]/g, "·");
  const t = (idTail6 ?? "").normalize("NFKC").replace(/\s+/g, "").toUpperCase();
  return `${n}|${t}`;
}

/**
 * Keyed hash for the villager self-query "姓名 + 身份证号后6位": stored with the household
 * when it is saved, recomputed from the query, compared by equality. The name and tail are
 * normalised by `selfQueryCanonical`. Input is not rejected here (a malformed tail simply
 * matches nothing); validate the form before calling.
 */
export async function selfQueryHash(keys: PiiKeys, name: string, idTail6: string): Promise<string> {
  return hmacHex(keys, TAG_SELF_QUERY + selfQueryCanonical(name, idTail6));
}
