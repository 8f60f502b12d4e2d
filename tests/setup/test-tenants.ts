/**
 * The tenants the Workers tests use, and nothing else: the test configuration binds only these
 * (tests/vitest.config.ts), so test setup does not grow with the fleet in wrangler.toml.
 * Catalog rows are inserted by tests/setup/apply-migrations.ts.
 */
export const TEST_TENANTS = [
  { slug: "longquanyi", name: "成都市龙泉驿区", level: "county", divisionCode: "510112", binding: "TENANT_LONGQUANYI" },
  { slug: "pingchuan", name: "白银市平川区", level: "county", divisionCode: "620403", binding: "TENANT_PINGCHUAN" },
  { slug: "dazhou", name: "达州市", level: "city", divisionCode: "511700", binding: "TENANT_DAZHOU" },
] as const;
