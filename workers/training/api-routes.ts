import { createRoute } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { IdParam } from "../units/schemas.ts";
import * as s from "./schemas.ts";
import * as plans from "./plans.ts";
import { planCoverage, retrainList } from "./coverage.ts";

export const trainingsApi = createRouter();
export const trainingSessionsApi = createRouter();
const tags = ["培训与应知应会"];
const PlanId = IdParam("培训计划");
const SessionId = IdParam("培训");

trainingsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listTrainingPlans",
    tags,
    summary: "培训计划（对象、完成期限、已办期数和参训人次）",
    security,
    middleware: [requirePermission("training.read")] as const,
    responses: { 200: jsonResponse(s.TrainingPlanList, "培训计划"), ...commonErrors },
  }),
  async (c) => c.json(await plans.listPlans(c.var.ctx), 200),
);
trainingsApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createTrainingPlan",
    tags,
    summary: "新建培训计划（县级）",
    security,
    middleware: [requirePermission("training.plan")] as const,
    request: { body: jsonBody(s.PlanCreate) },
    responses: { 201: jsonResponse(s.PlanDetail, "已创建"), ...commonErrors },
  }),
  async (c) => c.json(await plans.createPlan(c.var.ctx, c.req.valid("json")), 201),
);
trainingsApi.openapi(
  createRoute({
    method: "get",
    path: "/retrain",
    operationId: "listRetrainees",
    tags,
    summary: "回炉名单：最近一次应知应会测试低于及格分、此后尚未参加培训的人员（乡镇只看本乡镇，干部只看本人）",
    security,
    middleware: [requirePermission("exams.read")] as const,
    responses: { 200: jsonResponse(s.RetrainList, "回炉名单"), ...commonErrors },
  }),
  async (c) => c.json(await retrainList(c.var.ctx), 200),
);
trainingsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getTrainingPlan",
    tags,
    summary: "培训计划及其各期培训",
    security,
    middleware: [requirePermission("training.read")] as const,
    request: { params: PlanId },
    responses: { 200: jsonResponse(s.PlanDetail, "培训计划"), ...commonErrors },
  }),
  async (c) => c.json(await plans.getPlan(c.var.ctx, c.req.valid("param").id), 200),
);
trainingsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}/coverage",
    operationId: "getTrainingCoverage",
    tags,
    summary: "培训覆盖：应训人数、已训人数和尚未参训的人员（乡镇只看本乡镇）",
    security,
    middleware: [requirePermission("training.read")] as const,
    request: { params: PlanId },
    responses: { 200: jsonResponse(s.PlanCoverage, "培训覆盖"), ...commonErrors },
  }),
  async (c) => c.json(await planCoverage(c.var.ctx, c.req.valid("param").id), 200),
);
trainingsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/sessions",
    operationId: "createTrainingSession",
    tags,
    summary: "新增一期培训（集中授课、网上培训、夜间大课堂、集中轮训）；乡镇干部只能在本乡镇办班",
    security,
    middleware: [requirePermission("training.record")] as const,
    request: { params: PlanId, body: jsonBody(s.SessionCreate) },
    responses: { 201: jsonResponse(s.SessionDetail, "已创建"), ...commonErrors },
  }),
  async (c) => c.json(await plans.createSession(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 201),
);

trainingSessionsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getTrainingSession",
    tags,
    summary: "一期培训及参训人员（参训记录属个人信息：本人、本乡镇和县级可见）",
    security,
    middleware: [requirePermission("training.read")] as const,
    request: { params: SessionId },
    responses: { 200: jsonResponse(s.SessionDetail, "培训"), ...commonErrors },
  }),
  async (c) => c.json(await plans.getSession(c.var.ctx, c.req.valid("param").id), 200),
);
trainingSessionsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/attendance",
    operationId: "recordTrainingAttendance",
    tags,
    summary: "登记参训（一人次）；同一人同一期重复登记返回 409；乡镇干部只能登记本乡镇人员",
    security,
    middleware: [requirePermission("training.record")] as const,
    request: { params: SessionId, body: jsonBody(s.AttendanceCreate) },
    responses: { 201: jsonResponse(s.SessionDetail, "已登记"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await plans.recordAttendance(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 201),
);
