import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { csvDownload } from "../platform/csv-download.ts";
import { UNIT_KIND_LABELS, UNIT_LEVEL_LABELS } from "../../web/i18n/zh-CN.ts";
import * as s from "./schemas.ts";
import * as svc from "./service.ts";

export const unitsApi = createRouter();
const tags = ["帮扶单位"];
const UnitId = s.IdParam("单位");

unitsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listUnits",
    tags,
    summary: "帮扶（派出）单位列表：按类别、层级、名称筛选，分页",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { query: s.UnitQuery },
    responses: { 200: jsonResponse(s.UnitPage, "单位"), ...commonErrors },
  }),
  async (c) => c.json(await svc.listUnits(c.var.ctx, c.req.valid("query")), 200),
);
unitsApi.openapi(
  createRoute({
    method: "get",
    path: "/export",
    operationId: "exportUnits",
    tags,
    summary: "导出单位列表（CSV，Excel 可直接打开；可作导入文件）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { query: s.UnitFilter },
    responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } }, ...commonErrors },
  }),
  async (c) => {
    const rows = await svc.allUnits(c.var.ctx, c.req.valid("query"));
    return csvDownload(
      c,
      "帮扶单位.csv",
      ["单位名称", "单位类别", "单位层级", "联系方式", "干部人数"],
      rows.map((u) => [u.name, UNIT_KIND_LABELS[u.kind], UNIT_LEVEL_LABELS[u.level], u.contact, u.cadreCount]),
    ) as never;
  },
);
unitsApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createUnit",
    tags,
    summary: "新建单位（名称在本地区内唯一）",
    security,
    middleware: [requirePermission("units.manage")] as const,
    request: { body: jsonBody(s.UnitCreate) },
    responses: { 201: jsonResponse(s.Unit, "已创建"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.createUnit(c.var.ctx, c.req.valid("json")), 201),
);
unitsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getUnit",
    tags,
    summary: "单位详情",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { params: UnitId },
    responses: { 200: jsonResponse(s.Unit, "单位"), ...commonErrors },
  }),
  async (c) => c.json(await svc.getUnit(c.var.ctx, c.req.valid("param").id), 200),
);
unitsApi.openapi(
  createRoute({
    method: "patch",
    path: "/{id}",
    operationId: "updateUnit",
    tags,
    summary: "修改单位",
    security,
    middleware: [requirePermission("units.manage")] as const,
    request: { params: UnitId, body: jsonBody(s.UnitUpdate) },
    responses: { 200: jsonResponse(s.Unit, "已修改"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.updateUnit(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
