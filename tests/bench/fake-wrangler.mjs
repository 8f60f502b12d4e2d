#!/usr/bin/env node
/**
 * A stand-in for wrangler's remote D1 commands, for `npm run check:ops` ($BANGFU_WRANGLER): it
 * never reaches Cloudflare, appends every call to $FAKE_WRANGLER_LOG (one JSON array per line)
 * and keeps each database's version in $FAKE_WRANGLER_STATE. The catalog answers every tenant at
 * $FAKE_CATALOG_VERSION; `migrations apply` of a database named in $FAKE_WRANGLER_FAIL fails.
 */
import { appendFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const args = process.argv.slice(2);
const env = process.env;
appendFileSync(env.FAKE_WRANGLER_LOG, `${JSON.stringify(args)}\n`);
const state = existsSync(env.FAKE_WRANGLER_STATE) ? JSON.parse(readFileSync(env.FAKE_WRANGLER_STATE, "utf8")) : {};
const save = () => writeFileSync(env.FAKE_WRANGLER_STATE, JSON.stringify(state));
const newest = readdirSync(join(process.cwd(), "db/migrations/tenant"))
  .filter((f) => f.endsWith(".sql"))
  .sort()
  .pop();
const catalogVersion = Number(env.FAKE_CATALOG_VERSION ?? 0);
const versionName = (db) => state[db] ?? `${String(catalogVersion).padStart(4, "0")}_fake.sql`;
const json = (results) => console.log(JSON.stringify([{ results, success: true }]));

const [group, command, sub] = args;
// `d1 execute <db>`, `d1 migrations apply <db>`, `d1 time-travel info <db>`
const database = command === "execute" ? sub : args[3];
if (group !== "d1") fail(`fake wrangler: unexpected ${args.join(" ")}`);
if (!args.includes("--remote") && command !== "time-travel") fail("fake wrangler answers remote commands only");

if (command === "execute") {
  const sql = args[args.indexOf("--command") + 1] ?? "";
  if (/^SELECT binding, schema_version FROM tenants/.test(sql)) {
    const toml = readFileSync(join(process.cwd(), "wrangler.toml"), "utf8");
    const bindings = [...toml.matchAll(/binding = "(TENANT_[A-Z0-9_]+)"/g)].map((m) => m[1]);
    json(bindings.map((binding) => ({ binding, schema_version: catalogVersion })));
  } else if (/FROM d1_migrations/.test(sql)) json([{ name: versionName(database) }]);
  else json([]);
} else if (command === "time-travel") {
  console.log(
    JSON.stringify({
      bookmark: `00000085-0000024c-00004e4f-${Buffer.from(database).toString("hex").slice(0, 16)}`,
      timestamp: "2026-12-03T06:00:00Z",
    }),
  );
} else if (command === "migrations") {
  if ((env.FAKE_WRANGLER_FAIL ?? "").split(",").includes(database))
    fail(`✘ [ERROR] fake failure applying to ${database}`);
  if (database.startsWith("bangfu-tenant-")) {
    state[database] = newest;
    save();
  }
  console.log(`🚣 Executed migrations on ${database}`);
} else fail(`fake wrangler: unexpected ${args.join(" ")}`);

function fail(message) {
  console.error(message);
  process.exit(1);
}
