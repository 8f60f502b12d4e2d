/**
 * The public verification result, cached per ledger head (tenant, head seq, head hash) in the
 * Workers cache: the same head gives the same answer, so a burst of villagers pressing 校验 costs
 * one verification. Any new entry moves the head and so misses the cache. Where no cache exists
 * (Node scripts) every call verifies.
 */
const ORIGIN = "https://ledger-verify.bangfu.invalid";
const TTL_SECONDS = 24 * 3600;

function store(): Cache | null {
  return typeof caches === "undefined" ? null : (caches as unknown as { default: Cache }).default;
}

function keyOf(tenant: string, head: { seq: number; hash: string } | null): Request {
  return new Request(`${ORIGIN}/${encodeURIComponent(tenant)}/${head ? `${head.seq}/${head.hash}` : "empty"}`);
}

export async function cachedVerification<T>(
  tenant: string,
  head: { seq: number; hash: string } | null,
): Promise<T | null> {
  const cache = store();
  if (!cache) return null;
  const hit = await cache.match(keyOf(tenant, head));
  return hit ? ((await hit.json()) as T) : null;
}

export async function cacheVerification(
  tenant: string,
  head: { seq: number; hash: string } | null,
  result: unknown,
): Promise<void> {
  const cache = store();
  if (!cache) return;
  await cache.put(
    keyOf(tenant, head),
    new Response(JSON.stringify(result), {
      headers: { "Content-Type": "application/json", "Cache-Control": `max-age=${TTL_SECONDS}` },
    }),
  );
}
