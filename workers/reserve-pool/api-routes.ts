import { createRoute } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { IdParam } from "../units/schemas.ts";
import * as s from "./schemas.ts";
import * as svc from "./service.ts";

export const reservesApi = createRouter();
const tags = ["后备干部库"];
const NominationId = IdParam("后备人选");

reservesApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listReserves",
    tags,
    summary: "后备干部库与村级人才库（提名、公示中的在前；乡镇干部只看本乡镇各村）",
    security,
    middleware: [requirePermission("reserves.read")] as const,
    request: { query: s.NominationQuery },
    responses: { 200: jsonResponse(s.NominationPage, "后备人选"), ...commonErrors },
  }),
  async (c) => c.json(await svc.listNominations(c.var.ctx, c.req.valid("query")), 200),
);
reservesApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "nominateReserve",
    tags,
    summary: "提名后备人选（后备干部：县级，选干部；村级各库：家庭成员或姓名+村代码）；同一人同一库只能在库一次（409）",
    security,
    middleware: [requirePermission("reserves.manage")] as const,
    request: { body: jsonBody(s.NominationCreate) },
    responses: { 201: jsonResponse(s.Nomination, "已提名"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.nominate(c.var.ctx, c.req.valid("json")), 201),
);
reservesApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getReserve",
    tags,
    summary: "后备人选详情（含公示及异议）",
    security,
    middleware: [requirePermission("reserves.read")] as const,
    request: { params: NominationId },
    responses: { 200: jsonResponse(s.Nomination, "后备人选"), ...commonErrors },
  }),
  async (c) => c.json(await svc.getNomination(c.var.ctx, c.req.valid("param").id), 200),
);
reservesApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/publish",
    operationId: "publishReserve",
    tags,
    summary: "发布后备人选公示（公示引擎，群众可提异议；不少于 5 天，默认 7 天）",
    security,
    middleware: [requirePermission("reserves.manage")] as const,
    request: { params: NominationId, body: jsonBody(s.NominationPublish) },
    responses: { 200: jsonResponse(s.Nomination, "公示中"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.publishNomination(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
reservesApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/finalize",
    operationId: "finalizeReserve",
    tags,
    summary: "公示期满且无异议：纳入培养（培养中）；期内、有未答复或成立的异议返回 409",
    security,
    middleware: [requirePermission("reserves.manage")] as const,
    request: { params: NominationId },
    responses: { 200: jsonResponse(s.Nomination, "培养中"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.finalizeNomination(c.var.ctx, c.req.valid("param").id), 200),
);
reservesApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/use",
    operationId: "useReserve",
    tags,
    summary: "登记使用（提拔使用、交流重用、任村党组织书记等），只对培养中的人选",
    security,
    middleware: [requirePermission("reserves.manage")] as const,
    request: { params: NominationId, body: jsonBody(s.NominationUse) },
    responses: { 200: jsonResponse(s.Nomination, "已使用"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.useNomination(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
reservesApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/exit",
    operationId: "exitReserve",
    tags,
    summary: "退出后备库（写明原因）",
    security,
    middleware: [requirePermission("reserves.manage")] as const,
    request: { params: NominationId, body: jsonBody(s.NominationExit) },
    responses: { 200: jsonResponse(s.Nomination, "已退出"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.exitNomination(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
