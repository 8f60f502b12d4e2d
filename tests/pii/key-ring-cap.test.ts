import { beforeAll, describe, expect, it } from "vitest";
import { toBase64 } from "../../workers/lib/bytes.ts";
import { MAX_MASTER_KEYS } from "../../workers/lib/pii-crypto.ts";
import { freshIdNumber, township, village } from "../helpers/fixtures.ts";
import { fetchWith, KEY_A } from "../helpers/key-phases.ts";
import { problem } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";

/**
 * The key ring is capped (issue 13): every lookup hashes under every configured key, so a ring that
 * grew without bound (rotations never finished) would push `inArray(hashes)` towards D1's 100 bound
 * parameters. More than MAX_MASTER_KEYS master keys is a misconfiguration: 503, named, nothing written.
 */
const T = "longquanyi";
const key = (fill: number) => toBase64(new Uint8Array(32).fill(fill));
const previous = (n: number) => Array.from({ length: n }, (_, i) => key(0x60 + i)).join(",");

let admin: string;
let villageCode: string;

beforeAll(async () => {
  admin = (await signIn(T, "county_admin")).token;
  villageCode = (await village(T, await township(T))).code;
});

async function households(): Promise<number> {
  return (await TENANT_DB[T]!.prepare("SELECT count(*) AS n FROM households").first<{ n: number }>())!.n;
}

describe("key ring cap", () => {
  it("serves a ring of current + 3 previous keys; lookups compare with 8 hashes at most", async () => {
    expect(MAX_MASTER_KEYS).toBe(4);
    const keys = { PII_MASTER_KEY: KEY_A, PII_MASTER_KEY_PREVIOUS: previous(MAX_MASTER_KEYS - 1) };
    const idNumber = freshIdNumber(T);
    const created = await fetchWith(keys, `/t/${T}/api/v1/households`, {
      token: admin,
      json: { headName: "密钥环户", idNumber, villageCode },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const found = await fetchWith(keys, `/t/${T}/api/v1/households?idNumber=${idNumber}`, { token: admin });
    expect(found.status).toBe(200);
    expect(((await found.json()) as { items: unknown[] }).items).toHaveLength(1);
  });

  it("refuses a fifth key with a 503 naming PII_MASTER_KEY_PREVIOUS, and writes nothing", async () => {
    const keys = { PII_MASTER_KEY: KEY_A, PII_MASTER_KEY_PREVIOUS: previous(MAX_MASTER_KEYS) };
    const before = await households();
    const res = await fetchWith(keys, `/t/${T}/api/v1/households`, {
      token: admin,
      json: { headName: "超限户", idNumber: freshIdNumber(T), villageCode },
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("Content-Type")).toContain("application/problem+json");
    const p = await problem(res);
    expect(p.detail).toContain("PII_MASTER_KEY_PREVIOUS");
    expect(p.detail).toContain(`最多 ${MAX_MASTER_KEYS - 1} 个`);
    // The message names the secret, never a key.
    expect(p.detail).not.toContain(KEY_A);
    expect(await households()).toBe(before);

    const lookup = await fetchWith(keys, `/t/${T}/api/v1/households?idNumber=${freshIdNumber(T)}`, { token: admin });
    expect(lookup.status).toBe(503);
  });
});
