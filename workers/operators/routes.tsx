/**
 * Platform operators' own door: `/platform/*` pages and `/api/v1/platform/*` JSON, signed in
 * against CONTROL with a cookie scoped to `/platform` (or a Bearer token). No tenant middleware,
 * no tenant session: a tenant's administrator cannot reach these, nor an operator a tenant.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { OperatorLoginPage } from "../../web/pages/platform/operator-login.tsx";
import { OperatorTenantsPage } from "../../web/pages/platform/operator-tenants.tsx";
import type { AppEnv } from "../platform/env.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { createRouter } from "../platform/router.ts";
import { pageTenants } from "../platform/tenancy/catalog.ts";
import { tenantStatus } from "./fleet-status.ts";
import { OperatorLoginBody, TenantListQuery } from "./schemas.ts";
import { OPERATOR_SESSION_SECONDS, operatorLogin, operatorLogout, operatorOfToken, type Operator } from "./service.ts";

const COOKIE = "bangfu_operator";

function isLocalhost(c: Context<AppEnv>): boolean {
  const host = new URL(c.req.url).hostname;
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}

function tokenOf(c: Context<AppEnv>): string | undefined {
  const auth = c.req.header("authorization");
  if (auth?.startsWith("Bearer ")) return auth.slice(7).trim() || undefined;
  return getCookie(c, COOKIE);
}

async function requireOperator(c: Context<AppEnv>): Promise<Operator> {
  const op = await operatorOfToken(c.env.CONTROL, tokenOf(c));
  if (!op) throw new AppError("unauthenticated", "请先以平台运维身份登录");
  return op;
}

function listQuery(c: Context<AppEnv>) {
  const parsed = TenantListQuery.safeParse(c.req.query());
  if (!parsed.success) throw new AppError("validation_failed", parsed.error.issues[0]?.message ?? "查询参数有误");
  return parsed.data;
}

async function fleetPage(c: Context<AppEnv>) {
  const q = listQuery(c);
  const page = await pageTenants(c.env.CONTROL, {
    page: q.page,
    size: q.size,
    province: q.province,
    status: q.status,
    search: q.q,
  });
  const rows = await tenantStatus(c.env as unknown as Record<string, unknown>, page.items);
  return { q, page, rows };
}

export const operatorsPages = createRouter();

operatorsPages.get("/login", (c) => c.html(<OperatorLoginPage />));

operatorsPages.post("/login", async (c) => {
  const form = await c.req.parseBody();
  const parsed = OperatorLoginBody.safeParse({ username: form.username, password: form.password });
  const username = typeof form.username === "string" ? form.username : "";
  if (!parsed.success)
    return c.html(
      <OperatorLoginPage username={username} error={parsed.error.issues[0]?.message ?? "请填写用户名和密码"} />,
      400,
    );
  try {
    const { token } = await operatorLogin(c.env.CONTROL, parsed.data.username, parsed.data.password);
    setCookie(c, COOKIE, token, {
      path: "/platform",
      httpOnly: true,
      sameSite: "Strict",
      secure: !isLocalhost(c),
      maxAge: OPERATOR_SESSION_SECONDS,
    });
    return c.redirect("/platform/tenants", 303);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return c.html(<OperatorLoginPage username={username} error={err.message} />, err.status);
  }
});

operatorsPages.post("/logout", async (c) => {
  const token = tokenOf(c);
  if (token) await operatorLogout(c.env.CONTROL, token);
  deleteCookie(c, COOKIE, { path: "/platform", secure: !isLocalhost(c) });
  return c.redirect("/platform/login", 303);
});

operatorsPages.get("/tenants", async (c) => {
  const op = await operatorOfToken(c.env.CONTROL, tokenOf(c));
  if (!op) return c.redirect("/platform/login", 303);
  const { q, page, rows } = await fleetPage(c);
  return c.html(
    <OperatorTenantsPage
      operator={op.username}
      rows={rows}
      query={{ province: q.province, status: q.status, q: q.q }}
      page={page.page}
      size={page.size}
      total={page.total}
    />,
  );
});

/** JSON for scripts and monitoring, same data as the page. */
export const operatorsApi = createRouter();

operatorsApi.post("/login", async (c) => {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new AppError("bad_request", "请求体须为 JSON");
  }
  const parsed = OperatorLoginBody.safeParse(body);
  if (!parsed.success) throw new AppError("validation_failed", parsed.error.issues[0]?.message ?? "请填写用户名和密码");
  const { token, operator, expiresAt } = await operatorLogin(c.env.CONTROL, parsed.data.username, parsed.data.password);
  return c.json({ token, username: operator.username, expiresAt }, 200);
});

operatorsApi.get("/tenants", async (c) => {
  await requireOperator(c);
  const { page, rows } = await fleetPage(c);
  return c.json({ items: rows, total: page.total, page: page.page, size: page.size }, 200);
});
