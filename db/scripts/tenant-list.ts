/// <reference types="node" />
/**
 * `npm run tenant:list -- [--local|--remote] [--persist-to <dir>] [--json]`
 *
 * The fleet at a glance: slug, name, level, status, schema version, size and last write of every
 * tenant. One catalog query plus, locally, a look at each database file (no database is opened);
 * remotely one `wrangler d1 list` for the sizes (last write: see the operator page).
 */
import { statSync } from "node:fs";
import { parseArgs } from "node:util";
import { formatTable } from "../../workers/lib/fleet.ts";
import { formatBytes, formatTime } from "../../web/components/format.ts";
import { localD1File, localD1Size, openLocalD1 } from "./fleet/local-d1.ts";
import { latestVersion } from "./fleet/migrations.ts";
import { TENANT_DIR } from "./migrate-all.ts";
import { controlDatabase, d1Query, isMain, main, targetFrom, tenantDatabases, wrangler, type Target } from "./lib.ts";

export interface FleetRow {
  slug: string;
  name: string;
  level: string;
  status: string;
  schemaVersion: number | null;
  sizeBytes: number | null;
  lastWriteAt: number | null;
}

interface CatalogRow {
  slug: string;
  name: string;
  level: string;
  status: string;
  binding: string;
  schema_version: number | null;
}

const QUERY = "SELECT slug, name, level, status, binding, schema_version FROM tenants ORDER BY division_code";

export async function listTenants(target: Target): Promise<FleetRow[]> {
  const ids = new Map(tenantDatabases().map((d) => [d.binding, d]));
  if (target.mode === "local") {
    const local = await openLocalD1(target.persistTo, [controlDatabase()]);
    let rows: CatalogRow[];
    try {
      rows = (await local.env.CONTROL!.prepare(QUERY).all<CatalogRow>()).results;
    } finally {
      await local.dispose();
    }
    return rows.map((r) => {
      const d = ids.get(r.binding);
      const size = d ? localD1Size(target.persistTo, d.database_id) : null;
      // A write lands in the write-ahead log first: the newer of the two files' times.
      const file = d ? localD1File(target.persistTo, d.database_id) : null;
      const mtimes = file
        ? [file, `${file}-wal`].map((f) => {
            try {
              return Math.floor(statSync(f).mtimeMs / 1000);
            } catch {
              return 0;
            }
          })
        : [0];
      const last = Math.max(...mtimes);
      return {
        slug: r.slug,
        name: r.name,
        level: r.level,
        status: r.status,
        schemaVersion: r.schema_version,
        sizeBytes: size,
        lastWriteAt: last || null,
      };
    });
  }
  const [rows] = await d1Query<CatalogRow>(controlDatabase().database_name, QUERY, target);
  const listed = JSON.parse(await wrangler(["d1", "list", "--json"], { capture: true })) as {
    name: string;
    file_size?: number;
  }[];
  const sizes = new Map(listed.map((d) => [d.name, d.file_size ?? null]));
  return (rows ?? []).map((r) => ({
    slug: r.slug,
    name: r.name,
    level: r.level,
    status: r.status,
    schemaVersion: r.schema_version,
    sizeBytes: sizes.get(ids.get(r.binding)?.database_name ?? "") ?? null,
    lastWriteAt: null,
  }));
}

if (isMain(import.meta.url)) {
  await main(async () => {
    const { values } = parseArgs({
      options: {
        local: { type: "boolean" },
        remote: { type: "boolean" },
        "persist-to": { type: "string" },
        json: { type: "boolean" },
      },
      strict: true,
    });
    const rows = await listTenants(targetFrom(values));
    if (values.json) {
      console.log(JSON.stringify(rows, null, 2));
      return;
    }
    const latest = await latestVersion(TENANT_DIR);
    console.log(
      formatTable(
        ["slug", "name", "level", "status", "schema", "size", "last write"],
        rows.map((r) => [
          r.slug,
          r.name,
          r.level,
          r.status,
          r.schemaVersion === null
            ? "-"
            : `${String(r.schemaVersion).padStart(4, "0")}${r.schemaVersion < latest ? " (behind)" : ""}`,
          formatBytes(r.sizeBytes),
          r.lastWriteAt ? formatTime(r.lastWriteAt) : "-",
        ]),
      ),
    );
    const behind = rows.filter((r) => r.status !== "deleted" && (r.schemaVersion ?? -1) < latest).length;
    console.log(`\n${rows.length} tenants; newest migration ${latest}; ${behind} behind (npm run db:migrate)`);
  });
}
