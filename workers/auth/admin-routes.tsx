import { Hono } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { LoginPage } from "../../web/pages/admin/login.tsx";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { LoginBody } from "./schemas.ts";
import { clearSessionCookie, setSessionCookie } from "../platform/middleware/session-cookie.ts";
import { login, logout } from "./login-service.ts";

export const authAdmin = new Hono<AppEnv>();

/** Only same-tenant admin paths are valid places to return to after signing in. */
function safeNext(slug: string, next: unknown): string {
  const base = `/t/${slug}/admin`;
  return typeof next === "string" && next.startsWith(`${base}`) && !next.startsWith("//") && !next.includes("\\")
    ? next
    : base;
}

authAdmin.get("/login", (c) => {
  if (c.var.user) return c.redirect(`/t/${c.var.tenant.slug}/admin`, 303);
  c.header("Cache-Control", "no-store");
  return c.html(<LoginPage tenant={c.var.tenant} next={c.req.query("next")} />);
});

authAdmin.post("/login", async (c) => {
  const form = await c.req.parseBody();
  const next = safeNext(c.var.tenant.slug, form.next);
  const parsed = LoginBody.safeParse({ username: form.username, password: form.password });
  const username = typeof form.username === "string" ? form.username : "";
  if (!parsed.success)
    return c.html(<LoginPage tenant={c.var.tenant} next={next} username={username} error="请输入用户名和密码" />, 400);
  try {
    const result = await login(c.var.ctx, parsed.data.username, parsed.data.password);
    setSessionCookie(c, result.token);
    return c.redirect(next, 303);
  } catch (err) {
    if (!(err instanceof AppError) || (err.code !== "unauthenticated" && err.code !== "rate_limited")) throw err;
    for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
    return c.html(
      <LoginPage tenant={c.var.tenant} next={next} username={username} error={err.message} />,
      err.status as 401 | 429,
    );
  }
});

authAdmin.post("/logout", formCsrf, async (c) => {
  await logout(c.var.ctx);
  clearSessionCookie(c);
  return c.redirect(`/t/${c.var.tenant.slug}/admin/login`, 303);
});
