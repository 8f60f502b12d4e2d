/**
 * Signed checkpoints of the audit chain's head, published in the public ledger.
 *
 * Each tenant has an Ed25519 key pair derived (HKDF-SHA256, salt = tenant slug) from the same
 * PII_MASTER_KEY secret as the personal-data keys, with its own `info`, so it is used for this one
 * purpose. The public key is published (`GET …/ledger/checkpoint-key` and inside every checkpoint);
 * anyone holding a checkpoint can later check that the audit log still reaches the signed head.
 *
 * Signed message (UTF-8): "bangfu-audit-checkpoint/v1\n<tenant>\n<auditSeq>\n<auditHash>\n<at>", and
 * since v2 also "\n<ledgerSeq>\n<ledgerPrevHash>": the checkpoint's own place in the public ledger,
 * so it anchors the ledger chain as well and a verification can start there instead of at entry 1.
 *
 * v3 (key rotation, issue 13): the key pair is derived like the v3 personal-data keys, from a master
 * key plus the tenant's random `key_salt`, no longer from the slug, and every signature names its
 * master key: the message ends with "\n<kid>" and the stored signature is "<kid>.<base64>". When
 * PII_MASTER_KEY is rotated, the re-encryption job has the new key *endorse* every older public key
 * (a signature over "tenant, old kid, old public key"); a verifier trusts the configured keys and,
 * transitively, what a trusted key endorsed, so checkpoints signed before a rotation still verify
 * after the old master key is gone, and a key nobody trusted endorsed is still rejected.
 */
import { fromBase64, toBase64 } from "./bytes.ts";

