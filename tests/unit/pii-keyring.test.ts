import { describe, expect, it } from "vitest";
import { toBase64 } from "../../workers/lib/bytes.ts";
import {
  decryptPii,
  decryptPiiAt,
  derivePiiKeys,
  deriveTenantKeyring,
  encryptPii,
  encryptPiiAt,
  isCurrentKey,
  isEncryptedPii,
  keyIdOf,
  masterKeyId,
  searchHash,
  searchHashes,
  selfQueryHash,
  selfQueryHashes,
} from "../../workers/lib/pii-crypto.ts";

const A = toBase64(new Uint8Array(32).map((_, i) => i));
const B = toBase64(new Uint8Array(32).fill(0x42));
const ID = "11010519491231002X";
const slot = { table: "households", column: "id_number", rowId: 42 };
const ring = (masterKeys: string[], keySalt = "00112233445566778899aabbccddeeff", tenantSlug = "longquanyi") =>
  deriveTenantKeyring({ masterKeys, tenantSlug, keySalt });

describe("v3 key ring", () => {
  it("names the master key in ciphertexts and hashes", async () => {
    const keys = await ring([A]);
    const kid = await masterKeyId(A);
    expect(kid).toMatch(/^k[0-9a-f]{8}$/);
    expect(await masterKeyId(B)).not.toBe(kid);
    const stored = await encryptPiiAt(keys, ID, slot);
    expect(stored.startsWith(`v3.${kid}.`)).toBe(true);
    expect(keyIdOf(stored)).toBe(kid);
    expect(isEncryptedPii(stored)).toBe(true);
    expect(isCurrentKey(keys, stored)).toBe(true);
    const h = await searchHash(keys, ID);
    expect(h).toMatch(new RegExp(`^${kid}\\.[0-9a-f]{64}$`));
    expect(keyIdOf(h)).toBe(kid);
    expect(await decryptPiiAt(keys, stored, slot)).toBe(ID);
  });

  it("derives from the salt, not the slug: same slug + other salt cannot read, other slug + same salt can", async () => {
    const stored = await encryptPiiAt(await ring([A]), ID, slot);
    await expect(decryptPiiAt(await ring([A], "ffffffffffffffffffffffffffffffff"), stored, slot)).rejects.toThrow(
      "failed authentication",
    );
    expect(await decryptPiiAt(await ring([A], undefined, "renamed"), stored, slot)).toBe(ID);
  });

  it("reads every key of the ring and writes with the first; a removed key is named in the error", async () => {
    const old = await ring([A]);
    const mid = await ring([B, A]);
    const stored = await encryptPiiAt(old, ID, slot);
    const free = await encryptPii(old, "staged", "csv_imports.content");
    expect(await decryptPiiAt(mid, stored, slot)).toBe(ID);
    expect(await decryptPii(mid, free, "csv_imports.content")).toBe("staged");
    expect(isCurrentKey(mid, stored)).toBe(false);
    expect((await encryptPiiAt(mid, ID, slot)).startsWith(`v3.${await masterKeyId(B)}.`)).toBe(true);
    const kidA = await masterKeyId(A);
    const onlyB = await ring([B]);
    await expect(decryptPiiAt(onlyB, stored, slot)).rejects.toThrow(`master key ${kidA}, which is not configured`);
    // A free-context value never passes as a row value, nor the other way round.
    await expect(decryptPiiAt(mid, free, slot)).rejects.toThrow("failed authentication");
    await expect(decryptPii(mid, stored, "households.id_number:42")).rejects.toThrow("failed authentication");
  });

  it("still reads v1 and v2 values of the legacy slug keys, under any master key of the ring", async () => {
    const legacy = await derivePiiKeys(A, "longquanyi");
    const v2 = await encryptPiiAt(legacy, ID, slot);
    const v1 = await encryptPii(legacy, ID, "households.id_number");
    expect(v2).toMatch(/^v2\./);
    expect(keyIdOf(v2)).toBeNull();
    const mid = await ring([B, A]);
    expect(await decryptPiiAt(mid, v2, slot)).toBe(ID);
    expect(await decryptPiiAt(mid, v1, slot)).toBe(ID);
    await expect(decryptPiiAt(await ring([B]), v2, slot)).rejects.toThrow("failed authentication");
  });

  it("looks up by every key's hash, current first", async () => {
    const mid = await ring([B, A]);
    const hashes = await searchHashes(mid, ID);
    expect(hashes[0]).toBe(await searchHash(mid, ID));
    expect(hashes).toContain(await searchHash(await ring([A]), ID));
    expect(hashes).toContain(await searchHash(await derivePiiKeys(A, "longquanyi"), ID));
    expect(hashes).toHaveLength(4);
    const sq = await selfQueryHashes(mid, "张三", "31002X");
    expect(sq).toContain(await selfQueryHash(await ring([A]), "张三", "31002x"));
  });

  it("refuses a missing salt, no key, a malformed key or the same key twice", async () => {
    await expect(ring([A], "")).rejects.toThrow("no key salt");
    await expect(ring([])).rejects.toThrow("PII_MASTER_KEY is not set");
    await expect(ring([A, "c2hvcnQ="])).rejects.toThrow("must decode to 32 bytes");
    await expect(ring([A, A])).rejects.toThrow("configured twice");
  });

  it("rejects v3 values with a malformed key id as unknown format", async () => {
    const keys = await ring([A]);
    const stored = await encryptPiiAt(keys, ID, slot);
    const [, , iv, ct] = stored.split(".");
    await expect(decryptPiiAt(keys, `v3.nokid.${iv}.${ct}`, slot)).rejects.toThrow("unknown format");
    expect(isEncryptedPii(`v3.nokid.${iv}.${ct}`)).toBe(false);
    expect(isEncryptedPii("plain text, not encrypted")).toBe(false);
  });
});
