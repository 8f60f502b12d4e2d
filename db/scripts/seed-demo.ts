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
import { parseArgs } from "node:util";
import { seedDemo, SEED_TENANTS, type SeedEnv } from "../seed/index.ts";
import { openLocalD1 } from "./fleet/local-d1.ts";
import { appliedVersion } from "./fleet/migrations.ts";
import { controlDatabase, ensureDevVars, isMain, main, targetFrom, tenantDatabases } from "./lib.ts";

export async function seedLocal(persistTo: string): Promise<void> {
  ensureDevVars();
  // Only CONTROL and the demo tenants are bound: a fleet of hundreds is not opened to seed three.
  const demo = new Set(SEED_TENANTS.map((t) => t.binding));
  const proxy = await openLocalD1(persistTo, [
    controlDatabase(),
    ...tenantDatabases().filter((d) => demo.has(d.binding)),
  ]);
  try {
    await seedDemo(proxy.env as unknown as SeedEnv);
    // Demo tenants are catalogued by the seed, after their migration: record their version now.
    for (const t of SEED_TENANTS) {
      const db = proxy.env[t.binding];
      if (!db) continue;
      await proxy.env
        .CONTROL!.prepare(
          "UPDATE tenants SET schema_version = ?, migrated_at = unixepoch() WHERE binding = ? AND schema_version IS NULL",
        )
        .bind(await appliedVersion(db), t.binding)
        .run();
    }
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
