/// <reference types="node" />
/**
 * Shared helpers for the operator scripts in db/scripts (run with `tsx` on Node >= 20).
 * Everything that touches a database goes through the project's own wrangler, so local state
 * lives where `wrangler dev` looks for it (`.wrangler/state/v3`, or `<persist-to>/v3`).
 */
import { spawn, type StdioOptions } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseToml } from "smol-toml";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const WRANGLER_TOML = join(ROOT, "wrangler.toml");
export const DEV_VARS = join(ROOT, ".dev.vars");
export const TENANT_BINDINGS_TS = join(ROOT, "workers/platform/tenancy/tenant-bindings.ts");
export const DEFAULT_PERSIST_TO = join(ROOT, ".wrangler/state");
/**
 * The wrangler that scripts run: the project's own, or the Node script named by
 * $BANGFU_WRANGLER — how `npm run check:ops` runs the remote paths against a fake wrangler that
 * records its calls and never reaches Cloudflare.
 */
export function wranglerBin(): string {
  const override = process.env.BANGFU_WRANGLER;
  return override ? resolve(override) : join(ROOT, "node_modules/wrangler/bin/wrangler.js");
}

/** Placeholder database ids (`00000000-0000-4000-8000-…`) are fine locally, never remotely. */
export const PLACEHOLDER_ID_PREFIX = "00000000-0000-4000-8000-";

export interface D1Entry {
  binding: string;
  database_name: string;
  database_id: string;
  migrations_dir?: string;
}

export function readWranglerConfig(): { d1_databases?: D1Entry[]; [k: string]: unknown } {
  return parseToml(readFileSync(WRANGLER_TOML, "utf8")) as never;
}

/** The CONTROL database first, then every tenant database in wrangler.toml order. */
export function d1Databases(): D1Entry[] {
  const all = readWranglerConfig().d1_databases ?? [];
  const control = all.filter((d) => d.binding === "CONTROL");
  if (control.length !== 1)
    throw new Error('wrangler.toml must declare exactly one [[d1_databases]] with binding = "CONTROL"');
  return [...control, ...all.filter((d) => d.binding !== "CONTROL")];
}

export function tenantDatabases(): D1Entry[] {
  return d1Databases().filter((d) => d.binding.startsWith("TENANT_"));
}

export function controlDatabase(): D1Entry {
  return d1Databases()[0]!;
}

export type Target = { mode: "local"; persistTo: string } | { mode: "remote" };

/** `--local` / `--remote` / `--persist-to` as wrangler expects them. */
export function targetFlags(t: Target): string[] {
  return t.mode === "remote" ? ["--remote"] : ["--local", "--persist-to", t.persistTo];
}

export function describeTarget(t: Target): string {
  return t.mode === "remote" ? "remote (Cloudflare)" : `local (${t.persistTo})`;
}

/** Environment for child wranglers: no usage metrics unless the user set WRANGLER_SEND_METRICS. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { WRANGLER_SEND_METRICS: "false", ...process.env, ...extra };
}

export interface RunOptions {
  /** Capture stdout (returned) instead of passing it through. */
  capture?: boolean;
  /** Let the operator answer wrangler's prompts (remote only); local runs are non-interactive. */
  interactive?: boolean;
  quiet?: boolean;
}

/** Runs the project's wrangler; rejects with its output when it exits non-zero. */
export function wrangler(args: string[], opts: RunOptions = {}): Promise<string> {
  const bin = wranglerBin();
  if (!existsSync(bin)) throw new Error(`wrangler is not installed (${bin}): run \`npm install\` first`);
  if (!opts.quiet && !opts.capture) console.log(`$ wrangler ${args.map(shellQuote).join(" ")}`);
  const stdio: StdioOptions = [
    opts.interactive ? "inherit" : "ignore",
    opts.capture || opts.quiet ? "pipe" : "inherit",
    opts.capture || opts.quiet ? "pipe" : "inherit",
  ];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: ROOT, stdio, env: childEnv() });
    let out = "";
    let err = "";
    child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolvePromise(out);
      else reject(new Error(`wrangler ${args.slice(0, 3).join(" ")} … exited with ${code}\n${out}${err}`.trim()));
    });
  });
}

