/// <reference types="node" />
/**
 * `npm run db:seed -- [--persist-to <dir>]` — local demo data (run by `npm start`).
 *
 * Opens the local D1 databases in Node with wrangler's `getPlatformProxy`, on the same files
 * `wrangler dev` uses: `<persist-to>/v3` (default `.wrangler/state/v3`). In wrangler 4.86 the
 * proxy's `persist.path` is the v3 directory itself, whereas `--persist-to` of the CLI is its
 * parent, hence the `/v3`. Migrations must have been applied (`npm run db:migrate`).
 * Local only: there is deliberately no --remote.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { getPlatformProxy } from "wrangler";
import { seedDemo, type SeedEnv } from "../seed/index.ts";
import { ensureDevVars, isMain, main, targetFrom, WRANGLER_TOML } from "./lib.ts";

export async function seedLocal(persistTo: string): Promise<void> {
  ensureDevVars();
  const proxy = await getPlatformProxy<SeedEnv>({
    configPath: WRANGLER_TOML,
    persist: { path: join(persistTo, "v3") },
    remoteBindings: false,
  });
  try {
    await seedDemo(proxy.env);
  } finally {
    await proxy.dispose();
  }
}

if (isMain(import.meta.url)) {
  await main(async () => {
    const { values } = parseArgs({
      options: { local: { type: "boolean" }, "persist-to": { type: "string" } },
      strict: true,
    });
    const target = targetFrom(values);
    if (target.mode !== "local") throw new Error("unreachable");
    console.log(`Seeding demo data into ${target.persistTo}`);
    await seedLocal(target.persistTo);
    console.log("Demo data ready.");
  });
}
