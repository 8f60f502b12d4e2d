import { describe, it, expect } from "vitest";
import { fromBase64, toBase64 } from "../../workers/lib/bytes.ts";
import {
  decryptPii,
  decryptPiiAt,
  derivePiiKeys,
  encryptPii,
  encryptPiiAt,
  PiiDecryptError,
  searchHash,
  selfQueryCanonical,
  selfQueryHash,
} from "../../workers/lib/pii-crypto.ts";

// Same test-only key as tests/vitest.config.ts (bytes 0..31); never a real secret.
const MASTER = toBase64(Uint8Array.from({ length: 32 }, (_, i) => i));
const OTHER_MASTER = toBase64(Uint8Array.from({ length: 32 }, (_, i) => 255 - i));
const ID = "11010519491231002X";

describe("derivePiiKeys", () => {
  it("derives non-extractable keys for the tenant", async () => {
    const keys = await derivePiiKeys(MASTER, "longquanyi");
    expect(keys.tenantSlug).toBe("longquanyi");
    expect(keys.encryptionKey.extractable).toBe(false);
    expect(keys.searchKey.extractable).toBe(false);
    expect(keys.encryptionKey.algorithm.name).toBe("AES-GCM");
    expect(keys.searchKey.algorithm.name).toBe("HMAC");
  });

  it("rejects a master key that is not 32 bytes, without echoing it", async () => {
    const short = toBase64(new Uint8Array(16));
    await expect(derivePiiKeys(short, "t")).rejects.toThrow("must decode to 32 bytes, got 16");
    await expect(derivePiiKeys(toBase64(new Uint8Array(33)), "t")).rejects.toThrow("got 33");
    await expect(derivePiiKeys("", "t")).rejects.toThrow("got 0");
    const bad = "not base64 at all!!";
    const err = await derivePiiKeys(bad, "t").then(
      () => new Error("expected a rejection"),
      (e: unknown) => e as Error,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toContain("PII_MASTER_KEY");
    expect(err.message).not.toContain(bad);
  });

  it("requires a tenant slug", async () => {
    await expect(derivePiiKeys(MASTER, "")).rejects.toThrow("tenant slug");
  });
});

describe("encryptPii / decryptPii", () => {
  it("round-trips Chinese text, empty strings and long values", async () => {
    const keys = await derivePiiKeys(MASTER, "longquanyi");
    for (const value of [ID, "张三", "", "\uFEFF开头的BOM", "6222".repeat(500), "𠮷野家 · 阿依古丽"]) {
      expect(await decryptPii(keys, await encryptPii(keys, value))).toBe(value);
    }
  });

  it("uses the compact v1.<iv>.<ciphertext> form with a 12-byte IV", async () => {
    const keys = await derivePiiKeys(MASTER, "longquanyi");
    const stored = await encryptPii(keys, ID);
    const [version, iv, ct, ...rest] = stored.split(".");
    expect(version).toBe("v1");
    expect(rest).toEqual([]);
    expect(fromBase64(iv!).length).toBe(12);
    expect(fromBase64(ct!).length).toBe(new TextEncoder().encode(ID).length + 16); // + GCM tag
  });

  it("never contains the plaintext, and differs every time (random IV)", async () => {
    const keys = await derivePiiKeys(MASTER, "longquanyi");
    const a = await encryptPii(keys, ID);
    const b = await encryptPii(keys, ID);
    expect(a).not.toBe(b);
    for (const s of [a, b]) {
      expect(s).not.toContain(ID);
      expect(s).not.toContain(ID.slice(-6));
      expect(s).not.toContain(toBase64(new TextEncoder().encode(ID)).slice(0, 12));
    }
  });

  it("gives different ciphertexts to different tenants, and one cannot read the other's", async () => {
    const a = await derivePiiKeys(MASTER, "longquanyi");
    const b = await derivePiiKeys(MASTER, "pingchuan");
    const stored = await encryptPii(a, ID);
    await expect(decryptPii(b, stored)).rejects.toThrow(/failed authentication for tenant "pingchuan"/);
  });

  it("cannot be read with another master key", async () => {
    const a = await derivePiiKeys(MASTER, "longquanyi");
    const other = await derivePiiKeys(OTHER_MASTER, "longquanyi");
    await expect(decryptPii(other, await encryptPii(a, ID))).rejects.toThrow("failed authentication");
  });

  it("rejects every kind of tampering", async () => {
    const keys = await derivePiiKeys(MASTER, "longquanyi");
    const stored = await encryptPii(keys, ID);
    const [, iv, ct] = stored.split(".") as [string, string, string];

    const flip = (b64: string, index: number) => {
      const bytes = fromBase64(b64);
      bytes[index] = bytes[index]! ^ 1;
      return toBase64(bytes);
    };
    await expect(decryptPii(keys, `v1.${iv}.${flip(ct, 0)}`)).rejects.toThrow("failed authentication");
    await expect(decryptPii(keys, `v1.${iv}.${flip(ct, fromBase64(ct).length - 1)}`)).rejects.toThrow(
      "failed authentication",
    );
    await expect(decryptPii(keys, `v1.${flip(iv, 5)}.${ct}`)).rejects.toThrow("failed authentication");
    await expect(decryptPii(keys, `v1.${iv}.${toBase64(fromBase64(ct).slice(0, 10))}`)).rejects.toThrow("truncated");
    await expect(decryptPii(keys, `v2.${iv}.${ct}`)).rejects.toThrow("unknown format");
    await expect(decryptPii(keys, `v1.${iv}`)).rejects.toThrow("unknown format");
    await expect(decryptPii(keys, ID)).rejects.toThrow("unknown format");
    await expect(decryptPii(keys, "v1.@@@.###")).rejects.toThrow("base64");
  });

  it("binds the ciphertext to its context when one is given", async () => {
    const keys = await derivePiiKeys(MASTER, "longquanyi");
    const stored = await encryptPii(keys, "13812345678", "households.phone");
    expect(await decryptPii(keys, stored, "households.phone")).toBe("13812345678");
    await expect(decryptPii(keys, stored, "cadres.phone")).rejects.toThrow("failed authentication");
    await expect(decryptPii(keys, stored)).rejects.toThrow("failed authentication");
  });
});

describe("encryptPiiAt / decryptPiiAt (row-bound, v2)", () => {
  const slot = (rowId: number, column = "id_number") => ({ table: "households", column, rowId });

  it("decrypts only in the table, column and row it was written for", async () => {
    const keys = await derivePiiKeys(MASTER, "longquanyi");
    const stored = await encryptPiiAt(keys, ID, slot(7));
    expect(stored).toMatch(/^v2\./);
    expect(await decryptPiiAt(keys, stored, slot(7))).toBe(ID);
    await expect(decryptPiiAt(keys, stored, slot(8))).rejects.toBeInstanceOf(PiiDecryptError);
    await expect(decryptPiiAt(keys, stored, slot(7, "phone"))).rejects.toThrow("failed authentication");
    await expect(decryptPiiAt(keys, stored, { table: "cadres", column: "id_number", rowId: 7 })).rejects.toThrow(
      "failed authentication",
    );
    // Nor does a v2 value pass as a v1 one with the column-only context.
    await expect(decryptPii(keys, stored, "households.id_number")).rejects.toThrow("unknown format");
  });

  it("reads a v1 value (written before row binding) with its column-only context", async () => {
    const keys = await derivePiiKeys(MASTER, "longquanyi");
    const legacy = await encryptPii(keys, ID, "households.id_number");
    expect(await decryptPiiAt(keys, legacy, slot(1))).toBe(ID);
    expect(await decryptPiiAt(keys, legacy, slot(99))).toBe(ID);
    await expect(decryptPiiAt(keys, legacy, slot(1, "phone"))).rejects.toThrow("failed authentication");
  });

  it("refuses a slot without a positive row id", async () => {
    const keys = await derivePiiKeys(MASTER, "longquanyi");
    await expect(encryptPiiAt(keys, ID, slot(0))).rejects.toThrow("row id");
  });
});

describe("searchHash", () => {
  it("is deterministic 64-character hex", async () => {
    const keys = await derivePiiKeys(MASTER, "longquanyi");
    const again = await derivePiiKeys(MASTER, "longquanyi");
    const h = await searchHash(keys, ID);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(await searchHash(again, ID)).toBe(h);
  });

  it("differs between values, tenants and master keys", async () => {
    const a = await derivePiiKeys(MASTER, "longquanyi");
    const b = await derivePiiKeys(MASTER, "pingchuan");
    const c = await derivePiiKeys(OTHER_MASTER, "longquanyi");
    const h = await searchHash(a, ID);
    expect(await searchHash(a, "11010519491231002x")).not.toBe(h);
    expect(await searchHash(b, ID)).not.toBe(h);
    expect(await searchHash(c, ID)).not.toBe(h);
  });

  it("is not a plain SHA-256 of the value", async () => {
    const keys = await derivePiiKeys(MASTER, "longquanyi");
    const plain = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(ID));
    const hex = [...new Uint8Array(plain)].map((b) => b.toString(16).padStart(2, "0")).join("");
    expect(await searchHash(keys, ID)).not.toBe(hex);
  });
});

