import { createRoute } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { IdParam, Project, ProjectCreate, ProjectPage, ProjectQuery, ProjectUpdate } from "./schemas.ts";
import * as svc from "./service.ts";

export const projectsApi = createRouter();
const tags = ["公开：村级项目"];

projectsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listProjects",
    tags,
    summary: "村级项目列表（按村、状态筛选，分页）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { query: ProjectQuery },
    responses: { 200: jsonResponse(ProjectPage, "项目"), ...commonErrors },
  }),
  async (c) => c.json(await svc.listProjects(c.var.ctx, c.req.valid("query")), 200),
);
projectsApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createProject",
    tags,
    summary: "新建村级项目（金额为整数分；记入公开账本并显示在村公开页）",
    security,
    middleware: [requirePermission("disclosure.manage")] as const,
    request: { body: jsonBody(ProjectCreate) },
    responses: { 201: jsonResponse(Project, "已创建"), ...commonErrors },
  }),
  async (c) => c.json(await svc.createProject(c.var.ctx, c.req.valid("json")), 201),
);
projectsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getProject",
    tags,
    summary: "村级项目详情",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(Project, "项目"), ...commonErrors },
  }),
  async (c) => c.json(await svc.getProject(c.var.ctx, c.req.valid("param").id), 200),
);
projectsApi.openapi(
  createRoute({
    method: "patch",
    path: "/{id}",
    operationId: "updateProject",
    tags,
    summary: "修改村级项目（预算、已支出、状态、日期；记入公开账本）",
    security,
    middleware: [requirePermission("disclosure.manage")] as const,
    request: { params: IdParam, body: jsonBody(ProjectUpdate) },
    responses: { 200: jsonResponse(Project, "已修改"), ...commonErrors },
  }),
  async (c) => c.json(await svc.updateProject(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
projectsApi.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    operationId: "deleteProject",
    tags,
    summary: "删除计划中且未被决策引用的项目（撤销记入公开账本）",
    security,
    middleware: [requirePermission("disclosure.manage")] as const,
    request: { params: IdParam },
    responses: { 204: { description: "已删除" }, ...commonErrors, ...conflictError },
  }),
  async (c) => {
    await svc.deleteProject(c.var.ctx, c.req.valid("param").id);
    return c.body(null, 204);
  },
);
