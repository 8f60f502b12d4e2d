/// <reference types="node" />
/**
 * `npm run db:migrate -- [--local|--remote] [--persist-to <dir>] [--concurrency n] [--only slug,…] [--yes]`
 *
 * Applies pending migrations to CONTROL (db/migrations/control) and then to every tenant database
 * in wrangler.toml (db/migrations/tenant), many at once, and goes on past a failing database. It
 * ends with a table (database, version before, after, result), records each tenant's version in
 * the catalog (`tenants.schema_version`), and exits 1 when any database failed; a re-run finishes
 * what is left.
 *
 * - Local: in this process (one workerd for all databases, no wrangler process per database).
 * - Remote: `wrangler d1 migrations apply --remote` per database, at most --concurrency (4) at a
 *   time and within Cloudflare's API limit (1,200 requests / 5 min). Without --yes it only lists
 *   what it would do (dry run). Before migrating a database it records its Time Travel bookmark in
 *   the catalog: wrangler takes no backup; Time Travel (30 days) is the restore point.
 *
 * A database that the catalog says was migrated but that is missing or empty is an error, never
 * silently re-created: restore it (`tenant:restore`) or delete the tenant.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { formatTable, migrationNumber, parseBookmark, RequestBudget } from "../../workers/lib/fleet.ts";
import { forEachLocalChunk, localD1File, mapLimit, type LocalD1 } from "./fleet/local-d1.ts";
import {
  applyPending,
  appliedNames,
  latestVersion,
  MigrationFileError,
  readMigrations,
  versionOf,
  type Migration,
} from "./fleet/migrations.ts";
import {
  controlDatabase,
  d1Query,
  describeTarget,
  isMain,
  main,
  PLACEHOLDER_ID_PREFIX,
  shellQuote,
  sqlLiteral,
  targetFrom,
  tenantDatabases,
  UsageError,
  wrangler,
  type D1Entry,
  type Target,
} from "./lib.ts";

export const CONTROL_DIR = "db/migrations/control";
export const TENANT_DIR = "db/migrations/tenant";

export interface MigrateRow {
  database: string;
  binding: string;
  before: number | null;
  after: number | null;
  result: string;
  ok: boolean;
}

interface CatalogVersion {
  binding: string;
  schema_version: number | null;
}

function pick(only: string[] | undefined): D1Entry[] {
  const all = tenantDatabases();
  if (!only?.length) return all;
  const wanted = new Set(only.map((s) => `TENANT_${s.toUpperCase().replace(/-/g, "_")}`));
  const found = all.filter((d) => wanted.has(d.binding));
  if (found.length !== wanted.size) {
    const missing = [...wanted].filter((b) => !found.some((d) => d.binding === b));
    throw new UsageError(`not in wrangler.toml: ${missing.join(", ")}`);
  }
  return found;
}

/** Why a database that the catalog knows must not be (re)created by a migration. */
function missingMessage(version: number): string {
  return `MISSING: catalog says version ${version}, the database is gone or empty; restore it (tenant:restore) — not re-created`;
}

// ---------- local ----------

