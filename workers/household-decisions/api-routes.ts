import { createRoute } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { IdParam } from "../notices/schemas.ts";
import { Decision, DecisionCreate, DecisionPage, DecisionQuery } from "./schemas.ts";
import { createDecision, finalizeDecision, getDecision, listDecisions } from "./service.ts";

export const decisionsApi = createRouter();
const tags = ["户认定（建档立卡、脱贫退出、防返贫监测）"];

decisionsApi.openapi(
  createRoute({
    method: "post",
    path: "/households/{id}/decisions",
    operationId: "createHouseholdDecision",
    tags,
    summary: "提交户认定并发布公示（公示期满且无异议成立后才生效）",
    security,
    middleware: [requirePermission("households.manage")] as const,
    request: { params: IdParam, body: jsonBody(DecisionCreate) },
    responses: { 201: jsonResponse(Decision, "已公示"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await createDecision(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 201),
);

decisionsApi.openapi(
  createRoute({
    method: "get",
    path: "/decisions",
    operationId: "listHouseholdDecisions",
    tags,
    summary: "户认定列表（公示中在前）",
    security,
    middleware: [requirePermission("households.manage")] as const,
    request: { query: DecisionQuery },
    responses: { 200: jsonResponse(DecisionPage, "户认定"), ...commonErrors },
  }),
  async (c) => c.json(await listDecisions(c.var.ctx, c.req.valid("query")), 200),
);

decisionsApi.openapi(
  createRoute({
    method: "get",
    path: "/decisions/{id}",
    operationId: "getHouseholdDecision",
    tags,
    summary: "户认定详情",
    security,
    middleware: [requirePermission("households.manage")] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(Decision, "户认定"), ...commonErrors },
  }),
  async (c) => c.json(await getDecision(c.var.ctx, c.req.valid("param").id), 200),
);

decisionsApi.openapi(
  createRoute({
    method: "post",
    path: "/decisions/{id}/finalize",
    operationId: "finalizeHouseholdDecision",
    tags,
    summary: "公示期满、无未答复且无成立的异议时，认定生效：变更户状态并记入公开账本",
    security,
    middleware: [requirePermission("households.manage")] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(Decision, "已生效"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await finalizeDecision(c.var.ctx, c.req.valid("param").id), 200),
);
