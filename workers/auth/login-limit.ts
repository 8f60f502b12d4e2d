import { and, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { TenantDb } from "../platform/env.ts";
import { loginFailures } from "../../db/schema/tenant/users.ts";

/** At most this many failed sign-ins per account, and per client, in the window. */
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_SECONDS = 10 * 60;

export function limitKeys(username: string, clientIp: string): string[] {
  return [`user:${username.toLowerCase()}`, `client:${clientIp}`];
}

/**
 * Seconds until the next attempt is allowed, or 0. Stored in D1, so it holds across requests
 * and isolates: when a key has `LOGIN_MAX_FAILURES` failures inside the window, the wait is until
 * the oldest of the latest five leaves the window.
 */
export async function secondsLocked(db: TenantDb, keys: string[], now: number): Promise<number> {
  let wait = 0;
  for (const key of keys) {
    const recent = await db
      .select({ at: loginFailures.at })
      .from(loginFailures)
      .where(and(eq(loginFailures.key, key), gt(loginFailures.at, now - LOGIN_WINDOW_SECONDS)))
      .orderBy(sql`${loginFailures.at} DESC`)
      .limit(LOGIN_MAX_FAILURES)
      .all();
    if (recent.length >= LOGIN_MAX_FAILURES) {
      const oldest = recent[recent.length - 1]!.at;
      wait = Math.max(wait, oldest + LOGIN_WINDOW_SECONDS - now);
    }
  }
  return wait;
}

export function recordFailure(db: TenantDb, keys: string[], now: number) {
  return db.insert(loginFailures).values(keys.map((key) => ({ key, at: now })));
}

/** On success the account's count starts over; the client's does not (it may be guessing many accounts). */
export function clearAccountFailures(db: TenantDb, username: string) {
  return db.delete(loginFailures).where(eq(loginFailures.key, `user:${username.toLowerCase()}`));
}

/** Housekeeping: rows older than the window mean nothing. */
export function pruneFailures(db: TenantDb, keys: string[], now: number) {
  return db
    .delete(loginFailures)
    .where(and(inArray(loginFailures.key, keys), lt(loginFailures.at, now - LOGIN_WINDOW_SECONDS)));
}
