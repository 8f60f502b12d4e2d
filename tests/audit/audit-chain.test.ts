import { describe, expect, it } from "vitest";
import { api } from "../helpers/http.ts";
import { signIn, TENANT_DB, uniqueName } from "../helpers/users.ts";

interface Report {
  ok: boolean;
  count: number;
  firstBreak: { seq: number; reason: string } | null;
}

async function createSomeone(token: string) {
  const res = await api("pingchuan", "/users", {
    token,
    json: { username: uniqueName("a"), displayName: "赵六", role: "cadre", password: "initial-pass-1" },
  });
  expect(res.status).toBe(201);
}

describe("audit chain", () => {
  it("records every write with who, role, what, before/after and the request id", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const res = await api("pingchuan", "/users", {
      token: admin.token,
      json: { username: uniqueName("w"), displayName: "钱七", role: "auditor", password: "initial-pass-1" },
    });
    const requestId = res.headers.get("x-request-id");
    const page = (await (await api("pingchuan", "/audit?action=user.create", { token: admin.token })).json()) as {
      items: Record<string, unknown>[];
    };
    const entry = page.items.find((e) => e.requestId === requestId)!;
    expect(entry).toMatchObject({
      actorName: admin.username,
      actorRole: "county_admin",
      action: "user.create",
      entity: "user",
    });
    expect(String(entry.after)).toContain("钱七");
    expect(String(entry.after)).not.toContain("pbkdf2");
  });

  it("verifies an intact chain, also after concurrent writes", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    await Promise.all(Array.from({ length: 8 }, () => createSomeone(admin.token)));
    const report = (await (await api("pingchuan", "/audit/verify?cursor=0", { token: admin.token })).json()) as Report;
    expect(report.firstBreak).toBeNull();
    expect(report.ok).toBe(true);
    const seqs = await TENANT_DB.pingchuan!.prepare("SELECT count(*) AS n, max(seq) AS top FROM audit_log").first<{
      n: number;
      top: number;
    }>();
    expect(seqs!.n).toBe(seqs!.top);
    expect(report.count).toBe(seqs!.n);
  });

  it("reports the first tampered entry", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    await createSomeone(admin.token);
    await createSomeone(admin.token);
    const target = await TENANT_DB.pingchuan!.prepare(
      "SELECT seq FROM audit_log WHERE action = 'user.create' AND after LIKE '%赵六%' ORDER BY seq LIMIT 1",
    ).first<{ seq: number }>();
    // The database refuses the change (append-only trigger), so a tampering DBA drops the trigger first.
    await TENANT_DB.pingchuan!.prepare("DROP TRIGGER IF EXISTS audit_log_no_update").run();
    await TENANT_DB.pingchuan!.prepare("UPDATE audit_log SET after = replace(after, '赵六', '赵九') WHERE seq = ?")
      .bind(target!.seq)
      .run();
    const report = (await (await api("pingchuan", "/audit/verify?cursor=0", { token: admin.token })).json()) as Report;
    expect(report.ok).toBe(false);
    expect(report.firstBreak).toMatchObject({ seq: target!.seq, reason: "hash_mismatch" });
    expect(report.count).toBe(target!.seq - 1);
  });

  it("lets auditors verify and read, and keeps cadres out", async () => {
    const auditor = await signIn("dazhou", "auditor");
    expect((await api("dazhou", "/audit/verify", { token: auditor.token })).status).toBe(200);
    expect((await api("dazhou", "/audit", { token: auditor.token })).status).toBe(200);
    const cadre = await signIn("dazhou", "cadre");
    expect((await api("dazhou", "/audit/verify", { token: cadre.token })).status).toBe(403);
  });

  it("reports a deleted entry", async () => {
    const admin = await signIn("dazhou", "county_admin");
    await createSomeoneIn("dazhou", admin.token);
    await createSomeoneIn("dazhou", admin.token);
    const mid = await TENANT_DB.dazhou!.prepare("SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 1 OFFSET 1").first<{
      seq: number;
    }>();
    await TENANT_DB.dazhou!.prepare("DROP TRIGGER IF EXISTS audit_log_no_delete").run();
    await TENANT_DB.dazhou!.prepare("DELETE FROM audit_log WHERE seq = ?").bind(mid!.seq).run();
    const report = (await (await api("dazhou", "/audit/verify?cursor=0", { token: admin.token })).json()) as Report;
    expect(report.ok).toBe(false);
    expect(report.firstBreak!.seq).toBe(mid!.seq + 1);
  });
});

async function createSomeoneIn(tenant: string, token: string) {
  const res = await api(tenant, "/users", {
    token,
    json: { username: uniqueName("d"), displayName: "孙八", role: "cadre", password: "initial-pass-1" },
  });
  expect(res.status).toBe(201);
}