export async function migrateLocal(
  persistTo: string,
  opts: { only?: D1Entry[]; concurrency?: number; log?: (m: string) => void } = {},
): Promise<MigrateRow[]> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const tenants = opts.only ?? tenantDatabases();
  const control = controlDatabase();
  const [controlMigrations, tenantMigrations] = await Promise.all([
    readMigrations(CONTROL_DIR),
    readMigrations(TENANT_DIR),
  ]);
  const rows: MigrateRow[] = [];
  let catalog = new Map<string, number | null>();
  let first = true;

  const migrateChunk = async (env: LocalD1["env"], chunk: readonly D1Entry[]): Promise<Attempt[]> => {
    const controlDb = env.CONTROL!;
    if (first) {
      first = false;
      const c = await applyPending(controlDb, controlMigrations);
      rows.push({
        database: control.database_name,
        binding: control.binding,
        before: c.before,
        after: c.after,
        result: c.applied.length ? `applied ${c.applied.length}` : "up to date",
        ok: true,
      });
      catalog = new Map(
        (await controlDb.prepare("SELECT binding, schema_version FROM tenants").all<CatalogVersion>()).results.map(
          (r) => [r.binding, r.schema_version],
        ),
      );
    }
    const done = await mapLimit(chunk, opts.concurrency ?? 8, (d) =>
      migrateOneLocal(env[d.binding]!, d, catalog.get(d.binding) ?? null, persistTo, tenantMigrations),
    );
    // The catalog learns every changed version in one statement per chunk (a JSON parameter).
    const changed = done.filter((r) => r.ok && catalog.has(r.binding) && catalog.get(r.binding) !== r.after);
    if (changed.length)
      await controlDb
        .prepare(
          "UPDATE tenants SET schema_version = (SELECT j.value ->> '$.v' FROM json_each(?1) AS j WHERE j.value ->> '$.b' = tenants.binding), migrated_at = unixepoch() WHERE binding IN (SELECT j.value ->> '$.b' FROM json_each(?1) AS j)",
        )
        .bind(JSON.stringify(changed.map((r) => ({ b: r.binding, v: r.after }))))
        .run();
    for (const r of done) if (!r.ok || r.result !== "up to date") log(`  ${r.database}: ${r.result}`);
    return done;
  };

  // Chunks: one workerd holds a bounded number of databases open.
  const firstPass = await forEachLocalChunk(persistTo, [control], tenants, migrateChunk);
  // workerd sometimes fails a database with an internal assertion ("false == true") when many
  // are open; those are retried once in a fresh workerd. A failing migration file (an SQL error)
  // is not: it would fail the same way, and its batch left the database at the version before.
  const retry = firstPass.filter((r) => !r.ok && r.retryable);
  let second: Attempt[] = [];
  if (retry.length) {
    log(`  retrying ${retry.length} database(s) in a fresh workerd`);
    const again = new Set(retry.map((r) => r.binding));
    second = await forEachLocalChunk(
      persistTo,
      [control],
      tenants.filter((d) => again.has(d.binding)),
      migrateChunk,
    );
  }
  const byBinding = new Map(second.map((r) => [r.binding, r]));
  const tenantRows = firstPass.map((r): MigrateRow => {
    const { retryable: _, ...row } = byBinding.get(r.binding) ?? r;
    return row;
  });
  return [...rows, ...tenantRows];
}

/** A row of the table, and whether its failure is worth one more try in a fresh workerd. */
type Attempt = MigrateRow & { retryable?: boolean };

async function migrateOneLocal(
  db: D1Database,
  d: D1Entry,
  known: number | null,
  persistTo: string,
  migrations: readonly Migration[],
): Promise<Attempt> {
  const row: Attempt = {
    database: d.database_name,
    binding: d.binding,
    before: null,
    after: null,
    result: "",
    ok: false,
  };
  try {
    // Querying a local database whose file is gone would create it empty: look first.
    if (known && !existsSync(localD1File(persistTo, d.database_id))) {
      row.result = missingMessage(known);
      return row;
    }
    const names = await appliedNames(db);
    row.before = versionOf(names);
    if (known && row.before < known) {
      row.result = missingMessage(known);
      return row;
    }
    const r = await applyPending(db, migrations, names);
    row.after = r.after;
    row.result = r.applied.length ? `applied ${r.applied.length}` : "up to date";
    row.ok = true;
  } catch (err) {
    row.after = row.before;
    row.retryable = !(err instanceof MigrationFileError);
    row.result = `FAILED: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`;
  }
  return row;
}

/**
 * Which local tenant databases need opening at all: those not in the catalog, behind the newest
 * migration, or whose file is gone. One query instead of a look into every database — what
 * `npm start` runs on every start.
 */
export async function pendingLocal(
  persistTo: string,
  controlDb: D1Database,
): Promise<{ pending: D1Entry[]; missing: D1Entry[]; ahead: D1Entry[]; latest: number }> {
  const latest = await latestVersion(TENANT_DIR);
  const catalog = new Map(
    (await controlDb.prepare("SELECT binding, schema_version FROM tenants").all<CatalogVersion>()).results.map((r) => [
      r.binding,
      r.schema_version,
    ]),
  );
  const pending: D1Entry[] = [];
  const missing: D1Entry[] = [];
  const ahead: D1Entry[] = [];
  for (const d of tenantDatabases()) {
    const v = catalog.get(d.binding);
    const file = existsSync(localD1File(persistTo, d.database_id));
    if (v && !file) missing.push(d);
    else if (!file || v === undefined || v === null || v < latest) pending.push(d);
    // Newer than this checkout's migrations (e.g. after switching branches): nothing to apply.
    else if (v > latest) ahead.push(d);
  }
  return { pending, missing, ahead, latest };
}

