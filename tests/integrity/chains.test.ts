import { describe, expect, it } from "vitest";
import { api } from "../helpers/http.ts";
import { signIn, TENANT_DB, uniqueName } from "../helpers/users.ts";
import { township, village } from "../helpers/fixtures.ts";

interface Report {
  ok: boolean;
  count: number;
  headSeq: number;
  firstBreak: { seq: number; reason: string } | null;
  checkpoints: number;
  lastCheckpoint: { auditSeq: number; auditHash: string; signatureValid: boolean; headAtOrAfter: boolean } | null;
}

const verify = async (tenant: string, token: string) =>
  (await (await api(tenant, "/audit/verify", { token })).json()) as Report;

async function createUser(tenant: string, token: string) {
  const res = await api(tenant, "/users", {
    token,
    json: { username: uniqueName("c"), displayName: "周九", role: "cadre", password: "initial-pass-1" },
  });
  expect(res.status).toBe(201);
}

/** A publication (a village project goes on the public ledger): its batch also signs a checkpoint. */
async function publishSomething(tenant: string, token: string) {
  const v = await village(tenant, await township(tenant));
  const res = await api(tenant, "/projects", {
    token,
    json: { villageCode: v.code, name: uniqueName("项目"), fundSource: "county", budgetFen: 1_000_000 },
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

describe("audit chain ends", () => {
  it("refuses UPDATE and DELETE on audit_log (append-only triggers)", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    await createUser("longquanyi", admin.token);
    const db = TENANT_DB.longquanyi!;
    await expect(db.prepare("UPDATE audit_log SET actor_name = 'x' WHERE seq = 1").run()).rejects.toThrow(
      /audit_log_append_only/,
    );
    await expect(
      db.prepare("DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)").run(),
    ).rejects.toThrow(/audit_log_append_only/);
    expect((await verify("longquanyi", admin.token)).ok).toBe(true);
  });

  it("never seals a row inserted with an empty hash: verify reports it, also after later writes, and verify writes nothing", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    await createUser("pingchuan", admin.token);
    const db = TENANT_DB.pingchuan!;
    const head = await db
      .prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
      .first<{ seq: number; hash: string }>();
    await db
      .prepare(
        `INSERT INTO audit_log (seq, at, actor_id, actor_name, actor_role, action, entity, entity_id, before, after, request_id, prev_hash, hash)
         VALUES (?, 1, NULL, 'intruder', 'county_admin', 'user.create', 'user', NULL, NULL, '{}', 'forged', ?, '')`,
      )
      .bind(head!.seq + 1, head!.hash)
      .run();
    const before = await db.prepare("SELECT count(*) AS n FROM audit_log").first<{ n: number }>();
    const first = await verify("pingchuan", admin.token);
    expect(first.ok).toBe(false);
    expect(first.firstBreak).toMatchObject({ seq: head!.seq + 1, reason: "hash_mismatch" });
    // verify wrote nothing (no sealing, no audit entry)
    const after = await db
      .prepare("SELECT count(*) AS n, (SELECT hash FROM audit_log WHERE seq = ?) AS h FROM audit_log")
      .bind(head!.seq + 1)
      .first<{ n: number; h: string }>();
    expect(after).toEqual({ n: before!.n, h: "" });
    // A later write chains onto it but does not seal it: the break stays visible.
    await createUser("pingchuan", admin.token);
    const again = await verify("pingchuan", admin.token);
    expect(again.ok).toBe(false);
    expect(again.firstBreak).toMatchObject({ seq: head!.seq + 1, reason: "hash_mismatch" });
  });

  it("detects a deleted newest entry through the signed checkpoint in the public ledger", async () => {
    const admin = await signIn("dazhou", "county_admin");
    await publishSomething("dazhou", admin.token);
    const intact = await verify("dazhou", admin.token);
    expect(intact.ok).toBe(true);
    expect(intact.lastCheckpoint).toMatchObject({
      signatureValid: true,
      headAtOrAfter: true,
      auditSeq: intact.headSeq,
    });
    // The checkpoint is public, with its key and signature.
    const ledger = (await (await api("dazhou", "/ledger?limit=1000")).json()) as {
      items: { kind: string; content: { auditSeq: number; publicKey: string; signature: string; alg: string } }[];
    };
    const cp = ledger.items.filter((e) => e.kind === "audit.checkpoint").at(-1)!;
    expect(cp.content).toMatchObject({ auditSeq: intact.headSeq, alg: "Ed25519" });
    const key = (await (await api("dazhou", "/ledger/checkpoint-key")).json()) as { publicKey: string };
    expect(cp.content.publicKey).toBe(key.publicKey);

    // An attacker with database access drops the trigger and removes the newest entry.
    const db = TENANT_DB.dazhou!;
    await db.prepare("DROP TRIGGER audit_log_no_delete").run();
    await db.prepare("DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)").run();
    const cut = await verify("dazhou", admin.token);
    expect(cut.ok).toBe(false);
    expect(cut.firstBreak).toMatchObject({ seq: intact.headSeq, reason: "truncated" });
    expect(cut.lastCheckpoint).toMatchObject({ headAtOrAfter: false });
  });

  it("keeps concurrent writers succeeding, each sealing its own entries in its own batch", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        api("longquanyi", "/users", {
          token: admin.token,
          json: { username: uniqueName("p"), displayName: "吴十", role: "cadre", password: "initial-pass-1" },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    const unsealed = await TENANT_DB.longquanyi!.prepare("SELECT count(*) AS n FROM audit_log WHERE hash = ''").first<{
      n: number;
    }>();
    expect(unsealed!.n).toBe(0);
    expect((await verify("longquanyi", admin.token)).ok).toBe(true);
  });
});
