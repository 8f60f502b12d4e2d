/**
 * The public version (`public_version`, see workers/public/cache.ts) as this isolate last read it.
 *
 * A cache hit of a public page needs only the version to build its key. Reading it from D1 on
 * every hit was most of a hit's cost (a cached village page served 0.4–0.6× the requests of a
 * static file of the same Worker; with the read skipped, about the same as the file), so an
 * isolate trusts the value it read for VERSION_TRUST_MS:
 * - a write through AuditedWrite in this isolate forgets it at once (`forgetPublicVersion`), so
 *   whoever publishes sees the new page on their next request;
 * - a write in another isolate shows here within VERSION_TRUST_MS — a notice runs for days, a
 *   second is nothing next to that, and 304s carry the version in their ETag all the same.
 */
export const VERSION_TRUST_MS = 1000;

export interface VersionRow {
  n: number;
  seq: number;
}

/** Keyed by the tenant's D1 binding: one entry per tenant database this isolate serves. */
const known = new WeakMap<D1Database, { row: VersionRow; until: number }>();

export async function readPublicVersion(d1: D1Database): Promise<VersionRow> {
  const now = Date.now();
  const hit = known.get(d1);
  if (hit && hit.until > now) return hit.row;
  const row = await d1
    .prepare("SELECT n, ledger_seq AS seq FROM public_version WHERE id = 1")
    .first<{ n: number; seq: number }>();
  const fresh = { n: row?.n ?? 0, seq: row?.seq ?? 0 };
  // A write that forgot the version while this read was in flight must not be undone by it.
  if (known.get(d1) === hit) known.set(d1, { row: fresh, until: now + VERSION_TRUST_MS });
  return fresh;
}

/** After a write to this tenant's database: the next public request reads the version again. */
export function forgetPublicVersion(d1: D1Database): void {
  known.delete(d1);
}
