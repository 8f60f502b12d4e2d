import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createServiceContext, type ServiceContext } from "../../workers/domain/service-context.ts";
import { findTenant } from "../../workers/platform/tenancy/catalog.ts";
import {
  homeData,
  ledgerEntriesDesc,
  publicVersion,
  townshipVillages,
  villageData,
  allVillagePaymentLines,
  villagePayments,
  villagesPage,
} from "../../workers/public/queries.ts";
import { listHouseholds } from "../../workers/households/service.ts";
import { getBatch, listLines } from "../../workers/batches/queries.ts";
import { villagesSummary } from "../../workers/reports/service.ts";
import { listObjections } from "../../workers/objections/service.ts";
import { listFeedback } from "../../workers/feedback/service.ts";
import { getPublicNotice } from "../../workers/notices/service.ts";
import { adminOf, paidBatch, publicVillage } from "../public/fixtures.ts";
import { TENANT_DB } from "../helpers/users.ts";

/**
 * Guard rail for county scale: every statement the hot paths issue is run through
 * `EXPLAIN QUERY PLAN` on a seeded database, and a full SCAN of a table that grows with the
 * county fails the test.
 *
 * The statements are captured by wrapping the D1 binding the services receive (every raw
 * `prepare` and every drizzle query goes through it, including statements added later), rather
 * than by listing SQL strings next to the query builders: a list goes stale silently when a
 * query is added or rewritten; the wrapper cannot miss a statement the page actually sends.
 * The services are called directly (not through SELF.fetch) because only here can the test hand
 * them the wrapped binding; they are the same functions the routes call.
 */
const T = "longquanyi";
const GROWING = [
  "households",
  "household_members",
  "batch_lines",
  "ledger_entries",
  "audit_log",
  "notices",
  "visits",
  "assignments",
  "pairings",
  "cadres",
  "objections",
  "feedback",
];

interface Captured {
  sql: string;
  args: unknown[];
}

