import { createRoute } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { PasswordReset, User, UserCreate, UserIdParam, UserList, UserQuery, UserUpdate } from "./schemas.ts";
import { createUser, getUser, listUsers, publicUser, resetPassword, setUserStatus, updateUser } from "./service.ts";

export const usersApi = createRouter();
const tags = ["用户"];

usersApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listUsers",
    tags,
    summary: "用户列表",
    security,
    middleware: [requirePermission("users.read")] as const,
    request: { query: UserQuery },
    responses: { 200: jsonResponse(UserList, "用户"), ...commonErrors },
  }),
  async (c) => {
    const items = await listUsers(c.var.ctx, c.req.valid("query"));
    return c.json({ items, total: items.length }, 200);
  },
);

usersApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createUser",
    tags,
    summary: "新建用户",
    security,
    middleware: [requirePermission("users.manage")] as const,
    request: { body: jsonBody(UserCreate) },
    responses: { 201: jsonResponse(User, "已创建"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await createUser(c.var.ctx, c.req.valid("json")), 201),
);

usersApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getUser",
    tags,
    summary: "用户详情",
    security,
    middleware: [requirePermission("users.read")] as const,
    request: { params: UserIdParam },
    responses: { 200: jsonResponse(User, "用户"), ...commonErrors },
  }),
  async (c) => c.json(publicUser(await getUser(c.var.ctx, c.req.valid("param").id)), 200),
);

usersApi.openapi(
  createRoute({
    method: "patch",
    path: "/{id}",
    operationId: "updateUser",
    tags,
    summary: "修改姓名、角色、所属乡镇",
    security,
    middleware: [requirePermission("users.manage")] as const,
    request: { params: UserIdParam, body: jsonBody(UserUpdate) },
    responses: { 200: jsonResponse(User, "已修改"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await updateUser(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);

usersApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/reset-password",
    operationId: "resetUserPassword",
    tags,
    summary: "重置密码（吊销该用户全部会话）",
    security,
    middleware: [requirePermission("users.manage")] as const,
    request: { params: UserIdParam, body: jsonBody(PasswordReset) },
    responses: { 204: { description: "已重置" }, ...commonErrors },
  }),
  async (c) => {
    await resetPassword(c.var.ctx, c.req.valid("param").id, c.req.valid("json").password);
    return c.body(null, 204);
  },
);

for (const [action, status, summary] of [
  ["disable", "disabled", "停用用户（吊销全部会话）"],
  ["enable", "active", "启用用户"],
] as const) {
  usersApi.openapi(
    createRoute({
      method: "post",
      path: `/{id}/${action}`,
      operationId: `${action}User`,
      tags,
      summary,
      security,
      middleware: [requirePermission("users.manage")] as const,
      request: { params: UserIdParam },
      responses: { 200: jsonResponse(User, "已更新"), ...commonErrors, ...conflictError },
    }),
    async (c) => c.json(await setUserStatus(c.var.ctx, c.req.valid("param").id, status), 200),
  );
}
