/// <reference types="node" />
/**
 * The two files that say which tenant databases exist: `[[d1_databases]]` blocks in
 * wrangler.toml and the allowlist in workers/platform/tenancy/tenant-bindings.ts. Every edit
 * happens under one lock file, so two provisioning runs (or a batch and a single add) never
 * interleave their read-modify-write of either file.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { d1Databases, PLACEHOLDER_ID_PREFIX, ROOT, TENANT_BINDINGS_TS, UsageError, WRANGLER_TOML } from "../lib.ts";

export const TENANT_MIGRATIONS_DIR = "db/migrations/tenant";
const LOCK = join(ROOT, ".wrangler", "tenant-files.lock");

export interface TenantSpec {
  slug: string;
  name: string;
  level: "county" | "city";
  divisionCode: string;
  binding: string;
  databaseName: string;
}

/** Local databases need an id in wrangler.toml; derive one from the (unique) division code. */
export function placeholderId(divisionCode: string): string {
  return `${PLACEHOLDER_ID_PREFIX}${divisionCode.padStart(12, "0")}`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `fn` holding the lock (an exclusively created file with our pid). A lock left by a
 * process that no longer runs is taken over; a live holder is waited for up to 60 s.
 */
export async function withBindingsLock<T>(fn: () => T | Promise<T>): Promise<T> {
  mkdirSync(dirname(LOCK), { recursive: true });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const fd = openSync(LOCK, "wx");
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = Number(readFileSync(LOCK, "utf8").trim());
      if (!Number.isInteger(holder) || holder <= 0 || !alive(holder)) {
        rmSync(LOCK, { force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new UsageError(`wrangler.toml is being edited by process ${holder} (lock ${LOCK}); try again later`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { force: true });
  }
}

/** Where this tenant stands in wrangler.toml; refuses names or ids that belong to someone else. */
export function tomlState(spec: TenantSpec, dbs = d1Databases()): { id: string } | null {
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

function tomlBlock(spec: TenantSpec, id: string): string {
  return [
    "",
    `# ${spec.name} (${spec.level}, ${spec.divisionCode})`,
    "[[d1_databases]]",
    `binding = "${spec.binding}"`,
    `database_name = "${spec.databaseName}"`,
    `database_id = "${id}"`,
    `migrations_dir = "${TENANT_MIGRATIONS_DIR}"`,
    "",
  ].join("\n");
}

/** Appends blocks for the given tenants in one write (call inside `withBindingsLock`). */
export function appendTomlBlocks(items: readonly { spec: TenantSpec; id: string }[]): void {
  if (!items.length) return;
  let text = readFileSync(WRANGLER_TOML, "utf8");
  if (!text.endsWith("\n")) text += "\n";
  text += items.map((i) => tomlBlock(i.spec, i.id)).join("");
  writeFileSync(WRANGLER_TOML, text);
}

/** Removes a tenant's block (tenant deletion; call inside `withBindingsLock`). */
export function removeTomlBlock(binding: string): boolean {
  const text = readFileSync(WRANGLER_TOML, "utf8");
  const re = new RegExp(
    `\\n(# [^\\n]*\\n)?\\[\\[d1_databases\\]\\]\\nbinding = "${binding}"\\n[^\\[]*?migrations_dir = "[^"]*"\\n`,
  );
  if (!re.test(text)) return false;
  writeFileSync(WRANGLER_TOML, text.replace(re, "\n"));
  return true;
}

export function replaceTomlId(spec: TenantSpec, oldId: string, newId: string): void {
  const text = readFileSync(WRANGLER_TOML, "utf8");
  const re = new RegExp(`(database_name\\s*=\\s*"${spec.databaseName}"\\s*\\n\\s*database_id\\s*=\\s*")${oldId}(")`);
  if (!re.test(text))
    throw new Error(
      `could not find the database_id line of ${spec.databaseName} in wrangler.toml; set it to ${newId} by hand`,
    );
  writeFileSync(WRANGLER_TOML, text.replace(re, `$1${newId}$2`));
}

const ALLOWLIST = /export const TENANT_BINDINGS = \[([\s\S]*?)\] as const;/;

export function readAllowlist(): string[] {
  const m = ALLOWLIST.exec(readFileSync(TENANT_BINDINGS_TS, "utf8"));
  if (!m) throw new Error(`${TENANT_BINDINGS_TS}: expected \`export const TENANT_BINDINGS = [ … ] as const;\``);
  return [...m[1]!.matchAll(/"([A-Z0-9_]+)"/g)].map((x) => x[1]!);
}

/** Sets the allowlist to its current entries plus `add` minus `remove` (inside the lock). */
export function editAllowlist(add: readonly string[], remove: readonly string[] = []): string[] {
  const list = readAllowlist();
  const next = [...list, ...add.filter((b) => !list.includes(b))].filter((b) => !remove.includes(b));
  const added = next.filter((b) => !list.includes(b));
  if (added.length === 0 && next.length === list.length) return [];
  const text = readFileSync(TENANT_BINDINGS_TS, "utf8");
  const body = next.map((b) => `  "${b}",\n`).join("");
  writeFileSync(TENANT_BINDINGS_TS, text.replace(ALLOWLIST, `export const TENANT_BINDINGS = [\n${body}] as const;`));
  return added;
}
