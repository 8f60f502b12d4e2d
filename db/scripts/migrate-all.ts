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
import { formatTable, migrationNumber, RequestBudget } from "../../workers/lib/fleet.ts";
import { forEachLocalChunk, localD1File, mapLimit } from "./fleet/local-d1.ts";
import { applyPending, appliedVersion, latestVersion, readMigrations } from "./fleet/migrations.ts";
import {
  controlDatabase,
  d1Query,
  describeTarget,
  isMain,
  main,
  PLACEHOLDER_ID_PREFIX,
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
  // In chunks: one workerd holds a bounded number of databases open.
  const tenantRows = await forEachLocalChunk(persistTo, [control], tenants, async (env, chunk) => {
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
    return mapLimit(chunk, opts.concurrency ?? 8, async (d): Promise<MigrateRow> => {
      const known = catalog.get(d.binding) ?? null;
      const row: MigrateRow = {
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
        const db = env[d.binding]!;
        const before = await appliedVersion(db);
        row.before = before;
        if (known && before < known) {
          row.result = missingMessage(known);
          return row;
        }
        const r = await applyPending(db, tenantMigrations);
        row.after = r.after;
        row.result = r.applied.length ? `applied ${r.applied.length}` : "up to date";
        row.ok = true;
        if (catalog.has(d.binding) && known !== r.after)
          await controlDb
            .prepare("UPDATE tenants SET schema_version = ?, migrated_at = unixepoch() WHERE binding = ?")
            .bind(r.after, d.binding)
            .run();
      } catch (err) {
        row.after = row.after ?? row.before;
        row.result = `FAILED: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`;
      }
      if (!row.ok || row.result !== "up to date") log(`  ${d.database_name}: ${row.result}`);
      return row;
    });
  });
  return [...rows, ...tenantRows];
}

/**
 * Which local tenant databases need opening at all: those not in the catalog, behind the newest
 * migration, or whose file is gone. One query instead of a look into every database — what
 * `npm start` runs on every start.
 */
export async function pendingLocal(
  persistTo: string,
  controlDb: D1Database,
): Promise<{ pending: D1Entry[]; missing: D1Entry[]; latest: number }> {
  const latest = await latestVersion(TENANT_DIR);
  const catalog = new Map(
    (await controlDb.prepare("SELECT binding, schema_version FROM tenants").all<CatalogVersion>()).results.map((r) => [
      r.binding,
      r.schema_version,
    ]),
  );
  const pending: D1Entry[] = [];
  const missing: D1Entry[] = [];
  for (const d of tenantDatabases()) {
    const v = catalog.get(d.binding);
    const file = existsSync(localD1File(persistTo, d.database_id));
    if (v && !file) missing.push(d);
    else if (v !== latest || !file) pending.push(d);
  }
  return { pending, missing, latest };
}

// ---------- remote ----------

/** wrangler calls cost API requests; a rough count per step keeps us inside the budget. */
const COST = { query: 2, timeTravel: 2, apply: 6 };

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
    console.log("\nDry run: nothing applied. Re-run with --yes to migrate CONTROL and these databases unattended.");
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
        await spend(COST.timeTravel);
        const info = JSON.parse(
          await wrangler(["d1", "time-travel", "info", d.database_name, "--json"], { capture: true }),
        ) as { bookmark?: string };
        await spend(COST.apply);
        await wrangler(["d1", "migrations", "apply", d.database_name, "--remote"], { quiet: true });
        await spend(COST.query);
        row.after = await remoteVersion(d.database_name);
        await spend(COST.query);
        await d1Query(
          control.database_name,
          `UPDATE tenants SET schema_version = ${row.after}, migrated_at = unixepoch(), bookmark = ${sqlLiteral(info.bookmark ?? null)} WHERE binding = ${sqlLiteral(d.binding)}`,
          { mode: "remote" },
        );
        row.result = `applied (bookmark ${info.bookmark ?? "?"})`;
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
  return rows;
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
