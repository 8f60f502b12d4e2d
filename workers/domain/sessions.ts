import { and, eq, isNull, sql } from "drizzle-orm";
import type { ServiceContext, SessionUser } from "./service-context.ts";
import { sessions, users } from "../../db/schema/tenant/users.ts";
import { randomToken, sha256Hex } from "../lib/bytes.ts";

/** A session ends after this long without a request… */
export const SESSION_IDLE_SECONDS = 2 * 60 * 60;
/** …and in any case this long after sign-in. */
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;
/** Bookkeeping only: refresh `last_seen_at` at most this often (not audited). */
const TOUCH_EVERY_SECONDS = 60;

export const now = (): number => Math.floor(Date.now() / 1000);

export interface NewSession {
  token: string;
  tokenHash: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

export async function newSession(): Promise<NewSession> {
  const token = randomToken(32);
  const createdAt = now();
  return {
    token,
    tokenHash: await sha256Hex(token),
    csrfToken: randomToken(24),
    createdAt,
    expiresAt: createdAt + SESSION_ABSOLUTE_SECONDS,
  };
}

/** Finds the live session for a raw token, or undefined. Touches it now and then. */
export async function loadSession(ctx: ServiceContext, token: string): Promise<SessionUser | undefined> {
  const db = ctx.db;
  const tokenHash = await sha256Hex(token);
  const t = now();
  const row = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      townshipCode: users.townshipCode,
      cadreId: users.cadreId,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        isNull(sessions.revokedAt),
        eq(users.status, "active"),
        sql`${sessions.lastSeenAt} > ${t - SESSION_IDLE_SECONDS}`,
        sql`${sessions.createdAt} > ${t - SESSION_ABSOLUTE_SECONDS}`,
      ),
    )
    .get();
  if (!row) return undefined;
  if (t - row.lastSeenAt >= TOUCH_EVERY_SECONDS) {
    await db.update(sessions).set({ lastSeenAt: t }).where(eq(sessions.tokenHash, tokenHash));
  }
  const { lastSeenAt: _ignored, ...user } = row;
  return { ...user, tokenHash };
}
