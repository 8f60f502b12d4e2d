import { createRoute } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { Decision, DecisionCreate, DecisionPage, DecisionQuery, IdParam, StageRecord } from "./schemas.ts";
import * as svc from "./service.ts";

export const villageDecisionsApi = createRouter();
const tags = ["公开：四议两公开"];

villageDecisionsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listVillageDecisions",
    tags,
    summary: "四议两公开事项列表（按村、环节筛选）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { query: DecisionQuery },
    responses: { 200: jsonResponse(DecisionPage, "事项"), ...commonErrors },
  }),
  async (c) => c.json(await svc.listDecisions(c.var.ctx, c.req.valid("query")), 200),
);
villageDecisionsApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createVillageDecision",
    tags,
    summary: "登记事项及第一环节「党支部提议」",
    security,
    middleware: [requirePermission("disclosure.manage")] as const,
    request: { body: jsonBody(DecisionCreate) },
    responses: { 201: jsonResponse(Decision, "已登记"), ...commonErrors },
  }),
  async (c) => c.json(await svc.createDecision(c.var.ctx, c.req.valid("json")), 201),
);
villageDecisionsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getVillageDecision",
    tags,
    summary: "事项详情及各环节记录",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(Decision, "事项"), ...commonErrors },
  }),
  async (c) => c.json(await svc.getDecision(c.var.ctx, c.req.valid("param").id), 200),
);
villageDecisionsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/stages",
    operationId: "recordVillageDecisionStage",
    tags,
    summary: "记录下一环节（严格按顺序；跳过或重复 → 409；决议公开、实施结果公开记入公开账本）",
    security,
    middleware: [requirePermission("disclosure.manage")] as const,
    request: { params: IdParam, body: jsonBody(StageRecord) },
    responses: { 200: jsonResponse(Decision, "已记录"), ...commonErrors, ...conflictError },
  }),
  async (c) => {
    const { stage, ...input } = c.req.valid("json");
    return c.json(await svc.recordStage(c.var.ctx, c.req.valid("param").id, stage, input), 200);
  },
);
