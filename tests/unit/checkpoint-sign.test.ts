import { describe, expect, it } from "vitest";
import { toBase64 } from "../../workers/lib/bytes.ts";
import {
  type CheckpointClaim,
  deriveCheckpointKey,
  deriveCheckpointKeyV3,
  endorseCheckpointKey,
  signCheckpoint,
  trustedCheckpointKeys,
  verifyCheckpoint,
} from "../../workers/lib/checkpoint-sign.ts";
import { deriveTenantKeyring, MAX_MASTER_KEYS, masterKeyId } from "../../workers/lib/pii-crypto.ts";

const A = toBase64(new Uint8Array(32).map((_, i) => i));
const B = toBase64(new Uint8Array(32).fill(0x42));
const SALT = "00112233445566778899aabbccddeeff";
const claim: CheckpointClaim = {
  tenant: "longquanyi",
  auditSeq: 7,
  auditHash: "ab".repeat(32),
  at: 1_700_000_000,
  ledgerSeq: 3,
  ledgerPrevHash: "cd".repeat(32),
};

describe("v3 checkpoint keys", () => {
  it("derive from the master key and the tenant's salt, not the slug, and sign with their kid", async () => {
    const kid = await masterKeyId(A);
    const v3 = await deriveCheckpointKeyV3(A, SALT, kid);
    const legacy = await deriveCheckpointKey(A, "longquanyi");
    expect(v3.publicKey).not.toBe(legacy.publicKey);
    expect((await deriveCheckpointKeyV3(A, "ffeeddccbbaa99887766554433221100", kid)).publicKey).not.toBe(v3.publicKey);

    const sig = await signCheckpoint(v3, claim);
    expect(sig.startsWith(`${kid}.`)).toBe(true);
    expect(await verifyCheckpoint(v3.publicKey, { ...claim, kid }, sig)).toBe(true);
    // The kid is signed: dropping or changing it fails.
    expect(await verifyCheckpoint(v3.publicKey, claim, sig)).toBe(false);
    expect(await verifyCheckpoint(v3.publicKey, { ...claim, kid: "k00000000" }, sig)).toBe(false);
    expect(await verifyCheckpoint(v3.publicKey, { ...claim, kid }, sig.slice(kid.length + 1))).toBe(false);
  });

  it("still verify legacy (v1, v2) signatures in their own format", async () => {
    const legacy = await deriveCheckpointKey(A, "longquanyi");
    const v2 = await signCheckpoint(legacy, claim);
    expect(v2).not.toContain(".");
    expect(await verifyCheckpoint(legacy.publicKey, claim, v2)).toBe(true);
    const { ledgerSeq: _s, ledgerPrevHash: _p, ...v1claim } = claim;
    expect(await verifyCheckpoint(legacy.publicKey, v1claim, await signCheckpoint(legacy, v1claim))).toBe(true);
  });

  it("trust older keys only through a chain of endorsements starting at a configured key", async () => {
    const a = await deriveCheckpointKeyV3(A, SALT, await masterKeyId(A));
    const b = await deriveCheckpointKeyV3(B, SALT, await masterKeyId(B));
    const legacy = await deriveCheckpointKey(A, "longquanyi");
    const configured = [{ kid: b.kid, publicKey: b.publicKey }];
    const byB = await endorseCheckpointKey(b, "longquanyi", { kid: a.kid, publicKey: a.publicKey });
    const byA = await endorseCheckpointKey(a, "longquanyi", { kid: null, publicKey: legacy.publicKey });
    const trusted = await trustedCheckpointKeys("longquanyi", configured, [byA, byB]);
    expect([...trusted.keys()].sort()).toEqual([a.publicKey, b.publicKey, legacy.publicKey].sort());
    expect(trusted.get(legacy.publicKey)).toBeNull();

    // An endorsement by an untrusted key, for another tenant, or with a bad signature adds nothing.
    const outsider = await deriveCheckpointKey(B, "attacker");
    const forged = await endorseCheckpointKey(outsider, "longquanyi", { kid: null, publicKey: legacy.publicKey });
    const otherTenant = await endorseCheckpointKey(b, "pingchuan", { kid: a.kid, publicKey: a.publicKey });
    const tampered = { ...byB, kid: null };
    for (const e of [forged, otherTenant, tampered])
      expect([...(await trustedCheckpointKeys("longquanyi", configured, [e])).keys()]).toEqual([b.publicKey]);
  });
});

describe("key ring cap", () => {
  it("derives a ring of at most MAX_MASTER_KEYS master keys", async () => {
    const keys = Array.from({ length: MAX_MASTER_KEYS + 1 }, (_, i) => toBase64(new Uint8Array(32).fill(0x10 + i)));
    const ring = await deriveTenantKeyring({
      masterKeys: keys.slice(0, MAX_MASTER_KEYS),
      tenantSlug: "t",
      keySalt: SALT,
    });
    expect(ring.ring).toHaveLength(2 * MAX_MASTER_KEYS);
    await expect(deriveTenantKeyring({ masterKeys: keys, tenantSlug: "t", keySalt: SALT })).rejects.toThrow(
      /at most 4/,
    );
  });
});
