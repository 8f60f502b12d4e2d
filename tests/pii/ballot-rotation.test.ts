import { beforeAll, describe, expect, it } from "vitest";
import { masterKeyId } from "../../workers/lib/pii-crypto.ts";
import { place } from "../helpers/fixtures.ts";
import { chinaLocal } from "../assessment/fixtures.ts";
import {
  fetchWith,
  KEY_B,
  type KeySecrets,
  operatorToken,
  phaseA,
  phaseB,
  phaseMid,
  rotateToEnd,
} from "../helpers/key-phases.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";

/**
 * 评议 QR codes across a PII_MASTER_KEY rotation (issue 13): a slip printed under the old key works
 * after the old key is removed, because the code is kept encrypted and the re-encryption job
 * re-hashes it under the new key.
 */
const T = "pingchuan";
const db = TENANT_DB[T]!;

let admin: string;
let operator: string;

beforeAll(async () => {
  admin = (await signIn(T, "county_admin")).token;
  operator = await operatorToken("ops-ballots");
});

async function issue(keys: KeySecrets, count: number): Promise<{ reviewId: number; codes: string[] }> {
  const { village } = await place(T);
  const opensAt = chinaLocal(-300);
  const created = await fetchWith(keys, `/t/${T}/api/v1/reviews`, {
    token: admin,
    json: {
      kind: "team_report",
      year: Number(opensAt.slice(0, 4)),
      villageId: village.id,
      subjectName: "区农业农村局驻村工作队",
      meetingDate: opensAt.slice(0, 10),
      opensAt,
      closesAt: chinaLocal(3600),
      writtenReport: "全年驻村 220 天。",
    },
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const reviewId = ((await created.json()) as { id: number }).id;
  const res = await fetchWith(keys, `/t/${T}/api/v1/reviews/${reviewId}/ballot-codes`, {
    token: admin,
    json: { count },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const codes = ((await res.json()) as { codes: { code: string }[] }).codes.map((c) => c.code.replace("-", ""));
  return { reviewId, codes };
}

function ratePage(keys: KeySecrets, code: string) {
  return fetchWith(keys, `/t/${T}/rate/${code}`);
}

function rate(keys: KeySecrets, code: string, rating: string) {
  return fetchWith(keys, `/t/${T}/rate/${code}`, {
    body: new URLSearchParams({ rating }).toString(),
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: "https://bangfu.test",
      "CF-Connecting-IP": "198.51.100.77",
    },
  });
}

describe("ballot codes across a key rotation", () => {
  it("keeps a code printed under the old key usable once the old key is removed", async () => {
    const { reviewId, codes } = await issue(phaseA, 3);
    const stored = await db
      .prepare("SELECT code_enc AS enc, code_hash AS hash FROM review_ballots WHERE review_id = ? ORDER BY id")
      .bind(reviewId)
      .all<{ enc: string; hash: string }>();
    // Encrypted (never the code in clear), under the same key as its hash.
    for (const [i, r] of stored.results.entries()) {
      expect(r.enc).toMatch(/^v3\.k[0-9a-f]{8}\./);
      expect(r.enc).not.toContain(codes[i]!);
      expect(r.hash.split(".")[0]).toBe(r.enc.split(".")[1]);
    }
    // Mid-rotation the code is found under the previous key; one vote is cast then.
    expect((await rate(phaseMid, codes[0]!, "satisfied")).status).toBe(200);

    await rotateToEnd(phaseMid, T, operator);
    const kidB = await masterKeyId(KEY_B);
    const after = await db
      .prepare("SELECT code_enc AS enc, code_hash AS hash, used_at AS usedAt FROM review_ballots WHERE review_id = ?")
      .bind(reviewId)
      .all<{ enc: string; hash: string; usedAt: number | null }>();
    const unused = after.results.filter((r) => r.usedAt === null);
    expect(unused).toHaveLength(2);
    expect(unused.every((r) => r.enc.startsWith(`v3.${kidB}.`) && r.hash.startsWith(`${kidB}.`))).toBe(true);
    // The vote already cast is final (trigger review_ballot_final): the job leaves that row alone.
    expect(after.results.filter((r) => r.usedAt !== null && !r.hash.startsWith(`${kidB}.`))).toHaveLength(1);

    // Only key B configured: the unused slips still open and vote, the used one stays used.
    const page = await ratePage(phaseB, codes[1]!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('value="satisfied"');
    expect((await rate(phaseB, codes[1]!, "fairly_satisfied")).status).toBe(200);
    // A used slip cannot vote again under any key (under the old key only, it is no longer found).
    expect((await rate(phaseB, codes[0]!, "dissatisfied")).status).toBe(404);
    expect((await ratePage(phaseB, "ABCDEFGHJK")).status).toBe(404);

    const review = await fetchWith(phaseB, `/t/${T}/api/v1/reviews/${reviewId}`, { token: admin });
    const body = (await review.json()) as { total: { satisfied: number; fairlySatisfied: number } };
    expect(body.total).toMatchObject({ satisfied: 1, fairlySatisfied: 1 });
  });
});
