import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { csvDownload } from "../platform/csv-download.ts";
import { IdParam } from "../units/schemas.ts";
import * as s from "./schemas.ts";
import * as svc from "./service.ts";
import { RevealReason } from "../platform/reveal-reason.ts";
import { CADRE_RANK_LABELS } from "../../web/i18n/zh-CN.ts";

export const cadresApi = createRouter();
const tags = ["帮扶干部"];
const CadreId = IdParam("干部");
const yesNo = (b: boolean) => (b ? "是" : "否");

cadresApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listCadres",
    tags,
    summary: "干部列表：按单位、后备干部、党员、姓名或手机号筛选，分页（手机号只显示掩码）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { query: s.CadreQuery },
    responses: { 200: jsonResponse(s.CadrePage, "干部"), ...commonErrors },
  }),
  async (c) => c.json(await svc.listCadres(c.var.ctx, c.req.valid("query")), 200),
);
cadresApi.openapi(
  createRoute({
    method: "get",
    path: "/export",
    operationId: "exportCadres",
    tags,
    summary: "导出干部列表（CSV；手机号为掩码）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { query: s.CadreFilter },
    responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } }, ...commonErrors },
  }),
  async (c) => {
    const rows = await svc.allCadres(c.var.ctx, c.req.valid("query"));
    return csvDownload(
      c,
      "帮扶干部.csv",
      [
        "干部编号",
        "姓名",
        "单位名称",
        "职务",
        "职级",
        "手机号（掩码）",
        "办公电话",
        "是否党员",
        "后备干部",
        "在岗驻村任务",
      ],
      rows.map((r) => [
        r.id,
        r.name,
        r.unitName,
        r.position,
        r.rank ? CADRE_RANK_LABELS[r.rank] : null,
        r.phoneMasked,
        r.officePhone,
        yesNo(r.partyMember),
        yesNo(r.reservePool),
        r.activeAssignments,
      ]),
    ) as never;
  },
);
cadresApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createCadre",
    tags,
    summary: "新建干部（手机号加密存储；同单位同名同手机号视为重复，返回 409）",
    security,
    middleware: [requirePermission("cadres.manage")] as const,
    request: { body: jsonBody(s.CadreCreate) },
    responses: { 201: jsonResponse(s.Cadre, "已创建"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.createCadre(c.var.ctx, c.req.valid("json")), 201),
);
cadresApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getCadre",
    tags,
    summary: "干部详情（手机号为掩码）",
    security,
    middleware: [requirePermission("registry.read")] as const,
    request: { params: CadreId },
    responses: { 200: jsonResponse(s.Cadre, "干部"), ...commonErrors },
  }),
  async (c) => c.json(await svc.getCadre(c.var.ctx, c.req.valid("param").id), 200),
);
cadresApi.openapi(
  createRoute({
    method: "patch",
    path: "/{id}",
    operationId: "updateCadre",
    tags,
    summary: "修改干部信息",
    security,
    middleware: [requirePermission("cadres.manage")] as const,
    request: { params: CadreId, body: jsonBody(s.CadreUpdate) },
    responses: { 200: jsonResponse(s.Cadre, "已修改"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.updateCadre(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
cadresApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/reveal-phone",
    operationId: "revealCadrePhone",
    tags,
    summary: "查看完整手机号（记入审计日志）",
    security,
    middleware: [requirePermission("pii.reveal")] as const,
    request: { params: CadreId, body: jsonBody(RevealReason) },
    responses: { 200: jsonResponse(s.PhoneReveal, "完整手机号"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.revealPhone(c.var.ctx, c.req.valid("param").id, c.req.valid("json").reason), 200),
);
