import { applyD1Migrations, env } from "cloudflare:test";
import { TENANT_BINDINGS } from "../../workers/platform/tenancy/tenant-bindings.ts";

/**
 * Runs before every test file (storage is isolated per file): migrate the control database
 * and every tenant database exactly as `npm run db:migrate` does, and catalog the test tenants.
 */
await applyD1Migrations(env.CONTROL, env.CONTROL_MIGRATIONS);
for (const binding of TENANT_BINDINGS) {
  const db = (env as unknown as Record<string, D1Database>)[binding]!;
  await applyD1Migrations(db, env.TENANT_MIGRATIONS);
}

await env.CONTROL.batch([
  env.CONTROL.prepare(
    `INSERT OR IGNORE INTO tenants (slug, name, level, division_code, binding, status) VALUES
      ('longquanyi', '成都市龙泉驿区', 'county', '510112', 'TENANT_LONGQUANYI', 'active'),
      ('pingchuan', '白银市平川区', 'county', '620403', 'TENANT_PINGCHUAN', 'active'),
      ('dazhou', '达州市', 'city', '511700', 'TENANT_DAZHOU', 'active')`,
  ),
]);
