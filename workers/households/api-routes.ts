import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { csvDownload } from "../platform/csv-download.ts";
import {
  HOUSEHOLD_STATUS_LABELS,
  HOUSEHOLD_TYPE_LABELS,
  MONITOR_KIND_LABELS,
  POVERTY_CAUSE_LABELS,
  label,
} from "../../web/i18n/zh-CN.ts";
import * as s from "./schemas.ts";
import * as svc from "./service.ts";
import { RevealReason } from "../platform/reveal-reason.ts";
import { statusHistory } from "./status.ts";

export const householdsApi = createRouter();
const tags = ["农户（贫困户）"];

householdsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listHouseholds",
    tags,
    summary:
      "农户列表：按村、乡镇、状态、属性、致贫原因、户主姓名筛选，或按完整身份证号查找；分页（身份证号、手机号只显示掩码）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { query: s.HouseholdQuery },
    responses: { 200: jsonResponse(s.HouseholdPage, "农户"), ...commonErrors },
  }),
  async (c) => c.json(await svc.listHouseholds(c.var.ctx, c.req.valid("query")), 200),
);
householdsApi.openapi(
  createRoute({
    method: "get",
    path: "/export",
    operationId: "exportHouseholds",
    tags,
    summary: "导出农户列表（CSV；身份证号、手机号为掩码）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { query: s.HouseholdFilter },
    responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } }, ...commonErrors },
  }),
  async (c) => {
    const rows = await svc.allHouseholds(c.var.ctx, c.req.valid("query"));
    return csvDownload(
      c,
      "农户列表.csv",
      [
        "农户编号",
        "户主姓名",
        "身份证号（掩码）",
        "联系电话（掩码）",
        "村级区划代码",
        "村",
        "乡镇",
        "村民小组",
        "家庭人口",
        "贫困户属性",
        "户状态",
        "监测类别",
        "致贫原因",
        "识别年度",
        "脱贫年度",
        "备注",
      ],
      rows.map((h) => [
        h.id,
        h.headName,
        h.idNumberMasked,
        h.phoneMasked,
        h.villageCode,
        h.villageName,
        h.townshipName,
        h.groupName,
        h.memberCount,
        label(HOUSEHOLD_TYPE_LABELS, h.type),
        label(HOUSEHOLD_STATUS_LABELS, h.status),
        label(MONITOR_KIND_LABELS, h.monitorKind),
        h.causes.map((k) => label(POVERTY_CAUSE_LABELS, k)).join("、"),
        h.yearIdentified,
        h.exitYear,
        h.notes,
      ]),
    ) as never;
  },
);
householdsApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createHousehold",
    tags,
    summary: "登记农户（身份证号校验位验证；身份证号、手机号加密存储；本地区内身份证号重复返回 409）",
    security,
    middleware: [requirePermission("households.manage")] as const,
    request: { body: jsonBody(s.HouseholdCreate) },
    responses: { 201: jsonResponse(s.Household, "已登记"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.createHousehold(c.var.ctx, c.req.valid("json")), 201),
);
householdsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getHousehold",
    tags,
    summary: "农户详情与家庭成员（身份证号、手机号为掩码）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { params: s.HouseholdIdParam },
    responses: { 200: jsonResponse(s.HouseholdDetail, "农户"), ...commonErrors },
  }),
  async (c) => c.json(await svc.getHouseholdDetail(c.var.ctx, c.req.valid("param").id), 200),
);
householdsApi.openapi(
  createRoute({
    method: "patch",
    path: "/{id}",
    operationId: "updateHousehold",
    tags,
    summary: "修改农户信息（不含状态：状态变更须单独登记）",
    security,
    middleware: [requirePermission("households.manage")] as const,
    request: { params: s.HouseholdIdParam, body: jsonBody(s.HouseholdUpdate) },
    responses: { 200: jsonResponse(s.Household, "已修改"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.updateHousehold(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
householdsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/reveal",
    operationId: "revealHouseholdPii",
    tags,
    summary: "查看完整身份证号和手机号（记入审计日志）",
    security,
    middleware: [requirePermission("pii.reveal")] as const,
    request: { params: s.HouseholdIdParam, body: jsonBody(RevealReason) },
    responses: { 200: jsonResponse(s.PiiReveal, "完整信息"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.revealPii(c.var.ctx, c.req.valid("param").id, c.req.valid("json").reason), 200),
);
householdsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/members",
    operationId: "addHouseholdMember",
    tags,
    summary: "添加家庭成员",
    security,
    middleware: [requirePermission("households.manage")] as const,
    request: { params: s.HouseholdIdParam, body: jsonBody(s.MemberInput) },
    responses: { 201: jsonResponse(s.Member, "已添加"), ...commonErrors },
  }),
  async (c) => c.json(await svc.addMember(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 201),
);
householdsApi.openapi(
  createRoute({
    method: "delete",
    path: "/{id}/members/{memberId}",
    operationId: "removeHouseholdMember",
    tags,
    summary: "删除家庭成员",
    security,
    middleware: [requirePermission("households.manage")] as const,
    request: { params: s.MemberIdParam },
    responses: { 204: { description: "已删除" }, ...commonErrors },
  }),
  async (c) => {
    const { id, memberId } = c.req.valid("param");
    await svc.removeMember(c.var.ctx, id, memberId);
    return c.body(null, 204);
  },
);
householdsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}/status-changes",
    operationId: "listHouseholdStatusChanges",
    tags,
    summary: "户状态变更记录（新的在前）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { params: s.HouseholdIdParam },
    responses: { 200: jsonResponse(z.object({ items: z.array(s.StatusEvent) }), "变更记录"), ...commonErrors },
  }),
  async (c) => c.json({ items: await statusHistory(c.var.ctx, c.req.valid("param").id) }, 200),
);
