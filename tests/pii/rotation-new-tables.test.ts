import { beforeAll, describe, expect, it } from "vitest";
import { masterKeyId } from "../../workers/lib/pii-crypto.ts";
import { freshIdNumber, township, village } from "../helpers/fixtures.ts";
import { fetchWith, KEY_A, KEY_B, operatorToken, phaseA, phaseMid, rotateToEnd } from "../helpers/key-phases.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";

/**
 * 村两委 ID numbers (0017) were missing from the re-encryption job, and 评议 codes joined it with
 * 0025. A rotation finished before those tables were appended is reopened at the first new table,
 * so no value stays under a key that is about to be removed.
 */
const T = "longquanyi";
const db = TENANT_DB[T]!;

let admin: string;
let operator: string;

beforeAll(async () => {
  admin = (await signIn(T, "county_admin")).token;
  operator = await operatorToken("ops-new-tables");
});

describe("re-encryption of tables added after a rotation finished", () => {
  it("reopens a rotation done before 0025 and rewrites 村两委 ID numbers under the new key; no duplicate meanwhile", async () => {
    const kidA = await masterKeyId(KEY_A);
    const kidB = await masterKeyId(KEY_B);
    const v = await village(T, await township(T));
    const person = {
      villageCode: v.code,
      name: "轮换村干部",
      idNumber: freshIdNumber(T),
      post: "member",
      source: "other",
      termStart: "2024-01-01",
    };
    const created = await fetchWith(phaseA, `/t/${T}/api/v1/village-officials`, { token: admin, json: person });
    expect(created.status, await created.clone().text()).toBe(201);
    // Mid-rotation, before the job: the same person is still found under the old key's hash.
    const twice = await fetchWith(phaseMid, `/t/${T}/api/v1/village-officials`, { token: admin, json: person });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain("此人已在任");
    const id = ((await created.json()) as { id: number }).id;
    const row = () =>
      db
        .prepare("SELECT id_number_enc AS enc, id_number_hash AS hash FROM village_officials WHERE id = ?")
        .bind(id)
        .first<{ enc: string; hash: string }>();
    expect((await row())!.enc.startsWith(`v3.${kidA}.`)).toBe(true);

    // What the job left before 0025: done after its five tables (step 5 = past csv_imports).
    await db
      .prepare(
        "INSERT INTO pii_rotations (target_kid, status, step, cursor, started_at, updated_at, finished_at) VALUES (?, 'done', 5, 0, 1, 1, 1)",
      )
      .bind(kidB)
      .run();
    const status = await fetchWith(phaseMid, `/api/v1/platform/tenants/${T}/pii-rotation`, { token: operator });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({ status: "running", table: "review_ballots" });

    await rotateToEnd(phaseMid, T, operator);
    const after = (await row())!;
    expect(after.enc.startsWith(`v3.${kidB}.`)).toBe(true);
    expect(after.hash.startsWith(`${kidB}.`)).toBe(true);
    const rotation = await db
      .prepare("SELECT status, step FROM pii_rotations WHERE target_kid = ?")
      .bind(kidB)
      .first<{ status: string; step: number }>();
    expect(rotation).toEqual({ status: "done", step: 7 });
    const reopened = await db
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'pii.rotation_reopened' AND entity_id = ?")
      .bind(kidB)
      .first<{ n: number }>();
    expect(reopened!.n).toBe(1);
  });
});
