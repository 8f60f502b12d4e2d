import { freePort } from "../helpers/free-port.ts";
/// <reference types="node" />
/**
 * Benchmark (`npm run bench:batch [-- --lines 10000]`): import and notice a 10,000-line batch
 * against an isolated local server (wrangler dev with a temporary --persist-to and a free port,
 * started the way tests/browser/global-setup.ts does), then print lines per second for the CSV
 * preview, the commit and the submit (公示), and the D1 statements used.
 *
 * Recipients are 10,000 cadres created first through the cadres CSV import (not timed), so the
 * lines go through the real validation: cadre lookup, the program's amount rule, one claim per
 * recipient and period.
 *
 * D1 statements: the commit's write batch is reported by the API (`statements`: bulk JSON inserts
 * of lines + claims + totals) plus the framework's own (guards, audit entry). The submit's write
 * batch has a fixed shape (ledger entry, notice row with the masked snapshot, guarded status
 * change + its guard row, audit entry = 5 statements, plus one per 400,000-byte piece of a
 * snapshot too large for one D1 row: notice_chunks) plus its reads (batch, program, lines,
 * villages, chain heads); all but the pieces are independent of the line count.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { canonicalJson } from "../../workers/lib/canonical-json.ts";
import { CHUNK_BYTES, storageOf, utf8Length } from "../../workers/lib/chunks.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TENANT = "longquanyi";
const { values } = parseArgs({ options: { lines: { type: "string", default: "10000" }, keep: { type: "boolean" } } });
const LINES = Number(values.lines);

async function startServer(): Promise<{ base: string; stop: () => Promise<void> }> {
  const persistTo = mkdtempSync(join(tmpdir(), "bangfu-bench-"));
  const port = await freePort();
  mkdirSync(join(ROOT, "tests/output"), { recursive: true });
  const logPath = join(ROOT, "tests/output/bench-server.log");
  const log: Buffer[] = [];
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "db/scripts/dev.ts", "--persist-to", persistTo, "--port", String(port)],
    {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", FORCE_COLOR: "0", NO_COLOR: "1" },
    },
  );
  child.stdout!.on("data", (d: Buffer) => log.push(d));
  child.stderr!.on("data", (d: Buffer) => log.push(d));
  const stop = async () => {
    writeFileSync(logPath, Buffer.concat(log));
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // gone
    }
    await new Promise((r) => setTimeout(r, 1500));
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // gone
    }
    if (!values.keep) rmSync(persistTo, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`dev server exited early; see ${logPath}`);
    }
    try {
      if ((await fetch(`${base}/t/${TENANT}/admin/login`, { signal: AbortSignal.timeout(3000) })).status === 200) break;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`dev server did not start; see ${logPath}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { base, stop };
}

async function main() {
  const { base, stop } = await startServer();
  const api = `${base}/t/${TENANT}/api/v1`;
  const call = async (token: string, path: string, init: { method?: string; json?: unknown; csv?: string } = {}) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    let body: string | undefined;
    if (init.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(init.json);
    } else if (init.csv !== undefined) {
      headers["Content-Type"] = "text/csv";
      body = init.csv;
    }
    const res = await fetch(api + path, { method: init.method ?? (body ? "POST" : "GET"), headers, body });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${init.method ?? "POST"} ${path} → ${res.status}: ${text.slice(0, 500)}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  try {
    const signIn = async (username: string) =>
      (
        (await (
          await fetch(`${api}/auth/login`, {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ username, password: "bangfu-demo" }),
          })
        ).json()) as { token: string }
      ).token;
    const admin = await signIn("admin");
    const finance = await signIn("finance");
    const stamp = Date.now().toString(36);

    // Recipients: LINES cadres of one unit (setup, not timed).
    const unit = (await call(admin, "/units", {
      json: { name: `压测单位${stamp}`, kind: "party_government", level: "county" },
    })) as { id: number; name: string };
    const cadreCsv = [
      "姓名,单位名称",
      ...Array.from({ length: LINES }, (_, i) => `压测干部${String(i + 1).padStart(5, "0")},${unit.name}`),
    ].join("\r\n");
    const cadrePreview = (await call(admin, "/imports/cadres", { csv: cadreCsv })) as {
      id: number;
      errorCount: number;
      errors: unknown[];
    };
    if (cadrePreview.errorCount)
      throw new Error(`cadre import errors: ${JSON.stringify(cadrePreview.errors.slice(0, 3))}`);
    await call(admin, `/imports/${cadrePreview.id}/commit`, { method: "POST" });
    const ids: number[] = [];
    for (let page = 1; ids.length < LINES; page++) {
      const p = (await call(admin, `/cadres?unitId=${unit.id}&size=200&page=${page}`)) as { items: { id: number }[] };
      if (p.items.length === 0) break;
      ids.push(...p.items.map((c) => c.id));
    }
    if (ids.length !== LINES) throw new Error(`expected ${LINES} cadres, found ${ids.length}`);

    const program = (await call(finance, "/programs", {
      json: {
        name: `压测补助${stamp}`,
        category: "resident_allowance",
        fundSource: "county",
        recipientKind: "cadre",
        ruleKind: "per_month",
        ruleAmountFen: 50_000,
      },
    })) as { id: number };
    await call(finance, `/programs/${program.id}/budgets/2026`, { method: "PUT", json: { budgetFen: LINES * 50_000 } });
    const batch = (await call(finance, "/batches", { json: { programId: program.id, period: "2026-11" } })) as {
      id: number;
    };

    const linesCsv = ["干部编号,用途", ...ids.map((id) => `${id},驻村补助`)].join("\r\n");
    let t = performance.now();
    const preview = (await call(finance, `/batches/${batch.id}/lines/import`, { csv: linesCsv })) as {
      id: number;
      rowCount: number;
      errorCount: number;
      errors: unknown[];
    };
    const previewMs = performance.now() - t;
    if (preview.errorCount) throw new Error(`lines import errors: ${JSON.stringify(preview.errors.slice(0, 3))}`);

    t = performance.now();
    const commit = (await call(finance, `/imports/${preview.id}/commit`, { method: "POST" })) as {
      inserted: number;
      statements: number;
    };
    const commitMs = performance.now() - t;

    t = performance.now();
    const submitted = (await call(finance, `/batches/${batch.id}/submit`, { method: "POST" })) as {
      status: string;
      lineCount: number;
      totalFen: number;
      noticeId: number;
    };
    const submitMs = performance.now() - t;
    // The snapshot as published: its size decides how many notice_chunks pieces the submit wrote.
    const notice = (await call(admin, `/notices/${submitted.noticeId}`)) as { content: unknown };
    const snapshot = canonicalJson(notice.content);
    const pieces = storageOf(snapshot).chunks.length;
    if (submitted.status !== "noticed" || submitted.lineCount !== LINES)
      throw new Error(`submit: ${JSON.stringify(submitted)}`);

    const rate = (ms: number) => Math.round(LINES / (ms / 1000));
    // commit write batch = the definition's statements + csv_imports guard (2) + batch-draft guard (2) + audit (1)
    const commitStatements = commit.statements + 5;
    console.log(`\nBatch of ${LINES} lines (cadres, 500 元/月, local wrangler dev, tenant ${TENANT}):`);
    console.log(`  preview (parse + validate + stage): ${previewMs.toFixed(0)} ms  → ${rate(previewMs)} lines/s`);
    console.log(
      `  commit  (all-or-nothing D1 batch):  ${commitMs.toFixed(0)} ms  → ${rate(commitMs)} lines/s; D1 write statements: ${commitStatements} (${commit.statements} from the lines: bulk JSON inserts + claims + totals)`,
    );
    console.log(
      `  submit  (公示: masked snapshot + hash + ledger): ${submitMs.toFixed(0)} ms  → ${rate(submitMs)} lines/s; D1 write statements: ${5 + pieces} (ledger entry, notice, ${pieces} snapshot pieces, guarded status + guard, audit)`,
    );
    console.log(`  notice #${submitted.noticeId}, total ${(submitted.totalFen / 100).toFixed(2)} 元`);
    // D1 caps a row/string at 2,000,000 bytes: above CHUNK_BYTES the snapshot is stored in pieces.
    console.log(
      `  snapshot: ${utf8Length(snapshot)} bytes → ${pieces ? `${pieces} pieces of ≤ ${CHUNK_BYTES} bytes in notice_chunks` : "one row"} (D1 row limit 2,000,000 bytes)`,
    );
  } finally {
    await stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
