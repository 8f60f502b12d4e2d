/// <reference types="node" />
/**
 * `npm run tenant:add -- --slug X --name 中文名 --level county|city --division-code 123456
 *      --admin-username U [--admin-password P | $BANGFU_ADMIN_PASSWORD] [--admin-display-name 姓名]
 *      [--local|--remote] [--persist-to <dir>]`
 * `npm run tenant:add -- --csv tenants.csv [--passwords-out file.csv] [--local|--remote]`
 *
 * Provisions tenants (bindings are static in Workers, so this is a repo change + data):
 *   1. validates the input; binding `TENANT_<SLUG>` (upper case, - → _), database `bangfu-tenant-<slug>`;
 *   2. --remote: `wrangler d1 create` (an existing database of that name is reused); --local: a
 *      placeholder id derived from the division code;
 *   3. under a lock, appends the `[[d1_databases]]` blocks to wrangler.toml (or replaces a
 *      placeholder id) and adds the bindings to workers/platform/tenancy/tenant-bindings.ts;
 *   4. catalogs the tenant as `provisioning` (answers 404), applies the tenant migrations,
 *      creates the first `county_admin` with its audit entry, and only then sets it `active`
 *      with its schema version: a tenant is never active without its first administrator.
 * Locally everything runs in this process (one workerd for all databases of a batch); remotely
 * each step is a wrangler call. Re-running with the same values completes a half-finished run;
 * a slug, binding or division code that belongs to a different tenant is refused.
 *
 * CSV columns: slug,name,level,division_code,admin_username[,admin_display_name][,admin_password].
 * Without an admin_password column each administrator gets a random password, written with the
 * usernames to --passwords-out (default tenant-passwords-<time>.csv, mode 0600): hand them over
 * and delete the file.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Username, Password, DisplayName } from "../../workers/users/schemas.ts";
import { parseCsv } from "../../workers/lib/csv.ts";
import { formatTable } from "../../workers/lib/fleet.ts";
import { GENESIS_HASH } from "../../workers/lib/audit-chain.ts";
import {
  appendTomlBlocks,
  editAllowlist,
  placeholderId,
  replaceTomlId,
  tomlState,
  withBindingsLock,
  type TenantSpec,
} from "./fleet/bindings-file.ts";
import { firstAdminStatements, type AdminSpec, type Statement } from "./fleet/first-admin.ts";
import { forEachLocalChunk, localD1File, mapLimit, type LocalD1 } from "./fleet/local-d1.ts";
import { buildTemplate } from "./fleet/template-db.ts";
import { applyPending, readMigrations } from "./fleet/migrations.ts";
import { CONTROL_DIR, TENANT_DIR } from "./migrate-all.ts";
import {
  applyMigrations,
  controlDatabase,
  d1Databases,
  d1Query,
  describeTarget,
  isMain,
  main,
  PLACEHOLDER_ID_PREFIX,
  sqlLiteral,
  targetFlags,
  targetFrom,
  UsageError,
  wrangler,
  type D1Entry,
  type Target,
} from "./lib.ts";

export { placeholderId, readAllowlist, type TenantSpec } from "./fleet/bindings-file.ts";
export type { AdminSpec } from "./fleet/first-admin.ts";

/** Same rule as the tenant middleware's path check and the catalog's CHECK constraint. */
const SLUG = /^[a-z][a-z0-9-]{1,39}$/;

export function tenantSpec(input: { slug?: string; name?: string; level?: string; divisionCode?: string }): TenantSpec {
  const slug = input.slug?.trim() ?? "";
  if (!SLUG.test(slug) || slug.endsWith("-") || slug.includes("--")) {
    throw new UsageError(
      "--slug: 2–40 characters, lower-case letters, digits and single hyphens, starting with a letter (e.g. longquanyi)",
    );
  }
  const name = input.name?.trim() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (name.length < 2 || name.length > 60 || /[\u0000-\u001f\u007f]/.test(name))
    throw new UsageError("--name: the government's name, 2–60 characters (e.g. 成都市龙泉驿区)");
  const level = input.level;
  if (level !== "county" && level !== "city") throw new UsageError("--level must be county or city");
  const code = input.divisionCode?.trim() ?? "";
  if (!/^\d{6}$/.test(code))
    throw new UsageError("--division-code: the 6-digit administrative division code (GB/T 2260), e.g. 510112");
  // City-level codes end in 00 (511700); county-level ones do not (510112); xx0000 is a province.
  if (level === "city" && (!code.endsWith("00") || code.endsWith("0000")))
    throw new UsageError(`--division-code ${code} is not a city-level code (those end in 00, e.g. 511700)`);
  if (level === "county" && code.endsWith("00"))
    throw new UsageError(`--division-code ${code} is not a county-level code (those do not end in 00, e.g. 510112)`);
  const binding = `TENANT_${slug.toUpperCase().replace(/-/g, "_")}`;
  return { slug, name, level, divisionCode: code, binding, databaseName: `bangfu-tenant-${slug}` };
}

