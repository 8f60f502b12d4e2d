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
 * live in D1, so they hold across isolates. The check reads, then the submission is recorded
 * in the caller's batch: two requests racing at the very limit may both pass, which is fine for
 * a spam brake (it is not a money rule).
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
 * Throws 429 with Retry-After when this client already made `rule.max` submissions of `kind`
 * inside the window; otherwise adds the record (and the pruning of this client's expired rows)
 * to `w`, so it is stored only if the submission itself is.
 */
export async function checkAndRecord(
  ctx: ServiceContext,
  w: AuditedWrite,
  kind: string,
  rule: LimitRule,
): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  const hash = await clientHash(ctx);
  const db = ctx.db;
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
  if (recent.length >= rule.max) {
    const wait = Math.max(1, recent[recent.length - 1]!.at + rule.windowSeconds - now);
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
  w.add(db.insert(publicSubmissions).values({ kind, clientHash: hash, at: now }));
}
