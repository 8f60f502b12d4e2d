/// <reference types="node" />
/**
 * Remote restore of one tenant from a `wrangler d1 export --remote` SQL file (tenant:export --remote):
 * into a new or emptied database only, behind `--yes` after a dry-run listing.
 *
 * Steps with --yes: (1) the target database must have no tables of ours (new or emptied); (2) its
 * Time Travel bookmark is taken and stored in the catalog, so the restore itself can be undone;
 * (3) `wrangler d1 execute <db> --remote --file <export.sql> --yes`; (4) the audit and ledger heads
 * (row count and last seq) read back must equal the file's; (5) catalog and operator log updated.
 * Without --yes nothing is run: the listing says what would be, and why not when it could not.
 *
 * Every wrangler call goes through `RemoteDeps`, so `db/scripts/check-remote-restore.ts` runs the
 * whole plan against recorded answers without Cloudflare.
 */
import { readFileSync, statSync } from "node:fs";
import { sqlLiteral, UsageError } from "../lib.ts";

export interface RemoteDeps {
  /** `wrangler d1 execute <db> --remote --json --command <sql>`: result rows of each statement. */
  query<T = Record<string, unknown>>(database: string, sql: string): Promise<T[][]>;
  /** Any other wrangler command (`d1 time-travel info`, `d1 execute --file`); returns stdout. */
  wrangler(args: string[]): Promise<string>;
  log(line: string): void;
}

/** What a SQL export holds: rows per table and the heads of the two hash chains. */
export interface ExportSummary {
  bytes: number;
  statements: number;
  tables: Record<string, number>;
  auditHead: { rows: number; lastSeq: number | null };
  ledgerHead: { rows: number; lastSeq: number | null };
}

const INSERT = /^INSERT INTO\s+["`]?([A-Za-z0-9_]+)["`]?\s*(?:\([^)]*\)\s*)?VALUES\s*\(\s*(-?\d+)?/gim;

/** Reads the export without running it; refuses what is not a D1 SQL export. */
export function summarizeExport(sqlText: string, bytes = sqlText.length): ExportSummary {
  if (!/CREATE TABLE/i.test(sqlText))
    throw new UsageError("the file holds no CREATE TABLE: not a `wrangler d1 export` file");
  if (!/["`]?audit_log["`]?/.test(sqlText))
    throw new UsageError("the file has no audit_log table: not a Bangfu tenant export");
  const tables: Record<string, number> = {};
  const heads = { audit_log: null as number | null, ledger_entries: null as number | null };
  for (const m of sqlText.matchAll(INSERT)) {
    const t = m[1]!;
    tables[t] = (tables[t] ?? 0) + 1;
    if ((t === "audit_log" || t === "ledger_entries") && m[2] !== undefined) {
      const seq = Number(m[2]);
      heads[t] = Math.max(heads[t] ?? seq, seq);
    }
  }
  const statements = sqlText.split(/;\s*\n/).filter((s) => s.trim().length > 0).length;
  return {
    bytes,
    statements,
    tables,
    auditHead: { rows: tables.audit_log ?? 0, lastSeq: heads.audit_log },
    ledgerHead: { rows: tables.ledger_entries ?? 0, lastSeq: heads.ledger_entries },
  };
}

export interface RemoteRestoreInput {
  slug: string;
  from: string;
  /** Name of the tenant's database (wrangler.toml) and of the control database. */
  database: string;
  control: string;
  yes: boolean;
  actor: string;
}

const OUR_TABLES = `SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'
  AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'`;
const HEADS = `SELECT (SELECT count(*) FROM audit_log) AS auditRows, (SELECT max(seq) FROM audit_log) AS auditSeq,
  (SELECT count(*) FROM ledger_entries) AS ledgerRows, (SELECT max(seq) FROM ledger_entries) AS ledgerSeq`;

