import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { csvDownload } from "../platform/csv-download.ts";
import { HOUSEHOLD_STATUS_LABELS, PAIRING_KIND_LABELS, PAIRING_STATUS_LABELS, label } from "../../web/i18n/zh-CN.ts";
import * as s from "./schemas.ts";
import * as svc from "./service.ts";

export const pairingsApi = createRouter();
const tags = ["结对帮扶"];

pairingsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listPairings",
    tags,
    summary: "结对列表：按类型、状态、村、干部、单位、农户筛选，分页（干部只见本人的结对，乡镇干部只见本乡镇）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { query: s.PairingQuery },
    responses: { 200: jsonResponse(s.PairingPage, "结对"), ...commonErrors },
  }),
  async (c) => c.json(await svc.listPairings(c.var.ctx, c.req.valid("query")), 200),
);
pairingsApi.openapi(
  createRoute({
    method: "get",
    path: "/export",
    operationId: "exportPairings",
    tags,
    summary: "导出结对列表（CSV，Excel 可直接打开）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { query: s.PairingFilter },
    responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } }, ...commonErrors },
  }),
  async (c) => {
    const rows = await svc.allPairings(c.var.ctx, c.req.valid("query"));
    return csvDownload(
      c,
      "结对帮扶.csv",
      [
        "编号",
        "结对类型",
        "帮扶方",
        "帮扶方所属单位",
        "被帮扶方",
        "被帮扶户状态",
        "乡镇",
        "开始日期",
        "结束日期",
        "状态",
        "目标责任书",
        "备注",
        "结束/移交原因",
      ],
      rows.map((p) => [
        p.id,
        PAIRING_KIND_LABELS[p.kind],
        p.helperUnitName ??
          p.helperCadreName ??
          (p.helperVillageName ? `${p.helperVillageName}（${p.helperVillageCode}）` : ""),
        p.helperCadreUnitName,
        p.householdId ? `${p.householdHeadName}户（${p.villageName}）` : `${p.villageName}（${p.villageCode}）`,
        label(HOUSEHOLD_STATUS_LABELS, p.householdStatus),
        p.townshipName,
        p.startDate,
        p.endDate,
        PAIRING_STATUS_LABELS[p.status],
        p.letterRef,
        p.notes,
        p.endReason,
      ]),
    ) as never;
  },
);
pairingsApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createPairing",
    tags,
    summary: "新建结对（双方按类型校验；干部结对户受每名干部户数上限约束，一户只有一名帮扶责任人）",
    security,
    middleware: [requirePermission("pairings.manage")] as const,
    request: { body: jsonBody(s.PairingCreate) },
    responses: { 201: jsonResponse(s.Pairing, "已创建"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.createPairing(c.var.ctx, c.req.valid("json")), 201),
);
pairingsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getPairing",
    tags,
    summary: "结对详情",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { params: s.IdParam },
    responses: { 200: jsonResponse(s.Pairing, "结对"), ...commonErrors },
  }),
  async (c) => c.json(await svc.getPairing(c.var.ctx, c.req.valid("param").id), 200),
);
pairingsApi.openapi(
  createRoute({
    method: "patch",
    path: "/{id}",
    operationId: "updatePairing",
    tags,
    summary: "修改目标责任书编号、备注",
    security,
    middleware: [requirePermission("pairings.manage")] as const,
    request: { params: s.IdParam, body: jsonBody(s.PairingUpdate) },
    responses: { 200: jsonResponse(s.Pairing, "已修改"), ...commonErrors },
  }),
  async (c) => c.json(await svc.updatePairing(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
pairingsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/end",
    operationId: "endPairing",
    tags,
    summary: "结束结对（未脱贫户的干部结对不能结束，只能移交：409）",
    security,
    middleware: [requirePermission("pairings.manage")] as const,
    request: { params: s.IdParam, body: jsonBody(s.PairingEnd) },
    responses: { 200: jsonResponse(s.Pairing, "已结束"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.endPairing(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
pairingsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/handover",
    operationId: "handOverPairing",
    tags,
    summary: "移交干部结对户：原结对结束、新结对开始，一步完成",
    security,
    middleware: [requirePermission("pairings.manage")] as const,
    request: { params: s.IdParam, body: jsonBody(s.PairingHandover) },
    responses: { 200: jsonResponse(s.HandoverResult, "已移交"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.handoverPairing(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
