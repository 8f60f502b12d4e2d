import { drizzle } from "drizzle-orm/d1";
import { and, eq, like, or, sql } from "drizzle-orm";
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

export interface CatalogPage {
  items: TenantRow[];
  total: number;
  page: number;
  size: number;
}

/**
 * One page of the catalog in division-code order (so provinces come out grouped), filtered by
 * province (two digits), status and a name/slug search. Two indexed queries, however big the fleet.
 */
export async function pageTenants(
  control: D1Database,
  q: { page: number; size: number; province?: string; status?: TenantRow["status"]; search?: string },
): Promise<CatalogPage> {
  const where = [
    q.status ? eq(tenants.status, q.status) : undefined,
    q.province ? like(tenants.divisionCode, `${q.province}%`) : undefined,
    q.search ? or(like(tenants.name, `%${q.search}%`), like(tenants.slug, `%${q.search}%`)) : undefined,
  ].filter((w) => w !== undefined);
  const cond = where.length ? and(...where) : undefined;
  const db = drizzle(control);
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(tenants)
      .where(cond)
      .orderBy(tenants.divisionCode)
      .limit(q.size)
      .offset((q.page - 1) * q.size)
      .all(),
    db.select({ n: sql<number>`count(*)` }).from(tenants).where(cond).all(),
  ]);
  return { items, total: count?.n ?? 0, page: q.page, size: q.size };
}

/** Active tenants per province (two-digit prefix), for the platform home's province links. */
export async function activeCountsByProvince(control: D1Database): Promise<{ province: string; count: number }[]> {
  return drizzle(control)
    .select({ province: sql<string>`substr(${tenants.divisionCode}, 1, 2)`, count: sql<number>`count(*)` })
    .from(tenants)
    .where(eq(tenants.status, "active"))
    .groupBy(sql`substr(${tenants.divisionCode}, 1, 2)`)
    .orderBy(sql`substr(${tenants.divisionCode}, 1, 2)`)
    .all();
}
