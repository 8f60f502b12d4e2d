import { createRoute } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { Award, AwardCreate, AwardList, AwardQuery, IdParam } from "./schemas.ts";
import * as svc from "./service.ts";

export const awardsApi = createRouter();
const tags = ["督查考核：表彰"];

awardsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listAwards",
    tags,
    summary: "表彰记录（含连续获评年数和发放明细状态）",
    security,
    middleware: [requirePermission("awards.read")] as const,
    request: { query: AwardQuery },
    responses: { 200: jsonResponse(AwardList, "表彰"), ...commonErrors },
  }),
  async (c) => c.json(await svc.listAwards(c.var.ctx, c.req.valid("query")), 200),
);
awardsApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "recordAward",
    tags,
    summary: "登记表彰（同一对象同一年度同一类别只能一次；奖励经表彰奖励项目的批次公示、审批后发放）",
    security,
    middleware: [requirePermission("awards.manage")] as const,
    request: { body: jsonBody(AwardCreate) },
    responses: { 201: jsonResponse(Award, "已登记"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.recordAward(c.var.ctx, c.req.valid("json")), 201),
);
awardsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getAward",
    tags,
    summary: "表彰详情",
    security,
    middleware: [requirePermission("awards.read")] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(Award, "表彰"), ...commonErrors },
  }),
  async (c) => c.json(await svc.getAward(c.var.ctx, c.req.valid("param").id), 200),
);
