/**
 * Demo data for local development (`npm start`, the browser tests). Never run remotely.
 *
 * Adding demo data for a new domain: write `db/seed/modules/<domain>.ts` exporting a
 * `SeedModule` (`{ name, run(ctx) }`, see ./types.ts), and add it to SEED_MODULES below after
 * the modules it depends on. `run` is called once per demo tenant with that tenant's database;
 * it must be idempotent (check for its data, write nothing when present) and write through
 * `commitSeed(ctx, items, summary)` (./audit.ts), which puts the data and one `seed.demo`
 * audit entry into a single D1 batch so the tenant's audit hash chain stays valid.
 */
import { drizzle } from "drizzle-orm/d1";
import * as tenantSchema from "../schema/tenant/index.ts";
import { tenants } from "../schema/control/tenants.ts";
import { SEED_TENANTS } from "./core/tenants.ts";
import { usersSeed } from "./modules/users.ts";
import { registrySeed } from "./modules/registry.ts";
import { publicationsSeed } from "./modules/publications.ts";
import { supervisionSeed } from "./modules/supervision.ts";
import { peopleSeed } from "./modules/people.ts";
import { trainingSeed } from "./modules/training.ts";
import { reserveSeed } from "./modules/reserve.ts";
import { partyMembersSeed } from "./modules/party-members.ts";
import { assessmentYearSeed } from "./modules/assessment-year.ts";
import { assessmentRecordsSeed } from "./modules/assessment-records.ts";
import { villageCadresSeed } from "./modules/village-cadres.ts";
import { villageOfficialsSeed } from "./modules/village-officials.ts";
import { villageCadreTrainingSeed } from "./modules/village-cadre-training.ts";
import type { SeedModule } from "./core/types.ts";

export type { SeedContext, SeedModule, SeedTenant } from "./core/types.ts";
export { commitSeed, hasSeeded, buildAuditRows, readChainHead } from "./core/audit.ts";
export { SEED_TENANTS, DEMO_PASSWORD } from "./core/tenants.ts";

/** Ordered: later modules may rely on data of earlier ones. */
export const SEED_MODULES: readonly SeedModule[] = [
  usersSeed,
  registrySeed,
  partyMembersSeed,
  // Before publications: its demo batches pay the village-cadre programs from this roster.
  villageOfficialsSeed,
  publicationsSeed,
  supervisionSeed,
  peopleSeed,
  trainingSeed,
  reserveSeed,
  assessmentYearSeed,
  assessmentRecordsSeed,
  villageCadresSeed,
  villageCadreTrainingSeed,
];

export interface SeedEnv {
  CONTROL: D1Database;
  PII_MASTER_KEY?: string;
  [binding: string]: unknown;
}

/** Upserts the demo tenants' catalog rows, then runs every seed module in every demo tenant. */
export async function seedDemo(
  env: SeedEnv,
  opts: { log?: (message: string) => void; modules?: readonly SeedModule[] } = {},
): Promise<void> {
  const log = opts.log ?? ((m: string) => console.log(m));
  const piiMasterKey = env.PII_MASTER_KEY;
  if (!piiMasterKey) throw new Error("PII_MASTER_KEY is not set (it comes from .dev.vars, which `npm start` creates)");
  const control = drizzle(env.CONTROL);
  const requestId = `seed-${crypto.randomUUID()}`;

  for (const t of SEED_TENANTS) {
    // The operator may have suspended a demo tenant: keep its status.
    await control
      .insert(tenants)
      .values({
        slug: t.slug,
        name: t.name,
        level: t.level,
        divisionCode: t.divisionCode,
        binding: t.binding,
        status: "active",
      })
      .onConflictDoUpdate({
        target: tenants.slug,
        set: { name: t.name, level: t.level, divisionCode: t.divisionCode, binding: t.binding },
      })
      .run();
  }

  // The salts the catalog trigger gave the demo tenants (control 0002): the seed writes v3 values with them.
  const salts = new Map(
    (await control.select({ slug: tenants.slug, keySalt: tenants.keySalt }).from(tenants).all()).map((t) => [
      t.slug,
      t.keySalt,
    ]),
  );
  for (const tenant of SEED_TENANTS) {
    const d1 = env[tenant.binding] as D1Database | undefined;
    if (!d1) {
      log(`  ${tenant.slug}: no ${tenant.binding} binding in wrangler.toml, skipped`);
      continue;
    }
    const db = drizzle(d1, { schema: tenantSchema });
    for (const m of opts.modules ?? SEED_MODULES) {
      await m.run({
        tenant,
        db,
        d1,
        piiMasterKey,
        keySalt: salts.get(tenant.slug) ?? null,
        module: m.name,
        requestId,
        log: (msg) => log(`  ${tenant.slug}/${m.name}: ${msg}`),
      });
    }
  }
}
