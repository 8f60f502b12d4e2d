import { createRoute } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import {
  ConfirmResult,
  ExitRequest,
  IdParam,
  MeasureParam,
  Ranking,
  RankingQuery,
  Rectification,
  RectificationConfirm,
  RectificationDispatch,
  RectificationList,
  RectificationMeasureCreate,
  RectificationMeasureUpdate,
  RectificationQuery,
} from "./schemas.ts";
import * as svc from "./service.ts";
import { ranking } from "./ranking.ts";

export const rectificationsApi = createRouter();
const tags = ["督查考核：后进村整顿"];

rectificationsApi.openapi(
  createRoute({
    method: "get",
    path: "/ranking",
    operationId: "getLaggingRanking",
    tags,
    summary:
      "村级排名：按所选指标（集体经济收入档次、未整改督查问题、评议满意率、走访覆盖率）由弱到强，建议约 10% 纳入整顿",
    security,
    middleware: [requirePermission("supervision.read")] as const,
    request: { query: RankingQuery },
    responses: { 200: jsonResponse(Ranking, "排名"), ...commonErrors },
  }),
  async (c) => {
    const q = c.req.valid("query");
    return c.json(await ranking(c.var.ctx, q.year, q.indicators), 200);
  },
);
rectificationsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listRectifications",
    tags,
    summary: "某年度的后进村整顿名单（含占比）",
    security,
    middleware: [requirePermission("supervision.read")] as const,
    request: { query: RectificationQuery },
    responses: { 200: jsonResponse(RectificationList, "名单"), ...commonErrors },
  }),
  async (c) => c.json(await svc.listRectifications(c.var.ctx, c.req.valid("query")), 200),
);
rectificationsApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "confirmRectifications",
    tags,
    summary: "县级确定年度整顿名单（超过约 10% 须明确确认）",
    security,
    middleware: [requirePermission("rectifications.confirm")] as const,
    request: { body: jsonBody(RectificationConfirm) },
    responses: { 201: jsonResponse(ConfirmResult, "已确定"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.confirmList(c.var.ctx, c.req.valid("json")), 201),
);
rectificationsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getRectification",
    tags,
    summary: "整顿详情：方案措施、选派干部、销号",
    security,
    middleware: [requirePermission("supervision.read")] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(Rectification, "整顿"), ...commonErrors },
  }),
  async (c) => c.json(await svc.getRectification(c.var.ctx, c.req.valid("param").id), 200),
);
rectificationsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/measures",
    operationId: "addRectificationMeasure",
    tags,
    summary: "添加整顿措施（责任人、完成时限）",
    security,
    middleware: [requirePermission("rectifications.manage")] as const,
    request: { params: IdParam, body: jsonBody(RectificationMeasureCreate) },
    responses: { 201: jsonResponse(Rectification, "已添加"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.addMeasure(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 201),
);
rectificationsApi.openapi(
  createRoute({
    method: "put",
    path: "/{id}/measures/{measureId}",
    operationId: "updateRectificationMeasure",
    tags,
    summary: "更新整顿措施进度（完成须有佐证材料和完成日期）",
    security,
    middleware: [requirePermission("rectifications.manage")] as const,
    request: { params: MeasureParam, body: jsonBody(RectificationMeasureUpdate) },
    responses: { 200: jsonResponse(Rectification, "已更新"), ...commonErrors, ...conflictError },
  }),
  async (c) => {
    const p = c.req.valid("param");
    return c.json(await svc.updateMeasure(c.var.ctx, p.id, p.measureId, c.req.valid("json")), 200);
  },
);
rectificationsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/dispatch",
    operationId: "dispatchRectificationCadre",
    tags,
    summary: "选派第一书记或指导员（现有干部）",
    security,
    middleware: [requirePermission("rectifications.manage")] as const,
    request: { params: IdParam, body: jsonBody(RectificationDispatch) },
    responses: { 200: jsonResponse(Rectification, "已选派"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.dispatch(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
rectificationsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/exit-request",
    operationId: "requestRectificationExit",
    tags,
    summary: "申请销号（整顿措施须全部完成）",
    security,
    middleware: [requirePermission("rectifications.manage")] as const,
    request: { params: IdParam, body: jsonBody(ExitRequest) },
    responses: { 200: jsonResponse(Rectification, "已申请"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.requestExit(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
rectificationsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/exit-confirm",
    operationId: "confirmRectificationExit",
    tags,
    summary: "确认销号退出（须由申请人以外的县级人员确认）",
    security,
    middleware: [requirePermission("rectifications.confirm")] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(Rectification, "已退出"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.confirmExit(c.var.ctx, c.req.valid("param").id), 200),
);
