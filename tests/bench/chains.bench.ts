/// <reference types="node" />
/**
 * Benchmark (`npm run bench:chains [-- --entries 100000 --writes 200]`): the hash chains at county scale.
 *
 * Opens a fresh local tenant database in Node (wrangler's getPlatformProxy on a temporary
 * directory: the same workerd/SQLite D1 as `wrangler dev`), applies the tenant migrations, and
 * runs the Worker's own code (AuditedWrite, verifyAudit, verifyTenantLedger, exportStream) on it:
 *
 * 1. write cost: the median wall time of an audited write (one business statement + its audit
 *    entry, the chain head read, the trigger checks; a publication variant adds a ledger entry and
 *    a signed checkpoint) on a tenant whose chains hold 1,000 entries and on one whose chains hold
 *    100,000, alternating write by write so that the load of a shared machine hits both alike;
 * 2. verify CPU per request: process CPU (user + system) of one request of each kind (since the
 *    newest checkpoint, one full page): the Worker's own JS (hashing over rows already read) and
 *    the whole call including the local D1 proxy's (de)serialisation in this process;
 * 3. export memory: the heap while streaming the whole 100,000-entry ledger, against its size.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { getPlatformProxy } from "wrangler";
import { createServiceContext, type ServiceContext } from "../../workers/domain/service-context.ts";
import { AuditedWrite } from "../../workers/domain/audited-write.ts";
import { verifyAudit } from "../../workers/audit/service.ts";
import { verifyTenantLedger } from "../../workers/ledger/verify.ts";
import { exportStream, rowsAfter } from "../../workers/ledger/service.ts";
import { AUDIT_VERIFY_PAGE } from "../../workers/audit/service.ts";
import { LEDGER_VERIFY_PAGE } from "../../workers/ledger/verify.ts";
import { verifyChain } from "../../workers/lib/audit-chain.ts";
import { verifyLedger } from "../../workers/lib/ledger-chain.ts";
import { auditLog } from "../../db/schema/tenant/audit.ts";
import { asc, gt } from "drizzle-orm";
import { parseCursor } from "../../workers/lib/chain-cursor.ts";
import { toBase64 } from "../../workers/lib/bytes.ts";
import { appendAuditEntries, appendLedgerEntries } from "../helpers/chain-rows.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const { values } = parseArgs({
  options: { entries: { type: "string", default: "100000" }, writes: { type: "string", default: "200" } },
});
const ENTRIES = Number(values.entries);
const WRITES = Number(values.writes);

async function migrate(d1: D1Database) {
  const dir = join(ROOT, "db/migrations/tenant");
  for (const f of readdirSync(dir)
    .filter((n) => n.endsWith(".sql"))
    .sort())
    for (const stmt of readFileSync(join(dir, f), "utf8").split("--> statement-breakpoint"))
      if (stmt.trim()) await d1.prepare(stmt).run();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

let n = 0;
/** One audited write: a business statement and its audit entry (and, when `publish`, a ledger entry + checkpoint). */
async function write(ctx: ServiceContext, publish: boolean) {
  n++;
  const w = new AuditedWrite(ctx)
    .addRaw(
      ctx.d1
        .prepare("INSERT INTO write_guards (name, ok) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET ok = 1")
        .bind(`bench-${n % 10}`),
    )
    .audit({ action: "bench.write", entity: "bench", entityId: n, after: { n, note: "县级规模压测" } });
  if (publish) w.publish({ kind: "bench.published", ref: `bench:${n}`, content: { n, title: "压测公示" } });
  await w.commit();
}

async function cpuMs<T>(f: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const before = process.cpuUsage();
  const result = await f();
  const d = process.cpuUsage(before);
  return { ms: (d.user + d.system) / 1000, result };
}

