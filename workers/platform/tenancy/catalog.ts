import { drizzle } from "drizzle-orm/d1";
import { eq } from "drizzle-orm";
import { tenants, type TenantRow } from "../../../db/schema/control/tenants.ts";

/** How long a catalog lookup is trusted per isolate; a suspension takes effect within this. */
const CATALOG_TTL_MS = 15_000;

const cache = new Map<string, { row: TenantRow | null; until: number }>();

/** Looks a tenant up by slug in the control database, with a short per-isolate cache. */
export async function findTenant(control: D1Database, slug: string): Promise<TenantRow | null> {
  const now = Date.now();
  const hit = cache.get(slug);
  if (hit && hit.until > now) return hit.row;
  const row = (await drizzle(control).select().from(tenants).where(eq(tenants.slug, slug)).get()) ?? null;
  cache.set(slug, { row, until: now + CATALOG_TTL_MS });
  return row;
}

export async function listActiveTenants(control: D1Database): Promise<TenantRow[]> {
  return drizzle(control)
    .select()
    .from(tenants)
    .where(eq(tenants.status, "active"))
    .orderBy(tenants.divisionCode)
    .all();
}

/** Forget cached rows (after an operator changes the catalog in this isolate). */
export function forgetTenant(slug?: string): void {
  if (slug) cache.delete(slug);
  else cache.clear();
}
