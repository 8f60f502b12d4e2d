import type { Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { fnv1a } from "../lib/fnv.ts";
import { publicVersion } from "./queries.ts";
import { PUBLIC_STYLE_HASH } from "../../web/styles/public.css.ts";

const STYLE_KEY = fnv1a(PUBLIC_STYLE_HASH);

/**
 * Caching of the public pages (documented in README "公开页面的缓存").
 *
 * Version: one primary-key read of the `public_version` row. Triggers on every table a public
 * page reads bump it inside the writing statement (db/migrations/tenant/0011_public_scale.sql),
 * so it moves in the writer's own D1 batch and no writer can forget it; its `ledger_seq` is the
 * ledger head. Today's date in China is part of the key (a notice's period ends at midnight).
 * tests/perf/query-plans.test.ts checks that every table the public pages read has such a trigger.
 *
 * Edge cache: the rendered page is stored in the Workers Cache API (`caches.default`) under
 * the page URL plus the version, for 10 minutes; a new publication changes the key, so the
 * next request renders afresh and the old entry simply expires.
 *
 * Browser: `Cache-Control: public, no-cache` and an ETag `"v<ledger seq>-<hash of the body>"`:
 * a returning phone revalidates with `If-None-Match` and gets a body-less 304 while nothing
 * was published. ETags of the body are always right, even after a deploy changes a template.
 */
const EDGE_TTL_SECONDS = 600;

/**
 * In front of the edge cache, this isolate keeps the pages it served last (same key: URL +
 * version + stylesheet), so a hit costs the one version read and a Map lookup, not a Cache API
 * round trip and a body copy. Bounded by count and bytes, least recently used out first; an old
 * version's entries are never asked for again and age out the same way.
 */
const MEMO_MAX_ENTRIES = 256;
const MEMO_MAX_BYTES = 8 * 1024 * 1024;
const memo = new Map<string, { etag: string; body: string }>();
let memoBytes = 0;

function memoGet(key: string): { etag: string; body: string } | undefined {
  const hit = memo.get(key);
  if (hit) {
    // Most recently used last: Map keeps insertion order.
    memo.delete(key);
    memo.set(key, hit);
  }
  return hit;
}

function memoSet(key: string, etag: string, body: string): void {
  // UTF-16 code units × 2: what the strings hold in memory, near enough.
  const size = body.length * 2;
  if (size > MEMO_MAX_BYTES / 8) return;
  const old = memo.get(key);
  if (old) {
    memo.delete(key);
    memoBytes -= old.body.length * 2;
  }
  memo.set(key, { etag, body });
  memoBytes += size;
  for (const [k, v] of memo) {
    if (memo.size <= MEMO_MAX_ENTRIES && memoBytes <= MEMO_MAX_BYTES) break;
    memo.delete(k);
    memoBytes -= v.body.length * 2;
  }
}

function edgeCache(): Cache | undefined {
  return (globalThis as { caches?: { default?: Cache } }).caches?.default;
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

function later(c: Context<AppEnv>, p: Promise<unknown>): void {
  try {
    c.executionCtx.waitUntil(p.catch(() => undefined));
  } catch {
    void p.catch(() => undefined);
  }
}

/**
 * Serves a public GET page through the version-keyed caches. `render` returns the body; it
 * runs only on a cache miss. Errors (404 …) are thrown by `render` and never cached.
 */
export async function cachedPublic(
  c: Context<AppEnv>,
  contentType: string,
  render: () => Promise<string>,
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  const version = await publicVersion(c.var.ctx);
  const url = new URL(c.req.url);
  // The inline stylesheet's hash is in the key too: after a release that changes it, a cached page
  // would carry the old stylesheet, which the new CSP hash blocks.
  const keyUrl = `${url.origin}${url.pathname}${url.search}${url.search ? "&" : "?"}__v=${version.token}&__s=${STYLE_KEY}`;
  let body: string | undefined;
  let etag: string | undefined;
  let source: "MEMO" | "HIT" | "MISS" = "MISS";
  const kept = memoGet(keyUrl);
  if (kept) {
    ({ body, etag } = kept);
    source = "MEMO";
  }
  const cache = kept ? undefined : edgeCache();
  const key = cache ? new Request(keyUrl, { method: "GET" }) : undefined;
  const hit = key ? await cache!.match(key).catch(() => undefined) : undefined;
  if (hit) {
    etag = hit.headers.get("ETag") ?? undefined;
    body = await hit.text();
    source = "HIT";
  }
  if (body === undefined || !etag) {
    body = await render();
    etag = `"v${version.seq}-${fnv1a(body)}"`;
    source = "MISS";
    if (cache && key) {
      const stored = new Response(body, {
        headers: { "Content-Type": contentType, ETag: etag, "Cache-Control": `public, max-age=${EDGE_TTL_SECONDS}` },
      });
      later(c, cache.put(key, stored));
    }
  }
  if (source !== "MEMO") memoSet(keyUrl, etag, body);
  const headers: Record<string, string> = {
    "Content-Type": contentType,
    ETag: etag,
    "Cache-Control": "public, no-cache",
    Vary: "Accept-Encoding",
    "X-Ledger-Head": String(version.seq),
    // MEMO and HIT are both cache hits (this isolate's memory, the edge cache).
    "X-Cache": source === "MISS" ? "MISS" : "HIT",
    ...extraHeaders,
  };
  if (etagMatches(c.req.header("If-None-Match"), etag)) {
    const h = { ...headers };
    delete h["Content-Type"];
    return new Response(null, { status: 304, headers: h });
  }
  return new Response(body, { status: 200, headers });
}

/** Answers that must never be stored anywhere: self-query results, tracking lookups, forms. */
export function noStore(c: Context<AppEnv>): void {
  c.header("Cache-Control", "no-store");
}
