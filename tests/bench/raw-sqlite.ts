/// <reference types="node" />
/**
 * The raw SQLite baseline of `bench:batch`: the same batch lines inserted into the same tenant
 * schema (every tenant migration applied: indexes and triggers on batch_lines included, foreign
 * keys off because the baseline holds no batches or recipients) in ONE transaction with one
 * prepared INSERT per row — the fastest a single SQLite process can take these rows.
 *
 * Engine: better-sqlite3, pinned in its own small package (`tests/bench/baseline/`, with its lock
 * file) and installed there on the bench's first run (`ensureBaseline`): it is a native module
 * whose prebuilt binaries come from GitHub, so where that is unreachable npm builds it from source
 * against this Node's headers (about a minute, once), and the project's own install never pays
 * for it. `BETTER_SQLITE3` may name another built copy. When neither loads (no compiler), the
 * fallback is Debian's `sqlite3` CLI running one transaction of INSERT statements (its time
 * includes parsing each statement, so that baseline is slower and the ratio flatters the
 * pipeline). The bench prints which engine it used.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

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

const BASELINE_DIR = "tests/bench/baseline";

function loadBetterSqlite(root: string): { Database: BetterSqlite; version: string } | null {
  const require = createRequire(import.meta.url);
  for (const id of [process.env.BETTER_SQLITE3, join(root, BASELINE_DIR, "node_modules/better-sqlite3")]) {
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

/**
 * Installs the pinned better-sqlite3 into tests/bench/baseline once (not timed); says which engine
 * the runs will use. A failed build leaves the CLI fallback and says so.
 */
export function ensureBaseline(root: string): string {
  const found = loadBetterSqlite(root);
  if (found) return `better-sqlite3 ${found.version}`;
  console.log("Installing the raw SQLite baseline (better-sqlite3, built from source once: about a minute)…");
  // Node's own headers, when this Node ships them (Debian's and the official tarballs do), spare
  // node-gyp a download from nodejs.org.
  const prefix = dirname(dirname(process.execPath));
  const nodedir = existsSync(join(prefix, "include/node/node.h")) ? [`--nodedir=${prefix}`] : [];
  const r = spawnSync("npm", ["ci", "--no-audit", "--no-fund", ...nodedir], {
    cwd: join(root, BASELINE_DIR),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const built = loadBetterSqlite(root);
  if (built) return `better-sqlite3 ${built.version}`;
  console.log(
    `  could not build it (npm ci exited ${r.status}); falling back to the sqlite3 CLI.\n${r.stderr.slice(-800)}`,
  );
  return "sqlite3 CLI";
}

/** Milliseconds to insert `rows` in one transaction into a fresh on-disk tenant database. */
export function rawSqliteInsert(root: string, rows: readonly RawLine[]): RawResult {
  const dir = mkdtempSync(join(tmpdir(), "bangfu-raw-"));
  const file = join(dir, "tenant.sqlite");
  try {
    const better = loadBetterSqlite(root);
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
