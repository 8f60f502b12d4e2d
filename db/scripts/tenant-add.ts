/// <reference types="node" />
/**
 * `npm run tenant:add -- --slug X --name 中文名 --level county|city --division-code 123456
 *      [--local|--remote] [--persist-to <dir>]
 *      [--admin-username U --admin-password P [--admin-display-name 姓名]]`
 *
 * Provisions one tenant (bindings are static in Workers, so this is a repo change + data):
 *   1. validates the input; binding `TENANT_<SLUG>` (upper case, - → _), database `bangfu-tenant-<slug>`;
 *   2. --remote: `wrangler d1 create` and the database_id from its output (an existing database
 *      of that name is reused); --local: a placeholder id derived from the division code;
 *   3. appends the `[[d1_databases]]` block to wrangler.toml (or replaces a placeholder id with
 *      the real one) and adds the binding to workers/platform/tenancy/tenant-bindings.ts (the allowlist);
 *   4. applies the tenant migrations to the new database;
 *   5. inserts the catalog row into CONTROL (`tenants`);
 *   6. creates the first `county_admin` with the operator's password (also read from
 *      $BANGFU_ADMIN_PASSWORD, which keeps it out of shell history), with its audit entry.
 * Re-running with the same values completes a half-finished run and changes nothing else; a
 * slug, binding or division code that belongs to a different tenant is refused.
 * After a remote run: commit wrangler.toml + tenant-bindings.ts, then `wrangler deploy`
 * (until then the catalogued tenant answers 503: catalogued but not bound, fail closed).
 */
import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { hashPassword } from "../../workers/auth/password.ts";
import { Username, Password, DisplayName } from "../../workers/users/schemas.ts";
import { buildAuditRows, type AuditActor, type ChainHead } from "../seed/core/audit.ts";
import { GENESIS_HASH } from "../../workers/lib/audit-chain.ts";
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
  TENANT_BINDINGS_TS,
  UsageError,
  wrangler,
  WRANGLER_TOML,
  type Target,
} from "./lib.ts";

const TENANT_MIGRATIONS_DIR = "db/migrations/tenant";
const OPERATOR: AuditActor = { id: null, name: "tenant-add", role: "operator" };

export interface TenantSpec {
  slug: string;
  name: string;
  level: "county" | "city";
  divisionCode: string;
  binding: string;
  databaseName: string;
}

export interface AdminSpec {
  username: string;
  password: string;
  displayName: string;
}

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

/** Local databases need an id in wrangler.toml; derive one from the (unique) division code. */
export function placeholderId(divisionCode: string): string {
  return `${PLACEHOLDER_ID_PREFIX}${divisionCode.padStart(12, "0")}`;
}

// ---------- wrangler.toml ----------

/** Where this tenant stands in wrangler.toml; refuses names or ids that belong to someone else. */
function tomlState(spec: TenantSpec): { id: string } | null {
  const dbs = d1Databases();
  const mine = dbs.find((d) => d.binding === spec.binding);
  const sameName = dbs.find((d) => d.database_name === spec.databaseName);
  if (mine && mine.database_name !== spec.databaseName)
    throw new UsageError(`binding ${spec.binding} already exists in wrangler.toml for database ${mine.database_name}`);
  if (sameName && sameName.binding !== spec.binding)
    throw new UsageError(
      `database ${spec.databaseName} already exists in wrangler.toml under binding ${sameName.binding}`,
    );
  const placeholder = placeholderId(spec.divisionCode);
  const clash = dbs.find((d) => d.binding !== spec.binding && d.database_id === placeholder);
  if (clash)
    throw new UsageError(`division code ${spec.divisionCode} is already used by ${clash.binding} in wrangler.toml`);
  return mine ? { id: mine.database_id } : null;
}

function appendTomlBlock(spec: TenantSpec, id: string): void {
  let text = readFileSync(WRANGLER_TOML, "utf8");
  if (!text.endsWith("\n")) text += "\n";
  text += [
    "",
    `# ${spec.name} (${spec.level}, ${spec.divisionCode})`,
    "[[d1_databases]]",
    `binding = "${spec.binding}"`,
    `database_name = "${spec.databaseName}"`,
    `database_id = "${id}"`,
    `migrations_dir = "${TENANT_MIGRATIONS_DIR}"`,
    "",
  ].join("\n");
  writeFileSync(WRANGLER_TOML, text);
}

function replaceTomlId(spec: TenantSpec, oldId: string, newId: string): void {
  const text = readFileSync(WRANGLER_TOML, "utf8");
  const re = new RegExp(`(database_name\\s*=\\s*"${spec.databaseName}"\\s*\\n\\s*database_id\\s*=\\s*")${oldId}(")`);
  if (!re.test(text))
    throw new Error(
      `could not find the database_id line of ${spec.databaseName} in wrangler.toml; set it to ${newId} by hand`,
    );
  writeFileSync(WRANGLER_TOML, text.replace(re, `$1${newId}$2`));
}