/** Lists (dry run) or performs (yes) a remote restore; returns what it found and did. */
export async function restoreRemote(
  input: RemoteRestoreInput,
  deps: RemoteDeps,
): Promise<{ summary: ExportSummary; executed: boolean; bookmark: string | null }> {
  if (!input.from.endsWith(".sql"))
    throw new UsageError(`${input.from}: a remote restore reads the .sql file of \`tenant:export --remote\``);
  const text = readFileSync(input.from, "utf8");
  const summary = summarizeExport(text, statSync(input.from).size);
  const [catalog] = await deps.query<{ status: string }>(
    input.control,
    `SELECT status FROM tenants WHERE slug = ${sqlLiteral(input.slug)}`,
  );
  if (!catalog?.[0]) throw new UsageError(`no tenant ${input.slug} in the remote catalog`);
  const [tables] = await deps.query<{ n: number }>(input.database, OUR_TABLES);
  const existing = tables?.[0]?.n ?? 0;

  const log = deps.log;
  log(`${input.yes ? "restore" : "dry run: restore"} ${input.slug} into ${input.database} (remote) from ${input.from}`);
  log(`  file: ${summary.bytes} bytes, ${summary.statements} statements`);
  for (const [t, n] of Object.entries(summary.tables).sort()) log(`  ${t}: ${n} rows`);
  log(`  audit head: ${summary.auditHead.rows} entries, last seq ${summary.auditHead.lastSeq ?? "—"}`);
  log(`  ledger head: ${summary.ledgerHead.rows} entries, last seq ${summary.ledgerHead.lastSeq ?? "—"}`);
  log(`  catalog status: ${catalog[0].status}; tables now in ${input.database}: ${existing}`);
  log("  would run:");
  log(`    wrangler d1 time-travel info ${input.database} --json   (bookmark stored in tenants.bookmark)`);
  log(`    wrangler d1 execute ${input.database} --remote --file ${input.from} --yes`);
  log("    compare the audit and ledger heads read back with the file's, then update the catalog");
  if (existing > 0) {
    const why = `${input.database} is not empty (${existing} tables): restore only into a new or emptied database (tenant:delete, or a new database)`;
    if (input.yes) throw new UsageError(why);
    log(`  REFUSED with --yes: ${why}`);
    return { summary, executed: false, bookmark: null };
  }
  if (!input.yes) {
    log("  nothing was changed; run again with --yes to restore");
    return { summary, executed: false, bookmark: null };
  }

  const info = JSON.parse(await deps.wrangler(["d1", "time-travel", "info", input.database, "--json"])) as {
    bookmark?: string;
  };
  const bookmark = info.bookmark ?? null;
  await deps.query(
    input.control,
    `UPDATE tenants SET bookmark = ${sqlLiteral(bookmark)} WHERE slug = ${sqlLiteral(input.slug)}`,
  );
  await deps.wrangler(["d1", "execute", input.database, "--remote", "--file", input.from, "--yes"]);
  const [heads] = await deps.query<{
    auditRows: number;
    auditSeq: number | null;
    ledgerRows: number;
    ledgerSeq: number | null;
  }>(input.database, HEADS);
  const h = heads?.[0];
  if (
    !h ||
    h.auditRows !== summary.auditHead.rows ||
    (h.auditSeq ?? null) !== summary.auditHead.lastSeq ||
    h.ledgerRows !== summary.ledgerHead.rows ||
    (h.ledgerSeq ?? null) !== summary.ledgerHead.lastSeq
  )
    throw new Error(
      `restored heads differ from the file's (audit ${h?.auditRows}/${h?.auditSeq}, ledger ${h?.ledgerRows}/${h?.ledgerSeq}); ` +
        `undo with: wrangler d1 time-travel restore ${input.database} --bookmark ${bookmark}`,
    );
  await deps.query(
    input.control,
    `INSERT INTO operator_events (actor, action, tenant_slug, detail) VALUES (${sqlLiteral(input.actor)}, 'tenant.restore', ${sqlLiteral(
      input.slug,
    )}, ${sqlLiteral(JSON.stringify({ from: input.from, remote: true, bookmark, auditHead: summary.auditHead, ledgerHead: summary.ledgerHead }))})`,
  );
  log(
    `restored ${input.slug}: audit head ${summary.auditHead.lastSeq ?? "—"} and ledger head ${summary.ledgerHead.lastSeq ?? "—"} verified; undo bookmark ${bookmark}`,
  );
  return { summary, executed: true, bookmark };
}
