import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { seedDemo, type SeedEnv } from "../../db/seed/index.ts";
import { notCurrentFormatSql } from "../../db/seed/check.ts";
import { usersSeed } from "../../db/seed/modules/users.ts";
import { registrySeed } from "../../db/seed/modules/registry.ts";
import { publicationsSeed } from "../../db/seed/modules/publications.ts";
import { villageCadresSeed } from "../../db/seed/modules/village-cadres.ts";
import { villageOfficialsSeed } from "../../db/seed/modules/village-officials.ts";
import { masterKeyId } from "../../workers/lib/pii-crypto.ts";
import { TENANT_DB } from "../helpers/users.ts";

/**
 * A freshly seeded demo holds personal data in the current format only (issue 13): v3 values
 * under the configured master key and `<kid>.<hex>` hashes, derived with the tenant's key_salt,
 * like the Worker writes them; no v1/v2 value the rotation job would have to upgrade.
 */
describe("demo seed", () => {
  it("writes v3 values and hashes under the current key, none legacy", async () => {
    await seedDemo(env as unknown as SeedEnv, {
      log: () => {},
      modules: [usersSeed, registrySeed, villageOfficialsSeed, publicationsSeed, villageCadresSeed],
    });
    const kid = await masterKeyId(env.PII_MASTER_KEY);
    const db = TENANT_DB.longquanyi!;
    const legacy = await db.prepare(notCurrentFormatSql(kid)).first<{ n: number }>();
    expect(legacy!.n).toBe(0);
    const written = await db
      .prepare(
        `SELECT (SELECT count(*) FROM households WHERE id_number_enc LIKE ?1)
              + (SELECT count(*) FROM objections WHERE contact_enc LIKE ?1)
              + (SELECT count(*) FROM village_officials WHERE id_number_enc LIKE ?1) AS n,
                (SELECT count(*) FROM village_officials) AS officials`,
      )
      .bind(`v3.${kid}.%`)
      .first<{ n: number; officials: number }>();
    expect(written!.officials).toBeGreaterThan(0);
    expect(written!.n).toBeGreaterThan(100);
  });
});
