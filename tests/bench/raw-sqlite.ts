/// <reference types="node" />
/**
 * The raw SQLite baseline of `bench:batch`: the same batch lines inserted into the same tenant
 * schema (every tenant migration applied: indexes and triggers on batch_lines included, foreign
 * keys off because the baseline holds no batches or recipients) in ONE transaction with one
 * prepared INSERT per row — the fastest a single SQLite process can take these rows.
 *
 * Engine: better-sqlite3 when it resolves (an optional dependency: it is a native module, built
 * from source where no prebuilt binary can be downloaded; `BETTER_SQLITE3` may name a locally
 * built copy), else Debian's `sqlite3` CLI running one transaction of INSERT statements (its time
 * includes parsing each statement, so that baseline is slower than better-sqlite3's). The bench
 * prints which one it used.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface RawLine {
  batchId: number;
  programId: number;
  period: string;
  kind: string;
  recipientId: number;
  name: string;
  villageId: number | null;
  amountFen: number;
  purpose: string;
}

export interface RawResult {
  engine: string;
  ms: number;
}

const COLUMNS =
  "batch_id, program_id, period, recipient_kind, recipient_id, recipient_name, village_id, amount_fen, quantity, honoured, purpose";

function tenantSchema(root: string): string {
  const dir = join(root, "db/migrations/tenant");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => readFileSync(join(dir, f), "utf8").replaceAll("--> statement-breakpoint", ""))
    .join("\n");
}

type Statement = { run: (...args: unknown[]) => unknown };
type BetterSqlite = new (
  file: string,
) => {
  pragma: (s: string) => unknown;
  exec: (s: string) => unknown;
  prepare: (s: string) => Statement;
  transaction: <T>(fn: () => T) => () => T;
  close: () => void;
};

function loadBetterSqlite(): { Database: BetterSqlite; version: string } | null {
  const require = createRequire(import.meta.url);
  for (const id of [process.env.BETTER_SQLITE3, "better-sqlite3"]) {
    if (!id) continue;
    try {
      const Database = require(id) as BetterSqlite;
      const version = (require(`${id}/package.json`) as { version: string }).version;
      return { Database, version };
    } catch {
      // not installed or not built here
    }
  }
  return null;
}

/** Milliseconds to insert `rows` in one transaction into a fresh on-disk tenant database. */
export function rawSqliteInsert(root: string, rows: readonly RawLine[]): RawResult {
  const dir = mkdtempSync(join(tmpdir(), "bangfu-raw-"));
  const file = join(dir, "tenant.sqlite");
  try {
    const better = loadBetterSqlite();
    if (better)
      return { engine: `better-sqlite3 ${better.version}`, ms: withBetterSqlite(better.Database, file, root, rows) };
    return { engine: "sqlite3 CLI (better-sqlite3 not installed)", ms: withCli(file, root, rows) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function withBetterSqlite(Database: BetterSqlite, file: string, root: string, rows: readonly RawLine[]): number {
  const db = new Database(file);
  // D1's storage runs in WAL mode too.
  db.pragma("journal_mode = WAL");
  db.exec(tenantSchema(root));
  db.pragma("foreign_keys = OFF");
  const insert = db.prepare(`INSERT INTO batch_lines (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, ?)`);
  const all = db.transaction(() => {
    for (const r of rows)
      insert.run(r.batchId, r.programId, r.period, r.kind, r.recipientId, r.name, r.villageId, r.amountFen, r.purpose);
  });
  const t = performance.now();
  all();
  const ms = performance.now() - t;
  db.close();
  return ms;
}

const quote = (v: string | number | null) =>
  v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replaceAll("'", "''")}'`;

function withCli(file: string, root: string, rows: readonly RawLine[]): number {
  const run = (script: string) => {
    const t = performance.now();
    const r = spawnSync("sqlite3", ["-bail", file], { input: script, encoding: "utf8", maxBuffer: 1 << 26 });
    if (r.status !== 0 || r.stderr) throw new Error(`sqlite3 failed: ${r.stderr}`);
    return performance.now() - t;
  };
  run(`PRAGMA journal_mode = WAL;\n${tenantSchema(root)}`);
  const body = rows
    .map(
      (r) =>
        `INSERT INTO batch_lines (${COLUMNS}) VALUES (${[r.batchId, r.programId, r.period, r.kind, r.recipientId, r.name, r.villageId, r.amountFen].map(quote).join(", ")}, NULL, 0, ${quote(r.purpose)});`,
    )
    .join("\n");
  const scriptFile = join(file, "..", "insert.sql");
  writeFileSync(scriptFile, `PRAGMA foreign_keys = OFF;\nBEGIN;\n${body}\nCOMMIT;\n`);
  // The process start is measured with an empty transaction and taken off.
  const empty = run("PRAGMA foreign_keys = OFF;\nBEGIN;\nCOMMIT;\n");
  return Math.max(1, run(`.read ${scriptFile}\n`) - empty);
}
