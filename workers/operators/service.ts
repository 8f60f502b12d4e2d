/**
 * Platform operators: people who add, suspend, export and delete tenants. They sign in against
 * the CONTROL database (never a tenant's `users`), their sessions live there, and what they may
 * see is the catalog — never a tenant's personal data.
 */
import { and, eq, gt, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { operators } from "../../db/schema/control/operators.ts";
import { operatorEvents, operatorSessions } from "../../db/schema/control/operator-sessions.ts";
import { verifyPassword } from "../auth/password.ts";
import { randomToken, sha256Hex } from "../lib/bytes.ts";
import { AppError } from "../platform/errors/app-error.ts";

/** Operator sessions end after 8 hours, signed in or not: a working day. */
export const OPERATOR_SESSION_SECONDS = 8 * 3600;
const FAILURE_WINDOW_SECONDS = 600;
const MAX_FAILURES = 5;

export interface Operator {
  id: number;
  username: string;
}

/**
 * Signs an operator in. Five failures per username within 10 minutes lock it for the rest of the
 * window; the lock is checked before the password, so a locked account answers 429 even to the
 * right password.
 */
export async function operatorLogin(
  control: D1Database,
  username: string,
  password: string,
  now = Math.floor(Date.now() / 1000),
): Promise<{ token: string; operator: Operator; expiresAt: number }> {
  const db = drizzle(control);
  const [failures] = await db
    .select({ n: sql<number>`count(*)` })
    .from(operatorEvents)
    .where(
      and(
        eq(operatorEvents.action, "login.failed"),
        eq(operatorEvents.actor, username),
        gt(operatorEvents.at, now - FAILURE_WINDOW_SECONDS),
      ),
    )
    .all();
  if ((failures?.n ?? 0) >= MAX_FAILURES) throw new AppError("rate_limited", "登录失败次数过多，请 10 分钟后再试");
  const op = await db.select().from(operators).where(eq(operators.username, username)).get();
  // Verify against a dummy hash when the user is unknown, so timing does not tell which exist.
  const ok = await verifyPassword(password, op?.passwordHash ?? DUMMY_HASH);
  if (!op || !ok) {
    await db.insert(operatorEvents).values({ at: now, actor: username, action: "login.failed" }).run();
    throw new AppError("unauthenticated", "用户名或密码不正确");
  }
  const token = randomToken();
  const expiresAt = now + OPERATOR_SESSION_SECONDS;
  await control.batch([
    control
      .prepare("INSERT INTO operator_sessions (token_hash, operator_id, expires_at, created_at) VALUES (?, ?, ?, ?)")
      .bind(await sha256Hex(token), op.id, expiresAt, now),
    control.prepare("INSERT INTO operator_events (at, actor, action) VALUES (?, ?, 'login')").bind(now, op.username),
    control.prepare("DELETE FROM operator_sessions WHERE expires_at <= ?").bind(now),
  ]);
  return { token, operator: { id: op.id, username: op.username }, expiresAt };
}

/** The operator of a session token, or null (unknown or expired). */
export async function operatorOfToken(
  control: D1Database,
  token: string | undefined,
  now = Math.floor(Date.now() / 1000),
): Promise<Operator | null> {
  if (!token || token.length > 200) return null;
  const row = await drizzle(control)
    .select({ id: operators.id, username: operators.username })
    .from(operatorSessions)
    .innerJoin(operators, eq(operators.id, operatorSessions.operatorId))
    .where(and(eq(operatorSessions.tokenHash, await sha256Hex(token)), gt(operatorSessions.expiresAt, now)))
    .get();
  return row ?? null;
}

export async function operatorLogout(control: D1Database, token: string): Promise<void> {
  await control
    .prepare("DELETE FROM operator_sessions WHERE token_hash = ?")
    .bind(await sha256Hex(token))
    .run();
}

// PBKDF2 of a random password nobody knows, same cost as real hashes.
const DUMMY_HASH = "pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
