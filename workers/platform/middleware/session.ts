import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors/app-error.ts";
import { can, type Permission } from "../../domain/permissions.ts";
import { sessionTokenOf } from "./session-cookie.ts";
import { loadSession } from "../../domain/sessions.ts";
import { withUser } from "../../domain/service-context.ts";

/** Puts the signed-in user (if any) on `c.var.user`. A session of another tenant is simply unknown here. */
export const sessionMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  const token = sessionTokenOf(c);
  const user = token ? await loadSession(c.var.ctx, token) : undefined;
  c.set("user", user);
  c.set("ctx", withUser(c.var.ctx, user));
  await next();
});

/**
 * 401 without a live session; 403 when the user's role lacks `permission` (from the one table).
 * The middleware carries its permission, so tests can read every route's permission from the app.
 */
export function requirePermission(permission: Permission) {
  const middleware = createMiddleware<AppEnv>(async (c, next) => {
    const user = c.var.user;
    if (!user) throw new AppError("unauthenticated", "请先登录，或登录已过期");
    if (!can(user.role, permission)) throw new AppError("forbidden", "您的角色无权进行此操作");
    await next();
  });
  return Object.assign(middleware, { permission });
}