const INFO = "bangfu/audit-checkpoint/ed25519/v1";
const INFO_V3 = "bangfu/audit-checkpoint/ed25519/v3";
const SALT_V3 = "bangfu/audit-checkpoint/tenant-salt/v3\n";
const ENDORSEMENT = "bangfu-audit-checkpoint-key-endorsement/v1";
const KID_FORMAT = /^k[0-9a-f]{8}$/;
// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410): the DER header is fixed.
const PKCS8_PREFIX = new Uint8Array([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);
const utf8 = new TextEncoder();

export interface CheckpointKey {
  privateKey: CryptoKey;
  /** Raw 32-byte public key, base64. */
  publicKey: string;
  /** Id of the master key it derives from (v3), or null for the legacy slug-salted key. */
  kid: string | null;
}

export interface CheckpointClaim {
  tenant: string;
  auditSeq: number;
  auditHash: string;
  at: number;
  /** v2: the ledger seq of the checkpoint entry itself and the hash of the entry before it. */
  ledgerSeq?: number | undefined;
  ledgerPrevHash?: string | undefined;
  /** v3: the master key id of the signing key (requires ledgerSeq). */
  kid?: string | undefined;
}

export function checkpointMessage(c: CheckpointClaim): string {
  const v1 = `${c.tenant}\n${c.auditSeq}\n${c.auditHash}\n${c.at}`;
  if (c.ledgerSeq === undefined) return `bangfu-audit-checkpoint/v1\n${v1}`;
  const v2 = `${v1}\n${c.ledgerSeq}\n${c.ledgerPrevHash}`;
  return c.kid === undefined ? `bangfu-audit-checkpoint/v2\n${v2}` : `bangfu-audit-checkpoint/v3\n${v2}\n${c.kid}`;
}

/** The legacy (v1/v2) checkpoint key pair, salted with the slug: still derived to verify older checkpoints. */
export async function deriveCheckpointKey(masterKeyBase64: string, tenantSlug: string): Promise<CheckpointKey> {
  return keyFromSeed(await seedOf(masterKeyBase64, utf8.encode(tenantSlug), INFO), null);
}

/**
 * The v3 checkpoint key pair of one master key for one tenant: HKDF(master, tagged `key_salt`), so
 * it no longer depends on the slug; `kid` is the master key's id (`masterKeyId`).
 */
export async function deriveCheckpointKeyV3(
  masterKeyBase64: string,
  keySalt: string,
  kid: string,
): Promise<CheckpointKey> {
  if (!keySalt) throw new Error("a key salt is required for a v3 checkpoint key");
  if (!KID_FORMAT.test(kid)) throw new Error(`malformed master key id "${kid}"`);
  return keyFromSeed(await seedOf(masterKeyBase64, utf8.encode(SALT_V3 + keySalt), INFO_V3), kid);
}

async function seedOf(masterKeyBase64: string, salt: Uint8Array, info: string): Promise<Uint8Array> {
  const ikm = await crypto.subtle.importKey("raw", fromBase64(masterKeyBase64.trim()), "HKDF", false, ["deriveBits"]);
  return new Uint8Array(
    await crypto.subtle.deriveBits({ name: "HKDF", hash: "SHA-256", salt, info: utf8.encode(info) }, ikm, 256),
  );
}

async function keyFromSeed(seed: Uint8Array, kid: string | null): Promise<CheckpointKey> {
  const pkcs8 = new Uint8Array(PKCS8_PREFIX.length + seed.length);
  pkcs8.set(PKCS8_PREFIX);
  pkcs8.set(seed, PKCS8_PREFIX.length);
  const privateKey = await crypto.subtle.importKey("pkcs8", pkcs8, { name: "Ed25519" }, true, ["sign"]);
  const jwk = (await crypto.subtle.exportKey("jwk", privateKey)) as JsonWebKey;
  const publicKey = toBase64(fromBase64Url(jwk.x!));
  return { privateKey, publicKey, kid };
}

/**
 * Signs a claim; a v3 key signs the v3 message (its kid in the claim, which must name it) and
 * returns "<kid>.<base64>", a legacy key returns bare base64 over the v1/v2 message.
 */
export async function signCheckpoint(key: CheckpointKey, claim: CheckpointClaim): Promise<string> {
  const signed: CheckpointClaim = { ...claim, kid: key.kid ?? undefined };
  if (key.kid !== null && signed.ledgerSeq === undefined) throw new Error("a v3 checkpoint signs its ledger place");
  const sig = toBase64(new Uint8Array(await ed25519Sign(key, checkpointMessage(signed))));
  return key.kid === null ? sig : `${key.kid}.${sig}`;
}

/**
 * True when `signature` is `publicKey`'s (base64, raw) signature of the claim: "<kid>.<base64>"
 * only for a claim naming that kid (v3), bare base64 only for a claim without one (v1/v2).
 */
export async function verifyCheckpoint(publicKey: string, claim: CheckpointClaim, signature: string): Promise<boolean> {
  const dot = signature.indexOf(".");
  const kid = dot < 0 ? undefined : signature.slice(0, dot);
  if (kid !== claim.kid) return false;
  return ed25519Verify(publicKey, checkpointMessage(claim), dot < 0 ? signature : signature.slice(dot + 1));
}

/** An older checkpoint public key, as endorsed by a newer one. */
export interface EndorsedKey {
  /** Master key id of the endorsed key, null for a legacy (slug-salted) one. */
  kid: string | null;
  publicKey: string;
}

export interface Endorsement extends EndorsedKey {
  endorserPublicKey: string;
  /** base64 Ed25519 signature by the endorser over `endorsementMessage`. */
  signature: string;
}

export function endorsementMessage(tenant: string, endorsed: EndorsedKey, endorserPublicKey: string): string {
  return `${ENDORSEMENT}\n${tenant}\n${endorsed.kid ?? "legacy"}\n${endorsed.publicKey}\n${endorserPublicKey}`;
}

/** `key` vouches that `endorsed` was this tenant's checkpoint key (written by the rotation job). */
export async function endorseCheckpointKey(
  key: CheckpointKey,
  tenant: string,
  endorsed: EndorsedKey,
): Promise<Endorsement> {
  const sig = await ed25519Sign(key, endorsementMessage(tenant, endorsed, key.publicKey));
  return { ...endorsed, endorserPublicKey: key.publicKey, signature: toBase64(new Uint8Array(sig)) };
}

/**
 * The public keys a verifier trusts for `tenant`: the configured ones (derived from the master keys
 * in the ring) and, transitively, every key an already trusted key endorsed with a valid signature.
 * Maps public key → kid (null: legacy).
 */
export async function trustedCheckpointKeys(
  tenant: string,
  configured: readonly EndorsedKey[],
  endorsements: readonly Endorsement[],
): Promise<Map<string, string | null>> {
  const trusted = new Map(configured.map((k) => [k.publicKey, k.kid] as const));
  let pending = endorsements.filter((e) => !trusted.has(e.publicKey));
  let grew = true;
  while (grew && pending.length > 0) {
    grew = false;
    const left: Endorsement[] = [];
    for (const e of pending) {
      if (trusted.has(e.publicKey)) continue;
      if (
        trusted.has(e.endorserPublicKey) &&
        (await ed25519Verify(e.endorserPublicKey, endorsementMessage(tenant, e, e.endorserPublicKey), e.signature))
      ) {
        trusted.set(e.publicKey, e.kid);
        grew = true;
      } else left.push(e);
    }
    pending = left;
  }
  return trusted;
}

async function ed25519Sign(key: CheckpointKey, message: string): Promise<ArrayBuffer> {
  return crypto.subtle.sign({ name: "Ed25519" }, key.privateKey, utf8.encode(message));
}

async function ed25519Verify(publicKey: string, message: string, signature: string): Promise<boolean> {
  try {
    const key = await crypto.subtle.importKey("raw", fromBase64(publicKey), { name: "Ed25519" }, false, ["verify"]);
    return await crypto.subtle.verify({ name: "Ed25519" }, key, fromBase64(signature), utf8.encode(message));
  } catch {
    return false;
  }
}

function fromBase64Url(s: string): Uint8Array {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/");
  return fromBase64(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
}
