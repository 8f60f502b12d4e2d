import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, createRouter, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { csvDownload } from "../platform/csv-download.ts";
import { OVERSIGHT_GROUPING_LABELS } from "../../web/i18n/zh-CN.ts";
import { OversightQuery, OversightReport } from "./schemas.ts";
import { OVERSIGHT_CSV_HEADER, oversightCsvRows, oversightReport } from "./service.ts";

export const oversightReportsApi = createRouter();
const tags = ["督查考核：报表"];

oversightReportsApi.openapi(
  createRoute({
    method: "get",
    path: "/oversight",
    operationId: "getOversightReport",
    tags,
    summary: "考核监督报表：按乡镇或派出单位统计考核等次、通报约谈问责移交纪委、督查问题整改、述职评议满意率",
    security,
    middleware: [requirePermission("oversight_reports.read")] as const,
    request: { query: OversightQuery },
    responses: { 200: jsonResponse(OversightReport, "统计"), ...commonErrors },
  }),
  async (c) => {
    const q = c.req.valid("query");
    return c.json(await oversightReport(c.var.ctx, q.year, q.by), 200);
  },
);
oversightReportsApi.openapi(
  createRoute({
    method: "get",
    path: "/oversight/export",
    operationId: "exportOversightReport",
    tags,
    summary: "考核监督报表 CSV（UTF-8 带 BOM，Excel 可直接打开）",
    security,
    middleware: [requirePermission("oversight_reports.read")] as const,
    request: { query: OversightQuery },
    responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } }, ...commonErrors },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const r = await oversightReport(c.var.ctx, q.year, q.by);
    const name = `考核监督报表-${OVERSIGHT_GROUPING_LABELS[r.by]}-${r.year}.csv`;
    return csvDownload(c, name, OVERSIGHT_CSV_HEADER, oversightCsvRows(r)) as never;
  },
);