// ---------- remote ----------

/** wrangler calls cost API requests; a rough count per step keeps us inside the budget. */
export const COST = { query: 2, timeTravel: 2, apply: 6 };

async function remoteVersion(database: string): Promise<number> {
  try {
    const [rows] = await d1Query<{ name: string | null }>(database, "SELECT max(name) AS name FROM d1_migrations", {
      mode: "remote",
    });
    const name = rows?.[0]?.name;
    return name ? migrationNumber(name) : 0;
  } catch (err) {
    if (/no such table/i.test(String(err))) return 0;
    throw err;
  }
}

/** The wrangler commands a remote migration runs: CONTROL, then per database bookmark + apply. */
export function remotePlan(control: D1Entry, behind: readonly D1Entry[]): string[][] {
  return [
    ["d1", "migrations", "apply", control.database_name, "--remote"],
    ...behind.flatMap((d) => [
      ["d1", "time-travel", "info", d.database_name, "--json"],
      ["d1", "migrations", "apply", d.database_name, "--remote"],
    ]),
  ];
}

export async function migrateRemote(opts: {
  only?: D1Entry[];
  concurrency?: number;
  yes?: boolean;
}): Promise<MigrateRow[] | null> {
  const control = controlDatabase();
  const tenants = opts.only ?? tenantDatabases();
  const placeholders = [control, ...tenants].filter((d) => d.database_id.startsWith(PLACEHOLDER_ID_PREFIX));
  if (placeholders.length) {
    throw new UsageError(
      `these databases still have local placeholder ids in wrangler.toml: ${placeholders.map((d) => d.database_name).join(", ")}.\n` +
        "Create them first (`npx wrangler d1 create bangfu-control`, `npm run tenant:add -- --remote …`).",
    );
  }
  const latest = await latestVersion(TENANT_DIR);
  const [catalogRows] = await d1Query<CatalogVersion>(
    control.database_name,
    "SELECT binding, schema_version FROM tenants",
    { mode: "remote" },
  );
  const catalog = new Map((catalogRows ?? []).map((r) => [r.binding, r.schema_version]));
  const behind = tenants.filter((d) => catalog.get(d.binding) !== latest);
  console.log(
    `${tenants.length} tenant databases; newest migration ${latest}; ${behind.length} not recorded at ${latest} in the catalog:`,
  );
  console.log(
    formatTable(
      ["database", "catalog version"],
      behind.map((d) => [d.database_name, String(catalog.get(d.binding) ?? "-")]),
    ),
  );
  if (!opts.yes) {
    console.log(`\nDry run: nothing applied. With --yes these commands run unattended (CI=true, no prompt):`);
    for (const args of remotePlan(control, behind)) console.log(`  wrangler ${args.map(shellQuote).join(" ")}`);
    console.log(
      `(per database also a version query before and after, and the catalog update: about ${COST.query * 4 + COST.timeTravel + COST.apply} API requests each, at most 1,200 per 5 minutes)`,
    );
    return null;
  }

  const budget = new RequestBudget();
  const spend = async (cost: number) => {
    for (;;) {
      const wait = budget.delayFor(cost, Date.now());
      if (wait <= 0) break;
      await new Promise((r) => setTimeout(r, wait));
    }
    budget.spend(cost, Date.now());
  };
  // Non-interactive: wrangler takes its default answer instead of prompting per database.
  process.env.CI = "true";
  await spend(COST.apply);
  await wrangler(["d1", "migrations", "apply", control.database_name, "--remote"], { quiet: true });
  const controlRow: MigrateRow = {
    database: control.database_name,
    binding: control.binding,
    before: null,
    after: null,
    result: "applied what was pending",
    ok: true,
  };

  const rows = await mapLimit(behind, opts.concurrency ?? 4, async (d): Promise<MigrateRow> => {
    const row: MigrateRow = {
      database: d.database_name,
      binding: d.binding,
      before: null,
      after: null,
      result: "",
      ok: false,
    };
    try {
      await spend(COST.query);
      row.before = await remoteVersion(d.database_name);
      const known = catalog.get(d.binding) ?? null;
      if (known && row.before < known) {
        row.result = missingMessage(known);
        return row;
      }
      if (row.before < latest) {
        // The restore point first, in the catalog before anything changes: wrangler takes no
        // backup, Time Travel (30 days) is what a bad migration is undone with.
        await spend(COST.timeTravel);
        const bookmark = parseBookmark(
          await wrangler(["d1", "time-travel", "info", d.database_name, "--json"], { capture: true }),
        );
        await spend(COST.query);
        await d1Query(
          control.database_name,
          `UPDATE tenants SET bookmark = ${sqlLiteral(bookmark)} WHERE binding = ${sqlLiteral(d.binding)}`,
          { mode: "remote" },
        );
        await spend(COST.apply);
        await wrangler(["d1", "migrations", "apply", d.database_name, "--remote"], { quiet: true });
        await spend(COST.query);
        row.after = await remoteVersion(d.database_name);
        if (row.after < latest) throw new Error(`still at version ${row.after} after applying (newest ${latest})`);
        await spend(COST.query);
        await d1Query(
          control.database_name,
          `UPDATE tenants SET schema_version = ${row.after}, migrated_at = unixepoch() WHERE binding = ${sqlLiteral(d.binding)}`,
          { mode: "remote" },
        );
        row.result = `applied, bookmark ${bookmark}`;
      } else {
        row.after = row.before;
        await spend(COST.query);
        await d1Query(
          control.database_name,
          `UPDATE tenants SET schema_version = ${row.after}, migrated_at = unixepoch() WHERE binding = ${sqlLiteral(d.binding)}`,
          { mode: "remote" },
        );
        row.result = "up to date";
      }
      row.ok = true;
    } catch (err) {
      row.result = `FAILED: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`;
    }
    console.log(`  ${d.database_name}: ${row.result}`);
    return row;
  });
  return [controlRow, ...rows];
}

