import { type Context, Hono } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { LoginPage } from "../../web/pages/admin/login.tsx";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { type FormPage, formValidator, type TextValues } from "../platform/admin-form.ts";
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

const loginPage = (c: Context<AppEnv>, values: TextValues, error: string, status: 400 | 401 | 429) =>
  c.html(
    <LoginPage
      tenant={c.var.tenant}
      next={safeNext(c.var.tenant.slug, values.next)}
      username={values.username ?? ""}
      error={error}
    />,
    status,
  );

// Validation goes through the one form path; a refused sign-in (401, or 429 with Retry-After) is
// sign-in's own answer, which `submitForm` deliberately leaves to the error page everywhere else.
const invalidLogin: FormPage<TextValues> = (c, state) => loginPage(c, state.values, "请输入用户名和密码", 400);

authAdmin.post("/login", formValidator(LoginBody, invalidLogin), async (c) => {
  const { data, values } = c.req.valid("form");
  try {
    const result = await login(c.var.ctx, data.username, data.password);
    setSessionCookie(c, result.token);
    return c.redirect(safeNext(c.var.tenant.slug, values.next), 303);
  } catch (err) {
    if (!(err instanceof AppError) || (err.code !== "unauthenticated" && err.code !== "rate_limited")) throw err;
    for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
    return loginPage(c, values, err.message, err.status as 401 | 429);
  }
});

authAdmin.post("/logout", formCsrf, async (c) => {
  await logout(c.var.ctx);
  clearSessionCookie(c);
  return c.redirect(`/t/${c.var.tenant.slug}/admin/login`, 303);
});
