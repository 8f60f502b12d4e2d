import { createRoute } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { IdParam } from "../units/schemas.ts";
import * as s from "./schemas.ts";
import * as svc from "./service.ts";

export const leavesApi = createRouter();
const tags = ["签到与请假"];
const LeaveId = IdParam("请假");

leavesApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listLeaves",
    tags,
    summary: "请假记录（干部只看本人的，乡镇干部只看本乡镇的；待审批的在前）",
    security,
    middleware: [requirePermission("presence.read")] as const,
    request: { query: s.LeaveQuery },
    responses: { 200: jsonResponse(s.LeavePage, "请假记录"), ...commonErrors },
  }),
  async (c) => c.json(await svc.listLeaves(c.var.ctx, c.req.valid("query")), 200),
);
leavesApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createLeave",
    tags,
    summary: "驻村干部请假（本人在岗任务；与已提交或已批准的请假重叠返回 409），由乡镇或县级审批",
    security,
    middleware: [requirePermission("leaves.request")] as const,
    request: { body: jsonBody(s.LeaveCreate) },
    responses: { 201: jsonResponse(s.Leave, "已提交"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.requestLeave(c.var.ctx, c.req.valid("json")), 201),
);
leavesApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getLeave",
    tags,
    summary: "请假详情",
    security,
    middleware: [requirePermission("presence.read")] as const,
    request: { params: LeaveId },
    responses: { 200: jsonResponse(s.Leave, "请假"), ...commonErrors },
  }),
  async (c) => c.json(await svc.getLeave(c.var.ctx, c.req.valid("param").id), 200),
);
leavesApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/approve",
    operationId: "approveLeave",
    tags,
    summary: "批准请假（乡镇本乡镇、县级；不能审批自己的请假）",
    security,
    middleware: [requirePermission("leaves.approve")] as const,
    request: { params: LeaveId, body: jsonBody(s.LeaveDecision) },
    responses: { 200: jsonResponse(s.Leave, "已批准"), ...commonErrors, ...conflictError },
  }),
  async (c) =>
    c.json(await svc.decideLeave(c.var.ctx, c.req.valid("param").id, "approved", c.req.valid("json").note), 200),
);
leavesApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/reject",
    operationId: "rejectLeave",
    tags,
    summary: "不批准请假（须写明理由）",
    security,
    middleware: [requirePermission("leaves.approve")] as const,
    request: { params: LeaveId, body: jsonBody(s.LeaveRejection) },
    responses: { 200: jsonResponse(s.Leave, "未批准"), ...commonErrors, ...conflictError },
  }),
  async (c) =>
    c.json(await svc.decideLeave(c.var.ctx, c.req.valid("param").id, "rejected", c.req.valid("json").note), 200),
);
leavesApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/cancel",
    operationId: "cancelLeave",
    tags,
    summary: "撤回尚未审批的请假（请假人本人；其他人返回 403）",
    security,
    middleware: [requirePermission("leaves.close")] as const,
    request: { params: LeaveId },
    responses: { 200: jsonResponse(s.Leave, "已撤回"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.cancelLeave(c.var.ctx, c.req.valid("param").id), 200),
);
leavesApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/return",
    operationId: "returnFromLeave",
    tags,
    summary: "销假：回村日期（不能晚于今天）；请假到前一天为止。干部本人，或乡镇（本乡镇）、县级代为登记",
    security,
    middleware: [requirePermission("leaves.close")] as const,
    request: { params: LeaveId, body: jsonBody(s.LeaveReturn) },
    responses: { 200: jsonResponse(s.Leave, "已销假"), ...commonErrors, ...conflictError },
  }),
  async (c) =>
    c.json(await svc.returnFromLeave(c.var.ctx, c.req.valid("param").id, c.req.valid("json").returnedOn), 200),
);