// ---------- the allowlist (workers/platform/tenancy/tenant-bindings.ts) ----------

const ALLOWLIST = /export const TENANT_BINDINGS = \[([\s\S]*?)\] as const;/;

export function readAllowlist(): string[] {
  const m = ALLOWLIST.exec(readFileSync(TENANT_BINDINGS_TS, "utf8"));
  if (!m) throw new Error(`${TENANT_BINDINGS_TS}: expected \`export const TENANT_BINDINGS = [ … ] as const;\``);
  return [...m[1]!.matchAll(/"([A-Z0-9_]+)"/g)].map((x) => x[1]!);
}

function addToAllowlist(binding: string): boolean {
  const list = readAllowlist();
  if (list.includes(binding)) return false;
  const text = readFileSync(TENANT_BINDINGS_TS, "utf8");
  const body = [...list, binding].map((b) => `  "${b}",\n`).join("");
  writeFileSync(TENANT_BINDINGS_TS, text.replace(ALLOWLIST, `export const TENANT_BINDINGS = [\n${body}] as const;`));
  return true;
}

// ---------- remote database ----------

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
  // Printed as a TOML or JSON snippet: database_id = "…" / "database_id": "…"
  const m = /"?database_id"?\s*[:=]\s*"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"/i.exec(out);
  if (!m) throw new Error(`created ${spec.databaseName} but found no database_id in wrangler's output:\n${out}`);
  console.log(`  created remote database ${spec.databaseName} (${m[1]})`);
  return m[1]!;
}

// ---------- catalog and first admin ----------

interface CatalogRow {
  slug: string;
  name: string;
  level: string;
  division_code: string;
  binding: string;
  status: string;
}

/** Refuses when slug, division code or binding belongs to a different tenant; true if already catalogued. */
async function catalogState(spec: TenantSpec, target: Target): Promise<boolean> {
  const [rows] = await d1Query<CatalogRow>(
    controlDatabase().database_name,
    `SELECT slug, name, level, division_code, binding, status FROM tenants WHERE slug = ${sqlLiteral(spec.slug)} OR division_code = ${sqlLiteral(spec.divisionCode)} OR binding = ${sqlLiteral(spec.binding)}`,
    target,
  );
  let catalogued = false;
  for (const r of rows ?? []) {
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
    catalogued = true;
  }
  return catalogued;
}

async function execute(database: string, sql: string, target: Target): Promise<void> {
  await wrangler(["d1", "execute", database, ...targetFlags(target), "--yes", "--command", sql], { quiet: true });
}

async function createAdmin(spec: TenantSpec, admin: AdminSpec, target: Target): Promise<boolean> {
  const [existing] = await d1Query<{ id: number }>(
    spec.databaseName,
    `SELECT id FROM users WHERE username = ${sqlLiteral(admin.username)}`,
    target,
  );
  if (existing?.length) return false;
  const [headRows] = await d1Query<{ seq: number; hash: string }>(
    spec.databaseName,
    "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
    target,
  );
  const head: ChainHead = headRows?.[0] ?? { seq: 0, hash: GENESIS_HASH };
  const t = Math.floor(Date.now() / 1000);
  const user = {
    username: admin.username,
    displayName: admin.displayName,
    role: "county_admin",
    townshipCode: null,
    createdAt: t,
    updatedAt: t,
  };
  const [audit] = await buildAuditRows(
    head,
    [{ action: "user.create", entity: "user", entityId: admin.username, after: user }],
    {
      actor: OPERATOR,
      requestId: `tenant-add-${randomUUID()}`,
      at: t,
    },
  );
  const a = audit!;
  const sql = [
    `INSERT INTO users (username, display_name, role, township_code, password_hash, status, created_at, updated_at) VALUES (${[
      admin.username,
      admin.displayName,
      "county_admin",
      null,
      await hashPassword(admin.password),
      "active",
      t,
      t,
    ]
      .map(sqlLiteral)
      .join(", ")})`,
    `INSERT INTO audit_log (seq, at, actor_id, actor_name, actor_role, action, entity, entity_id, before, after, request_id, prev_hash, hash) VALUES (${[
      a.seq,
      a.at,
      a.actorId,
      a.actorName,
      a.actorRole,
      a.action,
      a.entity,
      a.entityId,
      a.before,
      a.after,
      a.requestId,
      a.prevHash,
      a.hash,
    ]
      .map(sqlLiteral)
      .join(", ")})`,
  ].join(";\n");
  // Locally wrangler runs both statements as one D1 batch; remotely as one /query request.
  await execute(spec.databaseName, sql, target);
  return true;
}

