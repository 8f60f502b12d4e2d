// Generated and kept in step with wrangler.toml by `npm run tenant:add` (db/scripts/tenant-add.ts).
// A catalog row can only reach a database whose binding is listed here: the explicit allowlist.
export const TENANT_BINDINGS = ["TENANT_LONGQUANYI", "TENANT_PINGCHUAN", "TENANT_DAZHOU"] as const;
