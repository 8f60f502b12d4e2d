/// <reference types="node" />
/**
 * `npm run db:migrate -- [--local|--remote] [--persist-to <dir>]`
 *
 * Applies pending migrations to the CONTROL database (db/migrations/control) and to every tenant
 * database listed in wrangler.toml (db/migrations/tenant), one `wrangler d1 migrations apply`
 * each, CONTROL first. Default is --local (the state `wrangler dev` uses). With --remote wrangler
 * asks for confirmation on a terminal and takes a backup before applying.
 */
import { parseArgs } from "node:util";
import {
  applyMigrations,
  d1Databases,
  describeTarget,
  isMain,
  main,
  PLACEHOLDER_ID_PREFIX,
  targetFrom,
  UsageError,
  type Target,
} from "./lib.ts";

export async function migrateAll(target: Target, opts: { quiet?: boolean } = {}): Promise<void> {
  const dbs = d1Databases();
  if (target.mode === "remote") {
    const placeholders = dbs.filter((d) => d.database_id.startsWith(PLACEHOLDER_ID_PREFIX));
    if (placeholders.length) {
      throw new UsageError(
        `these databases still have local placeholder ids in wrangler.toml: ${placeholders.map((d) => d.database_name).join(", ")}.\n` +
          `Create them first: \`npx wrangler d1 create bangfu-control\` (put its id into wrangler.toml), and for each tenant ` +
          "`npm run tenant:add -- --remote --slug … --name … --level … --division-code …`, which replaces the placeholder.",
      );
    }
  }
  if (!opts.quiet) console.log(`Applying migrations to ${dbs.length} databases, ${describeTarget(target)}`);
  for (const db of dbs) {
    if (!db.migrations_dir) throw new UsageError(`${db.binding} has no migrations_dir in wrangler.toml`);
    await applyMigrations(db.database_name, target, opts);
  }
}

if (isMain(import.meta.url)) {
  await main(async () => {
    const { values } = parseArgs({
      options: { local: { type: "boolean" }, remote: { type: "boolean" }, "persist-to": { type: "string" } },
      strict: true,
    });
    await migrateAll(targetFrom(values));
    console.log("All databases are up to date.");
  });
}