// ---------- the whole provisioning ----------

export async function addTenant(spec: TenantSpec, target: Target, admin: AdminSpec | null): Promise<void> {
  console.log(`Provisioning ${spec.name} (${spec.slug}), ${describeTarget(target)}`);
  const inToml = tomlState(spec);
  const control = controlDatabase();
  if (target.mode === "remote" && control.database_id.startsWith(PLACEHOLDER_ID_PREFIX)) {
    throw new UsageError(
      "CONTROL still has its placeholder database_id in wrangler.toml: `npx wrangler d1 create bangfu-control` and put the id there first",
    );
  }

  console.log("• catalog (CONTROL) is migrated");
  await applyMigrations(control.database_name, target, { quiet: true });
  const catalogued = await catalogState(spec, target);

  console.log("• database and binding");
  if (target.mode === "local") {
    if (inToml) console.log(`  wrangler.toml already binds ${spec.binding} (${inToml.id})`);
    else {
      appendTomlBlock(spec, placeholderId(spec.divisionCode));
      console.log(`  added ${spec.binding} → ${spec.databaseName} to wrangler.toml (local placeholder id)`);
    }
  } else {
    if (inToml && !inToml.id.startsWith(PLACEHOLDER_ID_PREFIX))
      console.log(`  wrangler.toml already binds ${spec.binding} (${inToml.id})`);
    else {
      const id = await remoteDatabaseId(spec);
      if (inToml) {
        replaceTomlId(spec, inToml.id, id);
        console.log(`  replaced the placeholder id of ${spec.binding} in wrangler.toml with ${id}`);
      } else {
        appendTomlBlock(spec, id);
        console.log(`  added ${spec.binding} → ${spec.databaseName} (${id}) to wrangler.toml`);
      }
    }
  }
  console.log(
    addToAllowlist(spec.binding)
      ? `  added ${spec.binding} to workers/platform/tenancy/tenant-bindings.ts`
      : `  ${spec.binding} is already in the allowlist`,
  );

  console.log("• tenant migrations");
  await applyMigrations(spec.databaseName, target, { quiet: true });

  console.log("• catalog row");
  if (catalogued) console.log(`  ${spec.slug} is already catalogued`);
  else {
    await execute(
      control.database_name,
      `INSERT INTO tenants (slug, name, level, division_code, binding, status) VALUES (${[spec.slug, spec.name, spec.level, spec.divisionCode, spec.binding, "active"].map(sqlLiteral).join(", ")})`,
      target,
    );
    console.log(`  catalogued ${spec.slug}`);
  }

  if (admin) {
    console.log("• first administrator");
    console.log(
      (await createAdmin(spec, admin, target))
        ? `  created county_admin ${admin.username}`
        : `  user ${admin.username} already exists (password unchanged)`,
    );
  }

  console.log(`\nDone: ${spec.name} at /t/${spec.slug}/ (admin: /t/${spec.slug}/admin/login).`);
  if (!admin)
    console.log("No administrator was created: re-run with --admin-username and --admin-password to add one.");
  if (target.mode === "local")
    console.log(
      `A running \`npm start\` reloads when wrangler.toml changes; restart it if /t/${spec.slug}/ answers 503.`,
    );
  else
    console.log(
      "Commit wrangler.toml and workers/platform/tenancy/tenant-bindings.ts, then `npx wrangler deploy`; until then the tenant answers 503.",
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
        local: { type: "boolean" },
        remote: { type: "boolean" },
        "persist-to": { type: "string" },
        "admin-username": { type: "string" },
        "admin-password": { type: "string" },
        "admin-display-name": { type: "string" },
      },
      strict: true,
    });
    const spec = tenantSpec({
      slug: values.slug,
      name: values.name,
      level: values.level,
      divisionCode: values["division-code"],
    });
    const target = targetFrom(values);
    const password = values["admin-password"] ?? process.env.BANGFU_ADMIN_PASSWORD;
    let admin: AdminSpec | null = null;
    if (values["admin-username"] || password) {
      const u = Username.safeParse(values["admin-username"] ?? "");
      if (!u.success) throw new UsageError(`--admin-username: ${u.error.issues[0]?.message ?? "invalid"}`);
      const p = Password.safeParse(password ?? "");
      if (!p.success)
        throw new UsageError(
          `--admin-password (or $BANGFU_ADMIN_PASSWORD): ${p.error.issues[0]?.message ?? "invalid"}`,
        );
      const d = DisplayName.safeParse(values["admin-display-name"] ?? "管理员");
      if (!d.success) throw new UsageError(`--admin-display-name: ${d.error.issues[0]?.message ?? "invalid"}`);
      admin = { username: u.data, password: p.data, displayName: d.data };
    }
    await addTenant(spec, target, admin);
  });
}
