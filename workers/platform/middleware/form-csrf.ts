import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";
import { AppError } from "../errors/app-error.ts";
import { constantTimeEqual } from "../../lib/bytes.ts";
import { CSRF_FIELD } from "../../../web/components/form.tsx";

/**
 * Admin HTML forms carry the session's CSRF token in a hidden field (synchronizer token), on top
 * of the Origin check that `hono/csrf` does for every form post. Parses the form once and
 * leaves it on the request for the handler.
 */
export const formCsrf = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method === "GET" || c.req.method === "HEAD") return next();
  const user = c.var.user;
  if (!user) throw new AppError("unauthenticated", "请先登录，或登录已过期");
  const form = await c.req.parseBody();
  const sent = typeof form[CSRF_FIELD] === "string" ? (form[CSRF_FIELD] as string) : "";
  const enc = new TextEncoder();
  if (!constantTimeEqual(enc.encode(sent), enc.encode(user.csrfToken))) {
    throw new AppError("forbidden", "页面已过期，请刷新后重新提交");
  }
  await next();
});
