import { createRoute } from "@hono/zod-openapi";
import {
  commonErrors,
  createRouter,
  jsonBody,
  jsonResponse,
  publicAccess,
  rateLimitedError,
  security,
} from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { clearSessionCookie, setSessionCookie } from "../platform/middleware/session-cookie.ts";
import { login, logout } from "./login-service.ts";
import { LoginBody, LoginResponse, Me } from "./schemas.ts";
import { AppError } from "../platform/errors/app-error.ts";

export const authApi = createRouter();

authApi.openapi(
  createRoute({
    method: "post",
    path: "/login",
    operationId: "login",
    tags: ["登录"],
    summary: "登录（失败 5 次/10 分钟后按账号和客户端限流）",
    security: publicAccess,
    request: { body: jsonBody(LoginBody) },
    responses: {
      200: jsonResponse(LoginResponse, "登录成功，同时设置会话 Cookie"),
      ...commonErrors,
      ...rateLimitedError,
    },
  }),
  async (c) => {
    const { username, password } = c.req.valid("json");
    const result = await login(c.var.ctx, username, password);
    setSessionCookie(c, result.token);
    return c.json(result, 200);
  },
);

authApi.openapi(
  createRoute({
    method: "post",
    path: "/logout",
    operationId: "logout",
    tags: ["登录"],
    summary: "退出登录（吊销当前会话）",
    security,
    responses: { 204: { description: "已退出" }, ...commonErrors },
  }),
  async (c) => {
    if (!c.var.user) throw new AppError("unauthenticated");
    await logout(c.var.ctx);
    clearSessionCookie(c);
    return c.body(null, 204);
  },
);

authApi.openapi(
  createRoute({
    method: "get",
    path: "/me",
    operationId: "getCurrentUser",
    tags: ["登录"],
    summary: "当前用户",
    security,
    middleware: [requirePermission("dashboard.read")] as const,
    responses: { 200: jsonResponse(Me, "当前用户"), ...commonErrors },
  }),
  (c) => {
    const u = c.var.user!;
    return c.json(
      { id: u.id, username: u.username, displayName: u.displayName, role: u.role, townshipCode: u.townshipCode },
      200,
    );
  },
);
