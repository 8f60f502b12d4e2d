import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { csvDownload } from "../platform/csv-download.ts";
import {
  Escalation,
  EscalationCreate,
  EscalationPage,
  EscalationQuery,
  IdParam,
  Proposal,
  ProposalQuery,
  ReportQuery,
  SupervisionReport,
} from "./schemas.ts";
import * as svc from "./service.ts";
import { REPORT_CSV_HEADER, reportCsvRows, supervisionReport } from "./report.ts";

export const escalationsApi = createRouter();
export const supervisionReportsApi = createRouter();
const tags = ["督查考核：通报约谈问责"];

escalationsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listEscalations",
    tags,
    summary: "通报、约谈、问责记录（按年度、环节、对象类别筛选）",
    security,
    middleware: [requirePermission("supervision.read")] as const,
    request: { query: EscalationQuery },
    responses: { 200: jsonResponse(EscalationPage, "记录"), ...commonErrors },
  }),
  async (c) => c.json(await svc.listEscalations(c.var.ctx, c.req.valid("query")), 200),
);
escalationsApi.openapi(
  createRoute({
    method: "get",
    path: "/proposal",
    operationId: "getEscalationProposal",
    tags,
    summary: "某对象本年度的阶梯：已确认的问题、已采取的环节和建议的下一步（一次通报、二次约谈、三次问责）",
    security,
    middleware: [requirePermission("supervision.read")] as const,
    request: { query: ProposalQuery },
    responses: { 200: jsonResponse(Proposal, "建议"), ...commonErrors },
  }),
  async (c) => c.json(await svc.proposal(c.var.ctx, c.req.valid("query")), 200),
);
escalationsApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "recordEscalation",
    tags,
    summary: "记录通报、约谈或问责（须为下一环节且有对应的已确认问题；召回同时结束驻村任务）",
    security,
    middleware: [requirePermission("escalations.manage")] as const,
    request: { body: jsonBody(EscalationCreate) },
    responses: { 201: jsonResponse(Escalation, "已记录"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.recordEscalation(c.var.ctx, c.req.valid("json")), 201),
);
escalationsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getEscalation",
    tags,
    summary: "通报约谈问责记录详情",
    security,
    middleware: [requirePermission("supervision.read")] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(Escalation, "记录"), ...commonErrors },
  }),
  async (c) => c.json(await svc.getEscalation(c.var.ctx, c.req.valid("param").id), 200),
);
supervisionReportsApi.openapi(
  createRoute({
    method: "get",
    path: "/supervision",
    operationId: "getSupervisionReport",
    tags,
    summary: "督查问责统计：按乡镇、按帮扶单位（督查、问题、销号、逾期、通报、约谈、问责、移交纪委）",
    security,
    middleware: [requirePermission("supervision.read")] as const,
    request: { query: ReportQuery },
    responses: { 200: jsonResponse(SupervisionReport, "统计"), ...commonErrors },
  }),
  async (c) => c.json(await supervisionReport(c.var.ctx, c.req.valid("query").year), 200),
);
supervisionReportsApi.openapi(
  createRoute({
    method: "get",
    path: "/supervision/export",
    operationId: "exportSupervisionReport",
    tags,
    summary: "督查问责统计 CSV（UTF-8 带 BOM，Excel 可直接打开）",
    security,
    middleware: [requirePermission("supervision.read")] as const,
    request: { query: ReportQuery },
    responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } }, ...commonErrors },
  }),
  async (c) => {
    const r = await supervisionReport(c.var.ctx, c.req.valid("query").year);
    return csvDownload(c, `督查问责统计-${r.year}.csv`, REPORT_CSV_HEADER, reportCsvRows(r)) as never;
  },
);
