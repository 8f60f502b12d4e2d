/// <reference types="node" />
/**
 * `npm run tenant:export  -- --slug x [--out file] [--local|--remote]`
 * `npm run tenant:restore -- --slug x --from file [--local | --remote [--yes]]`
 * `npm run tenant:delete  -- --slug x --confirm x [--local|--remote]`
 *
 * export: local → JSON (schema, rows, audit and ledger heads; tenant-dump.ts); remote →
 *   `wrangler d1 export --remote` (SQL). Records `exported_at` and the file in the catalog.
 * restore: into a new or emptied database only; the audit head after restoring must equal the
 *   export's. Local: the JSON dump. Remote (fleet/remote-restore.ts): a dry-run listing of the SQL
 *   export, then with --yes a Time Travel bookmark and `wrangler d1 execute --remote --file`;
 *   undo with `wrangler d1 time-travel restore … --bookmark <tenants.bookmark>`.
 * delete: only after an export newer than the tenant's last write, and with `--confirm <slug>`;
 *   the catalog row stays as `deleted` (the slug and division code are never reused silently),
 *   the binding leaves wrangler.toml and the allowlist, the database is deleted.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { removeTomlBlock, editAllowlist, withBindingsLock } from "./fleet/bindings-file.ts";
import { localD1File, openLocalD1 } from "./fleet/local-d1.ts";
import { appliedVersion } from "./fleet/migrations.ts";
import { dumpTenant, restoreTenant, type TenantDump } from "./fleet/tenant-dump.ts";
import { restoreRemote } from "./fleet/remote-restore.ts";
import {
  controlDatabase,
  d1Query,
  isMain,
  main,
  sqlLiteral,
  targetFrom,
  tenantDatabases,
  UsageError,
  wrangler,
  type D1Entry,
  type Target,
} from "./lib.ts";

interface Row {
  slug: string;
  binding: string;
  status: string;
  exported_at: number | null;
}

function entryOf(binding: string): D1Entry {
  const d = tenantDatabases().find((x) => x.binding === binding);
  if (!d) throw new UsageError(`${binding} is not in wrangler.toml`);
  return d;
}

async function catalogRow(slug: string, target: Target, control?: D1Database): Promise<Row> {
  const sql = `SELECT slug, binding, status, exported_at FROM tenants WHERE slug = ${sqlLiteral(slug)}`;
  const row = control
    ? await control.prepare(sql).first<Row>()
    : ((await d1Query<Row>(controlDatabase().database_name, sql, target))[0]?.[0] ?? null);
  if (!row) throw new UsageError(`no tenant ${slug} in the catalog`);
  return row;
}

export async function exportTenant(slug: string, target: Target, out?: string): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  if (target.mode === "local") {
    const local0 = await openLocalD1(target.persistTo, [controlDatabase()]);
    let row: Row;
    try {
      row = await catalogRow(slug, target, local0.env.CONTROL);
    } finally {
      await local0.dispose();
    }
    const d = entryOf(row.binding);
    if (!existsSync(localD1File(target.persistTo, d.database_id)))
      throw new UsageError(`the database of ${slug} is missing; nothing to export`);
    const file = out ?? `${slug}-${stamp}.json`;
    const local = await openLocalD1(target.persistTo, [controlDatabase(), d]);
    try {
      const dump = await dumpTenant(local.env[d.binding]!, slug);
      writeFileSync(file, JSON.stringify(dump), { mode: 0o600 });
      await local.env
        .CONTROL!.prepare("UPDATE tenants SET exported_at = ?, export_ref = ? WHERE slug = ?")
        .bind(dump.exportedAt, file, slug)
        .run();
      await local.env
        .CONTROL!.prepare(
          "INSERT INTO operator_events (actor, action, tenant_slug, detail) VALUES (?, 'tenant.export', ?, ?)",
        )
        .bind(
          process.env.USER ?? "operator",
          slug,
          JSON.stringify({ file, auditHead: dump.auditHead, ledgerHead: dump.ledgerHead }),
        )
        .run();
      console.log(
        `exported ${slug} to ${file} (audit head #${dump.auditHead?.seq ?? 0}, ledger head #${dump.ledgerHead?.seq ?? 0}); it holds personal data (encrypted columns) — keep it like the database`,
      );
    } finally {
      await local.dispose();
    }
    return file;
  }
  const row = await catalogRow(slug, target);
  const d = entryOf(row.binding);
  const file = out ?? `${slug}-${stamp}.sql`;
  await wrangler(["d1", "export", d.database_name, "--remote", "--output", file], { quiet: true });
  await d1Query(
    controlDatabase().database_name,
    `UPDATE tenants SET exported_at = unixepoch(), export_ref = ${sqlLiteral(file)} WHERE slug = ${sqlLiteral(slug)}`,
    target,
  );
  console.log(`exported ${slug} to ${file} (wrangler d1 export)`);
  return file;
}

export async function restoreLocal(slug: string, persistTo: string, from: string): Promise<void> {
  const dump = JSON.parse(readFileSync(from, "utf8")) as TenantDump;
  if (dump.slug !== slug) throw new UsageError(`${from} is an export of ${dump.slug}, not ${slug}`);
  const target: Target = { mode: "local", persistTo };
  const local0 = await openLocalD1(persistTo, [controlDatabase()]);
  let row: Row;
  try {
    row = await catalogRow(slug, target, local0.env.CONTROL);
  } finally {
    await local0.dispose();
  }
  const d = entryOf(row.binding);
  const local = await openLocalD1(persistTo, [controlDatabase(), d]);
  try {
    const db = local.env[d.binding]!;
    const { rows } = await restoreTenant(db, dump);
    const version = await appliedVersion(db);
    await local.env
      .CONTROL!.prepare("UPDATE tenants SET schema_version = ?, migrated_at = unixepoch() WHERE slug = ?")
      .bind(version, slug)
      .run();
    await local.env
      .CONTROL!.prepare(
        "INSERT INTO operator_events (actor, action, tenant_slug, detail) VALUES (?, 'tenant.restore', ?, ?)",
      )
      .bind(process.env.USER ?? "operator", slug, JSON.stringify({ from, auditHead: dump.auditHead }))
      .run();
    console.log(
      `restored ${rows} rows of ${slug} from ${from}; audit head #${dump.auditHead?.seq ?? 0} verified; version ${version}`,
    );
  } finally {
    await local.dispose();
  }
}

export async function deleteTenant(slug: string, target: Target, confirm: string | undefined): Promise<void> {
  if (confirm !== slug) throw new UsageError(`deleting a tenant needs --confirm ${slug} (its slug, typed again)`);
  if (target.mode === "local") {
    const local0 = await openLocalD1(target.persistTo, [controlDatabase()]);
    let row: Row;
    try {
      row = await catalogRow(slug, target, local0.env.CONTROL);
    } finally {
      await local0.dispose();
    }
    const d = entryOf(row.binding);
    const local = await openLocalD1(target.persistTo, [controlDatabase(), d]);
    try {
      const last = await local.env[d.binding]!.prepare("SELECT max(at) AS at FROM audit_log")
        .first<{ at: number | null }>()
        .catch(() => null);
      if (!row.exported_at || (last?.at ?? 0) > row.exported_at)
        throw new UsageError(
          `${slug} has no export newer than its last write: run \`npm run tenant:export -- --slug ${slug}\` first`,
        );
      await local.env.CONTROL!.prepare("UPDATE tenants SET status = 'deleted' WHERE slug = ?").bind(slug).run();
      await local.env
        .CONTROL!.prepare(
          "INSERT INTO operator_events (actor, action, tenant_slug, detail) VALUES (?, 'tenant.delete', ?, ?)",
        )
        .bind(process.env.USER ?? "operator", slug, JSON.stringify({ exportedAt: row.exported_at }))
        .run();
    } finally {
      await local.dispose();
    }
    const file = localD1File(target.persistTo, d.database_id);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    await withBindingsLock(() => {
      removeTomlBlock(d.binding);
      editAllowlist([], [d.binding]);
    });
    console.log(`deleted ${slug}: catalog row kept as deleted, database removed, binding removed from wrangler.toml`);
    return;
  }
  const row = await catalogRow(slug, target);
  if (!row.exported_at)
    throw new UsageError(
      `${slug} has never been exported: run \`npm run tenant:export -- --remote --slug ${slug}\` first`,
    );
  const d = entryOf(row.binding);
  await d1Query(
    controlDatabase().database_name,
    `UPDATE tenants SET status = 'deleted' WHERE slug = ${sqlLiteral(slug)}`,
    target,
  );
  await wrangler(["d1", "delete", d.database_name, "--skip-confirmation"], { quiet: true });
  await withBindingsLock(() => {
    removeTomlBlock(d.binding);
    editAllowlist([], [d.binding]);
  });
  console.log(`deleted ${slug} remotely; commit wrangler.toml and the allowlist, then deploy`);
}

if (isMain(import.meta.url)) {
  const [mode, ...rest] = process.argv.slice(2);
  await main(async () => {
    const { values } = parseArgs({
      args: rest,
      options: {
        slug: { type: "string" },
        out: { type: "string" },
        from: { type: "string" },
        confirm: { type: "string" },
        local: { type: "boolean" },
        remote: { type: "boolean" },
        "persist-to": { type: "string" },
        yes: { type: "boolean" },
      },
      strict: true,
    });
    const slug = values.slug ?? "";
    if (!/^[a-z][a-z0-9-]{1,39}$/.test(slug)) throw new UsageError("--slug is missing or malformed");
    const target = targetFrom(values);
    if (mode === "export") await exportTenant(slug, target, values.out);
    else if (mode === "restore") {
      if (!values.from) throw new UsageError("--from <export file> is missing");
      if (target.mode === "local") await restoreLocal(slug, target.persistTo, values.from);
      else {
        const row = await catalogRow(slug, target);
        await restoreRemote(
          {
            slug,
            from: values.from,
            database: entryOf(row.binding).database_name,
            control: controlDatabase().database_name,
            yes: values.yes === true,
            actor: process.env.USER ?? "operator",
          },
          {
            query: (database, sql) => d1Query(database, sql, target),
            wrangler: (args) => wrangler(args, { capture: true }),
            log: (line) => console.log(line),
          },
        );
      }
    } else if (mode === "delete") await deleteTenant(slug, target, values.confirm);
    else throw new UsageError("usage: tenant-backup.ts export|restore|delete --slug …");
  });
}