// ---------- the table and exit code ----------

export function printResult(rows: readonly MigrateRow[], seconds: number): boolean {
  const show = (v: number | null) => (v === null ? "-" : String(v).padStart(4, "0"));
  console.log(
    `\n${formatTable(
      ["database", "before", "after", "result"],
      rows.map((r) => [r.database, show(r.before), show(r.after), r.result]),
    )}`,
  );
  const failed = rows.filter((r) => !r.ok);
  console.log(
    `\n${rows.length} databases in ${seconds.toFixed(1)} s: ${rows.length - failed.length} ok, ${failed.length} failed` +
      (failed.length ? ` (${failed.map((r) => r.database).join(", ")}); re-run to finish what is left` : ""),
  );
  return failed.length === 0;
}

export async function runMigrate(target: Target, values: { only?: string; concurrency?: string; yes?: boolean }) {
  const only = values.only ? pick(values.only.split(",").map((s) => s.trim())) : undefined;
  const concurrency = values.concurrency ? Number(values.concurrency) : undefined;
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32))
    throw new UsageError("--concurrency must be 1–32");
  console.log(`Migrating ${describeTarget(target)}`);
  const started = Date.now();
  const rows =
    target.mode === "local"
      ? await migrateLocal(target.persistTo, { only, concurrency })
      : await migrateRemote({ only, concurrency, yes: values.yes });
  if (!rows) return true;
  return printResult(rows, (Date.now() - started) / 1000);
}

if (isMain(import.meta.url)) {
  await main(async () => {
    const { values } = parseArgs({
      options: {
        local: { type: "boolean" },
        remote: { type: "boolean" },
        "persist-to": { type: "string" },
        only: { type: "string" },
        concurrency: { type: "string" },
        yes: { type: "boolean" },
      },
      strict: true,
    });
    const ok = await runMigrate(targetFrom(values), values);
    process.exit(ok ? 0 : 1);
  });
}
