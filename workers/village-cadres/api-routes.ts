import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { csvDownload } from "../platform/csv-download.ts";
import { IdParam } from "../units/schemas.ts";
import { chinaDateOfUnix } from "../lib/dates.ts";
import { VILLAGE_OFFICIAL_SOURCE_LABELS } from "../../web/i18n/zh-CN.ts";
import * as s from "./schemas.ts";
import * as svc from "./service.ts";
import { getPayRates, setPayRates } from "./pay.ts";
import { reportCsvRows, villageCadreReports } from "./reports.ts";

export const villageOfficialsApi = createRouter();
/** Mounted at /village-official-pay-rates (a path of its own: beside /{id}/leave it would be ambiguous). */
export const villageOfficialPayRatesApi = createRouter();
const tags = ["村两委"];
const OfficialId = IdParam("村干部");
const ProgramId = z.object({
  programId: z.coerce
    .number({ error: "无效的资金项目编号" })
    .int("无效的资金项目编号")
    .positive("无效的资金项目编号")
    .max(2 ** 53)
    .openapi({ param: { name: "programId", in: "path" } }),
});
const yearOf = (ctxNow: number, year: number | undefined) => year ?? Number(chinaDateOfUnix(ctxNow).slice(0, 4));

villageOfficialsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listVillageOfficials",
    tags,
    summary: "村两委花名册（乡镇干部只看本乡镇；身份证号脱敏）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { query: s.VillageOfficialQuery },
    responses: { 200: jsonResponse(s.VillageOfficialPage, "村干部"), ...commonErrors },
  }),
  async (c) => c.json(await svc.listOfficials(c.var.ctx, c.req.valid("query")), 200),
);
villageOfficialsApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createVillageOfficial",
    tags,
    summary: "登记村干部（一人只任一个在任职务；每村一名在任书记、一名主任；一肩挑时不另设主任）",
    security,
    middleware: [requirePermission("village_officials.manage")] as const,
    request: { body: jsonBody(s.VillageOfficialCreate) },
    responses: { 201: jsonResponse(s.VillageOfficial, "已登记"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.createOfficial(c.var.ctx, c.req.valid("json")), 201),
);
villageOfficialsApi.openapi(
  createRoute({
    method: "get",
    path: "/reports",
    operationId: "getVillageCadreReports",
    tags,
    summary: "一肩挑比例、贫困村 35 岁以下两委成员、新任书记中致富能手占比（默认今年）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { query: s.ReportQuery },
    responses: { 200: jsonResponse(s.VillageCadreReports, "统计"), ...commonErrors },
  }),
  async (c) => c.json(await villageCadreReports(c.var.ctx, yearOf(c.var.ctx.now(), c.req.valid("query").year)), 200),
);
villageOfficialsApi.openapi(
  createRoute({
    method: "get",
    path: "/reports/export",
    operationId: "exportVillageCadreReports",
    tags,
    summary: "导出村两委统计（CSV，Excel 可直接打开）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { query: s.ReportQuery },
    responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } }, ...commonErrors },
  }),
  async (c) => {
    const r = await villageCadreReports(c.var.ctx, yearOf(c.var.ctx.now(), c.req.valid("query").year));
    const [head, ...rows] = reportCsvRows(r, { source: VILLAGE_OFFICIAL_SOURCE_LABELS });
    return csvDownload(c, `村两委统计-${r.year}.csv`, head!, rows) as never;
  },
);
villageOfficialPayRatesApi.openapi(
  createRoute({
    method: "get",
    path: "/{programId}",
    operationId: "getVillageOfficialPayRates",
    tags,
    summary: "资金项目的村干部岗位标准（未设标准的职务按项目标准金额）",
    security,
    middleware: [requirePermission("money.read")] as const,
    request: { params: ProgramId },
    responses: { 200: jsonResponse(s.PayRates, "岗位标准"), ...commonErrors },
  }),
  async (c) => c.json(await getPayRates(c.var.ctx, c.req.valid("param").programId), 200),
);
villageOfficialPayRatesApi.openapi(
  createRoute({
    method: "put",
    path: "/{programId}",
    operationId: "setVillageOfficialPayRates",
    tags,
    summary: "设置村干部岗位标准（整体替换；只用于发放对象为村干部的项目；已生成的明细不变）",
    security,
    middleware: [requirePermission("programs.manage")] as const,
    request: { params: ProgramId, body: jsonBody(s.PayRatesSet) },
    responses: { 200: jsonResponse(s.PayRates, "已保存"), ...commonErrors },
  }),
  async (c) => c.json(await setPayRates(c.var.ctx, c.req.valid("param").programId, c.req.valid("json")), 200),
);
villageOfficialsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getVillageOfficial",
    tags,
    summary: "村干部详情（身份证号脱敏）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { params: OfficialId },
    responses: { 200: jsonResponse(s.VillageOfficial, "村干部"), ...commonErrors },
  }),
  async (c) => c.json(await svc.getOfficial(c.var.ctx, c.req.valid("param").id), 200),
);
villageOfficialsApi.openapi(
  createRoute({
    method: "put",
    path: "/{id}",
    operationId: "updateVillageOfficial",
    tags,
    summary: "修改在任村干部的职务、一肩挑/专职书记、来源、表彰",
    security,
    middleware: [requirePermission("village_officials.manage")] as const,
    request: { params: OfficialId, body: jsonBody(s.VillageOfficialUpdate) },
    responses: { 200: jsonResponse(s.VillageOfficial, "已修改"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.updateOfficial(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
villageOfficialsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/leave",
    operationId: "leaveVillageOffice",
    tags,
    summary: "离任：正常离任（可按任职年限发放离任补助）或免职/罢免",
    security,
    middleware: [requirePermission("village_officials.manage")] as const,
    request: { params: OfficialId, body: jsonBody(s.VillageOfficialLeave) },
    responses: { 200: jsonResponse(s.VillageOfficial, "已离任"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.leaveOffice(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
