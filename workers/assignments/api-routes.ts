import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { csvDownload } from "../platform/csv-download.ts";
import { ASSIGNMENT_ROLE_LABELS, ASSIGNMENT_STATUS_LABELS, END_REASON_LABELS } from "../../web/i18n/zh-CN.ts";
import { IdParam } from "../units/schemas.ts";
import * as s from "./schemas.ts";
import * as svc from "./service.ts";
import { confirmAttendance, listAttendance, lowAttendance, recordAttendance } from "./attendance.ts";

export const assignmentsApi = createRouter();
export const attendanceApi = createRouter();
const tags = ["驻村"];
const AssignmentId = IdParam("驻村任务");

assignmentsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listAssignments",
    tags,
    summary: "驻村任务列表：按干部、村、乡镇、职务、状态筛选，分页（干部只看到自己的，乡镇干部只看到本乡镇的）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { query: s.AssignmentQuery },
    responses: { 200: jsonResponse(s.AssignmentPage, "驻村任务"), ...commonErrors },
  }),
  async (c) => c.json(await svc.listAssignments(c.var.ctx, c.req.valid("query")), 200),
);
assignmentsApi.openapi(
  createRoute({
    method: "get",
    path: "/export",
    operationId: "exportAssignments",
    tags,
    summary: "导出驻村任务（CSV）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { query: s.AssignmentFilter },
    responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } }, ...commonErrors },
  }),
  async (c) => {
    const rows = await svc.allAssignments(c.var.ctx, c.req.valid("query"));
    return csvDownload(
      c,
      "驻村任务.csv",
      [
        "任务编号",
        "村级区划代码",
        "村名称",
        "乡镇",
        "干部姓名",
        "派出单位",
        "驻村职务",
        "开始日期",
        "结束日期",
        "状态",
        "结束原因",
        "说明",
        "接替任务编号",
      ],
      rows.map((a) => [
        a.id,
        a.villageCode,
        a.villageName,
        a.townshipName,
        a.cadreName,
        a.unitName,
        ASSIGNMENT_ROLE_LABELS[a.role],
        a.startDate,
        a.endDate,
        ASSIGNMENT_STATUS_LABELS[a.status],
        a.endReason ? END_REASON_LABELS[a.endReason] : "",
        a.endNote,
        a.replacedById,
      ]),
    ) as never;
  },
);
assignmentsApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createAssignment",
    tags,
    summary:
      "派驻干部到村（每村同一时间只有一名在岗第一书记；工作队队长须为副处级以上（市直单位）或副科级以上（县直单位）干部，否则返回 409）",
    security,
    middleware: [requirePermission("assignments.manage")] as const,
    request: { body: jsonBody(s.AssignmentCreate) },
    responses: { 201: jsonResponse(s.Assignment, "已派驻"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.createAssignment(c.var.ctx, c.req.valid("json")), 201),
);
assignmentsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getAssignment",
    tags,
    summary: "驻村任务详情",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { params: AssignmentId },
    responses: { 200: jsonResponse(s.Assignment, "驻村任务"), ...commonErrors },
  }),
  async (c) => c.json(await svc.getAssignment(c.var.ctx, c.req.valid("param").id), 200),
);
assignmentsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/end",
    operationId: "endAssignment",
    tags,
    summary: "结束驻村任务：期满（任期届满）或召回（须写明原因）；已结束的再结束返回 409",
    security,
    middleware: [requirePermission("assignments.manage")] as const,
    request: { params: AssignmentId, body: jsonBody(s.AssignmentEnd) },
    responses: { 200: jsonResponse(s.Assignment, "已结束"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.endAssignment(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
assignmentsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/replace",
    operationId: "replaceAssignment",
    tags,
    summary:
      "调整更换：原任务以“调整更换”结束并写明原因，接替干部同日到岗（同村同职务），一步完成；接替队长的干部须达到队长职级，否则返回 409",
    security,
    middleware: [requirePermission("assignments.manage")] as const,
    request: { params: AssignmentId, body: jsonBody(s.AssignmentReplace) },
    responses: { 200: jsonResponse(s.Replaced, "已更换"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.replaceAssignment(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
assignmentsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}/attendance",
    operationId: "listAttendance",
    tags,
    summary: "某驻村任务各月驻村天数",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { params: AssignmentId },
    responses: { 200: jsonResponse(s.AttendanceList, "驻村天数"), ...commonErrors },
  }),
  async (c) => c.json(await listAttendance(c.var.ctx, c.req.valid("param").id), 200),
);
assignmentsApi.openapi(
  createRoute({
    method: "put",
    path: "/{id}/attendance/{month}",
    operationId: "setAttendance",
    tags,
    summary: "填报（或更正）某月驻村天数（0 至当月天数）",
    security,
    middleware: [requirePermission("attendance.record")] as const,
    request: { params: s.AttendanceParam, body: jsonBody(s.AttendanceBody) },
    responses: { 200: jsonResponse(s.AttendanceEntry, "已填报"), ...commonErrors, ...conflictError },
  }),
  async (c) => {
    const { id, month } = c.req.valid("param");
    return c.json(await recordAttendance(c.var.ctx, id, month, c.req.valid("json").days), 200);
  },
);
assignmentsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/attendance/{month}/confirm",
    operationId: "confirmAttendance",
    tags,
    summary: "确认某月驻村天数（乡镇本乡镇、县级）；只有已确认的天数计发补助，确认后再修改须重新确认",
    security,
    middleware: [requirePermission("attendance.confirm")] as const,
    request: { params: s.AttendanceParam, body: jsonBody(s.AttendanceBody) },
    responses: { 200: jsonResponse(s.AttendanceEntry, "已确认"), ...commonErrors, ...conflictError },
  }),
  async (c) => {
    const { id, month } = c.req.valid("param");
    return c.json(await confirmAttendance(c.var.ctx, id, month, c.req.valid("json").days), 200);
  },
);
attendanceApi.openapi(
  createRoute({
    method: "get",
    path: "/low",
    operationId: "listLowAttendance",
    tags,
    summary: "驻村天数偏少：某月在岗但驻村天数少于 N 天（默认 10；未填报视为 0）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { query: s.LowAttendanceQuery },
    responses: { 200: jsonResponse(s.LowAttendancePage, "驻村天数偏少的任务"), ...commonErrors },
  }),
  async (c) => c.json(await lowAttendance(c.var.ctx, c.req.valid("query")), 200),
);
