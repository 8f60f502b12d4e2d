import { createRoute } from "@hono/zod-openapi";
import { commonErrors, createRouter, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { AuditPage, AuditQuery, ChainReport } from "./schemas.ts";
import { listAudit, verifyAudit } from "./service.ts";

export const auditApi = createRouter();
const tags = ["审计"];

auditApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listAuditEntries",
    tags,
    summary: "审计日志（新的在前）",
    security,
    middleware: [requirePermission("audit.read")] as const,
    request: { query: AuditQuery },
    responses: { 200: jsonResponse(AuditPage, "审计条目"), ...commonErrors },
  }),
  async (c) => c.json(await listAudit(c.var.ctx, c.req.valid("query")), 200),
);

auditApi.openapi(
  createRoute({
    method: "get",
    path: "/verify",
    operationId: "verifyAuditChain",
    tags,
    summary: "重新计算审计哈希链，报告第一个断点",
    security,
    middleware: [requirePermission("audit.read")] as const,
    responses: { 200: jsonResponse(ChainReport, "校验结果"), ...commonErrors },
  }),
  async (c) => c.json(await verifyAudit(c.var.ctx), 200),
);
