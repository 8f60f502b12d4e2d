import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import {
  BudgetBody,
  BudgetParam,
  BudgetView,
  Program,
  ProgramCreate,
  ProgramIdParam,
  ProgramUpdate,
} from "./schemas.ts";
import { createProgram, getProgram, listPrograms, setBudget, updateProgram } from "./service.ts";

export const programsApi = createRouter();
const tags = ["资金项目与预算"];

programsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listPrograms",
    tags,
    summary: "资金项目列表（含各年度预算、已承诺、已支付、支出进度）",
    security,
    middleware: [requirePermission("money.read")] as const,
    responses: { 200: jsonResponse(z.object({ items: z.array(Program) }), "资金项目"), ...commonErrors },
  }),
  async (c) => c.json({ items: await listPrograms(c.var.ctx) }, 200),
);
programsApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createProgram",
    tags,
    summary: "新建资金项目",
    security,
    middleware: [requirePermission("programs.manage")] as const,
    request: { body: jsonBody(ProgramCreate) },
    responses: { 201: jsonResponse(Program, "已创建"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await createProgram(c.var.ctx, c.req.valid("json")), 201),
);
programsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getProgram",
    tags,
    summary: "资金项目详情",
    security,
    middleware: [requirePermission("money.read")] as const,
    request: { params: ProgramIdParam },
    responses: { 200: jsonResponse(Program, "资金项目"), ...commonErrors },
  }),
  async (c) => c.json(await getProgram(c.var.ctx, c.req.valid("param").id), 200),
);
programsApi.openapi(
  createRoute({
    method: "patch",
    path: "/{id}",
    operationId: "updateProgram",
    tags,
    summary: "修改资金项目名称、公示天数、备注（金额规则不可改）",
    security,
    middleware: [requirePermission("programs.manage")] as const,
    request: { params: ProgramIdParam, body: jsonBody(ProgramUpdate) },
    responses: { 200: jsonResponse(Program, "已修改"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await updateProgram(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
programsApi.openapi(
  createRoute({
    method: "put",
    path: "/{id}/budgets/{year}",
    operationId: "setProgramBudget",
    tags,
    summary: "下达或调整年度预算（整数分；不能低于已承诺金额）",
    security,
    middleware: [requirePermission("programs.manage")] as const,
    request: { params: BudgetParam, body: jsonBody(BudgetBody) },
    responses: { 200: jsonResponse(BudgetView, "预算"), ...commonErrors, ...conflictError },
  }),
  async (c) => {
    const { id, year } = c.req.valid("param");
    return c.json(await setBudget(c.var.ctx, id, year, c.req.valid("json").budgetFen), 200);
  },
);
