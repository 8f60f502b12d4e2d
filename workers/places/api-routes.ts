import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { csvDownload } from "../platform/csv-download.ts";
import { formatFenPlain } from "../../web/components/format.ts";
import { INCOME_BRACKET_LABELS, VILLAGE_TAG_LABELS } from "../../web/i18n/zh-CN.ts";
import * as s from "./schemas.ts";
import * as places from "./service.ts";

export const countiesApi = createRouter();
export const townshipsApi = createRouter();
export const villagesApi = createRouter();
const tags = ["地区：区县、乡镇、村"];

countiesApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listCounties",
    tags,
    summary: "区县列表（仅市州级地区）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    responses: { 200: jsonResponse(z.object({ items: z.array(s.County) }), "区县"), ...commonErrors },
  }),
  async (c) => c.json({ items: await places.listCounties(c.var.ctx) }, 200),
);
countiesApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createCounty",
    tags,
    summary: "新建区县（6 位代码，须属于本市州）",
    security,
    middleware: [requirePermission("places.manage")] as const,
    request: { body: jsonBody(s.CountyCreate) },
    responses: { 201: jsonResponse(s.County, "已创建"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await places.createCounty(c.var.ctx, c.req.valid("json")), 201),
);

townshipsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listTownships",
    tags,
    summary: "乡镇（街道）列表",
    security,
    middleware: [requirePermission("registry.read")] as const,
    responses: { 200: jsonResponse(z.object({ items: z.array(s.Township) }), "乡镇"), ...commonErrors },
  }),
  async (c) => c.json({ items: await places.listTownships(c.var.ctx) }, 200),
);
townshipsApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createTownship",
    tags,
    summary: "新建乡镇（9 位代码，以所属区县代码开头）",
    security,
    middleware: [requirePermission("places.manage")] as const,
    request: { body: jsonBody(s.TownshipCreate) },
    responses: { 201: jsonResponse(s.Township, "已创建"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await places.createTownship(c.var.ctx, c.req.valid("json")), 201),
);
townshipsApi.openapi(
  createRoute({
    method: "patch",
    path: "/{code}",
    operationId: "updateTownship",
    tags,
    summary: "修改乡镇名称",
    security,
    middleware: [requirePermission("places.manage")] as const,
    request: { params: s.CodeParam("乡镇", 9), body: jsonBody(s.TownshipUpdate) },
    responses: { 200: jsonResponse(s.Township, "已修改"), ...commonErrors },
  }),
  async (c) => c.json(await places.renameTownship(c.var.ctx, c.req.valid("param").code, c.req.valid("json").name), 200),
);

villagesApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listVillages",
    tags,
    summary: "村（社区）列表：按乡镇、类别、名称筛选，分页",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { query: s.VillageQuery },
    responses: { 200: jsonResponse(s.VillagePage, "村"), ...commonErrors },
  }),
  async (c) => c.json(await places.listVillages(c.var.ctx, c.req.valid("query")), 200),
);
villagesApi.openapi(
  createRoute({
    method: "get",
    path: "/export",
    operationId: "exportVillages",
    tags,
    summary: "导出村列表（CSV，Excel 可直接打开）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { query: s.VillageQuery.omit({ page: true, size: true }) },
    responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } }, ...commonErrors },
  }),
  async (c) => {
    const rows = await places.allVillages(c.var.ctx, c.req.valid("query"));
    return csvDownload(
      c,
      "村列表.csv",
      [
        "村级区划代码",
        "村名称",
        "乡镇代码",
        "乡镇",
        "村类别",
        "集体经济收入年度",
        "集体经济收入（元）",
        "收入档次",
        "备注",
      ],
      rows.map((v) => [
        v.code,
        v.name,
        v.townshipCode,
        v.townshipName,
        v.tags.map((t) => VILLAGE_TAG_LABELS[t]).join("、"),
        v.latestIncome?.year ?? "",
        v.latestIncome ? formatFenPlain(v.latestIncome.incomeFen) : "",
        v.latestIncome ? INCOME_BRACKET_LABELS[v.latestIncome.bracket] : "",
        v.notes,
      ]),
    ) as never;
  },
);
villagesApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createVillage",
    tags,
    summary: "新建村（12 位代码，前 9 位为已登记乡镇）",
    security,
    middleware: [requirePermission("villages.manage")] as const,
    request: { body: jsonBody(s.VillageCreate) },
    responses: { 201: jsonResponse(s.VillageDetail, "已创建"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await places.createVillage(c.var.ctx, c.req.valid("json")), 201),
);
villagesApi.openapi(
  createRoute({
    method: "get",
    path: "/{code}",
    operationId: "getVillage",
    tags,
    summary: "村详情：小组、历年集体经济收入及档次",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { params: s.CodeParam("村", 12) },
    responses: { 200: jsonResponse(s.VillageDetail, "村"), ...commonErrors },
  }),
  async (c) => c.json(await places.getVillage(c.var.ctx, c.req.valid("param").code), 200),
);
villagesApi.openapi(
  createRoute({
    method: "patch",
    path: "/{code}",
    operationId: "updateVillage",
    tags,
    summary: "修改村名称、类别、备注",
    security,
    middleware: [requirePermission("villages.manage")] as const,
    request: { params: s.CodeParam("村", 12), body: jsonBody(s.VillageUpdate) },
    responses: { 200: jsonResponse(s.VillageDetail, "已修改"), ...commonErrors },
  }),
  async (c) => c.json(await places.updateVillage(c.var.ctx, c.req.valid("param").code, c.req.valid("json")), 200),
);
villagesApi.openapi(
  createRoute({
    method: "put",
    path: "/{code}/incomes/{year}",
    operationId: "setVillageIncome",
    tags,
    summary: "登记某年集体经济收入（整数分）",
    security,
    middleware: [requirePermission("villages.manage")] as const,
    request: { params: s.YearParam, body: jsonBody(s.IncomeBody) },
    responses: { 200: jsonResponse(s.IncomeEntry, "已登记"), ...commonErrors },
  }),
  async (c) => {
    const { code, year } = c.req.valid("param");
    return c.json(await places.setVillageIncome(c.var.ctx, code, year, c.req.valid("json").incomeFen), 200);
  },
);
villagesApi.openapi(
  createRoute({
    method: "post",
    path: "/{code}/groups",
    operationId: "createVillageGroup",
    tags,
    summary: "新建村民小组",
    security,
    middleware: [requirePermission("villages.manage")] as const,
    request: { params: s.CodeParam("村", 12), body: jsonBody(s.GroupCreate) },
    responses: { 201: jsonResponse(z.object({ id: z.number().int(), name: z.string() }), "已创建"), ...commonErrors },
  }),
  async (c) =>
    c.json(await places.addVillageGroup(c.var.ctx, c.req.valid("param").code, c.req.valid("json").name), 201),
);
