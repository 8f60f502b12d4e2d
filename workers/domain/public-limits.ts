import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { ServiceContext } from "./service-context.ts";
import { publicSubmissions } from "../../db/schema/tenant/notices.ts";
import type { AuditedWrite } from "./audited-write.ts";
import { AppError } from "../platform/errors/app-error.ts";

import { searchHash } from "../lib/pii-crypto.ts";

/**
 * Per-client limits for anonymous public submissions (objections, feedback, self-queries).
 *
 * The client is identified by a keyed hash (per-tenant HMAC key) of CF-Connecting-IP: the
 * table never holds an IP address, and a copied database cannot be reversed to one. Counts
 * live in D1, so they hold across isolates. Each try is counted before it is answered, by one
 * guarded INSERT (see `checkAndRecord`), so concurrent requests cannot race past the limit.
 */
export interface LimitRule {
  /** At most this many submissions of `kind` per client … */
  max: number;
  /** … in this sliding window. */
  windowSeconds: number;
}

/** 5 objections per client per hour. */
export const OBJECTION_LIMIT: LimitRule = { max: 5, windowSeconds: 3600 };

export async function clientHash(ctx: ServiceContext): Promise<string> {
  return searchHash(await ctx.piiKeys(), `public-client/v1\n${ctx.clientIp}`);
}

/**
 * Counts this submission before it is answered, atomically: a single guarded statement inserts the
 * record only while the client is under `rule.max` inside the window, so concurrent requests cannot
 * all slip under the limit (forty self-queries at once: at most `max` are answered). Throws 429
 * with Retry-After when the limit is reached. The try counts even if the submission then fails:
 * this is a brake on guessing, and a failed try is still a try. `w` gets the pruning of this
 * client's expired rows.
 */
export async function checkAndRecord(
  ctx: ServiceContext,
  w: AuditedWrite,
  kind: string,
  rule: LimitRule,
): Promise<void> {
  const now = ctx.now();
  const hash = await clientHash(ctx);
  const db = ctx.db;
  const taken = await ctx.d1
    .prepare(
      `INSERT INTO public_submissions (kind, client_hash, at)
       SELECT ?1, ?2, ?3
       WHERE (SELECT count(*) FROM public_submissions WHERE kind = ?1 AND client_hash = ?2 AND at > ?4) < ?5`,
    )
    .bind(kind, hash, now, now - rule.windowSeconds, rule.max)
    .run();
  if ((taken.meta.changes ?? 0) === 0) {
    const recent = await db
      .select({ at: publicSubmissions.at })
      .from(publicSubmissions)
      .where(
        and(
          eq(publicSubmissions.kind, kind),
          eq(publicSubmissions.clientHash, hash),
          gt(publicSubmissions.at, now - rule.windowSeconds),
        ),
      )
      .orderBy(sql`${publicSubmissions.at} DESC`)
      .limit(rule.max)
      .all();
    const oldest = recent[recent.length - 1]?.at ?? now;
    const wait = Math.max(1, oldest + rule.windowSeconds - now);
    const minutes = Math.ceil(wait / 60);
    throw new AppError("rate_limited", `提交过于频繁，请 ${minutes} 分钟后再试`, {
      headers: { "Retry-After": String(wait) },
    });
  }
  w.add(
    db
      .delete(publicSubmissions)
      .where(
        and(
          eq(publicSubmissions.kind, kind),
          eq(publicSubmissions.clientHash, hash),
          lt(publicSubmissions.at, now - rule.windowSeconds),
        ),
      ),
  );
}
