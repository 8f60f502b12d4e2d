import { createRoute } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import * as s from "./schemas.ts";
import { checkIn, listCheckIns, presenceReport } from "./service.ts";

export const checkInsApi = createRouter();
const tags = ["签到与请假"];

checkInsApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createCheckIn",
    tags,
    summary:
      "驻村干部签到（上午 / 下午各一次；有定位时附经纬度与精度，无定位时写明原因）。远离村址的签到照常记录并标记；同一时段重复签到、未来时间、坐标越界返回 4xx。本月有签到的天数作为驻村天数填报，待乡镇确认",
    security,
    middleware: [requirePermission("checkins.record")] as const,
    request: { body: jsonBody(s.CheckInCreate) },
    responses: { 201: jsonResponse(s.CheckInResult, "已签到"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await checkIn(c.var.ctx, c.req.valid("json")), 201),
);
checkInsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listCheckIns",
    tags,
    summary: "签到记录（干部只看本人的，乡镇干部只看本乡镇的），可按任务、乡镇、日期、标记筛选",
    security,
    middleware: [requirePermission("presence.read")] as const,
    request: { query: s.CheckInQuery },
    responses: { 200: jsonResponse(s.CheckInPage, "签到记录"), ...commonErrors },
  }),
  async (c) => c.json(await listCheckIns(c.var.ctx, c.req.valid("query")), 200),
);
checkInsApi.openapi(
  createRoute({
    method: "get",
    path: "/summary",
    operationId: "getPresenceReport",
    tags,
    summary: "某月在岗情况：每个驻村任务的签到天数、异常签到数、请假天数与已填报 / 已确认的驻村天数",
    security,
    middleware: [requirePermission("presence.read")] as const,
    request: { query: s.PresenceQuery },
    responses: { 200: jsonResponse(s.PresenceReport, "在岗情况"), ...commonErrors },
  }),
  async (c) => c.json(await presenceReport(c.var.ctx, c.req.valid("query")), 200),
);