function recording(d1: D1Database, out: Captured[]): D1Database {
  return new Proxy(d1, {
    get(target, prop) {
      if (prop === "prepare")
        return (sql: string) => {
          const rec: Captured = { sql, args: [] };
          out.push(rec);
          const stmt = target.prepare(sql);
          const bind = stmt.bind.bind(stmt);
          stmt.bind = (...args: unknown[]) => {
            rec.args = args;
            return bind(...args);
          };
          return stmt;
        };
      const v = Reflect.get(target, prop);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

async function contextFor(out: Captured[]): Promise<ServiceContext> {
  const tenant = (await findTenant(env.CONTROL, T))!;
  return createServiceContext({
    tenant,
    d1: recording(TENANT_DB[T]!, out),
    piiMasterKey: env.PII_MASTER_KEY,
    user: {
      id: 1,
      username: "plan",
      displayName: "计划检查",
      role: "county_admin",
      townshipCode: null,
      cadreId: null,
      csrfToken: "x",
      tokenHash: "x",
    },
  });
}

/** The full scans of growing tables in one statement's plan (with the plan, for the message). */
async function fullScans(c: Captured): Promise<string[]> {
  const plan = await TENANT_DB[T]!.prepare(`EXPLAIN QUERY PLAN ${c.sql}`)
    .bind(...c.args)
    .all<{ detail: string }>();
  return plan.results
    .map((r) => r.detail)
    .filter((d) => {
      const m = /^SCAN (\w+)/.exec(d);
      return m !== null && GROWING.includes(m[1]!);
    });
}

describe("query plans of the pages that grow with the county", () => {
  it("no hot-path statement scans a growing table in full", async () => {
    const v = await publicVillage(T, 3);
    const admin = await adminOf(T);
    const { batchId } = await paidBatch(T, admin, v.households, 50_000);

    const paths: Record<string, (ctx: ServiceContext) => Promise<unknown>> = {
      "public version (cache hit, 304)": (ctx) => publicVersion(ctx),
      "tenant home": (ctx) => homeData(ctx, ""),
      "tenant home search": (ctx) => homeData(ctx, v.villageName.slice(2, 4)),
      "township page": (ctx) => townshipVillages(ctx, v.townshipCode),
      "village page": (ctx) => villageData(ctx, v.villageCode),
      "village payments": (ctx) => villagePayments(ctx, v.villageId, { page: 2, size: 50 }),
      "open data": (ctx) => villagesPage(ctx, 1, 60),
      "ledger page": (ctx) => ledgerEntriesDesc(ctx, 3, 30),
      "household list": (ctx) => listHouseholds(ctx, { page: 2, size: 50 }),
      "household name search": (ctx) => listHouseholds(ctx, { page: 1, size: 50, q: "张" }),
      "batch detail": async (ctx) => {
        await getBatch(ctx, batchId);
        return listLines(ctx, batchId, { page: 2, size: 50 });
      },
      "reports by village": (ctx) => villagesSummary(ctx, 2026),
      "objection inbox by status": (ctx) => listObjections(ctx, { page: 1, size: 50, status: "open" }),
      "feedback inbox by status": (ctx) => listFeedback(ctx, { page: 1, size: 50, status: "open" }),
    };
    const problems: string[] = [];
    let statements = 0;
    for (const [name, run] of Object.entries(paths)) {
      const captured: Captured[] = [];
      await run(await contextFor(captured));
      expect(captured.length, `${name} issued no statement`).toBeGreaterThan(0);
      statements += captured.length;
      for (const c of captured) {
        const scans = await fullScans(c);
        if (scans.length > 0) problems.push(`${name}: ${scans.join("; ")}\n    ${c.sql}`);
      }
    }
    expect(statements).toBeGreaterThan(20);
    expect(problems, problems.join("\n")).toEqual([]);
  });
});

describe("inboxes and the tenant home at county scale", () => {
  it("an inbox by status reads its page along an index in id order (no sort of every open row) and counts nothing", async () => {
    const paths: Record<string, (ctx: ServiceContext) => Promise<unknown>> = {
      "objection inbox by status": (ctx) => listObjections(ctx, { page: 1, size: 50, status: "open" }),
      "objection inbox, keyset page": (ctx) =>
        listObjections(ctx, { page: 1, size: 50, status: "open", after: 1_000_000 }),
      "feedback inbox by status": (ctx) => listFeedback(ctx, { page: 1, size: 50, status: "open" }),
      "feedback inbox, keyset page": (ctx) =>
        listFeedback(ctx, { page: 1, size: 50, status: "open", after: 1_000_000 }),
    };
    const problems: string[] = [];
    for (const [name, run] of Object.entries(paths)) {
      const captured: Captured[] = [];
      await run(await contextFor(captured));
      for (const c of captured) {
        const plan = await TENANT_DB[T]!.prepare(`EXPLAIN QUERY PLAN ${c.sql}`)
          .bind(...c.args)
          .all<{ detail: string }>();
        const details = plan.results.map((r) => r.detail);
        if (details.some((d) => d.startsWith("USE TEMP B-TREE"))) problems.push(`${name} sorts: ${c.sql}`);
        if (/\bcount\(/i.test(c.sql)) problems.push(`${name} counts rows: ${c.sql}`);
        if (/\boffset\s+[1-9]/i.test(c.sql)) problems.push(`${name} skips rows with OFFSET: ${c.sql}`);
      }
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it("the tenant home counts nothing: its figures and villages per township are kept by triggers", async () => {
    const captured: Captured[] = [];
    await homeData(await contextFor(captured), "");
    expect(captured.length).toBeGreaterThan(0);
    const counting = captured.filter((c) => /\b(count|sum)\(/i.test(c.sql)).map((c) => c.sql);
    expect(counting).toEqual([]);
  });
});

/** Tables kept by triggers from other tables that do bump the version themselves. */
const DERIVED = new Set([
  "public_version",
  "notice_villages",
  "paid_totals",
  "paid_recipients",
  "household_counts",
  "public_figures",
]);

describe("public version", () => {
  it("a cache hit or 304 costs one primary-key read", async () => {
    const captured: Captured[] = [];
    await publicVersion(await contextFor(captured));
    expect(captured.map((c) => c.sql)).toEqual(["SELECT n, ledger_seq AS seq FROM public_version WHERE id = 1"]);
    const plan = await TENANT_DB[T]!.prepare(`EXPLAIN QUERY PLAN ${captured[0]!.sql}`).all<{ detail: string }>();
    expect(plan.results.map((r) => r.detail)).toEqual([
      expect.stringMatching(/^SEARCH public_version USING INTEGER PRIMARY KEY/),
    ]);
  });

  it("every table a public page reads has a trigger that bumps the version (read from the statements the pages send)", async () => {
    const v = await publicVillage(T, 2);
    const admin = await adminOf(T);
    const { noticeId } = await paidBatch(T, admin, v.households, 40_000);
    const captured: Captured[] = [];
    const ctx = await contextFor(captured);
    await homeData(ctx, "村");
    await townshipVillages(ctx, v.townshipCode);
    await villageData(ctx, v.villageCode);
    await villagePayments(ctx, v.villageId, { page: 1, size: 50 });
    await allVillagePaymentLines(ctx, v.villageId);
    await villagesPage(ctx, 1, 60);
    await ledgerEntriesDesc(ctx, 1, 30);
    await getPublicNotice(ctx, noticeId);
    // Every table named after FROM or JOIN in what the public pages sent.
    const read = new Set<string>();
    for (const c of captured)
      for (const m of c.sql.matchAll(/\b(?:from|join)\s+"?(\w+)"?/gi)) if (m[1] !== "json_each") read.add(m[1]!);
    expect(read.size).toBeGreaterThan(10);
    const triggers = await TENANT_DB[T]!.prepare(
      "SELECT tbl_name AS t, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%UPDATE public_version%'",
    ).all<{ t: string; sql: string }>();
    const events = new Map<string, Set<string>>();
    for (const tr of triggers.results) {
      const ev = /AFTER\s+(INSERT|UPDATE|DELETE)/i.exec(tr.sql)![1]!.toUpperCase();
      events.set(tr.t, (events.get(tr.t) ?? new Set()).add(ev));
    }
    const missing = [...read]
      .filter((t) => !DERIVED.has(t))
      .filter((t) => !events.has(t))
      .sort();
    expect(missing, `public tables without a public_version trigger: ${missing.join(", ")}`).toEqual([]);
  });

  it("moves with a public write in the same batch, and not with a private one", async () => {
    const db = TENANT_DB[T]!;
    const version = async () =>
      (await db.prepare("SELECT n FROM public_version WHERE id = 1").first<{ n: number }>())!.n;
    const v = await publicVillage(T, 1);
    const before = await version();
    await db.prepare("UPDATE villages SET name = name WHERE id = ?").bind(v.villageId).run();
    const afterVillage = await version();
    expect(afterVillage).toBeGreaterThan(before);
    await db.prepare("INSERT INTO login_failures (key, at) VALUES ('perf-test', 1)").run();
    expect(await version()).toBe(afterVillage);
    // A failed batch rolls the bump back with the write.
    await expect(
      db.batch([
        db.prepare("UPDATE villages SET name = name WHERE id = ?").bind(v.villageId),
        db.prepare("INSERT INTO villages (id, code, name, township_code) VALUES (?, 'x', 'x', 'x')").bind(v.villageId),
      ]),
    ).rejects.toThrow();
    expect(await version()).toBe(afterVillage);
  });
});