describe("selfQueryHash", () => {
  it("matches what the villager types despite spaces, full-width digits and a lowercase x", async () => {
    const keys = await derivePiiKeys(MASTER, "longquanyi");
    const stored = await selfQueryHash(keys, "张三", "31002X");
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(await selfQueryHash(keys, " 张 三 ", "31002x")).toBe(stored);
    expect(await selfQueryHash(keys, "张三", "３１００２Ｘ")).toBe(stored);
  });

  it("unifies the middle dot of minority names", async () => {
    const keys = await derivePiiKeys(MASTER, "longquanyi");
    expect(await selfQueryHash(keys, "阿依•古丽", "123456")).toBe(await selfQueryHash(keys, "阿依·古丽", "123456"));
    expect(selfQueryCanonical("阿依.古丽", " 12345x")).toBe("阿依·古丽|12345X");
  });

  it("differs for another name, another tail or another tenant", async () => {
    const a = await derivePiiKeys(MASTER, "longquanyi");
    const b = await derivePiiKeys(MASTER, "pingchuan");
    const h = await selfQueryHash(a, "张三", "123456");
    expect(await selfQueryHash(a, "张四", "123456")).not.toBe(h);
    expect(await selfQueryHash(a, "张三", "123457")).not.toBe(h);
    expect(await selfQueryHash(b, "张三", "123456")).not.toBe(h);
  });

  it("is separated from searchHash of the same canonical text", async () => {
    const keys = await derivePiiKeys(MASTER, "longquanyi");
    expect(await selfQueryHash(keys, "张三", "123456")).not.toBe(await searchHash(keys, "张三|123456"));
  });
});
