/**
 * What an operator sees of a tenant's database: its size and when it was last written — read
 * from D1's own result metadata and the audit head's time, never a row of personal data.
 */
import type { TenantRow } from "../../db/schema/control/tenants.ts";
import { TENANT_BINDINGS } from "../platform/tenancy/tenant-bindings.ts";

const allowlist: ReadonlySet<string> = new Set(TENANT_BINDINGS);

export interface TenantStatusRow {
  slug: string;
  name: string;
  level: TenantRow["level"];
  divisionCode: string;
  status: TenantRow["status"];
  schemaVersion: number | null;
  migratedAt: number | null;
  exportedAt: number | null;
  /** Bytes, from D1's `size_after`; null when the database is not bound here. */
  sizeBytes: number | null;
  /** Time of the newest audit entry (every write has one); null when none or not bound. */
  lastWriteAt: number | null;
  bound: boolean;
}

export async function tenantStatus(
  env: Record<string, unknown>,
  rows: readonly TenantRow[],
): Promise<TenantStatusRow[]> {
  return Promise.all(
    rows.map(async (t) => {
      const base = {
        slug: t.slug,
        name: t.name,
        level: t.level,
        divisionCode: t.divisionCode,
        status: t.status,
        schemaVersion: t.schemaVersion,
        migratedAt: t.migratedAt,
        exportedAt: t.exportedAt,
      };
      const db = allowlist.has(t.binding) ? (env[t.binding] as D1Database | undefined) : undefined;
      if (!db || typeof db.prepare !== "function") return { ...base, sizeBytes: null, lastWriteAt: null, bound: false };
      try {
        const r = await db.prepare("SELECT max(at) AS last FROM audit_log").all<{ last: number | null }>();
        const size = (r.meta as { size_after?: number }).size_after;
        return { ...base, sizeBytes: size ?? null, lastWriteAt: r.results[0]?.last ?? null, bound: true };
      } catch {
        // An empty or unmigrated database has no audit_log: say so as "no data", not an error page.
        return { ...base, sizeBytes: null, lastWriteAt: null, bound: true };
      }
    }),
  );
}
