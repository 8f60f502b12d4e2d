import { createRoute } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import {
  IdParam,
  InspectionCreate,
  InspectionDetail,
  InspectionPage,
  InspectionQuery,
  Problem,
  ProblemCreate,
  ProblemDecision,
  ProblemPage,
  ProblemQuery,
  Rectification,
  SignOff,
} from "./schemas.ts";
import * as svc from "./service.ts";

export const inspectionsApi = createRouter();
export const problemsApi = createRouter();
const tags = ["督查考核：督查与整改"];

inspectionsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listInspections",
    tags,
    summary: "督查列表（电话抽查、随机检查、实地督查、交叉督查；乡镇干部看本乡镇，干部只看本人）",
    security,
    middleware: [requirePermission("supervision.read")] as const,
    request: { query: InspectionQuery },
    responses: { 200: jsonResponse(InspectionPage, "督查"), ...commonErrors },
  }),
  async (c) => c.json(await svc.listInspections(c.var.ctx, c.req.valid("query")), 200),
);
inspectionsApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createInspection",
    tags,
    summary: "登记督查（对象：干部、驻村工作队、帮扶单位、乡镇或村），可同时登记问题及整改时限",
    security,
    middleware: [requirePermission("inspections.manage")] as const,
    request: { body: jsonBody(InspectionCreate) },
    responses: { 201: jsonResponse(InspectionDetail, "已登记"), ...commonErrors },
  }),
  async (c) => c.json(await svc.createInspection(c.var.ctx, c.req.valid("json")), 201),
);
inspectionsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getInspection",
    tags,
    summary: "督查详情及发现的问题",
    security,
    middleware: [requirePermission("supervision.read")] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(InspectionDetail, "督查"), ...commonErrors },
  }),
  async (c) => c.json(await svc.getInspection(c.var.ctx, c.req.valid("param").id), 200),
);
inspectionsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/problems",
    operationId: "addInspectionProblem",
    tags,
    summary: "为督查添加问题（整改时限不早于督查日期）",
    security,
    middleware: [requirePermission("inspections.manage")] as const,
    request: { params: IdParam, body: jsonBody(ProblemCreate) },
    responses: { 201: jsonResponse(Problem, "已添加"), ...commonErrors },
  }),
  async (c) => c.json(await svc.addProblem(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 201),
);
problemsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listProblems",
    tags,
    summary: "督查问题（整改台账：按状态、逾期筛选）",
    security,
    middleware: [requirePermission("supervision.read")] as const,
    request: { query: ProblemQuery },
    responses: { 200: jsonResponse(ProblemPage, "问题"), ...commonErrors },
  }),
  async (c) => c.json(await svc.listProblems(c.var.ctx, c.req.valid("query")), 200),
);
problemsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getProblem",
    tags,
    summary: "督查问题详情",
    security,
    middleware: [requirePermission("supervision.read")] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(Problem, "问题"), ...commonErrors },
  }),
  async (c) => c.json(await svc.getProblem(c.var.ctx, c.req.valid("param").id), 200),
);
problemsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/decision",
    operationId: "decideProblem",
    tags,
    summary: "核实问题：属实（计入通报约谈问责）或不成立（须说明理由）",
    security,
    middleware: [requirePermission("inspections.manage")] as const,
    request: { params: IdParam, body: jsonBody(ProblemDecision) },
    responses: { 200: jsonResponse(Problem, "已核实"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.decideProblem(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
problemsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/rectification",
    operationId: "rectifyProblem",
    tags,
    summary: "提交整改情况和佐证材料（已确认的问题；干部只能整改本人的问题）",
    security,
    middleware: [requirePermission("rectifications.submit")] as const,
    request: { params: IdParam, body: jsonBody(Rectification) },
    responses: { 200: jsonResponse(Problem, "已提交"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.rectifyProblem(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
problemsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/sign-off",
    operationId: "signOffProblem",
    tags,
    summary: "整改销号或退回重新整改（须由提交整改以外的人员审核）",
    security,
    middleware: [requirePermission("inspections.manage")] as const,
    request: { params: IdParam, body: jsonBody(SignOff) },
    responses: { 200: jsonResponse(Problem, "已处理"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.signOffProblem(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
