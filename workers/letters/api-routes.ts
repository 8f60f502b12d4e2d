import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import {
  IdParam,
  LetterCreate,
  LetterDetail,
  LetterPage,
  LetterQuery,
  LetterUpdate,
  Measure,
  MeasureCreate,
  MeasureUpdate,
} from "./schemas.ts";
import * as svc from "./service.ts";
import { getLetterScan, putLetterScan } from "./scan.ts";

export const lettersApi = createRouter();
export const measuresApi = createRouter();
const tags = ["督查考核：目标责任书"];

lettersApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listLetters",
    tags,
    summary: "目标责任书列表（按村、派出单位筛选；乡镇干部只看本乡镇，驻村干部只看所驻村）",
    security,
    middleware: [requirePermission("supervision.read")] as const,
    request: { query: LetterQuery },
    responses: { 200: jsonResponse(LetterPage, "目标责任书"), ...commonErrors },
  }),
  async (c) => c.json(await svc.listLetters(c.var.ctx, c.req.valid("query")), 200),
);
lettersApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createLetter",
    tags,
    summary: "签订目标责任书（派出单位与村，三年责任期，三年帮扶目标与“六有”目标）",
    security,
    middleware: [requirePermission("letters.manage")] as const,
    request: { body: jsonBody(LetterCreate) },
    responses: { 201: jsonResponse(LetterDetail, "已签订"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.createLetter(c.var.ctx, c.req.valid("json")), 201),
);
lettersApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getLetter",
    tags,
    summary: "目标责任书详情及其帮扶措施",
    security,
    middleware: [requirePermission("supervision.read")] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(LetterDetail, "目标责任书"), ...commonErrors },
  }),
  async (c) => c.json(await svc.getLetter(c.var.ctx, c.req.valid("param").id), 200),
);
lettersApi.openapi(
  createRoute({
    method: "patch",
    path: "/{id}",
    operationId: "updateLetter",
    tags,
    summary: "修改目标责任书（三年帮扶目标、“六有”目标、签订日期）",
    security,
    middleware: [requirePermission("letters.manage")] as const,
    request: { params: IdParam, body: jsonBody(LetterUpdate) },
    responses: { 200: jsonResponse(LetterDetail, "已修改"), ...commonErrors },
  }),
  async (c) => c.json(await svc.updateLetter(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
lettersApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/measures",
    operationId: "addLetterMeasure",
    tags,
    summary: "添加帮扶措施（年度帮扶计划的一项：责任人、完成时限须在责任期内）",
    security,
    middleware: [requirePermission("letters.manage")] as const,
    request: { params: IdParam, body: jsonBody(MeasureCreate) },
    responses: { 201: jsonResponse(Measure, "已添加"), ...commonErrors },
  }),
  async (c) => c.json(await svc.addMeasure(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 201),
);
measuresApi.openapi(
  createRoute({
    method: "patch",
    path: "/{id}",
    operationId: "updateMeasure",
    tags,
    summary: "更新帮扶措施进度（标记完成须有佐证材料和完成日期；进度在村公开页公开）",
    security,
    middleware: [requirePermission("measures.progress")] as const,
    request: { params: IdParam, body: jsonBody(MeasureUpdate) },
    responses: { 200: jsonResponse(Measure, "已更新"), ...commonErrors },
  }),
  async (c) => c.json(await svc.updateMeasure(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);

const scanTypes = ["application/pdf", "image/jpeg", "image/png"] as const;
const scanContent = Object.fromEntries(scanTypes.map((t) => [t, { schema: z.string().openapi({ format: "binary" }) }]));

lettersApi.openapi(
  createRoute({
    method: "put",
    path: "/{id}/scan",
    operationId: "putLetterScan",
    tags,
    summary: "上传签字盖章的责任书扫描件（PDF、JPEG 或 PNG，不超过 700 KB；替换原有扫描件）",
    security,
    middleware: [requirePermission("letters.manage")] as const,
    request: { params: IdParam, body: { required: true, content: scanContent } },
    responses: {
      200: jsonResponse(LetterDetail, "已上传"),
      ...commonErrors,
      413: { description: "超过 700 KB" },
      415: { description: "不是 PDF、JPEG 或 PNG" },
    },
  }),
  async (c) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const name = decodeURIComponent(c.req.header("x-file-name") ?? "").slice(0, 120);
    return c.json(await putLetterScan(c.var.ctx, c.req.valid("param").id, name, bytes), 200);
  },
);
lettersApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}/scan",
    operationId: "getLetterScan",
    tags,
    summary: "下载责任书扫描件（内部材料，不公开）",
    security,
    middleware: [requirePermission("supervision.read")] as const,
    request: { params: IdParam },
    responses: { 200: { description: "扫描件", content: scanContent }, ...commonErrors },
  }),
  async (c) => {
    const scan = await getLetterScan(c.var.ctx, c.req.valid("param").id);
    return new Response(scan.bytes, {
      headers: {
        "Content-Type": scan.type,
        "Content-Disposition": `attachment; filename="letter-scan"; filename*=UTF-8''${encodeURIComponent(scan.name)}`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    }) as never;
  },
);
