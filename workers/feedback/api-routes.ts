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
import {
  Feedback,
  FeedbackAnswer,
  FeedbackPage,
  FeedbackQuery,
  FeedbackSubmit,
  IdParam,
  PublicTextBody,
} from "./schemas.ts";
import * as svc from "./service.ts";
import { ContactReveal, RevealReason } from "../platform/reveal-reason.ts";

export const feedbackApi = createRouter();
const tags = ["公开：意见建议"];

feedbackApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listFeedback",
    tags,
    summary: "意见建议列表（乡镇干部只看本乡镇）",
    security,
    middleware: [requirePermission("feedback.answer")] as const,
    request: { query: FeedbackQuery },
    responses: { 200: jsonResponse(FeedbackPage, "意见建议"), ...commonErrors },
  }),
  async (c) => c.json(await svc.listFeedback(c.var.ctx, c.req.valid("query")), 200),
);
feedbackApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getFeedback",
    tags,
    summary: "意见建议详情",
    security,
    middleware: [requirePermission("feedback.answer")] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(Feedback, "意见建议"), ...commonErrors },
  }),
  async (c) => c.json(await svc.getFeedback(c.var.ctx, c.req.valid("param").id), 200),
);
feedbackApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/answer",
    operationId: "answerFeedback",
    tags,
    summary: "答复（只能答复一次；公开的答复记入公开账本并显示在村公开页）",
    security,
    middleware: [requirePermission("feedback.answer")] as const,
    request: { params: IdParam, body: jsonBody(FeedbackAnswer) },
    responses: { 200: jsonResponse(Feedback, "已答复"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.answerFeedback(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
feedbackApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/reveal-contact",
    operationId: "revealFeedbackContact",
    tags,
    summary: "查看提交人的完整联系方式（须填写原因，记入审计日志）",
    security,
    middleware: [requirePermission("pii.reveal")] as const,
    request: { params: IdParam, body: jsonBody(RevealReason) },
    responses: { 200: jsonResponse(ContactReveal, "完整联系方式"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.revealContact(c.var.ctx, c.req.valid("param").id, c.req.valid("json").reason), 200),
);

/** Public (no sign-in) JSON twins of the feedback form and the tracking lookup. */
export const publicFeedbackApi = createRouter();
const publicTags = ["公开：村民（无需登录）"];
const Tracking = z.object({ trackingCode: z.string(), status: z.enum(["open", "answered"]) });

publicFeedbackApi.openapi(
  createRoute({
    method: "post",
    path: "/feedback",
    operationId: "submitFeedback",
    tags: publicTags,
    summary: "提交意见建议或举报，返回查询码（按客户端限频）",
    security: publicAccess,
    request: { body: jsonBody(FeedbackSubmit) },
    responses: { 201: jsonResponse(Tracking, "已提交"), ...publicErrors, ...rateLimitedError },
  }),
  async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json(await svc.submitFeedback(c.var.ctx, c.req.valid("json")), 201);
  },
);

feedbackApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/public-text",
    operationId: "publishFeedbackText",
    tags,
    summary: "发布经审核编辑的公开文本（原文不公开，仅管理人员可见；发布前公开页面显示“内容待审核”）",
    security,
    middleware: [requirePermission("feedback.answer")] as const,
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
    c.json(await svc.publishFeedbackText(c.var.ctx, c.req.valid("param").id, c.req.valid("json").publicText), 200),
);
