import { applyD1Migrations, env } from "cloudflare:test";
import { TEST_TENANTS } from "./test-tenants.ts";

/**
 * Runs before every test file (storage is isolated per file): migrate the control database
 * and the test tenants' databases exactly as `npm run db:migrate` does, and catalog them.
 * Only TEST_TENANTS are bound (tests/vitest.config.ts), however many tenants wrangler.toml has.
 */
await applyD1Migrations(env.CONTROL, env.CONTROL_MIGRATIONS);
for (const t of TEST_TENANTS) {
  const db = (env as unknown as Record<string, D1Database>)[t.binding]!;
  await applyD1Migrations(db, env.TENANT_MIGRATIONS);
}

const last = env.TENANT_MIGRATIONS[env.TENANT_MIGRATIONS.length - 1];
const version = Number(/^\d+/.exec(last?.name ?? "0")?.[0] ?? 0);
await env.CONTROL.batch(
  TEST_TENANTS.map((t) =>
    env.CONTROL.prepare(
      "INSERT OR IGNORE INTO tenants (slug, name, level, division_code, binding, status, schema_version) VALUES (?, ?, ?, ?, ?, 'active', ?)",
    ).bind(t.slug, t.name, t.level, t.divisionCode, t.binding, version),
  ),
);
