/// <reference types="node" />
/**
 * A tenant database as one JSON document and back (local export/restore): the schema as SQLite
 * holds it, every row of every table, and the heads of the audit chain and the public ledger, so
 * whoever restores can prove the copy is whole (`auditHead` must be the restored head).
 *
 * Restore creates tables, inserts rows, and creates indexes and triggers last — the way sqlite's
 * `.dump` does — so triggers (append-only guards, claim expansion) do not fire on restored rows.
 */

export interface ChainHeadInfo {
  seq: number;
  hash: string;
}

export interface TenantDump {
  format: "bangfu-tenant-dump/1";
  slug: string;
  exportedAt: number;
  auditHead: ChainHeadInfo | null;
  ledgerHead: ChainHeadInfo | null;
  schema: { type: string; name: string; sql: string }[];
  tables: Record<string, { columns: string[]; rows: unknown[][] }>;
}

const SKIP = (name: string) => name.startsWith("sqlite_") || name.startsWith("_cf_");

async function head(db: D1Database, table: string): Promise<ChainHeadInfo | null> {
  try {
    return await db.prepare(`SELECT seq, hash FROM ${table} ORDER BY seq DESC LIMIT 1`).first<ChainHeadInfo>();
  } catch {
    return null;
  }
}

export async function dumpTenant(
  db: D1Database,
  slug: string,
  now = Math.floor(Date.now() / 1000),
): Promise<TenantDump> {
  const schema = (
    await db
      .prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid")
      .all<{ type: string; name: string; sql: string }>()
  ).results.filter((s) => !SKIP(s.name));
  const tables: TenantDump["tables"] = {};
  for (const t of schema.filter((s) => s.type === "table")) {
    const r = await db.prepare(`SELECT * FROM "${t.name}"`).raw({ columnNames: true });
    const [columns, ...rows] = r as [string[], ...unknown[][]];
    tables[t.name] = { columns: columns ?? [], rows };
  }
  return {
    format: "bangfu-tenant-dump/1",
    slug,
    exportedAt: now,
    auditHead: await head(db, "audit_log"),
    ledgerHead: await head(db, "ledger_entries"),
    schema,
    tables,
  };
}

/** True when the database holds no table of ours (new, or emptied): the only kind we restore into. */
export async function isEmptyDatabase(db: D1Database): Promise<boolean> {
  const rows = (await db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all<{ name: string }>())
    .results;
  return rows.every((r) => SKIP(r.name));
}

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
async function parentsFirst(db: D1Database, names: readonly string[]): Promise<string[]> {
  const deps = new Map<string, string[]>();
  for (const n of names) {
    const fks = await db
      .prepare('SELECT "table" AS parent FROM pragma_foreign_key_list(?)')
      .bind(n)
      .all<{ parent: string }>();
    deps.set(
      n,
      fks.results.map((f) => f.parent).filter((p) => p !== n && names.includes(p)),
    );
  }
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (n: string, path: Set<string>) => {
    if (seen.has(n) || path.has(n)) return;
    path.add(n);
    for (const p of deps.get(n) ?? []) visit(p, path);
    path.delete(n);
    seen.add(n);
    out.push(n);
  };
  for (const n of names) visit(n, new Set());
  return out;
}

/** Restores a dump into an empty database and checks the audit head afterwards. */
export async function restoreTenant(db: D1Database, dump: TenantDump): Promise<{ rows: number }> {
  if (dump.format !== "bangfu-tenant-dump/1") throw new Error(`not a Bangfu tenant export (format ${dump.format})`);
  if (!(await isEmptyDatabase(db)))
    throw new Error("the target database is not empty: restore only into a new or emptied database");
  const tablesFirst = dump.schema.filter((s) => s.type === "table");
  const later = dump.schema.filter((s) => s.type !== "table");
  for (const s of tablesFirst) await db.prepare(s.sql).run();
  let count = 0;
  for (const name of await parentsFirst(db, Object.keys(dump.tables))) {
    const t = dump.tables[name]!;
    if (!t.columns.length) continue;
    const sql = `INSERT INTO "${name}" (${t.columns.map((c) => `"${c}"`).join(", ")}) VALUES (${t.columns.map(() => "?").join(", ")})`;
    // 50 rows per batch keeps each request small; one row binds at most 100 columns (D1 limit).
    for (let i = 0; i < t.rows.length; i += 50) {
      const chunk = t.rows.slice(i, i + 50);
      // Rows referring to rows of the same table later in the batch are checked at commit.
      await db.batch([
        db.prepare("PRAGMA defer_foreign_keys = ON"),
        ...chunk.map((row) => db.prepare(sql).bind(...(row as (string | number | null)[]))),
      ]);
      count += chunk.length;
    }
  }
  for (const s of later) await db.prepare(s.sql).run();
  const restored = await head(db, "audit_log");
  if ((restored?.hash ?? null) !== (dump.auditHead?.hash ?? null))
    throw new Error(`restored audit head ${restored?.hash} differs from the export's ${dump.auditHead?.hash}`);
  return { rows: count };
}
