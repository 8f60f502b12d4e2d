import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      CONTROL: D1Database;
      TENANT_LONGQUANYI: D1Database;
      TENANT_PINGCHUAN: D1Database;
      TENANT_DAZHOU: D1Database;
      PII_MASTER_KEY: string;
      CONTROL_MIGRATIONS: D1Migration[];
      TENANT_MIGRATIONS: D1Migration[];
    }
  }
}
