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
 * - Key ids and rotation (v3): keys are derived from a master key plus a random per-tenant salt
 *   kept in the control catalog (`tenants.key_salt`), no longer from the slug, and every value
 *   names the master key it was written under (`kid`, a short fingerprint of the master key).
 *   A tenant's `PiiKeys` is a key ring: the current key writes, every key in the ring reads, so
 *   PII_MASTER_KEY can be replaced while old values are re-encrypted page by page.
 *
 * Stored forms:
 * - `v3.<kid>.<base64 IV>.<base64 ciphertext+tag>`: current form, row-bound (`encryptPiiAt`,
 *   associated data "row\n" + slot) or bound to a free context (`encryptPii`, "free\n" + context).
 * - `v2.<iv>.<ct>`: row-bound under the slug-derived legacy key (read only, once a tenant has a salt).
 * - `v1.<iv>.<ct>`: free context under the legacy key, also how row values were written before v2:
 *   `decryptPiiAt` still reads them with their old column-only context.
 * Keyed hashes: `<kid>.<64 hex>` under a v3 key; bare 64 hex under a legacy key. Lookups compare
 * against `searchHashes` (one per key in the ring) so they find rows not yet re-hashed.
 */

import { fromBase64, toBase64, toHex } from "./bytes.ts";

/** One master key's pair of derived keys for one tenant. */
export interface PiiKeySet {
  /** Id of the master key (v3), or null for the legacy slug-derived keys (v1/v2, bare hex hashes). */
  readonly kid: string | null;
  /** AES-GCM-256, non-extractable, encrypt/decrypt only. */
  readonly encryptionKey: CryptoKey;
  /** HMAC-SHA256, non-extractable, sign only. */
  readonly searchKey: CryptoKey;
}

/** A tenant's key ring: its own fields are the current (writing) keys; `ring` lists every readable set, current first. */
export interface PiiKeys extends PiiKeySet {
  /** The tenant the keys belong to; kept for error messages and assertions. */
  readonly tenantSlug: string;
  readonly ring: readonly PiiKeySet[];
}

/**
 * At most this many master keys in a ring (PII_MASTER_KEY + 3 previous). Each lookup compares with
 * one hash per key and per legacy key (2 × 4 = 8 values): bounded, so `inArray(column, hashes)`
 * stays far under D1's 100 bound parameters per statement, and a rotation that was never finished
 * (keys piling up in PII_MASTER_KEY_PREVIOUS) is caught as a misconfiguration instead.
 */
export const MAX_MASTER_KEYS = 4;

const VERSION = "v1";
const VERSION_ROW = "v2";
const VERSION_KID = "v3";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const INFO_ENCRYPTION = "bangfu/pii/aes-256-gcm/v1";
const INFO_SEARCH = "bangfu/pii/hmac-sha256-search/v1";
const INFO_ENCRYPTION_V3 = "bangfu/pii/aes-256-gcm/v3";
const INFO_SEARCH_V3 = "bangfu/pii/hmac-sha256-search/v3";
const SALT_V3 = "bangfu/pii/tenant-salt/v3\n";
const KID_TAG = "bangfu/pii/key-id/v1\n";
const KID_FORMAT = /^k[0-9a-f]{8}$/;
const AAD_ROW = "row\n";
const AAD_FREE = "free\n";
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

async function deriveSet(master: Uint8Array, salt: Uint8Array, kid: string | null): Promise<PiiKeySet> {
  const ikm = await crypto.subtle.importKey("raw", master, "HKDF", false, ["deriveKey"]);
  const v3 = kid !== null;
  const encryptionKey = await crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt, info: utf8.encode(v3 ? INFO_ENCRYPTION_V3 : INFO_ENCRYPTION) },
    ikm,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
  const searchKey = await crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt, info: utf8.encode(v3 ? INFO_SEARCH_V3 : INFO_SEARCH) },
    ikm,
    { name: "HMAC", hash: "SHA-256", length: 256 },
    false,
    ["sign"],
  );
  return { kid, encryptionKey, searchKey };
}

/**
 * The id of a master key: "k" + 8 hex of a tagged SHA-256 of the key. Public (it is stored in every
 * value); 32 bits of a hash reveal nothing about a 256-bit key but tell keys apart.
 * @throws Error when the master key is not 32 bytes of base64.
 */
export async function masterKeyId(masterKeyBase64: string): Promise<string> {
  const bytes = masterKeyBytes(masterKeyBase64);
  const tagged = new Uint8Array([...utf8.encode(KID_TAG), ...bytes]);
  return `k${toHex(await crypto.subtle.digest("SHA-256", tagged)).slice(0, 8)}`;
}

/**
 * Legacy keys of a tenant, salted with its slug: the keys of v1/v2 values and bare-hex hashes.
 * Writing with them still works (seeds and test fixtures that build data directly), but the Worker
 * writes with `deriveTenantKeyring` once the tenant has a salt.
 * @throws Error when the master key is not 32 bytes of base64 or the slug is empty.
 */
