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
 */
import { fromBase64, toBase64 } from "./bytes.ts";

const INFO = "bangfu/audit-checkpoint/ed25519/v1";
// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410): the DER header is fixed.
const PKCS8_PREFIX = new Uint8Array([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);
const utf8 = new TextEncoder();

export interface CheckpointKey {
  privateKey: CryptoKey;
  /** Raw 32-byte public key, base64. */
  publicKey: string;
}

export interface CheckpointClaim {
  tenant: string;
  auditSeq: number;
  auditHash: string;
  at: number;
  /** v2: the ledger seq of the checkpoint entry itself and the hash of the entry before it. */
  ledgerSeq?: number | undefined;
  ledgerPrevHash?: string | undefined;
}

export function checkpointMessage(c: CheckpointClaim): string {
  const v1 = `${c.tenant}\n${c.auditSeq}\n${c.auditHash}\n${c.at}`;
  return c.ledgerSeq === undefined
    ? `bangfu-audit-checkpoint/v1\n${v1}`
    : `bangfu-audit-checkpoint/v2\n${v1}\n${c.ledgerSeq}\n${c.ledgerPrevHash}`;
}

/** The tenant's checkpoint key pair, derived from the master secret (base64, 32 bytes). */
export async function deriveCheckpointKey(masterKeyBase64: string, tenantSlug: string): Promise<CheckpointKey> {
  const ikm = await crypto.subtle.importKey("raw", fromBase64(masterKeyBase64.trim()), "HKDF", false, ["deriveBits"]);
  const seed = new Uint8Array(
    await crypto.subtle.deriveBits(
      { name: "HKDF", hash: "SHA-256", salt: utf8.encode(tenantSlug), info: utf8.encode(INFO) },
      ikm,
      256,
    ),
  );
  const pkcs8 = new Uint8Array(PKCS8_PREFIX.length + seed.length);
  pkcs8.set(PKCS8_PREFIX);
  pkcs8.set(seed, PKCS8_PREFIX.length);
  const privateKey = await crypto.subtle.importKey("pkcs8", pkcs8, { name: "Ed25519" }, true, ["sign"]);
  const jwk = (await crypto.subtle.exportKey("jwk", privateKey)) as JsonWebKey;
  const publicKey = toBase64(fromBase64Url(jwk.x!));
  return { privateKey, publicKey };
}

export async function signCheckpoint(key: CheckpointKey, claim: CheckpointClaim): Promise<string> {
  const sig = await crypto.subtle.sign({ name: "Ed25519" }, key.privateKey, utf8.encode(checkpointMessage(claim)));
  return toBase64(new Uint8Array(sig));
}

/** True when `signature` (base64) is `publicKey`'s (base64, raw) signature of the claim. */
export async function verifyCheckpoint(publicKey: string, claim: CheckpointClaim, signature: string): Promise<boolean> {
  try {
    const key = await crypto.subtle.importKey("raw", fromBase64(publicKey), { name: "Ed25519" }, false, ["verify"]);
    return await crypto.subtle.verify(
      { name: "Ed25519" },
      key,
      fromBase64(signature),
      utf8.encode(checkpointMessage(claim)),
    );
  } catch {
    return false;
  }
}

function fromBase64Url(s: string): Uint8Array {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/");
  return fromBase64(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
}
