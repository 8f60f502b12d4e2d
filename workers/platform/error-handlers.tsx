import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./env.ts";
import { AppError, ERROR_TITLES } from "./errors/app-error.ts";
import { problemResponse } from "./errors/problem.ts";
import { mentionsUniqueConstraint, uniqueConflict } from "./errors/unique-conflict.ts";
import { ErrorBody, ErrorPage, type ErrorLink } from "../../web/pages/error-page.tsx";
import { renderAdmin } from "./admin-render.tsx";

/** API paths answer problem+json; everything else answers a zh-CN HTML page. */
function wantsProblem(c: Context<AppEnv>): boolean {
  return /\/api\//.test(new URL(c.req.url).pathname);
}

function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) {
    const s = err.status;
    if (s === 413) return new AppError("payload_too_large", "提交的内容超过了大小上限");
    if (s === 403) return new AppError("forbidden", "请求来源未通过校验（跨站请求已拒绝）");
    if (s === 400) return new AppError("bad_request", "请求格式有误（例如 JSON 无法解析）");
    if (s === 401) return new AppError("unauthenticated");
    if (s === 404) return new AppError("not_found");
    if (s === 415) return new AppError("unsupported_media_type");
  }
  // Body parsers throw plain SyntaxErrors on malformed JSON: that is the client's mistake.
  if (err instanceof SyntaxError) return new AppError("bad_request", "请求体不是有效的 JSON");
  // Last line for a duplicate that reached the database outside AuditedWrite: a 409, never a 500.
  if (mentionsUniqueConstraint(err)) return uniqueConflict(err);
  return undefined;
}

export function respondWithError(c: Context<AppEnv>, err: AppError): Response | Promise<Response> {
  if (wantsProblem(c)) return problemResponse(err, c);
  const tenant = c.get("tenant");
  if (err.code === "unauthenticated" && tenant && c.req.method === "GET") {
    const url = new URL(c.req.url);
    return c.redirect(`/t/${tenant.slug}/admin/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
  }
  for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
  c.header("Cache-Control", "no-store");
  const body = {
    status: err.status,
    title: ERROR_TITLES[err.code],
    detail: err.message,
    requestId: c.get("requestId"),
  };
  const path = new URL(c.req.url).pathname;
  const adminBase = tenant ? `/t/${tenant.slug}/admin` : undefined;
  // Signed in to the admin UI: the error sits inside the usual shell, menu included, so there is
  // always a way on; plus the screen one level up and the dashboard.
  if (adminBase && c.var.user && path.startsWith(`${adminBase}/`)) {
    return renderAdmin(c, {
      title: body.title,
      nav: "",
      status: err.status,
      children: <ErrorBody {...body} links={adminWaysBack(adminBase, path)} />,
    });
  }
  const links: ErrorLink[] = tenant
    ? [
        { href: `/t/${tenant.slug}/`, label: `返回${tenant.name}公开首页` },
        ...(adminBase && path.startsWith(adminBase) ? [{ href: `${adminBase}/login`, label: "登录管理后台" }] : []),
      ]
    : [{ href: "/", label: "返回首页" }];
  return c.html(<ErrorPage {...body} links={links} />, err.status);
}

/** `/t/x/admin/households/17/edit` → 返回上一级 (`/t/x/admin/households/17`) and 返回工作台. */
function adminWaysBack(adminBase: string, path: string): ErrorLink[] {
  const parent = path.replace(/\/+$/, "").replace(/\/[^/]*$/, "");
  const links: ErrorLink[] = [];
  if (parent.length > adminBase.length) links.push({ href: parent, label: "返回上一级" });
  links.push({ href: adminBase, label: "返回工作台" });
  return links;
}

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  const known = toAppError(err);
  if (known) return respondWithError(c, known);
  // Only the unexpected is logged: it is a bug, and the client learns nothing but the request id.
  console.error(`[${c.get("requestId")}] unhandled error`, err);
  return respondWithError(
    c,
    new AppError("internal", "服务器出了点问题，请稍后再试；如果一再出现，请把请求编号告诉管理员。"),
  );
};

export const notFound: NotFoundHandler<AppEnv> = (c) =>
  respondWithError(c, new AppError("not_found", "您访问的页面或接口不存在"));