export async function derivePiiKeys(masterKeyBase64: string, tenantSlug: string): Promise<PiiKeys> {
  if (!tenantSlug) throw new Error("tenant slug is required to derive PII keys");
  const set = await deriveSet(masterKeyBytes(masterKeyBase64), utf8.encode(tenantSlug), null);
  return { ...set, tenantSlug, ring: [set] };
}

export interface KeyringInput {
  /** Master keys (base64), the current one first, then those still being rotated away from. */
  masterKeys: readonly string[];
  tenantSlug: string;
  /** The tenant's random salt from the control catalog (`tenants.key_salt`). */
  keySalt: string;
}

/**
 * A tenant's key ring: v3 keys of every master key (the first writes), then the legacy slug-salted
 * keys of every master key, so values written before the salt existed stay readable.
 * @throws Error for a malformed master key, an empty salt or slug, or the same key listed twice.
 */
export async function deriveTenantKeyring(input: KeyringInput): Promise<PiiKeys> {
  if (!input.tenantSlug) throw new Error("tenant slug is required to derive PII keys");
  if (!input.keySalt)
    throw new Error(`tenant "${input.tenantSlug}" has no key salt (control catalog tenants.key_salt)`);
  if (input.masterKeys.length === 0) throw new Error("PII_MASTER_KEY is not set");
  if (input.masterKeys.length > MAX_MASTER_KEYS)
    throw new Error(
      `at most ${MAX_MASTER_KEYS} PII master keys (current + ${MAX_MASTER_KEYS - 1} previous), got ${input.masterKeys.length}`,
    );
  const masters = input.masterKeys.map(masterKeyBytes);
  const kids = await Promise.all(input.masterKeys.map(masterKeyId));
  if (new Set(kids).size !== kids.length) throw new Error("the same PII master key is configured twice");
  const salt = utf8.encode(SALT_V3 + input.keySalt);
  const v3 = await Promise.all(masters.map((m, i) => deriveSet(m, salt, kids[i]!)));
  const legacy = await Promise.all(masters.map((m) => deriveSet(m, utf8.encode(input.tenantSlug), null)));
  return { ...v3[0]!, tenantSlug: input.tenantSlug, ring: [...v3, ...legacy] };
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

async function seal(keys: PiiKeySet, version: string, plaintext: string, context: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ciphertext = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: utf8.encode(context) },
    keys.encryptionKey,
    utf8.encode(plaintext),
  );
  const prefix = keys.kid === null ? version : `${VERSION_KID}.${keys.kid}`;
  return `${prefix}.${toBase64(iv)}.${toBase64(new Uint8Array(ciphertext))}`;
}

/** Opens `[version, iv, ct]` (v1/v2) with every legacy key of the ring, or `[v3, kid, iv, ct]` with that key. */
async function openAny(keys: PiiKeys, parts: string[], context: string): Promise<string> {
  if (parts[0] !== VERSION_KID) {
    const legacy = keys.ring.filter((k) => k.kid === null);
    for (let i = 0; i < legacy.length - 1; i++) {
      try {
        return await open(keys.tenantSlug, legacy[i]!, parts[1]!, parts[2]!, context);
      } catch (err) {
        if (!(err instanceof PiiDecryptError)) throw err;
      }
    }
    const last = legacy.at(-1);
    if (!last) throw new PiiDecryptError("encrypted personal data uses a legacy key that is not configured");
    return open(keys.tenantSlug, last, parts[1]!, parts[2]!, context);
  }
  const kid = parts[1]!;
  const set = keys.ring.find((k) => k.kid === kid);
  if (!set) {
    throw new PiiDecryptError(
      `encrypted personal data was written under master key ${kid}, which is not configured ` +
        "(set it as PII_MASTER_KEY_PREVIOUS until the re-encryption job has finished)",
    );
  }
  return open(keys.tenantSlug, set, parts[2]!, parts[3]!, context);
}

async function open(tenantSlug: string, keys: PiiKeySet, ivText: string, dataText: string, context: string) {
  let iv: Uint8Array;
  let data: Uint8Array;
  try {
    iv = fromBase64(ivText);
    data = fromBase64(dataText);
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
      `encrypted personal data failed authentication for tenant "${tenantSlug}" ` +
        "(tampered, wrong tenant key, or copied from another row or column)",
    );
  }
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(plain);
}

function partsOf(stored: string): string[] {
  return typeof stored === "string" ? stored.split(".") : [];
}

/** True when `parts` is a well-formed v3 value: version, a key id, IV and ciphertext. */
function isV3(parts: string[]): boolean {
  return parts.length === 4 && parts[0] === VERSION_KID && KID_FORMAT.test(parts[1]!);
}

/**
 * Encrypts a value that is not a row's column (e.g. a staged upload), bound to a free
 * `context`: a ciphertext copied elsewhere fails to decrypt. Pass the same context to
 * `decryptPii`. Row values use `encryptPiiAt`.
 */
