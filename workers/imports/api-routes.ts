import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { commitImport, definitionFor, discardImport, getImport, previewImport, templateCsv } from "./service.ts";
import { AppError } from "../platform/errors/app-error.ts";

export const importsApi = createRouter();
const tags = ["导入"];

const EntityParam = z.object({
  entity: z
    .string()
    .regex(/^[a-z_]+$/, "无效的数据类型")
    .openapi({ param: { name: "entity", in: "path" }, example: "households" }),
});
const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: "id", in: "path" } }),
});
const RowError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
const Preview = z
  .object({
    id: z.number().int(),
    entity: z.string(),
    label: z.string(),
    fileName: z.string().nullable(),
    encoding: z.string(),
    rowCount: z.number().int(),
    errorCount: z.number().int(),
    errors: z.array(RowError),
    status: z.enum(["previewed", "committed", "discarded"]),
  })
  .openapi("ImportPreview");
const Committed = z
  .object({ id: z.number().int(), entity: z.string(), inserted: z.number().int(), statements: z.number().int() })
  .openapi("ImportResult");

importsApi.openapi(
  createRoute({
    method: "get",
    path: "/{entity}/template",
    operationId: "getImportTemplate",
    tags,
    summary: "下载导入模板（CSV，UTF-8 带 BOM）",
    security,
    middleware: [requirePermission("imports.run")] as const,
    request: { params: EntityParam },
    responses: { 200: { description: "CSV 模板", content: { "text/csv": { schema: z.string() } } }, ...commonErrors },
  }),
  (c) => {
    const def = definitionFor(c.var.ctx, c.req.valid("param").entity);
    return c.body(templateCsv(def) as unknown as ArrayBuffer, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="template.csv"; filename*=UTF-8''${encodeURIComponent(`${def.label}导入模板.csv`)}`,
    });
  },
);

importsApi.openapi(
  createRoute({
    method: "post",
    path: "/{entity}",
    operationId: "previewImport",
    tags,
    summary: "上传 CSV 并预览（UTF-8 或 GB18030）：逐行校验，暂存，不写入",
    security,
    middleware: [requirePermission("imports.run")] as const,
    request: { params: EntityParam, body: { required: true, content: { "text/csv": { schema: z.string() } } } },
    responses: { 201: jsonResponse(Preview, "预览结果（含逐行错误）"), ...commonErrors },
  }),
  async (c) => {
    const type = c.req.header("content-type") ?? "";
    if (!/^(text\/csv|application\/octet-stream|text\/plain)/i.test(type))
      throw new AppError("unsupported_media_type", "请以 text/csv 上传 CSV 文件");
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const fileName = c.req.header("x-file-name") ?? null;
    return c.json(
      await previewImport(
        c.var.ctx,
        c.req.valid("param").entity,
        bytes,
        fileName ? decodeURIComponent(fileName).slice(0, 200) : null,
      ),
      201,
    );
  },
);

importsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}/preview",
    operationId: "getImport",
    tags,
    summary: "查看暂存的导入（预览结果）",
    security,
    middleware: [requirePermission("imports.run")] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(Preview, "导入预览"), ...commonErrors },
  }),
  async (c) => c.json(await getImport(c.var.ctx, c.req.valid("param").id), 200),
);

importsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/commit",
    operationId: "commitImport",
    tags,
    summary: "确认导入：全部写入或全部不写入",
    security,
    middleware: [requirePermission("imports.run")] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(Committed, "已导入"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await commitImport(c.var.ctx, c.req.valid("param").id), 200),
);

importsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/discard",
    operationId: "discardImport",
    tags,
    summary: "放弃暂存的导入",
    security,
    middleware: [requirePermission("imports.run")] as const,
    request: { params: IdParam },
    responses: { 204: { description: "已放弃" }, ...commonErrors },
  }),
  async (c) => {
    await discardImport(c.var.ctx, c.req.valid("param").id);
    return c.body(null, 204);
  },
);
