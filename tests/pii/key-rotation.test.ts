import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { derivePiiKeys, encryptPii, encryptPiiAt, masterKeyId, searchHash } from "../../workers/lib/pii-crypto.ts";
import { toBase64 } from "../../workers/lib/bytes.ts";
import type { CallOptions } from "../helpers/http.ts";
import { fetchWith, type KeySecrets as Keys, operatorToken } from "../helpers/key-phases.ts";
import { freshIdNumber, township, village } from "../helpers/fixtures.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";

/**
 * 密钥轮换 (issue 13) through HTTP: the Worker is called with the key configuration of each phase
 * of a rotation (key A alone → B with A as previous → B alone), the re-encryption job runs through
 * the platform operator API, and the stored rows are checked in the tenant database.
 */
const T = "longquanyi";
const db = TENANT_DB[T]!;
const KEY_A = env.PII_MASTER_KEY;
const KEY_B = toBase64(new Uint8Array(32).fill(0x42));
const KEY_C = toBase64(new Uint8Array(32).fill(0x43));

// Keys of this file's own (not key-phases' B): a third key C is added below.
const phaseA: Keys = { PII_MASTER_KEY: KEY_A };
const phaseMid: Keys = { PII_MASTER_KEY: KEY_B, PII_MASTER_KEY_PREVIOUS: KEY_A };
const phaseB: Keys = { PII_MASTER_KEY: KEY_B };
const tenantApi = (keys: Keys, path: string, opts?: CallOptions) => fetchWith(keys, `/t/${T}/api/v1${path}`, opts);

interface Progress {
  id: number | null;
  targetKid: string;
  status: string;
  table: string | null;
  step: number;
  cursor: number;
  rewritten: number;
  unreadable: number;
  remainingRows: number;
}

let operator: string;
let admin: string;
let villageCode: string;

