import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { csvDownload } from "../platform/csv-download.ts";
import { HELP_KIND_LABELS, VISIT_OCCASION_LABELS } from "../../web/i18n/zh-CN.ts";
import { IdParam } from "../pairings/schemas.ts";
import * as s from "./schemas.ts";
import * as svc from "./service.ts";

export const visitsApi = createRouter();
const tags = ["走访与帮扶日志"];

visitsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listVisits",
    tags,
    summary: "走访记录：按干部、农户、村、日期筛选，分页（干部只见本人的）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { query: s.VisitQuery },
    responses: { 200: jsonResponse(s.VisitPage, "走访记录"), ...commonErrors },
  }),
  async (c) => c.json(await svc.listVisits(c.var.ctx, c.req.valid("query")), 200),
);
visitsApi.openapi(
  createRoute({
    method: "get",
    path: "/export",
    operationId: "exportVisits",
    tags,
    summary: "导出走访记录（CSV）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { query: s.VisitFilter },
    responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } }, ...commonErrors },
  }),
  async (c) => {
    const rows = await svc.allVisits(c.var.ctx, c.req.valid("query"));
    return csvDownload(
      c,
      "走访记录.csv",
      ["走访日期", "干部", "村", "村代码", "农户（户主）", "走访情形", "帮扶内容", "走访情况", "下次跟进日期"],
      rows.map((v) => [
        v.visitDate,
        v.cadreName,
        v.villageName,
        v.villageCode,
        v.householdHeadName,
        VISIT_OCCASION_LABELS[v.occasion],
        v.help.map((h) => HELP_KIND_LABELS[h]).join("、"),
        v.notes,
        v.followUpDate,
      ]),
    ) as never;
  },
);
visitsApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createVisit",
    tags,
    summary: "登记走访（六走访、六帮）：干部只能登记结对户或所驻村、所结对村",
    security,
    middleware: [requirePermission("visits.record")] as const,
    request: { body: jsonBody(s.VisitCreate) },
    responses: { 201: jsonResponse(s.Visit, "已登记"), ...commonErrors },
  }),
  async (c) => c.json(await svc.createVisit(c.var.ctx, c.req.valid("json")), 201),
);
visitsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getVisit",
    tags,
    summary: "走访记录详情",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(s.Visit, "走访记录"), ...commonErrors },
  }),
  async (c) => c.json(await svc.getVisit(c.var.ctx, c.req.valid("param").id), 200),
);
