import { describe, expect, it } from "vitest";
import { api } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { answer, createDecision, householdSetup, objectionIdOf, objectOk } from "./fixtures.ts";

interface Entry {
  seq: number;
  at: number;
  kind: string;
  ref: string;
  content: Record<string, unknown>;
  contentHash: string;
  prevHash: string;
  hash: string;
}
interface LedgerPage {
  items: Entry[];
  head: { seq: number; hash: string } | null;
  next: number | null;
}
const page = async (tenant: string, q = "") => (await (await api(tenant, `/ledger${q}`)).json()) as LedgerPage;
/** A full verification (from entry 1; these ledgers fit in one page of 250). */
const verify = async (tenant: string) =>
  (await (await api(tenant, "/ledger/verify?cursor=0")).json()) as {
    ok: boolean;
    count: number;
    head: string;
    firstBreak: { seq: number; reason: string } | null;
  };

/** A notice with an answered objection: three publications (published, answered, withdrawn). */
async function activity(tenant: string) {
  const admin = await signIn(tenant, "county_admin");
  const { householdId } = await householdSetup(tenant);
  const d = await createDecision(tenant, admin.token, householdId);
  const { trackingCode } = await objectOk(tenant, d.noticeId, {
    lineNo: 1,
    name: "匿名者甲",
    contact: "13700000000",
    text: "有异议",
  });
  expect(
    (await answer(tenant, admin.token, await objectionIdOf(tenant, trackingCode), "upheld", "情况属实，撤回公示"))
      .status,
  ).toBe(200);
  return { admin, decision: d, trackingCode };
}

describe("publication ledger", () => {
  it("is public, holds every notice and answer, and pages by sequence number", async () => {
    const { decision, trackingCode } = await activity("longquanyi");
    await activity("longquanyi");
    const all = await page("longquanyi", "?limit=1000");
    expect(all.items.length).toBeGreaterThanOrEqual(6);
    expect(all.head!.seq).toBe(all.items[all.items.length - 1]!.seq);
    const mine = all.items.filter((e) => e.ref === `household_exit:${decision.id}`);
    expect(mine.map((e) => e.kind)).toEqual(["notice.published", "objection.answered", "notice.withdrawn"]);
    expect(mine[1]!.content).toMatchObject({
      noticeId: decision.noticeId,
      lineNo: 1,
      decision: "upheld",
      reply: "情况属实，撤回公示",
      trackingCode,
    });
    expect(JSON.stringify(all)).not.toContain("匿名者甲");
    expect(JSON.stringify(all)).not.toContain("13700000000");
    // Every notice row points at its own ledger entry.
    const rows = (
      await TENANT_DB.longquanyi!.prepare(
        "SELECT n.id, n.content_hash, l.content FROM notices n JOIN ledger_entries l ON l.seq = n.ledger_seq",
      ).all<{ id: number; content_hash: string; content: string }>()
    ).results;
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) expect(JSON.parse(r.content).noticeContentHash).toBe(r.content_hash);
    // Paging: two at a time, each page continues after the last seq, `next` tells whether there is more.
    const first = await page("longquanyi", "?limit=2");
    expect(first.items.map((e) => e.seq)).toEqual([1, 2]);
    expect(first.next).toBe(2);
    const second = await page("longquanyi", "?after=2&limit=2");
    expect(second.items.map((e) => e.seq)).toEqual([3, 4]);
    expect(second.items[0]!.prevHash).toBe(first.items[1]!.hash);
    const last = await page("longquanyi", `?after=${all.head!.seq - 1}`);
    expect(last.next).toBeNull();
    expect((await api("longquanyi", "/ledger?limit=0")).status).toBe(400);
    expect((await api("longquanyi", "/ledger?after=-1")).status).toBe(400);
  });

  it("verifies, exports as JSON lines with the exact content text, and stays separate per tenant", async () => {
    await activity("pingchuan");
    const v = await verify("pingchuan");
    const head = (await page("pingchuan")).head!;
    expect(v).toMatchObject({ ok: true, firstBreak: null, head: head.hash, count: head.seq });
    const res = await api("pingchuan", "/ledger/export");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/x-ndjson");
    expect(res.headers.get("content-disposition")).toContain("ledger-pingchuan.jsonl");
    const lines = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Entry & { content: string });
    expect(lines).toHaveLength(head.seq);
    expect(typeof lines[0]!.content).toBe("string");
    expect(lines[lines.length - 1]!.hash).toBe(head.hash);
    const dz = await verify("dazhou");
    expect(dz.head).not.toBe(v.head);
  });

  it("detects a row changed behind its back and names the sequence number", async () => {
    await activity("dazhou");
    await activity("dazhou");
    expect((await verify("dazhou")).ok).toBe(true);
    const db = TENANT_DB.dazhou!;
    const target = await db
      .prepare("SELECT seq, content FROM ledger_entries WHERE kind = 'objection.answered' ORDER BY seq LIMIT 1")
      .first<{ seq: number; content: string }>();
    // The database refuses the change…
    await expect(
      db
        .prepare("UPDATE ledger_entries SET content = ? WHERE seq = ?")
        .bind(target!.content.replace("upheld", "rejected"), target!.seq)
        .run(),
    ).rejects.toThrow(/ledger_append_only/);
    // …so a tampering DBA drops the trigger first.
    await db.prepare("DROP TRIGGER ledger_append_only").run();
    try {
      await db
        .prepare("UPDATE ledger_entries SET content = ? WHERE seq = ?")
        .bind(target!.content.replace("upheld", "rejected"), target!.seq)
        .run();
      const v = await verify("dazhou");
      expect(v).toMatchObject({
        ok: false,
        firstBreak: { seq: target!.seq, reason: "content_hash_mismatch" },
        count: target!.seq - 1,
      });
      // Recomputing the content hash does not help: the chain hash no longer matches.
      const fake = await db
        .prepare("SELECT content FROM ledger_entries WHERE seq = ?")
        .bind(target!.seq)
        .first<{ content: string }>();
      const digest = Array.from(
        new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(fake!.content))),
        (b) => b.toString(16).padStart(2, "0"),
      ).join("");
      await db.prepare("UPDATE ledger_entries SET content_hash = ? WHERE seq = ?").bind(digest, target!.seq).run();
      expect((await verify("dazhou")).firstBreak).toEqual({ seq: target!.seq, reason: "hash_mismatch" });
    } finally {
      await db
        .prepare(
          "CREATE TRIGGER ledger_append_only BEFORE UPDATE ON ledger_entries WHEN OLD.hash <> '' OR NEW.content IS NOT OLD.content OR NEW.content_hash IS NOT OLD.content_hash BEGIN SELECT RAISE(ABORT, 'ledger_append_only: ledger entries are never changed'); END",
        )
        .run();
    }
  });
});
