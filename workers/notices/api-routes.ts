import { createRoute } from "@hono/zod-openapi";
import { commonErrors, createRouter, jsonResponse, publicAccess, publicErrors, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { IdParam, NoticeDetail, NoticePage, NoticeQuery, PublicNotice } from "./schemas.ts";
import { getNoticeDetail, getPublicNotice, listNotices } from "./service.ts";

export const noticesApi = createRouter();
export const publicNoticesApi = createRouter();
const tags = ["公示与异议"];

noticesApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listNotices",
    tags,
    summary: "公示列表：按类型、状态、村、是否正在受理异议筛选，分页",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { query: NoticeQuery },
    responses: { 200: jsonResponse(NoticePage, "公示"), ...commonErrors },
  }),
  async (c) => c.json(await listNotices(c.var.ctx, c.req.valid("query")), 200),
);

noticesApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getNotice",
    tags,
    summary: "公示详情：快照、异议及答复、公开账本序号与哈希",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(NoticeDetail, "公示"), ...commonErrors },
  }),
  async (c) => c.json(await getNoticeDetail(c.var.ctx, c.req.valid("param").id), 200),
);

/** Public, no sign-in: only what the notice board shows (masked snapshot, objections without names or contacts). */
publicNoticesApi.openapi(
  createRoute({
    method: "get",
    path: "/notices/{id}",
    operationId: "getPublicNotice",
    tags,
    summary: "公开：公示内容、异议及公开答复（无需登录）",
    security: publicAccess,
    request: { params: IdParam },
    responses: { 200: jsonResponse(PublicNotice, "公示"), ...publicErrors },
  }),
  async (c) => {
    c.header("Cache-Control", "no-cache");
    return c.json(await getPublicNotice(c.var.ctx, c.req.valid("param").id), 200);
  },
);
