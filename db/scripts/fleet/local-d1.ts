/// <reference types="node" />
/**
 * Local D1 databases opened in this Node process (one workerd through wrangler's
 * getPlatformProxy) instead of one `wrangler d1 …` process per database and step: opening 300
 * databases costs one workerd start, not 300 (issue 13).
 *
 * The proxy is given a generated config that binds only the databases asked for, so a fleet of
 * thousands does not make every script bind every database.
 */
import { createHash, createHmac } from "node:crypto";
import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { getPlatformProxy } from "wrangler";
import { readDevVars, ROOT, type D1Entry } from "../lib.ts";

/** Miniflare's Durable Object class that stores local D1 databases (file names derive from it). */
const D1_UNIQUE_KEY = "miniflare-D1DatabaseObject";

/**
 * The SQLite file Miniflare keeps for a local D1 database: the Durable Object id that Miniflare
 * derives from the database id (`durableObjectNamespaceIdFromName` in miniflare 4). Knowing it
 * lets scripts tell a deleted database from an empty one without opening (and so re-creating) it.
 */
export function localD1File(persistTo: string, databaseId: string): string {
  const key = createHash("sha256").update(D1_UNIQUE_KEY).digest();
  const nameHmac = createHmac("sha256", key).update(databaseId).digest().subarray(0, 16);
  const hmac = createHmac("sha256", key).update(nameHmac).digest().subarray(0, 16);
  const id = Buffer.concat([nameHmac, hmac]).toString("hex");
  return join(persistTo, "v3", "d1", D1_UNIQUE_KEY, `${id}.sqlite`);
}

/** Size in bytes of a local database file (with its WAL), or null when there is no file. */
export function localD1Size(persistTo: string, databaseId: string): number | null {
  const file = localD1File(persistTo, databaseId);
  if (!existsSync(file)) return null;
  const wal = `${file}-wal`;
  return statSync(file).size + (existsSync(wal) ? statSync(wal).size : 0);
}

export interface LocalD1 {
  /** Databases by binding name. */
  env: Record<string, D1Database> & { PII_MASTER_KEY?: string };
  dispose(): Promise<void>;
}

/** Opens the given databases (bindings of wrangler.toml) in one local workerd. */
export async function openLocalD1(persistTo: string, entries: readonly D1Entry[]): Promise<LocalD1> {
  const dir = join(ROOT, ".wrangler", "tmp");
  mkdirSync(dir, { recursive: true });
  const configPath = join(dir, `fleet-${process.pid}-${Date.now()}.toml`);
  const blocks = entries.map((d) =>
    [
      "[[d1_databases]]",
      `binding = ${JSON.stringify(d.binding)}`,
      `database_name = ${JSON.stringify(d.database_name)}`,
      `database_id = ${JSON.stringify(d.database_id)}`,
    ].join("\n"),
  );
  writeFileSync(configPath, ['name = "bangfu-ops"', 'compatibility_date = "2026-04-20"', "", ...blocks, ""].join("\n"));
  const proxy = await getPlatformProxy<Record<string, D1Database>>({
    configPath,
    persist: { path: join(persistTo, "v3") },
    remoteBindings: false,
  });
  const env = { ...proxy.env } as LocalD1["env"];
  // The generated config has no .dev.vars beside it: pass the local secret ourselves.
  const key = readDevVars().PII_MASTER_KEY;
  if (key) env.PII_MASTER_KEY = key;
  return { env, dispose: () => proxy.dispose() };
}

/** Runs `fn` over `items` with at most `limit` running at once; results keep the input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>) {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/**
 * Databases opened per workerd: each local database holds three files open (db, WAL, shared
 * memory), and past ~1,000 open files workerd fails. Fleets are worked through in chunks.
 */
export const LOCAL_CHUNK = 50;

/** Runs `fn` for each chunk of `entries`, each chunk opened together with `always` (e.g. CONTROL). */
export async function forEachLocalChunk<R>(
  persistTo: string,
  always: readonly D1Entry[],
  entries: readonly D1Entry[],
  fn: (env: LocalD1["env"], chunk: readonly D1Entry[]) => Promise<R[]>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i === 0 || i < entries.length; i += LOCAL_CHUNK) {
    const chunk = entries.slice(i, i + LOCAL_CHUNK);
    const local = await openLocalD1(persistTo, [...always, ...chunk]);
    try {
      out.push(...(await fn(local.env, chunk)));
    } finally {
      await local.dispose();
    }
  }
  return out;
}
