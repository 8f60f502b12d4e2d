import { createRoute } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { IdParam } from "../notices/schemas.ts";
import { Decision, DecisionCreate, DecisionPage, DecisionPublish, DecisionQuery } from "./schemas.ts";
import {
  createDecision,
  finalizeDecision,
  getDecision,
  listDecisions,
  proposeStatusChange,
  publishDecision,
} from "./service.ts";
import { StatusChangeInput } from "../households/schemas.ts";

export const decisionsApi = createRouter();
export const householdDecisionsApi = createRouter();
const tags = ["户认定（建档立卡、脱贫退出、防返贫监测）"];

householdDecisionsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/decisions",
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
    path: "/",
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
    path: "/{id}",
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
    path: "/{id}/finalize",
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

decisionsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/publish",
    operationId: "publishHouseholdDecision",
    tags,
    summary: "发布待公示的认定（新登记或导入时提出的状态）：发布公示，期满且无异议成立后才生效",
    security,
    middleware: [requirePermission("households.manage")] as const,
    request: { params: IdParam, body: jsonBody(DecisionPublish) },
    responses: { 200: jsonResponse(Decision, "已公示"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await publishDecision(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);

householdDecisionsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/status-changes",
    operationId: "proposeHouseholdStatusChange",
    tags,
    summary:
      "提出户状态变更（未脱贫/已脱贫/监测对象）：不直接改变状态，而是提交相应的认定（建档立卡、脱贫退出、纳入监测）并发布公示，公示期满且无异议成立后才生效（同 POST /households/{id}/decisions）；effectiveDate 不再使用",
    security,
    middleware: [requirePermission("households.manage")] as const,
    request: { params: IdParam, body: jsonBody(StatusChangeInput) },
    responses: { 201: jsonResponse(Decision, "已提交认定并公示（状态尚未变更）"), ...commonErrors, ...conflictError },
  }),
  async (c) => {
    const { fromStatus, ...change } = c.req.valid("json");
    const decision = await proposeStatusChange(c.var.ctx, c.req.valid("param").id, change, fromStatus);
    c.header("Location", `/t/${c.var.tenant.slug}/api/v1/decisions/${decision.id}`);
    return c.json(decision, 201);
  },
);
