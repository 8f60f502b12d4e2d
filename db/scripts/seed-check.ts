/// <reference types="node" />
/**
 * `npx tsx db/scripts/seed-check.ts [--persist-to <dir>]` — checks the seeded local demo databases
 * (default `.wrangler/state`, as `npm start`) with db/seed/check.ts and exits non-zero when a
 * tenant breaks an invariant. Run it after `npm start` / `npm run db:seed`.
 */
import { join } from "node:path";
import { parseArgs } from "node:util";
import { getPlatformProxy } from "wrangler";
import { CheckError, checkTenant } from "../seed/check.ts";
import { SEED_TENANTS, type SeedEnv } from "../seed/index.ts";
import { ensureDevVars, isMain, WRANGLER_TOML } from "./lib.ts";

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: { "persist-to": { type: "string", default: ".wrangler/state" } },
    strict: true,
  });
  ensureDevVars();
  const proxy = await getPlatformProxy<SeedEnv>({
    configPath: WRANGLER_TOML,
    persist: { path: join(values["persist-to"]!, "v3") },
    remoteBindings: false,
  });
  let failed = false;
  try {
    for (const t of SEED_TENANTS) {
      const d1 = proxy.env[t.binding] as D1Database;
      try {
        const salt = await proxy.env.CONTROL.prepare("SELECT key_salt AS keySalt FROM tenants WHERE slug = ?")
          .bind(t.slug)
          .first<{ keySalt: string | null }>();
        const counts = await checkTenant(d1, t, proxy.env.PII_MASTER_KEY!, salt?.keySalt ?? null);
        console.log(
          `ok ${t.slug}: ${Object.entries(counts)
            .map(([k, v]) => `${k} ${v}`)
            .join(", ")}`,
        );
      } catch (err) {
        failed = true;
        console.error(
          `FAIL ${t.slug}: ${err instanceof CheckError ? err.message : err instanceof Error ? err.stack : String(err)}`,
        );
      }
    }
  } finally {
    await proxy.dispose();
  }
  process.exitCode = failed ? 1 : 0;
}
