import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { csvDownload } from "../platform/csv-download.ts";
import { RATING_LABELS, REVIEW_KIND_LABELS, REVIEW_STATUS_LABELS } from "../../web/i18n/zh-CN.ts";
import { IdParam } from "../pairings/schemas.ts";
import { formatBallotCode } from "../lib/ballot-code.ts";
import * as s from "./schemas.ts";
import * as svc from "./service.ts";

export const reviewsApi = createRouter();
const tags = ["述职评议"];
const permille = (p: number | null) => (p == null ? "" : `${(p / 10).toFixed(1)}%`);

reviewsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listReviews",
    tags,
    summary: "述职评议（述职评议、双向述职、双述双评）：只有汇总票数，没有单张评议票",
    security,
    middleware: [requirePermission("assessments.read")] as const,
    request: { query: s.ReviewQuery },
    responses: { 200: jsonResponse(s.ReviewPage, "述职评议"), ...commonErrors },
  }),
  async (c) => c.json(await svc.listReviews(c.var.ctx, c.req.valid("query")), 200),
);
reviewsApi.openapi(
  createRoute({
    method: "get",
    path: "/export",
    operationId: "exportReviews",
    tags,
    summary: "导出述职评议汇总（CSV）",
    security,
    middleware: [requirePermission("assessments.read")] as const,
    request: { query: s.ReviewFilter },
    responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } }, ...commonErrors },
  }),
  async (c) => {
    const rows = await svc.allReviews(c.var.ctx, c.req.valid("query"));
    return csvDownload(
      c,
      "述职评议.csv",
      [
        "年度",
        "类别",
        "村",
        "村代码",
        "述职对象",
        "会议日期",
        "到会人数",
        ...Object.values(RATING_LABELS),
        "满意率",
        "状态",
      ],
      rows.map((r) => [
        r.year,
        REVIEW_KIND_LABELS[r.kind],
        r.villageName,
        r.villageCode,
        r.subjectName,
        r.meetingDate,
        r.attendance,
        r.total.satisfied,
        r.total.fairlySatisfied,
        r.total.dissatisfied,
        permille(r.satisfactionPermille),
        REVIEW_STATUS_LABELS[r.status],
      ]),
    ) as never;
  },
);
reviewsApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createReview",
    tags,
    summary: "登记一次述职评议会议及其评议时段（乡镇干部只能登记本乡镇的村）",
    security,
    middleware: [requirePermission("reviews.manage")] as const,
    request: { body: jsonBody(s.ReviewCreate) },
    responses: { 201: jsonResponse(s.Review, "已登记"), ...commonErrors },
  }),
  async (c) => c.json(await svc.createReview(c.var.ctx, c.req.valid("json")), 201),
);
reviewsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getReview",
    tags,
    summary: "述职评议详情（汇总票数）",
    security,
    middleware: [requirePermission("assessments.read")] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(s.Review, "述职评议"), ...commonErrors },
  }),
  async (c) => c.json(await svc.getReview(c.var.ctx, c.req.valid("param").id), 200),
);
reviewsApi.openapi(
  createRoute({
    method: "put",
    path: "/{id}/paper-ballots",
    operationId: "recordPaperBallots",
    tags,
    summary: "录入纸质评议票（按选项计票；纸质票加已用二维码票不得超过到会人数）",
    security,
    middleware: [requirePermission("reviews.manage")] as const,
    request: { params: IdParam, body: jsonBody(s.PaperBallots) },
    responses: { 200: jsonResponse(s.Review, "已录入"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.recordPaperBallots(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
reviewsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/ballot-codes",
    operationId: "issueBallotCodes",
    tags,
    summary: "生成一次性评议码（打印成二维码票；码只返回这一次，库中只存散列）",
    security,
    middleware: [requirePermission("reviews.manage")] as const,
    request: { params: IdParam, body: jsonBody(s.BallotCodesRequest) },
    responses: { 201: jsonResponse(s.BallotCodes, "评议码"), ...commonErrors, ...conflictError },
  }),
  async (c) => {
    const id = c.req.valid("param").id;
    const codes = await svc.issueBallotCodes(c.var.ctx, id, c.req.valid("json").count);
    const origin = new URL(c.req.url).origin;
    return c.json(
      {
        reviewId: id,
        codes: codes.map((code) => ({
          code: formatBallotCode(code),
          url: `${origin}/t/${c.var.tenant.slug}/rate/${code}`,
        })),
      },
      201,
    );
  },
);
reviewsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/publish",
    operationId: "publishReview",
    tags,
    summary: "公布评议结果（评议时段结束后；汇总票数上公开账本和村公开页）",
    security,
    middleware: [requirePermission("reviews.manage")] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(s.Review, "已公布"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.publishReview(c.var.ctx, c.req.valid("param").id), 200),
);