/** The administrator of the command line; a missing password or username is named as missing. */
export function adminSpec(username: string | undefined, password: string | undefined, displayName?: string) {
  if (!username) throw new UsageError("--admin-username is missing: every tenant starts with its first administrator");
  if (!password)
    throw new UsageError(
      "--admin-password is missing (or set $BANGFU_ADMIN_PASSWORD, which keeps it out of the shell history)",
    );
  const u = Username.safeParse(username);
  if (!u.success) throw new UsageError(`--admin-username: ${u.error.issues[0]?.message ?? "invalid"}`);
  const p = Password.safeParse(password);
  if (!p.success) throw new UsageError(`--admin-password: ${p.error.issues[0]?.message ?? "invalid"}`);
  const d = DisplayName.safeParse(displayName ?? "管理员");
  if (!d.success) throw new UsageError(`--admin-display-name: ${d.error.issues[0]?.message ?? "invalid"}`);
  return { username: u.data, password: p.data, displayName: d.data } satisfies AdminSpec;
}

export interface Provision {
  spec: TenantSpec;
  admin: AdminSpec;
  /** True when the password was generated here (to be written to the passwords file). */
  generated?: boolean;
}

/** Reads a batch CSV; every row error is reported with its line number before anything runs. */
export function readBatchCsv(text: string): Provision[] {
  const rows = parseCsv(text.replace(/^\uFEFF/, "")).filter((r) => r.some((c) => c.trim() !== ""));
  const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase());
  const need = ["slug", "name", "level", "division_code", "admin_username"];
  const missing = need.filter((h) => !header.includes(h));
  if (missing.length) throw new UsageError(`CSV header lacks ${missing.join(", ")} (columns: ${need.join(",")})`);
  const col = (r: string[], h: string) => {
    const i = header.indexOf(h);
    return i < 0 ? undefined : r[i]?.trim() || undefined;
  };
  const errors: string[] = [];
  const out: Provision[] = [];
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const line = i + 2;
    try {
      const spec = tenantSpec({
        slug: col(r, "slug"),
        name: col(r, "name"),
        level: col(r, "level"),
        divisionCode: col(r, "division_code"),
      });
      for (const key of [`slug ${spec.slug}`, `division code ${spec.divisionCode}`]) {
        const first = seen.get(key);
        if (first) throw new UsageError(`${key} repeats line ${first}`);
        seen.set(key, line);
      }
      const given = col(r, "admin_password");
      const password = given ?? randomBytes(12).toString("base64url");
      out.push({
        spec,
        admin: adminSpec(col(r, "admin_username"), password, col(r, "admin_display_name")),
        generated: !given,
      });
    } catch (err) {
      errors.push(`line ${line}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  if (errors.length) throw new UsageError(`the CSV has ${errors.length} bad row(s):\n${errors.join("\n")}`);
  if (!out.length) throw new UsageError("the CSV has no tenants");
  return out;
}

// ---------- catalog ----------

interface CatalogRow {
  slug: string;
  name: string;
  level: string;
  division_code: string;
  binding: string;
  status: string;
}

const CATALOG_CLASH =
  "SELECT slug, name, level, division_code, binding, status FROM tenants WHERE slug = ? OR division_code = ? OR binding = ?";

/** Refuses when slug, division code or binding belongs to a different tenant; the row if catalogued. */
function checkCatalog(spec: TenantSpec, rows: readonly CatalogRow[]): CatalogRow | null {
  let mine: CatalogRow | null = null;
  for (const r of rows) {
    if (r.slug !== spec.slug) {
      throw new UsageError(
        r.division_code === spec.divisionCode
          ? `division code ${spec.divisionCode} already belongs to tenant ${r.slug} (${r.name})`
          : `binding ${spec.binding} already belongs to tenant ${r.slug}`,
      );
    }
    if (
      r.name !== spec.name ||
      r.level !== spec.level ||
      r.division_code !== spec.divisionCode ||
      r.binding !== spec.binding
    ) {
      throw new UsageError(
        `tenant ${spec.slug} already exists as ${r.name} (${r.level}, ${r.division_code}, ${r.binding}); refusing to change it`,
      );
    }
    if (r.status === "deleted") throw new UsageError(`tenant ${spec.slug} was deleted; choose another slug`);
    mine = r;
  }
  return mine;
}

const INSERT_PROVISIONING =
  "INSERT INTO tenants (slug, name, level, division_code, binding, status, key_salt) VALUES (?, ?, ?, ?, ?, 'provisioning', ?)";

function catalogParams(spec: TenantSpec) {
  return [spec.slug, spec.name, spec.level, spec.divisionCode, spec.binding, randomBytes(16).toString("base64")];
}

// ---------- local: one process ----------

/** Provisions local tenants in this process: one lock for the files, one workerd for the data. */
export async function addTenantsLocal(
  persistTo: string,
  items: readonly Provision[],
  opts: { concurrency?: number; log?: (m: string) => void } = {},
): Promise<{ slug: string; result: string; ok: boolean; binding: string }[]> {
  const log = opts.log ?? ((m: string) => console.log(m));
  await withBindingsLock(() => {
    const dbs = d1Databases();
    const fresh = items.filter((i) => !tomlState(i.spec, dbs));
    appendTomlBlocks(fresh.map((i) => ({ spec: i.spec, id: placeholderId(i.spec.divisionCode) })));
    const added = editAllowlist(items.map((i) => i.spec.binding));
    log(`wrangler.toml: ${fresh.length} block(s) added; allowlist: ${added.length} binding(s) added`);
  });
  const entries = d1Databases();
  const control = entries[0]!;
  const mine = items.map((i) => entries.find((d) => d.binding === i.spec.binding)!);
  const tenantMigrations = await readMigrations(TENANT_DIR);
  // New databases start as a copy of one migrated template (a file copy, not 11 migrations each).
  const fresh = mine.filter((d) => !existsSync(localD1File(persistTo, d.database_id)));
  if (fresh.length) {
    const template = await buildTemplate(tenantMigrations);
    try {
      for (const d of fresh) template.copyTo(persistTo, d.database_id);
    } finally {
      template.dispose();
    }
    log(`${fresh.length} new database(s) created from the migrated template (version ${template.version})`);
  }
  const byBinding = new Map(items.map((i) => [i.spec.binding, i]));
  let controlReady = false;
  const provisionChunk = async (env: LocalD1["env"], chunk: readonly D1Entry[]) => {
    const controlDb = env.CONTROL!;
    if (!controlReady) {
      await applyPending(controlDb, await readMigrations(CONTROL_DIR));
      controlReady = true;
    }
    return mapLimit(chunk, opts.concurrency ?? 6, async (d) => {
      const { spec, admin } = byBinding.get(d.binding)!;
      try {
        const rows = (
          await controlDb.prepare(CATALOG_CLASH).bind(spec.slug, spec.divisionCode, spec.binding).all<CatalogRow>()
        ).results;
        const existing = checkCatalog(spec, rows);
        if (!existing)
          await controlDb
            .prepare(INSERT_PROVISIONING)
            .bind(...catalogParams(spec))
            .run();
        const db = env[spec.binding]!;
        const { after } = await applyPending(db, tenantMigrations);
        const user = await db.prepare("SELECT id FROM users WHERE username = ?").bind(admin.username).first();
        if (!user) {
          const head = (await db
            .prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
            .first<{ seq: number; hash: string }>()) ?? { seq: 0, hash: GENESIS_HASH };
          const statements = await firstAdminStatements(head, admin);
          await db.batch(statements.map((s) => db.prepare(s.sql).bind(...s.params)));
        }
        // Active only now that the administrator exists; a suspended tenant stays suspended.
        await controlDb
          .prepare(
            "UPDATE tenants SET status = CASE status WHEN 'provisioning' THEN 'active' ELSE status END, schema_version = ?, migrated_at = unixepoch() WHERE slug = ?",
          )
          .bind(after, spec.slug)
          .run();
        return {
          slug: spec.slug,
          result: existing ? "completed (already catalogued)" : "provisioned",
          ok: true,
          binding: d.binding,
        };
      } catch (err) {
        const message = err instanceof Error ? err.message.split("\n")[0]! : String(err);
        log(`  ${spec.slug}: FAILED ${message}`);
        return { slug: spec.slug, result: `FAILED: ${message}`, ok: false, binding: d.binding };
      }
    });
  };
  const first = await forEachLocalChunk(persistTo, [control], mine, provisionChunk);
  // workerd now and then fails a database with an internal assertion ("false == true") when it
  // holds many: every step above is idempotent, so the failed ones get one more try in a fresh one.
  const failed = new Set(first.filter((r) => !r.ok).map((r) => r.binding));
  if (!failed.size) return first;
  log(`  retrying ${failed.size} tenant(s) in a fresh workerd`);
  const second = await forEachLocalChunk(
    persistTo,
    [control],
    mine.filter((d) => failed.has(d.binding)),
    provisionChunk,
  );
  const again = new Map(second.map((r) => [r.binding, r]));
  return first.map((r) => again.get(r.binding) ?? r);
}

// ---------- remote: wrangler per step ----------

async function execute(database: string, statements: Statement[], target: Target): Promise<void> {
  const sql = statements
    .map((s) => {
      let i = 0;
      return s.sql.replace(/\?/g, () => sqlLiteral(s.params[i++] ?? null));
    })
    .join(";\n");
  await wrangler(["d1", "execute", database, ...targetFlags(target), "--yes", "--command", sql], { quiet: true });
}

async function remoteDatabaseId(spec: TenantSpec): Promise<string> {
  const listed = JSON.parse(await wrangler(["d1", "list", "--json"], { capture: true })) as {
    uuid: string;
    name: string;
  }[];
  const existing = listed.find((d) => d.name === spec.databaseName);
  if (existing) {
    console.log(`  remote database ${spec.databaseName} exists (${existing.uuid}), reusing it`);
    return existing.uuid;
  }
  const out = await wrangler(["d1", "create", spec.databaseName, "--binding", spec.binding], { capture: true });
  const m = /"?database_id"?\s*[:=]\s*"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"/i.exec(out);
  if (!m) throw new Error(`created ${spec.databaseName} but found no database_id in wrangler's output:\n${out}`);
  console.log(`  created remote database ${spec.databaseName} (${m[1]})`);
  return m[1]!;
}

export async function addTenantRemote({ spec, admin }: Provision): Promise<void> {
  const target: Target = { mode: "remote" };
  const control = controlDatabase();
  if (control.database_id.startsWith(PLACEHOLDER_ID_PREFIX))
    throw new UsageError(
      "CONTROL still has its placeholder database_id in wrangler.toml: `npx wrangler d1 create bangfu-control` and put the id there first",
    );
  console.log(`Provisioning ${spec.name} (${spec.slug}), ${describeTarget(target)}`);
  process.env.CI = "true"; // wrangler's prompts take their default answer: the run is unattended
  await applyMigrations(control.database_name, target, { quiet: true });
  const [rows] = await d1Query<CatalogRow>(
    control.database_name,
    `SELECT slug, name, level, division_code, binding, status FROM tenants WHERE slug = ${sqlLiteral(spec.slug)} OR division_code = ${sqlLiteral(spec.divisionCode)} OR binding = ${sqlLiteral(spec.binding)}`,
    target,
  );
  const existing = checkCatalog(spec, rows ?? []);
  const inToml = tomlState(spec);
  if (!inToml || inToml.id.startsWith(PLACEHOLDER_ID_PREFIX)) {
    const id = await remoteDatabaseId(spec);
    await withBindingsLock(() => {
      const now = tomlState(spec);
      if (now) replaceTomlId(spec, now.id, id);
      else appendTomlBlocks([{ spec, id }]);
      editAllowlist([spec.binding]);
    });
  } else await withBindingsLock(() => editAllowlist([spec.binding]));
  if (!existing)
    await execute(control.database_name, [{ sql: INSERT_PROVISIONING, params: catalogParams(spec) }], target);
  await applyMigrations(spec.databaseName, target, { quiet: true });
  const [users] = await d1Query<{ id: number }>(
    spec.databaseName,
    `SELECT id FROM users WHERE username = ${sqlLiteral(admin.username)}`,
    target,
  );
  if (!users?.length) {
    const [headRows] = await d1Query<{ seq: number; hash: string }>(
      spec.databaseName,
      "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
      target,
    );
    await execute(
      spec.databaseName,
      await firstAdminStatements(headRows?.[0] ?? { seq: 0, hash: GENESIS_HASH }, admin),
      target,
    );
  }
  const [v] = await d1Query<{ name: string | null }>(
    spec.databaseName,
    "SELECT max(name) AS name FROM d1_migrations",
    target,
  );
  const version = Number(/^(\d+)/.exec(v?.[0]?.name ?? "")?.[1] ?? 0);
  await execute(
    control.database_name,
    [
      {
        sql: "UPDATE tenants SET status = CASE status WHEN 'provisioning' THEN 'active' ELSE status END, schema_version = ?, migrated_at = unixepoch() WHERE slug = ?",
        params: [version, spec.slug],
      },
    ],
    target,
  );
  console.log(`  ${spec.slug}: active at schema version ${version}`);
}

// ---------- command line ----------

function writePasswords(items: readonly Provision[], file: string): void {
  const generated = items.filter((i) => i.generated);
  if (!generated.length) return;
  const lines = [
    "slug,admin_username,admin_password",
    ...generated.map((i) => `${i.spec.slug},${i.admin.username},${i.admin.password}`),
  ];
  writeFileSync(file, `${lines.join("\n")}\n`, { mode: 0o600 });
  console.log(
    `Initial passwords of ${generated.length} administrator(s) written to ${file} (mode 0600): hand them over, then delete it.`,
  );
}

if (isMain(import.meta.url)) {
  await main(async () => {
    const { values } = parseArgs({
      options: {
        slug: { type: "string" },
        name: { type: "string" },
        level: { type: "string" },
        "division-code": { type: "string" },
        csv: { type: "string" },
        "passwords-out": { type: "string" },
        concurrency: { type: "string" },
        local: { type: "boolean" },
        remote: { type: "boolean" },
        "persist-to": { type: "string" },
        "admin-username": { type: "string" },
        "admin-password": { type: "string" },
        "admin-display-name": { type: "string" },
      },
      strict: true,
    });
    const target = targetFrom(values);
    const items: Provision[] = values.csv
      ? readBatchCsv(readFileSync(values.csv, "utf8"))
      : [
          {
            spec: tenantSpec({
              slug: values.slug,
              name: values.name,
              level: values.level,
              divisionCode: values["division-code"],
            }),
            admin: adminSpec(
              values["admin-username"],
              values["admin-password"] ?? process.env.BANGFU_ADMIN_PASSWORD,
              values["admin-display-name"],
            ),
          },
        ];
    // Written before anything runs, so a crash never loses a password already set; on a re-run,
    // administrators that exist keep their first password.
    if (values.csv) writePasswords(items, values["passwords-out"] ?? `tenant-passwords-${Date.now()}.csv`);
    const started = Date.now();
    let failed = 0;
    if (target.mode === "local") {
      console.log(`Provisioning ${items.length} tenant(s), ${describeTarget(target)}`);
      const results = await addTenantsLocal(target.persistTo, items, {
        concurrency: values.concurrency ? Number(values.concurrency) : undefined,
      });
      if (items.length <= 50 || results.some((r) => !r.ok))
        console.log(
          formatTable(
            ["slug", "result"],
            results.filter((r) => items.length <= 50 || !r.ok).map((r) => [r.slug, r.result]),
          ),
        );
      failed = results.filter((r) => !r.ok).length;
      console.log(
        `${results.length - failed} of ${results.length} tenant(s) active in ${((Date.now() - started) / 1000).toFixed(1)} s. ` +
          "A running `npm start` reloads when wrangler.toml changes.",
      );
    } else {
      for (const item of items) {
        try {
          await addTenantRemote(item);
        } catch (err) {
          failed++;
          console.error(`  ${item.spec.slug}: FAILED ${err instanceof Error ? err.message.split("\n")[0] : err}`);
        }
      }
      console.log(
        "Commit wrangler.toml and workers/platform/tenancy/tenant-bindings.ts, then `npx wrangler deploy`; until then new tenants answer 503.",
      );
    }
    if (failed) {
      console.error(`${failed} tenant(s) failed; re-run the same command to finish them.`);
      process.exit(1);
    }
  });
}