async function main() {
  const persist = mkdtempSync(join(tmpdir(), "bangfu-chains-"));
  const proxy = await getPlatformProxy<{ TENANT_LONGQUANYI: D1Database; TENANT_PINGCHUAN: D1Database }>({
    configPath: join(ROOT, "wrangler.toml"),
    persist: { path: join(persist, "v3") },
    remoteBindings: false,
  });
  try {
    const masterKey = toBase64(crypto.getRandomValues(new Uint8Array(32)));
    const contextOf = (d1: D1Database, slug: string, binding: string) =>
      createServiceContext({
        tenant: {
          slug,
          name: slug,
          level: "county",
          divisionCode: "510112",
          binding,
          status: "active",
          createdAt: 0,
          schemaVersion: null,
          migratedAt: null,
          bookmark: null,
          keySalt: null,
          exportedAt: null,
          exportRef: null,
        },
        d1,
        piiMasterKey: masterKey,
        user: {
          id: 1,
          username: "admin",
          displayName: "压测",
          role: "county_admin",
          townshipCode: null,
          cadreId: null,
          csrfToken: "bench",
          tokenHash: "bench",
        },
      });
    const smallDb = proxy.env.TENANT_PINGCHUAN;
    const d1 = proxy.env.TENANT_LONGQUANYI;
    await migrate(smallDb);
    await migrate(d1);
    const smallCtx = contextOf(smallDb, "pingchuan", "TENANT_PINGCHUAN");
    const ctx = contextOf(d1, "longquanyi", "TENANT_LONGQUANYI");
    const count = async (t: string, db = d1) =>
      (await db.prepare(`SELECT max(seq) AS n FROM ${t}`).first<{ n: number | null }>())?.n ?? 0;

    await appendAuditEntries(smallDb, 1000);
    await appendLedgerEntries(smallDb, 1000);
    let t = performance.now();
    await appendAuditEntries(d1, ENTRIES);
    await appendLedgerEntries(d1, ENTRIES);
    const growMs = performance.now() - t;
    const smallAt = await count("audit_log", smallDb);
    const largeAt = await count("audit_log");

    console.log(
      `\nHash chains at county scale (local workerd D1, ${WRITES} timed writes per cell, alternating, median):`,
    );
    console.log(
      `  (grew one tenant's chains to ${ENTRIES} entries in ${(growMs / 1000).toFixed(1)} s, not timed below)`,
    );
    for (const publish of [false, true]) {
      for (let i = 0; i < 10; i++) {
        await write(smallCtx, publish);
        await write(ctx, publish);
      }
      const small: number[] = [];
      const large: number[] = [];
      for (let i = 0; i < WRITES; i++) {
        for (const [c, into] of [
          [smallCtx, small],
          [ctx, large],
        ] as const) {
          const w0 = performance.now();
          await write(c, publish);
          into.push(performance.now() - w0);
        }
      }
      const [a, b] = [median(small), median(large)];
      console.log(
        `  ${publish ? "write + publication" : "audited write      "}: ${a.toFixed(2)} ms at ~${smallAt} entries, ${b.toFixed(2)} ms at ~${largeAt} → ×${(b / a).toFixed(2)}`,
      );
    }

    // A new page of writes without a checkpoint, so "since the checkpoint" has something to do.
    await appendAuditEntries(d1, 900);
    await appendLedgerEntries(d1, 900);
    const quickAudit = await cpuMs(() => verifyAudit(ctx));
    const fullAuditPage = await cpuMs(() => verifyAudit(ctx, parseCursor("0")!));
    const quickLedger = await cpuMs(() => verifyTenantLedger(ctx));
    const fullLedgerPage = await cpuMs(() => verifyTenantLedger(ctx, parseCursor("0")!));
    // The Worker's own share: hashing rows already read (what a Worker request spends CPU on).
    const auditRows = await ctx.db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, 0))
      .orderBy(asc(auditLog.seq))
      .limit(AUDIT_VERIFY_PAGE)
      .all();
    const ledgerRows = await rowsAfter(ctx, 0, LEDGER_VERIFY_PAGE);
    const auditJs = await cpuMs(() => verifyChain(auditRows));
    const ledgerJs = await cpuMs(() => verifyLedger(ledgerRows));
    // The whole audit chain, page after page, as the paged job runs it.
    let pages = 0;
    let worst = 0;
    let total = 0;
    let cursor = parseCursor("0")!;
    for (;;) {
      const r = await cpuMs(() => verifyAudit(ctx, cursor));
      pages++;
      total += r.ms;
      worst = Math.max(worst, r.ms);
      if (!r.result.ok) throw new Error(`audit chain broken: ${JSON.stringify(r.result.firstBreak)}`);
      if (!r.result.next) break;
      cursor = parseCursor(r.result.next)!;
    }
    console.log("\nVerification, CPU per request:");
    console.log(
      `  Worker JS only (hash + canonical JSON over rows read): audit ${auditJs.ms.toFixed(1)} ms / ${auditRows.length} entries, ledger ${ledgerJs.ms.toFixed(1)} ms / ${ledgerRows.length} entries`,
    );
    console.log("  whole call in Node, incl. the local D1 proxy's (de)serialisation:");
    console.log(
      `  audit  since checkpoint: ${quickAudit.ms.toFixed(1)} ms for ${quickAudit.result.count} entries (from #${quickAudit.result.from})`,
    );
    console.log(
      `  audit  full, one page  : ${fullAuditPage.ms.toFixed(1)} ms for ${fullAuditPage.result.count} entries`,
    );
    console.log(
      `  audit  full run        : ${pages} requests, worst ${worst.toFixed(1)} ms, total ${total.toFixed(0)} ms (what one request would have cost before)`,
    );
    console.log(
      `  ledger since checkpoint: ${quickLedger.ms.toFixed(1)} ms for ${quickLedger.result.count} entries (from #${quickLedger.result.from})`,
    );
    console.log(
      `  ledger full, one page  : ${fullLedgerPage.ms.toFixed(1)} ms for ${fullLedgerPage.result.count} entries`,
    );

    // Export: stream the whole ledger, watching the heap.
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    let bytes = 0;
    let chunks = 0;
    t = performance.now();
    const reader = exportStream(ctx).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      chunks++;
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    const exportMs = performance.now() - t;
    console.log(
      `\nExport (${await count("ledger_entries")} entries): ${(bytes / 1048576).toFixed(1)} MB in ${chunks} chunks, ${(exportMs / 1000).toFixed(1)} s; heap above baseline at most ${((peak - base) / 1048576).toFixed(1)} MB`,
    );
  } finally {
    await proxy.dispose();
    rmSync(persist, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