async function createHousehold(keys: Keys, idNumber: string, phone: string): Promise<number> {
  const res = await tenantApi(keys, "/households", {
    token: admin,
    json: { headName: "轮换户", idNumber, phone, villageCode },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return ((await res.json()) as { id: number }).id;
}

async function reveal(keys: Keys, id: number): Promise<Response> {
  return tenantApi(keys, `/households/${id}/reveal`, { method: "POST", token: admin, json: { reason: "核对身份" } });
}

async function revealed(keys: Keys, id: number): Promise<{ idNumber: string; phone: string | null }> {
  const res = await reveal(keys, id);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { idNumber: string; phone: string | null };
}

async function findByIdNumber(keys: Keys, idNumber: string): Promise<number[]> {
  const res = await tenantApi(keys, `/households?idNumber=${idNumber}`, { token: admin });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { items: { id: number }[] }).items.map((h) => h.id);
}

async function rotate(keys: Keys, json: unknown = {}): Promise<Response> {
  return fetchWith(keys, `/api/v1/platform/tenants/${T}/pii-rotation`, { token: operator, json });
}

/** Rows of the rotated tables whose personal data is not (yet) under master key `kid`. */
async function notUnder(kid: string): Promise<number> {
  const row = await db
    .prepare(
      `SELECT
        (SELECT count(*) FROM households WHERE id_number_enc NOT LIKE ?1 OR id_number_hash NOT LIKE ?2
           OR self_query_hash NOT LIKE ?2 OR (phone_enc IS NOT NULL AND (phone_enc NOT LIKE ?1 OR phone_hash NOT LIKE ?2)))
      + (SELECT count(*) FROM cadres WHERE phone_enc IS NOT NULL AND (phone_enc NOT LIKE ?1 OR phone_hash NOT LIKE ?2))
      + (SELECT count(*) FROM objections WHERE contact_enc IS NOT NULL AND contact_enc NOT LIKE ?1)
      + (SELECT count(*) FROM feedback WHERE contact_enc IS NOT NULL AND contact_enc NOT LIKE ?1) AS n`,
    )
    .bind(`v3.${kid}.%`, `${kid}.%`)
    .first<{ n: number }>();
  return row!.n;
}

beforeAll(async () => {
  operator = await operatorToken("ops-keys");
  admin = (await signIn(T, "county_admin")).token;
  villageCode = (await village(T, await township(T))).code;
});

describe("key rotation", () => {
  it("writes v3 values and hashes that name the key; keys come from the tenant's random salt, not the slug", async () => {
    const kidA = await masterKeyId(KEY_A);
    const idNumber = freshIdNumber(T);
    const id = await createHousehold(phaseA, idNumber, "13900001111");
    const row = await db
      .prepare("SELECT id_number_enc AS enc, id_number_hash AS hash, phone_hash AS ph FROM households WHERE id = ?")
      .bind(id)
      .first<{ enc: string; hash: string; ph: string }>();
    expect(row!.enc.startsWith(`v3.${kidA}.`)).toBe(true);
    expect(row!.hash).toMatch(new RegExp(`^${kidA}\\.[0-9a-f]{64}$`));
    expect(row!.ph.startsWith(`${kidA}.`)).toBe(true);
    // The slug-derived (legacy) hash of the same number is a different value: the slug no longer keys anything new.
    const legacy = await searchHash(await derivePiiKeys(KEY_A, T), idNumber);
    expect(row!.hash.endsWith(legacy)).toBe(false);
    const salt = await env.CONTROL.prepare("SELECT key_salt AS s FROM tenants WHERE slug = ?")
      .bind(T)
      .first<{ s: string }>();
    expect(salt!.s).toMatch(/^[0-9a-f]{32}$/);
  });

  it("rotates A → B: old values stay readable and findable mid-rotation, the job resumes page by page, a second run changes nothing", async () => {
    const kidA = await masterKeyId(KEY_A);
    const kidB = await masterKeyId(KEY_B);
    // Written under key A through the API …
    const ids = [freshIdNumber(T), freshIdNumber(T), freshIdNumber(T)];
    const households = [];
    for (const [i, n] of ids.entries()) households.push(await createHousehold(phaseA, n, `1390000${2000 + i}`));
    // … and rows from before v3: a v2 (row-bound) and a v1 (column-only) ciphertext under the legacy slug keys.
    const legacyKeys = await derivePiiKeys(KEY_A, T);
    const v2Id = households[1]!;
    const v1Id = households[2]!;
    await db
      .prepare("UPDATE households SET id_number_enc = ?, id_number_hash = ? WHERE id = ?")
      .bind(
        await encryptPiiAt(legacyKeys, ids[1]!, { table: "households", column: "id_number", rowId: v2Id }),
        await searchHash(legacyKeys, ids[1]!),
        v2Id,
      )
      .run();
    await db
      .prepare("UPDATE households SET id_number_enc = ?, id_number_hash = ? WHERE id = ?")
      .bind(await encryptPii(legacyKeys, ids[2]!, "households.id_number"), await searchHash(legacyKeys, ids[2]!), v1Id)
      .run();
    const before = await notUnder(kidB);
    expect(before).toBeGreaterThanOrEqual(3);

    // Phase 2: B writes, A still reads. Nothing rotated yet: every form reads and every number is found.
    for (const [i, id] of households.entries()) {
      expect((await revealed(phaseMid, id)).idNumber).toBe(ids[i]);
      expect(await findByIdNumber(phaseMid, ids[i]!)).toEqual([id]);
    }
    // A number registered under A is still a duplicate under B.
    const dup = await tenantApi(phaseMid, "/households", {
      token: admin,
      json: { headName: "重复户", idNumber: ids[0], villageCode },
    });
    expect(dup.status).toBe(409);

    // One small page, then stop: an interrupted job.
    const first = await rotate(phaseMid, { maxPages: 1, pageSize: 2 });
    expect(first.status, await first.clone().text()).toBe(200);
    const p1 = (await first.json()) as Progress;
    expect(p1).toMatchObject({ targetKid: kidB, status: "running", table: "households", step: 0, rewritten: 2 });
    expect(p1.cursor).toBeGreaterThan(0);
    expect(p1.remainingRows).toBeGreaterThan(0);
    const stored = await fetchWith(phaseMid, `/api/v1/platform/tenants/${T}/pii-rotation`, { token: operator });
    expect(((await stored.json()) as Progress).cursor).toBe(p1.cursor);
    // Mid-rotation (some rows under B, some under A or legacy): reads and lookups all work.
    for (const [i, id] of households.entries()) {
      expect((await revealed(phaseMid, id)).idNumber).toBe(ids[i]);
      expect(await findByIdNumber(phaseMid, ids[i]!)).toEqual([id]);
    }

    // Resume until done; every row is rewritten exactly once.
    let p = p1;
    for (let run = 0; run < 20 && p.status !== "done"; run++) {
      const res = await rotate(phaseMid, { maxPages: 2, pageSize: 2 });
      expect(res.status, await res.clone().text()).toBe(200);
      p = (await res.json()) as Progress;
    }
    expect(p).toMatchObject({ status: "done", table: null, remainingRows: 0, unreadable: 0, rewritten: before });
    expect(await notUnder(kidB)).toBe(0);
    expect(await notUnder(kidA)).toBeGreaterThan(0);

    // A second run is harmless: nothing changes, the counts stay.
    const snapshot = await db.prepare("SELECT id, id_number_enc, phone_enc FROM households ORDER BY id").all();
    const again = await rotate(phaseMid);
    expect(((await again.json()) as Progress).rewritten).toBe(before);
    expect((await db.prepare("SELECT id, id_number_enc, phone_enc FROM households ORDER BY id").all()).results).toEqual(
      snapshot.results,
    );

    // Phase 3: A is gone. Everything reads and is found with B alone.
    for (const [i, id] of households.entries()) {
      expect(await revealed(phaseB, id)).toMatchObject({ idNumber: ids[i], phone: `1390000${2000 + i}` });
      expect(await findByIdNumber(phaseB, ids[i]!)).toEqual([id]);
    }

    // Every page is in the audit chain, with counts and never a number.
    const audit = await db
      .prepare("SELECT action, actor_name AS actor, after FROM audit_log WHERE entity = 'pii_rotation' ORDER BY seq")
      .all<{ action: string; actor: string; after: string }>();
    expect(audit.results.map((a) => a.action)).toContain("pii.rotation_started");
    expect(audit.results.map((a) => a.action)).toContain("pii.rotated");
    expect(audit.results.at(-1)!.action).toBe("pii.rotation_done");
    expect(new Set(audit.results.map((a) => a.actor))).toEqual(new Set(["平台运维:ops-keys"]));
    for (const n of ids) expect(JSON.stringify(audit.results)).not.toContain(n);
    const events = await env.CONTROL.prepare(
      "SELECT count(*) AS n FROM operator_events WHERE action = 'pii.rotate' AND tenant_slug = ?",
    )
      .bind(T)
      .first<{ n: number }>();
    expect(events!.n).toBeGreaterThan(1);
  });

  it("two runners at once: one page each at most, no row rewritten twice, never a 500", async () => {
    const keys: Keys = { PII_MASTER_KEY: KEY_C, PII_MASTER_KEY_PREVIOUS: `${KEY_B},${KEY_A}` };
    const kidC = await masterKeyId(KEY_C);
    const before = await notUnder(kidC);
    const [a, b] = await Promise.all([
      rotate(keys, { maxPages: 1, pageSize: 3 }),
      rotate(keys, { maxPages: 1, pageSize: 3 }),
    ]);
    expect([200, 409]).toContain(a.status);
    expect([200, 409]).toContain(b.status);
    let p = (await (
      await fetchWith(keys, `/api/v1/platform/tenants/${T}/pii-rotation`, { token: operator })
    ).json()) as Progress;
    for (let run = 0; run < 20 && p.status !== "done"; run++) p = (await (await rotate(keys)).json()) as Progress;
    expect(p).toMatchObject({ status: "done", rewritten: before });
    expect(await notUnder(kidC)).toBe(0);
    // The rotation to B is recorded as done; a rotation to C supersedes nothing that was done.
    const rows = await db
      .prepare("SELECT target_kid AS kid, status FROM pii_rotations ORDER BY id")
      .all<{ kid: string; status: string }>();
    expect(rows.results).toEqual([
      { kid: await masterKeyId(KEY_B), status: "done" },
      { kid: kidC, status: "done" },
    ]);
  });

  it("a wrong, malformed or missing key is a clear error, never a 500", async () => {
    const id = await createHousehold(phaseA, freshIdNumber(T), "13900003333");
    // A key that never wrote this row: the record is named, the value refused.
    const wrong = await reveal({ PII_MASTER_KEY: toBase64(new Uint8Array(32).fill(7)) }, id);
    expect(wrong.status).toBe(422);
    expect(wrong.headers.get("content-type")).toContain("application/problem+json");
    expect((await wrong.json()) as { code: string; detail: string }).toMatchObject({ code: "pii_unreadable" });
    // Malformed secrets and a key listed twice: 503 naming the secret, never the key.
    for (const keys of [
      { PII_MASTER_KEY: "not a key" },
      { PII_MASTER_KEY: KEY_A, PII_MASTER_KEY_PREVIOUS: "c2hvcnQ=" },
      { PII_MASTER_KEY: KEY_A, PII_MASTER_KEY_PREVIOUS: KEY_A },
    ]) {
      const res = await reveal(keys, id);
      expect(res.status).toBe(503);
      const p = (await res.json()) as { detail: string };
      expect(p.detail).toContain("PII_MASTER_KEY");
      expect(p.detail).not.toContain(KEY_A);
    }
    const missing = await reveal({}, id);
    expect(missing.status).toBe(503);
    expect(((await missing.json()) as { detail: string }).detail).toContain("未配置");
    // The job refuses the same way.
    expect((await rotate({ PII_MASTER_KEY: "not a key" })).status).toBe(503);
  });

  it("the operator API: sign-in required, unknown tenants 404, bad bodies 400", async () => {
    expect((await fetchWith(phaseA, `/api/v1/platform/tenants/${T}/pii-rotation`, { json: {} })).status).toBe(401);
    expect((await fetchWith(phaseA, `/api/v1/platform/tenants/${T}/pii-rotation`)).status).toBe(401);
    // A tenant administrator's session is not an operator's.
    expect((await fetchWith(phaseA, `/api/v1/platform/tenants/${T}/pii-rotation`, { token: admin })).status).toBe(401);
    expect((await fetchWith(phaseA, "/api/v1/platform/tenants/nosuch/pii-rotation", { token: operator })).status).toBe(
      404,
    );
    expect((await fetchWith(phaseA, "/api/v1/platform/tenants/..%2F/pii-rotation", { token: operator })).status).toBe(
      404,
    );
    for (const json of [{ maxPages: 0 }, { maxPages: 11 }, { pageSize: 101 }, { pageSize: "x" }, { other: 1 }]) {
      const res = await rotate(phaseA, json);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
    const bad = await fetchWith(phaseA, `/api/v1/platform/tenants/${T}/pii-rotation`, {
      token: operator,
      body: "{not json",
      headers: { "content-type": "application/json" },
    });
    expect(bad.status).toBe(400);
  });
});
