import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { AuditedWrite } from "../../workers/domain/audited-write.ts";
import { createServiceContext } from "../../workers/domain/service-context.ts";
import { masterKeyId } from "../../workers/lib/pii-crypto.ts";
import { findTenant } from "../../workers/platform/tenancy/catalog.ts";
import {
  fetchWith,
  KEY_A,
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
 * Audit checkpoints across a PII_MASTER_KEY rotation (issue 13): the signing key derives from the
 * master key and the tenant's key_salt (v3, kid in the signature); checkpoints signed before the
 * rotation — a legacy (slug-keyed, v2) one and a v3 one under the old key — still verify once the
 * old key is removed, because the rotation job had the new key endorse the old ones.
 */
const T = "longquanyi";
const db = TENANT_DB[T]!;
const DAY = 86400;
const nowSec = () => Math.floor(Date.now() / 1000);

let auditor: string;
let operator: string;

/** One audited write as of `at` (a day without a checkpoint yet, so it signs one). */
async function writeAt(at: number, keySalt: "catalog" | null, masterKey = KEY_A): Promise<void> {
  const tenant = (await findTenant(env.CONTROL, T))!;
  const ctx = createServiceContext({
    tenant: keySalt === null ? { ...tenant, keySalt: null } : tenant,
    d1: db,
    piiMasterKey: masterKey,
    now: () => at,
  });
  await new AuditedWrite(ctx, { id: null, name: "测试", role: "system" })
    .audit({ action: "test.checkpoint", entity: "test", entityId: at })
    .commit();
}

interface CheckpointContent {
  kid?: string;
  publicKey: string;
  signature: string;
}

async function checkpoints(): Promise<CheckpointContent[]> {
  const rows = await db
    .prepare("SELECT content FROM ledger_entries WHERE kind = 'audit.checkpoint' ORDER BY seq")
    .all<{ content: string }>();
  return rows.results.map((r) => JSON.parse(r.content) as CheckpointContent);
}

/** A full verification (from entry 1, every checkpoint checked) of the audit log and of the ledger. */
async function verifyAll(keys: KeySecrets): Promise<{ audit: unknown[]; ledger: unknown[] }> {
  const out = { audit: [] as unknown[], ledger: [] as unknown[] };
  for (const [kind, path, token] of [
    ["audit", `/t/${T}/api/v1/audit/verify`, auditor],
    ["ledger", `/t/${T}/api/v1/ledger/verify`, undefined],
  ] as const) {
    let cursor: string | null = "0";
    for (let page = 0; cursor !== null && page < 50; page++) {
      const res = await fetchWith(keys, `${path}?cursor=${encodeURIComponent(cursor)}`, { token });
      expect(res.status, await res.clone().text()).toBe(200);
      const body = (await res.json()) as { ok: boolean; next: string | null; firstBreak: unknown };
      out[kind].push(body.firstBreak);
      cursor = body.ok ? body.next : null;
    }
  }
  return out;
}

beforeAll(async () => {
  auditor = (await signIn(T, "auditor")).token;
  operator = await operatorToken("ops-checkpoints");
});

describe("audit checkpoints across a key rotation", () => {
  it("keeps verifying checkpoints signed before the rotation once the old key is gone", async () => {
    const kidA = await masterKeyId(KEY_A);
    const kidB = await masterKeyId(KEY_B);
    await writeAt(nowSec() - 3 * DAY, null);
    await writeAt(nowSec() - 2 * DAY, "catalog");
    const before = await checkpoints();
    // A legacy (v2, slug-keyed, no kid) checkpoint and a v3 one naming key A.
    expect(before.some((c) => c.kid === undefined && !c.signature.includes("."))).toBe(true);
    const v3 = before.filter((c) => c.kid === kidA);
    expect(v3.length).toBeGreaterThan(0);
    expect(v3.every((c) => c.signature.startsWith(`${kidA}.`))).toBe(true);
    // v3 and legacy keys differ: the slug no longer keys the signature.
    expect(new Set(before.map((c) => c.publicKey)).size).toBeGreaterThan(1);
    expect((await verifyAll(phaseA)).audit.every((b) => b === null)).toBe(true);

    // Key B alone before the job ran: nothing vouches for A's keys, so the old checkpoints are refused.
    const unvouched = await verifyAll(phaseB);
    expect(unvouched.audit).toContainEqual(expect.objectContaining({ reason: "checkpoint_forged" }));
    expect(unvouched.ledger).toContainEqual(expect.objectContaining({ reason: "checkpoint_forged" }));

    // The rotation job (both keys configured) has B endorse A's v3 key and the legacy keys.
    await rotateToEnd(phaseMid, T, operator);
    const endorsed = await db
      .prepare("SELECT kid FROM checkpoint_key_endorsements ORDER BY kid")
      .all<{ kid: string | null }>();
    expect(endorsed.results.map((r) => r.kid)).toEqual([null, null, kidA]);
    // A second run endorses nothing new.
    await rotateToEnd(phaseMid, T, operator);
    expect((await db.prepare("SELECT count(*) AS n FROM checkpoint_key_endorsements").first<{ n: number }>())!.n).toBe(
      3,
    );

    // A day later under B alone: a new checkpoint signed by B; every checkpoint verifies, old and new.
    await writeAt(nowSec() + DAY, "catalog", KEY_B);
    const after = await verifyAll(phaseB);
    expect(after.audit.every((b) => b === null)).toBe(true);
    expect(after.ledger.every((b) => b === null)).toBe(true);
    expect((await checkpoints()).at(-1)!.kid).toBe(kidB);

    const since = await fetchWith(phaseB, `/t/${T}/api/v1/audit/verify`, { token: auditor });
    expect(((await since.json()) as { ok: boolean }).ok).toBe(true);

    const key = await fetchWith(phaseB, `/t/${T}/api/v1/ledger/checkpoint-key`);
    expect(key.status).toBe(200);
    const published = (await key.json()) as { kid: string; publicKey: string; previousKeys: { kid: string | null }[] };
    expect(published.kid).toBe(kidB);
    expect(published.previousKeys.map((k) => k.kid)).toContain(kidA);
    expect(published.previousKeys.filter((k) => k.kid === null).length).toBeGreaterThan(0);
  });

  it("does not trust an endorsement that no trusted key signed", async () => {
    // A forged row vouching for a key: its signature is not by any trusted key, so it adds nothing.
    await db
      .prepare(
        "INSERT INTO checkpoint_key_endorsements (public_key, kid, endorser_public_key, signature, created_at) VALUES (?, NULL, ?, ?, 0)",
      )
      .bind("Zm9yZ2VkLWtleS0zMi1ieXRlcy1sb25nLWVub3VnaCE=", "YXR0YWNrZXIta2V5LTMyLWJ5dGVzLWxvbmctZW5vdWdoIQ==", "AAAA")
      .run();
    const key = await fetchWith(phaseB, `/t/${T}/api/v1/ledger/checkpoint-key`);
    const published = (await key.json()) as { previousKeys: { publicKey: string }[] };
    expect(published.previousKeys.map((k) => k.publicKey)).not.toContain(
      "Zm9yZ2VkLWtleS0zMi1ieXRlcy1sb25nLWVub3VnaCE=",
    );
    // Endorsements are append-only.
    await expect(db.prepare("DELETE FROM checkpoint_key_endorsements").run()).rejects.toThrow(/never deleted/);
  });
});
