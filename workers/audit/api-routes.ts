import { createRoute } from "@hono/zod-openapi";
import { commonErrors, createRouter, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { AuditPage, AuditQuery, ChainReport } from "./schemas.ts";
import { listAudit, verifyAudit } from "./service.ts";
import { VerifyQuery } from "../ledger/verify-query.ts";

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
    summary: "校验审计哈希链，报告第一个断点",
    description:
      "不带 cursor：自公开账本中最近的已签名校验点校验到链头（校验点每 250 条、每天和每次公示签发）。" +
      "完整校验：cursor=0 起每次最多 250 条，并核对页内的每个校验点，按返回的 next 继续直到为 null。",
    security,
    middleware: [requirePermission("audit.read")] as const,
    request: { query: VerifyQuery },
    responses: { 200: jsonResponse(ChainReport, "校验结果"), ...commonErrors },
  }),
  async (c) => c.json(await verifyAudit(c.var.ctx, c.req.valid("query").cursor, c.req.valid("query").limit), 200),
);
