import { and, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { TenantDb } from "../platform/env.ts";
import { loginFailures } from "../../db/schema/tenant/users.ts";

/**
 * Two limits, stored in D1 (they hold across requests and isolates):
 * - per account: 5 failed sign-ins in 10 minutes lock that account (even the right password waits);
 * - per address: 50 failed sign-ins in 10 minutes from one address block that address. The address
 *   limit is much higher, because a county office signs in from one address: one person guessing
 *   must not lock out everyone else there.
 */
export const LOGIN_MAX_FAILURES = 5;
export const CLIENT_MAX_FAILURES = 50;
export const LOGIN_WINDOW_SECONDS = 10 * 60;

export interface LimitKeys {
  account: string;
  client: string;
}

export function limitKeys(username: string, clientIp: string): LimitKeys {
  return { account: `user:${username.toLowerCase()}`, client: `client:${clientIp}` };
}

/**
 * Counts this attempt before the password is checked, atomically: one statement inserts a row for
 * the account and one for the address only while both are under their limits, so forty attempts
 * sent at once cannot all slip under the limit. Returns the ids of the rows (an attempt that
 * succeeds takes them back), or null when a limit is reached.
 */
export async function reserveAttempt(d1: D1Database, keys: LimitKeys, now: number): Promise<number[] | null> {
  const since = now - LOGIN_WINDOW_SECONDS;
  const rows = await d1
    .prepare(
      `INSERT INTO login_failures (key, at)
       SELECT k.value, ?1 FROM json_each(?2) AS k
       WHERE (SELECT count(*) FROM login_failures WHERE key = ?3 AND at > ?5) < ?6
         AND (SELECT count(*) FROM login_failures WHERE key = ?4 AND at > ?5) < ?7
       RETURNING id`,
    )
    .bind(
      now,
      JSON.stringify([keys.account, keys.client]),
      keys.account,
      keys.client,
      since,
      LOGIN_MAX_FAILURES,
      CLIENT_MAX_FAILURES,
    )
    .all<{ id: number }>();
  return rows.results.length > 0 ? rows.results.map((r) => r.id) : null;
}

/** Seconds until the blocking limit (account or address) lets an attempt through again, and which one. */
export async function lockInfo(
  db: TenantDb,
  keys: LimitKeys,
  now: number,
): Promise<{ wait: number; by: "account" | "client" }> {
  let result: { wait: number; by: "account" | "client" } = { wait: 1, by: "account" };
  for (const [by, key, max] of [
    ["account", keys.account, LOGIN_MAX_FAILURES],
    ["client", keys.client, CLIENT_MAX_FAILURES],
  ] as const) {
    const recent = await db
      .select({ at: loginFailures.at })
      .from(loginFailures)
      .where(and(eq(loginFailures.key, key), gt(loginFailures.at, now - LOGIN_WINDOW_SECONDS)))
      .orderBy(sql`${loginFailures.at} DESC`)
      .limit(max)
      .all();
    if (recent.length >= max) {
      const wait = Math.max(1, recent[recent.length - 1]!.at + LOGIN_WINDOW_SECONDS - now);
      if (wait > result.wait || result.wait === 1) result = { wait, by };
    }
  }
  return result;
}

/** A successful sign-in takes back the attempt it reserved (two rows: account and address), so right passwords never count. */
export function releaseAttempt(db: TenantDb, ids: number[]) {
  return db.delete(loginFailures).where(inArray(loginFailures.id, ids));
}

/** On success the account's count starts over; the address's does not (it may be guessing many accounts). */
export function clearAccountFailures(db: TenantDb, username: string) {
  return db.delete(loginFailures).where(eq(loginFailures.key, `user:${username.toLowerCase()}`));
}

/** Housekeeping: rows older than the window mean nothing. */
export function pruneFailures(db: TenantDb, keys: LimitKeys, now: number) {
  return db
    .delete(loginFailures)
    .where(
      and(inArray(loginFailures.key, [keys.account, keys.client]), lt(loginFailures.at, now - LOGIN_WINDOW_SECONDS)),
    );
}
