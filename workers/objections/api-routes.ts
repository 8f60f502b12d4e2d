import { createRoute, z } from "@hono/zod-openapi";
import {
  commonErrors,
  conflictError,
  createRouter,
  jsonBody,
  jsonResponse,
  publicAccess,
  publicErrors,
  rateLimitedError,
  security,
} from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { IdParam } from "../notices/schemas.ts";
import {
  AnswerBody,
  AnswerResult,
  ObjectionCreate,
  ObjectionPage,
  ObjectionQuery,
  ObjectionReceipt,
  PublicObjection,
  TrackingParam,
  PublicTextBody,
} from "./schemas.ts";
import {
  answerObjection,
  listObjections,
  lookupObjection,
  publishObjectionText,
  revealObjectionContact,
  submitObjection,
} from "./service.ts";
import { ContactReveal, RevealReason } from "../platform/reveal-reason.ts";

export const objectionsApi = createRouter();
export const publicObjectionsApi = createRouter();
const tags = ["公示与异议"];

publicObjectionsApi.openapi(
  createRoute({
    method: "post",
    path: "/notices/{id}/objections",
    operationId: "submitObjection",
    tags,
    summary: "公开：在公示期内对公示或其中一行提出异议（无需登录；姓名、联系方式可不填；限频）",
    security: publicAccess,
    request: { params: IdParam, body: jsonBody(ObjectionCreate) },
    responses: {
      201: jsonResponse(ObjectionReceipt, "已受理，返回查询码"),
      ...publicErrors,
      ...conflictError,
      ...rateLimitedError,
    },
  }),
  async (c) => c.json(await submitObjection(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 201),
);

publicObjectionsApi.openapi(
  createRoute({
    method: "get",
    path: "/objections/{trackingCode}",
    operationId: "trackObjection",
    tags,
    summary: "公开：凭查询码查看异议处理状态和答复",
    security: publicAccess,
    request: { params: TrackingParam },
    responses: { 200: jsonResponse(PublicObjection, "异议"), ...publicErrors },
  }),
  async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json(await lookupObjection(c.var.ctx, c.req.valid("param").trackingCode), 200);
  },
);

objectionsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listObjections",
    tags,
    summary: "异议列表（待答复在前）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { query: ObjectionQuery },
    responses: { 200: jsonResponse(ObjectionPage, "异议"), ...commonErrors },
  }),
  async (c) => c.json(await listObjections(c.var.ctx, c.req.valid("query")), 200),
);

objectionsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/answer",
    operationId: "answerObjection",
    tags,
    summary: "答复异议（成立/不成立，答复公开并记入公开账本）；异议成立则撤回公示，批次退回草稿、户认定不通过",
    security,
    middleware: [requirePermission("notices.answer")] as const,
    request: { params: IdParam, body: jsonBody(AnswerBody) },
    responses: { 200: jsonResponse(AnswerResult, "已答复"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await answerObjection(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);

objectionsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/reveal-contact",
    operationId: "revealObjectionContact",
    tags,
    summary: "查看异议人的完整联系方式（须填写原因，记入审计日志）",
    security,
    middleware: [requirePermission("pii.reveal")] as const,
    request: { params: IdParam, body: jsonBody(RevealReason) },
    responses: { 200: jsonResponse(ContactReveal, "完整联系方式"), ...commonErrors, ...conflictError },
  }),
  async (c) =>
    c.json(await revealObjectionContact(c.var.ctx, c.req.valid("param").id, c.req.valid("json").reason), 200),
);

objectionsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/public-text",
    operationId: "publishObjectionText",
    tags,
    summary: "发布经审核编辑的公开文本（原文不公开，仅管理人员可见；发布前公开页面显示“内容待审核”）",
    security,
    middleware: [requirePermission("notices.answer")] as const,
    request: {
      params: IdParam,
      body: jsonBody(PublicTextBody),
    },
    responses: {
      200: jsonResponse(z.object({ id: z.number().int(), publicText: z.string() }), "已发布"),
      ...commonErrors,
    },
  }),
  async (c) =>
    c.json(await publishObjectionText(c.var.ctx, c.req.valid("param").id, c.req.valid("json").publicText), 200),
);