/** `wrangler d1 execute --json`: the result rows of each statement. */
export async function d1Query<T = Record<string, unknown>>(
  database: string,
  sql: string,
  target: Target,
): Promise<T[][]> {
  const out = await wrangler(["d1", "execute", database, ...targetFlags(target), "--json", "--yes", "--command", sql], {
    capture: true,
  });
  const start = /^\[/m.exec(out)?.index ?? -1; // the JSON array starts a line; anything before it is chatter
  if (start < 0) throw new Error(`unexpected output from wrangler d1 execute:\n${out}`);
  const parsed = JSON.parse(out.slice(start)) as { results: T[]; success: boolean }[];
  return parsed.map((r) => r.results);
}

/** Applies pending migrations of one database (by name), as `npm run db:migrate` does for all. */
export async function applyMigrations(database: string, target: Target, opts: { quiet?: boolean } = {}): Promise<void> {
  const args = ["d1", "migrations", "apply", database, ...targetFlags(target)];
  if (!opts.quiet || target.mode === "remote") {
    await wrangler(args, { interactive: target.mode === "remote" });
    return;
  }
  const out = await wrangler(args, { quiet: true });
  const applied = Number(/About to apply (\d+) migration/.exec(out)?.[1] ?? 0);
  console.log(`  ${database}: ${applied ? `${applied} migration(s) applied` : "up to date"}`);
}

/** SQL literal for a string or number, with quotes doubled; NUL bytes are refused. */
export function sqlLiteral(value: string | number | null): string {
  if (value === null) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (value.includes("\0")) throw new Error("NUL byte in SQL value");
  return `'${value.replace(/'/g, "''")}'`;
}

export function shellQuote(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/**
 * Creates `.dev.vars` (gitignored) when missing: a fresh random PII master key for this
 * checkout and ENVIRONMENT=development (plain-HTTP cookies on localhost).
 */
export function ensureDevVars(): boolean {
  if (existsSync(DEV_VARS)) return false;
  const key = randomBytes(32).toString("base64");
  writeFileSync(
    DEV_VARS,
    [
      "# Local secrets for `wrangler dev`, created by `npm start`. Never commit this file.",
      "# Production sets PII_MASTER_KEY with `wrangler secret put PII_MASTER_KEY`.",
      `PII_MASTER_KEY=${key}`,
      "ENVIRONMENT=development",
      "",
    ].join("\n"),
    { mode: 0o600 },
  );
  return true;
}

/** Reads KEY=value lines of `.dev.vars` (no interpolation). */
export function readDevVars(): Record<string, string> {
  if (!existsSync(DEV_VARS)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(DEV_VARS, "utf8").split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) out[m[1]!] = m[2]!.replace(/^"(.*)"$/, "$1");
  }
  return out;
}

/** Exits with a readable message (no stack) for operator mistakes. */
export class UsageError extends Error {}

export async function main(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`error: ${err.message}`);
      process.exit(2);
    }
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}

/** Was this module started directly (`tsx db/scripts/x.ts`) rather than imported? */
export function isMain(importMetaUrl: string): boolean {
  return !!process.argv[1] && resolve(process.argv[1]) === fileURLToPath(importMetaUrl);
}

/** Parses `--local` / `--remote` / `--persist-to` (shared by every script). */
export function targetFrom(values: { local?: boolean; remote?: boolean; "persist-to"?: string }): Target {
  if (values.local && values.remote) throw new UsageError("choose one of --local and --remote");
  if (values.remote) {
    if (values["persist-to"]) throw new UsageError("--persist-to only applies to --local");
    return { mode: "remote" };
  }
  return { mode: "local", persistTo: resolve(values["persist-to"] ?? DEFAULT_PERSIST_TO) };
}
