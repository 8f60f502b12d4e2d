/// <reference types="node" />
/**
 * Migrations applied in-process to local D1 databases, the way wrangler and the Workers test pool
 * do it (same `d1_migrations` table, one D1 batch per migration file together with its
 * `d1_migrations` row, so a file is applied wholly or not at all), but many databases at once.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { migrationNumber } from "../../../workers/lib/fleet.ts";
import { ROOT } from "../lib.ts";

export interface Migration {
  name: string;
  queries: string[];
}

const cache = new Map<string, Promise<Migration[]>>();

/** The migration files of a folder (e.g. db/migrations/tenant), sorted by name. */
export function readMigrations(dir: string): Promise<Migration[]> {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) throw new Error(`no migrations folder ${dir}`);
  let hit = cache.get(abs);
  if (!hit) {
    hit = readD1Migrations(abs).then((m) => [...m].sort((a, b) => a.name.localeCompare(b.name)));
    cache.set(abs, hit);
  }
  return hit;
}

/** Number of the newest migration file (0010_cadre_rank.sql → 10). */
export async function latestVersion(dir: string): Promise<number> {
  const all = await readMigrations(dir);
  return all.length ? migrationNumber(all[all.length - 1]!.name) : 0;
}

const TABLE = `CREATE TABLE IF NOT EXISTS d1_migrations (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT UNIQUE,
  applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
)`;

/** Names of the applied migrations; none (and no table yet) for a new database. One query. */
export async function appliedNames(db: D1Database): Promise<string[]> {
  try {
    return (await db.prepare("SELECT name FROM d1_migrations ORDER BY name").all<{ name: string }>()).results.map(
      (r) => r.name,
    );
  } catch (err) {
    if (/no such table/i.test(String(err))) return [];
    throw err;
  }
}

export const versionOf = (names: readonly string[]) => (names.length ? migrationNumber(names[names.length - 1]!) : 0);

/** Version of a database: its newest applied migration, 0 when none (or no table yet). */
export async function appliedVersion(db: D1Database): Promise<number> {
  return versionOf(await appliedNames(db));
}

export interface ApplyResult {
  before: number;
  after: number;
  applied: string[];
}

/**
 * Applies the pending migrations of one database. Each file is one batch with its bookkeeping
 * row: a failing file leaves the database at the previous version, and the error names the file.
 * A database with nothing pending costs one query (what a fleet-wide re-run mostly is).
 */
export async function applyPending(
  db: D1Database,
  migrations: readonly Migration[],
  /** What `appliedNames` returned, when the caller looked already (saves the query). */
  known?: readonly string[],
): Promise<ApplyResult> {
  const names = known ?? (await appliedNames(db));
  const before = versionOf(names);
  const done = new Set(names);
  const pending = migrations.filter((m) => !done.has(m.name));
  if (!pending.length) return { before, after: before, applied: [] };
  if (!names.length) await db.prepare(TABLE).run();
  const applied: string[] = [];
  let after = before;
  for (const m of pending) {
    try {
      await db.batch([
        ...m.queries.map((q) => db.prepare(q)),
        db.prepare("INSERT INTO d1_migrations (name) VALUES (?)").bind(m.name),
      ]);
    } catch (err) {
      throw new MigrationFileError(m.name, err);
    }
    applied.push(m.name);
    after = Math.max(after, migrationNumber(m.name));
  }
  return { before, after, applied };
}

/** A migration file that failed in its database (an SQL error: retrying will not help). */
export class MigrationFileError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(`${file}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}
