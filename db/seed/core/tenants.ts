import { dazhou, longquanyi, pingchuan, type DemoTenantData } from "../data/index.ts";
import type { SeedTenant } from "./types.ts";

function seedTenant(data: DemoTenantData, binding: string, townshipCode: string): SeedTenant {
  if (!data.townships.some((t) => t.code === townshipCode))
    throw new Error(`demo township ${townshipCode} is not in ${data.slug}'s data`);
  return {
    slug: data.slug,
    name: data.name,
    level: data.level,
    divisionCode: data.divisionCode,
    binding,
    townshipCode,
    data,
  };
}

/**
 * The demo tenants of the local environment: catalog row (binding as in wrangler.toml), the
 * township of the demo township officer, and their content from db/seed/data.
 * 成都市龙泉驿区 510112 · 白银市平川区 620403 · 达州市 511700 (a city).
 */
export const SEED_TENANTS: readonly SeedTenant[] = [
  seedTenant(longquanyi, "TENANT_LONGQUANYI", "510112001"),
  seedTenant(pingchuan, "TENANT_PINGCHUAN", "620403001"),
  seedTenant(dazhou, "TENANT_DAZHOU", "511702001"),
];

/** Every demo user signs in with this password (local only; remote never gets demo users). */
export const DEMO_PASSWORD = "bangfu-demo";
