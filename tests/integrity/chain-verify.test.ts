import { describe, expect, it } from "vitest";
import { api } from "../helpers/http.ts";
import { signIn, TENANT_DB, uniqueName } from "../helpers/users.ts";
import { township, village } from "../helpers/fixtures.ts";
import { appendAuditEntries, appendLedgerEntries } from "../helpers/chain-rows.ts";
import { CHAIN_HEADS_SQL, CHECKPOINT_EVERY } from "../../workers/domain/audited-write.ts";
import { LEDGER_VERIFY_PAGE } from "../../workers/ledger/verify.ts";

interface Verification {
  ok: boolean;
  count: number;
  head: string;
  firstBreak: { seq: number; reason: string } | null;
  mode: "since_checkpoint" | "full";
  from: number;
  through: number;
  headSeq: number;
  next: string | null;
  cached?: boolean;
}

const ledgerVerify = async (tenant: string, q = "") => {
  const res = await api(tenant, `/ledger/verify${q}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Verification;
};
const auditVerify = async (tenant: string, token: string, q = "") => {
  const res = await api(tenant, `/audit/verify${q}`, { token });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Verification & { lastCheckpoint: { auditSeq: number; signatureValid: boolean } };
};

/** Follows `next` from cursor 0 to the head; returns every page. */
async function fullRun(verify: (q: string) => Promise<Verification>, limit: number): Promise<Verification[]> {
  const pages = [await verify(`?cursor=0&limit=${limit}`)];
  while (pages.at(-1)!.next) pages.push(await verify(`?cursor=${pages.at(-1)!.next}&limit=${limit}`));
  return pages;
}

/** A village project goes on the public ledger; its batch signs a checkpoint too. */
async function publishSomething(tenant: string, token: string) {
  const v = await village(tenant, await township(tenant));
  const res = await api(tenant, "/projects", {
    token,
    json: { villageCode: v.code, name: uniqueName("项目"), fundSource: "county", budgetFen: 1_000_000 },
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

async function newestCheckpoint(db: D1Database) {
  return (await db
    .prepare("SELECT seq, content FROM ledger_entries WHERE kind = 'audit.checkpoint' ORDER BY seq DESC LIMIT 1")
    .first<{ seq: number; content: string }>())!;
}

describe("ledger verification from the newest signed checkpoint", () => {
  it("starts at the checkpoint, caches per head, pages with a cursor, and a full run finds an old change", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    await publishSomething("longquanyi", admin.token);
    const db = TENANT_DB.longquanyi!;
    const cp = await newestCheckpoint(db);
    // v2: the checkpoint signs its own place in the ledger.
    expect(JSON.parse(cp.content)).toMatchObject({ ledgerSeq: cp.seq, alg: "Ed25519" });

    const quick = await ledgerVerify("longquanyi");
    expect(quick).toMatchObject({ ok: true, mode: "since_checkpoint", from: cp.seq - 1, next: null, cached: false });
    expect(quick.count).toBe(quick.headSeq - quick.from);
    expect(quick.from).toBeGreaterThan(0);
    // Same head, same answer, from the cache.
    expect(await ledgerVerify("longquanyi")).toMatchObject({ ok: true, head: quick.head, cached: true });

    // 1,200 more entries without a checkpoint: the quick check pages too, one page per request.
    await appendLedgerEntries(db, 1200);
    const grown = await ledgerVerify("longquanyi");
    expect(grown).toMatchObject({ ok: true, cached: false, from: cp.seq - 1, count: LEDGER_VERIFY_PAGE });
    expect(grown.next).not.toBeNull();
    const rest = await ledgerVerify("longquanyi", `?cursor=${grown.next}`);
    expect(rest).toMatchObject({ ok: true, mode: "full", through: grown.through + LEDGER_VERIFY_PAGE });

    // A full run from entry 1, 200 entries a request, reaches the head with every entry checked once.
    const pages = await fullRun((q) => ledgerVerify("longquanyi", q), 200);
    expect(pages.length).toBe(Math.ceil(pages[0]!.headSeq / 200));
    expect(pages.every((p) => p.ok && p.count <= 200)).toBe(true);
    expect(pages.reduce((s, p) => s + p.count, 0)).toBe(pages[0]!.headSeq);

    // An entry changed long before the checkpoint (trigger dropped first) is found by the full run.
    const target = cp.seq + 200;
    await db.prepare("DROP TRIGGER ledger_append_only").run();
    await db
      .prepare("UPDATE ledger_entries SET content = replace(content, '测试', '篡改') WHERE seq = ?")
      .bind(target)
      .run();
    const broken = await fullRun((q) => ledgerVerify("longquanyi", q), LEDGER_VERIFY_PAGE);
    expect(broken.at(-1)).toMatchObject({ ok: false, firstBreak: { seq: target, reason: "content_hash_mismatch" } });
    expect(broken.at(-1)!.next).toBeNull();
  });

  it("refuses a bad cursor or page size (400) and stays separate per tenant", async () => {
    expect((await api("pingchuan", "/ledger/verify?cursor=abc")).status).toBe(400);
    expect((await api("pingchuan", "/ledger/verify?cursor=5.xyz")).status).toBe(400);
    expect((await api("pingchuan", "/ledger/verify?cursor=0&limit=0")).status).toBe(400);
    expect((await api("pingchuan", "/ledger/verify?cursor=0&limit=251")).status).toBe(400);
    expect((await api("no-such-tenant", "/ledger/verify")).status).toBe(404);
  });
});

describe("ledger export", () => {
  it("streams every entry in order, exact content text, across many pages", async () => {
    const db = TENANT_DB.pingchuan!;
    await signIn("pingchuan", "county_admin");
    const headSeq = await appendLedgerEntries(db, 1300);
    const head = await db.prepare("SELECT hash FROM ledger_entries WHERE seq = ?").bind(headSeq).first<{
      hash: string;
    }>();
    const res = await api("pingchuan", "/ledger/export");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/x-ndjson");
    const text = await res.text();
    expect(text.endsWith("\n")).toBe(true);
    const lines = text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { seq: number; prevHash: string; hash: string; content: string });
    expect(lines.map((l) => l.seq)).toEqual(Array.from({ length: headSeq }, (_, i) => i + 1));
    for (let i = 1; i < lines.length; i++) expect(lines[i]!.prevHash).toBe(lines[i - 1]!.hash);
    expect(lines.at(-1)!.hash).toBe(head!.hash);
    const stored = await db.prepare("SELECT content FROM ledger_entries WHERE seq = ?").bind(headSeq).first<{
      content: string;
    }>();
    expect(lines.at(-1)!.content).toBe(stored!.content);
  });
});

describe("audit verification from the newest signed checkpoint", () => {
  it("signs a checkpoint every CHECKPOINT_EVERY entries, verifies from it, and pages a full run", async () => {
    const admin = await signIn("dazhou", "county_admin");
    const db = TENANT_DB.dazhou!;
    const top = await db.prepare("SELECT max(seq) AS n FROM audit_log").first<{ n: number }>();
    // Just below the next multiple of CHECKPOINT_EVERY, then one real write crosses it.
    await appendAuditEntries(db, CHECKPOINT_EVERY - 1 - (top!.n % CHECKPOINT_EVERY));
    const res = await api("dazhou", "/users", {
      token: admin.token,
      json: { username: uniqueName("n"), displayName: "郑十", role: "cadre", password: "initial-pass-1" },
    });
    expect(res.status).toBe(201);
    const headSeq = (await db.prepare("SELECT max(seq) AS n FROM audit_log").first<{ n: number }>())!.n;
    const cp = JSON.parse((await newestCheckpoint(db)).content) as { auditSeq: number };
    expect(cp.auditSeq).toBe(headSeq);
    expect(Math.floor(cp.auditSeq / CHECKPOINT_EVERY)).toBeGreaterThan(Math.floor(top!.n / CHECKPOINT_EVERY));

    // Quick: from the checkpoint; nothing after it yet.
    const quick = await auditVerify("dazhou", admin.token);
    expect(quick).toMatchObject({ ok: true, mode: "since_checkpoint", from: headSeq, count: 0, next: null });
    expect(quick.lastCheckpoint).toMatchObject({ auditSeq: headSeq, signatureValid: true });

    // Full run, 100 entries a request: every entry once, every checkpoint on the way checked.
    const pages = await fullRun((q) => auditVerify("dazhou", admin.token, q), 100);
    expect(pages.every((p) => p.ok && p.mode === "full" && p.count <= 100)).toBe(true);
    expect(pages.reduce((s, p) => s + p.count, 0)).toBe(headSeq);

    // A change behind the checkpoint: the quick check starts after it, the full run finds it.
    const target = top!.n + 10;
    await db.prepare("DROP TRIGGER IF EXISTS audit_log_no_update").run();
    await db.prepare("UPDATE audit_log SET after = '{}' WHERE seq = ?").bind(target).run();
    expect((await auditVerify("dazhou", admin.token)).from).toBe(headSeq);
    const broken = await fullRun((q) => auditVerify("dazhou", admin.token, q), 250);
    expect(broken.at(-1)).toMatchObject({ ok: false, firstBreak: { seq: target, reason: "hash_mismatch" } });
  });

  it("reports a checkpoint whose signed entry was replaced", async () => {
    const admin = await signIn("longquanyi", "auditor");
    const writer = await signIn("longquanyi", "county_admin");
    await publishSomething("longquanyi", writer.token);
    const db = TENANT_DB.longquanyi!;
    const cp = JSON.parse((await newestCheckpoint(db)).content) as { auditSeq: number };
    await db.prepare("DROP TRIGGER IF EXISTS audit_log_no_update").run();
    await db.prepare("UPDATE audit_log SET hash = ? WHERE seq = ?").bind("f".repeat(64), cp.auditSeq).run();
    const report = await auditVerify("longquanyi", admin.token);
    expect(report).toMatchObject({ ok: false, firstBreak: { seq: cp.auditSeq, reason: "checkpoint_mismatch" } });
  });
});

describe("a write touches only the chain heads", () => {
  it("reads both heads and the last checkpoint through keys and indexes (EXPLAIN QUERY PLAN: no SCAN of a chain)", async () => {
    const db = TENANT_DB.dazhou!;
    const plans = [
      CHAIN_HEADS_SQL,
      // The WHEN clauses of the head triggers (migration 0012), run on every chain insert.
      "SELECT coalesce((SELECT max(seq) FROM audit_log), 0) + 1, (SELECT hash FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log))",
      "SELECT coalesce((SELECT max(seq) FROM ledger_entries), 0) + 1, (SELECT hash FROM ledger_entries WHERE seq = (SELECT max(seq) FROM ledger_entries))",
      "SELECT seq FROM ledger_entries WHERE kind = 'audit.checkpoint' ORDER BY seq DESC LIMIT 1",
    ];
    for (const sql of plans) {
      const rows = (await db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all<{ detail: string }>()).results;
      const details = rows.map((r) => r.detail);
      expect(
        details.some((d) => d.startsWith("SEARCH")),
        sql,
      ).toBe(true);
      expect(
        details.filter((d) => /^SCAN (audit_log|ledger_entries|a|l)\b/.test(d) || d.includes("TEMP B-TREE")),
        sql,
      ).toEqual([]);
    }
    const triggers = (
      await db
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%extends_head'")
        .all<{ name: string; sql: string }>()
    ).results;
    expect(triggers).toHaveLength(2);
    for (const t of triggers) {
      expect(t.sql).toContain("WHERE seq = (SELECT max(seq)");
      expect(t.sql).not.toContain("ORDER BY");
    }
  });
});
