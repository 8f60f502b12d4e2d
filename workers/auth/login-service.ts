import { eq } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { sessions, users, type Role } from "../../db/schema/tenant/users.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import {
  clearAccountFailures,
  limitKeys,
  lockInfo,
  pruneFailures,
  releaseAttempt,
  reserveAttempt,
} from "./login-limit.ts";
import { newSession, now } from "../domain/sessions.ts";

/** Compared against when the username is unknown, so both paths cost one PBKDF2. */
let decoyHash: Promise<string> | undefined;

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: number;
  user: { id: number; username: string; displayName: string; role: Role; townshipCode: string | null };
}

/** Signs a user in, or throws 401 (wrong credentials) / 429 (too many failures, with Retry-After). */
export async function login(ctx: ServiceContext, username: string, password: string): Promise<LoginResult> {
  const db = ctx.db;
  const t = now();
  const keys = limitKeys(username, ctx.clientIp);
  // The attempt is counted before the password is checked (atomically), and taken back on success.
  const reserved = await reserveAttempt(ctx.d1, keys, t);
  if (!reserved) {
    const { wait, by } = await lockInfo(db, keys, t);
    const minutes = Math.ceil(wait / 60);
    const who = by === "account" ? "该账号登录失败次数过多，已暂时锁定" : "本网络地址登录失败次数过多";
    throw new AppError("rate_limited", `${who}，请在 ${minutes} 分钟后再试`, {
      headers: { "Retry-After": String(wait) },
    });
  }

  const user = await db.select().from(users).where(eq(users.username, username)).get();
  // An unknown user costs the same PBKDF2 work as a known one (no timing oracle for names).
  decoyHash ??= hashPassword("decoy-password");
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
  const actor = user
    ? { id: user.id, name: user.username, role: user.role }
    : { id: null, name: username.slice(0, 64), role: "anonymous" };

  if (!user || !ok || user.status !== "active") {
    await new AuditedWrite(ctx, actor)
      .add(pruneFailures(db, keys, t))
      .audit({
        action: "auth.login_failed",
        entity: "user",
        entityId: user?.id ?? null,
        after: { username, reason: !user ? "unknown_user" : !ok ? "wrong_password" : "disabled" },
      })
      .commit();
    throw new AppError("unauthenticated", "用户名或密码错误");
  }

  const s = await newSession();
  await new AuditedWrite(ctx, actor)
    .add(
      db.insert(sessions).values({
        tokenHash: s.tokenHash,
        userId: user.id,
        csrfToken: s.csrfToken,
        createdAt: s.createdAt,
        lastSeenAt: s.createdAt,
      }),
    )
    .add(releaseAttempt(db, reserved))
    .add(clearAccountFailures(db, username))
    .audit({ action: "auth.login", entity: "user", entityId: user.id })
    .commit();
  return {
    token: s.token,
    csrfToken: s.csrfToken,
    expiresAt: s.expiresAt,
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      townshipCode: user.townshipCode,
    },
  };
}

/** Revokes the current session (the row stays, marked revoked). */
export async function logout(ctx: ServiceContext): Promise<void> {
  const user = ctx.user;
  if (!user) return;
  await new AuditedWrite(ctx)
    .add(ctx.db.update(sessions).set({ revokedAt: now() }).where(eq(sessions.tokenHash, user.tokenHash)))
    .audit({ action: "auth.logout", entity: "user", entityId: user.id })
    .commit();
}