export async function encryptPii(keys: PiiKeys, plaintext: string, context = ""): Promise<string> {
  return seal(keys, VERSION, plaintext, keys.kid === null ? context : AAD_FREE + context);
}

/**
 * Decrypts a value produced by `encryptPii` (v3 under any key of the ring, or v1).
 * @throws PiiDecryptError when the stored string is malformed, was altered, belongs to another
 *   tenant, was encrypted under a different context or under a key not in the ring.
 *   Never returns partial or garbled text.
 */
export async function decryptPii(keys: PiiKeys, stored: string, context = ""): Promise<string> {
  const parts = partsOf(stored);
  if (isV3(parts)) return openAny(keys, parts, AAD_FREE + context);
  if (parts.length !== 3 || parts[0] !== VERSION) {
    throw new PiiDecryptError("encrypted personal data has an unknown format (expected v1.<iv>.<ciphertext>)");
  }
  return openAny(keys, parts, context);
}

/**
 * Encrypts a column of one row (v3, or v2 under legacy keys): the ciphertext decrypts only in
 * that table, column and row. The row id must be known before the write (reserve it, see
 * workers/domain/pii-fields.ts).
 */
export async function encryptPiiAt(keys: PiiKeys, plaintext: string, slot: PiiSlot): Promise<string> {
  const context = piiSlotContext(slot);
  return seal(keys, VERSION_ROW, plaintext, keys.kid === null ? context : AAD_ROW + context);
}

/**
 * Decrypts a row's column: v3 values with the key their id names, v2 values with their row-bound
 * context, v1 values (written before v2) with the old column-only context `table.column`.
 * @throws PiiDecryptError as `decryptPii`, in particular for a ciphertext of another row.
 */
export async function decryptPiiAt(keys: PiiKeys, stored: string, slot: PiiSlot): Promise<string> {
  const parts = partsOf(stored);
  if (isV3(parts)) return openAny(keys, parts, AAD_ROW + piiSlotContext(slot));
  if (parts.length === 3 && parts[0] === VERSION_ROW) return openAny(keys, parts, piiSlotContext(slot));
  if (parts.length === 3 && parts[0] === VERSION) return openAny(keys, parts, `${slot.table}.${slot.column}`);
  throw new PiiDecryptError(
    "encrypted personal data has an unknown format (expected v1., v2. or v3.<kid>.<iv>.<ciphertext>)",
  );
}

/** True for a value written before row binding (v1), which a re-encryption may upgrade. */
export function isLegacyPii(stored: string): boolean {
  return typeof stored === "string" && stored.startsWith(`${VERSION}.`);
}

/** True for any stored ciphertext form (v1, v2, v3), as opposed to plain text. */
export function isEncryptedPii(stored: string): boolean {
  const parts = partsOf(stored);
  return isV3(parts) || (parts.length === 3 && (parts[0] === VERSION || parts[0] === VERSION_ROW));
}

/** The master key id a stored ciphertext or keyed hash names, or null for legacy (v1/v2, bare hex). */
export function keyIdOf(stored: string): string | null {
  const parts = partsOf(stored);
  if (isV3(parts)) return parts[1]!;
  if (parts.length === 2 && KID_FORMAT.test(parts[0]!)) return parts[0]!;
  return null;
}

/** True when a ciphertext or keyed hash was written with the ring's current key (nothing to rotate). */
export function isCurrentKey(keys: PiiKeys, stored: string): boolean {
  return keys.kid !== null && keyIdOf(stored) === keys.kid;
}

async function hmacHex(keys: PiiKeySet, message: string): Promise<string> {
  const hex = toHex(await crypto.subtle.sign("HMAC", keys.searchKey, utf8.encode(message)));
  return keys.kid === null ? hex : `${keys.kid}.${hex}`;
}

/** The hash of `message` under every key of the ring, current first, without repeats. */
async function hmacAll(keys: PiiKeys, message: string): Promise<string[]> {
  return [...new Set(await Promise.all(keys.ring.map((k) => hmacHex(k, message))))];
}

/**
 * Deterministic keyed hash (64 hex chars) for equality lookups on an encrypted column,
 * e.g. "is this ID number already registered?". Normalise first (for ID numbers, the
 * `value` of `validateIdNumber`): the hash of "x" and "X" differ.
 */
export async function searchHash(keys: PiiKeys, normalizedValue: string): Promise<string> {
  return hmacHex(keys, TAG_SEARCH + normalizedValue);
}

/**
 * `searchHash` under every key of the ring (current first): what a lookup compares with
 * (`inArray(column, hashes)`), so rows the re-encryption job has not reached yet are still found.
 */
export async function searchHashes(keys: PiiKeys, normalizedValue: string): Promise<string[]> {
  return hmacAll(keys, TAG_SEARCH + normalizedValue);
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

/** `selfQueryHash` under every key of the ring, for lookups during a rotation. */
export async function selfQueryHashes(keys: PiiKeys, name: string, idTail6: string): Promise<string[]> {
  return hmacAll(keys, TAG_SELF_QUERY + selfQueryCanonical(name, idTail6));
}
