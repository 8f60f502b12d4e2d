import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { idempotencyOf, refId } from "../domain/idempotency.ts";
import { csvDownload } from "../platform/csv-download.ts";
import {
  Batch,
  BatchCreate,
  BatchPage,
  BatchQuery,
  GenerateBody,
  IdParam,
  Line,
  LineCreate,
  LineParam,
  LinePage,
  LineQuery,
  PayBody,
  ReverseBody,
} from "./schemas.ts";
import { getBatch, getLine, listBatches, listLines } from "./queries.ts";
import { addLine, generateLines, removeLine } from "./lines.ts";
import { approveBatch, cancelBatch, closeBatch, createBatch, payBatch, reverseLine, submitBatch } from "./commands.ts";
import type { Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { isValidDate } from "../lib/dates.ts";
import { previewImport } from "../imports/service.ts";
import { reconcileBatch } from "./reconcile.ts";
import { batchLinesExport } from "./export.ts";

export const batchesApi = createRouter();
export const batchLinesApi = createRouter();
const tags = ["发放批次"];
const idemHeader = z.object({
  "idempotency-key": z.string().optional().openapi({ description: "重试同一请求时带上相同的值，不会重复创建" }),
});

batchesApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listBatches",
    tags,
    summary: "发放批次列表",
    security,
    middleware: [requirePermission("money.read")] as const,
    request: { query: BatchQuery },
    responses: { 200: jsonResponse(BatchPage, "批次"), ...commonErrors },
  }),
  async (c) => c.json(await listBatches(c.var.ctx, c.req.valid("query")), 200),
);

batchesApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createBatch",
    tags,
    summary: "新建发放批次（草稿）；支持 Idempotency-Key",
    security,
    middleware: [requirePermission("batches.manage")] as const,
    request: { headers: idemHeader, body: jsonBody(BatchCreate) },
    responses: {
      201: jsonResponse(Batch, "已创建"),
      200: jsonResponse(Batch, "重试：返回第一次创建的批次"),
      ...commonErrors,
    },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const idem = await idempotencyOf(c.var.ctx, c.req.header("idempotency-key"), "POST /batches", body);
    if (idem.replayRef)
      return c.json(await getBatch(c.var.ctx, refId(idem.replayRef)), 200, { "Idempotent-Replayed": "true" });
    return c.json(await getBatch(c.var.ctx, await createBatch(c.var.ctx, body, idem.claim)), 201);
  },
);

batchesApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getBatch",
    tags,
    summary: "批次详情",
    security,
    middleware: [requirePermission("money.read")] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(Batch, "批次"), ...commonErrors },
  }),
  async (c) => c.json(await getBatch(c.var.ctx, c.req.valid("param").id), 200),
);

batchesApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}/lines",
    operationId: "listBatchLines",
    tags,
    summary: "批次明细（分页）",
    security,
    middleware: [requirePermission("money.read")] as const,
    request: { params: IdParam, query: LineQuery },
    responses: { 200: jsonResponse(LinePage, "明细"), ...commonErrors },
  }),
  async (c) => c.json(await listLines(c.var.ctx, c.req.valid("param").id, c.req.valid("query")), 200),
);

batchesApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}/lines/export",
    operationId: "exportBatchLines",
    tags,
    summary: "导出批次明细 CSV（明细编号可用于银行回盘对账）",
    security,
    middleware: [requirePermission("money.read")] as const,
    request: { params: IdParam },
    responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } }, ...commonErrors },
  }),
  async (c) => {
    const file = await batchLinesExport(c.var.ctx, c.req.valid("param").id);
    return csvDownload(c, file.fileName, file.header, file.rows) as never;
  },
);

batchesApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/lines",
    operationId: "addBatchLine",
    tags,
    summary: "添加一条明细（金额按项目规则计算；每期每人一次）；支持 Idempotency-Key",
    security,
    middleware: [requirePermission("batches.manage")] as const,
    request: { params: IdParam, headers: idemHeader, body: jsonBody(LineCreate) },
    responses: {
      201: jsonResponse(Line, "已添加"),
      200: jsonResponse(Line, "重试：返回第一次添加的明细"),
      ...commonErrors,
      ...conflictError,
    },
  }),
  async (c) => {
    const id = c.req.valid("param").id;
    const body = c.req.valid("json");
    const idem = await idempotencyOf(c.var.ctx, c.req.header("idempotency-key"), `POST /batches/${id}/lines`, body);
    if (idem.replayRef)
      return c.json(await getLine(c.var.ctx, refId(idem.replayRef)), 200, { "Idempotent-Replayed": "true" });
    return c.json(await getLine(c.var.ctx, await addLine(c.var.ctx, id, body, idem.claim)), 201);
  },
);

batchesApi.openapi(
  createRoute({
    method: "delete",
    path: "/{id}/lines/{lineId}",
    operationId: "removeBatchLine",
    tags,
    summary: "删除草稿批次中的明细",
    security,
    middleware: [requirePermission("batches.manage")] as const,
    request: { params: LineParam },
    responses: { 204: { description: "已删除" }, ...commonErrors, ...conflictError },
  }),
  async (c) => {
    const { id, lineId } = c.req.valid("param");
    await removeLine(c.var.ctx, id, lineId);
    return c.body(null, 204);
  },
);

batchesApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/generate",
    operationId: "generateBatchLines",
    tags,
    summary: "按项目规则从台账生成明细：在岗第一书记、驻村工作队、驻村天数",
    security,
    middleware: [requirePermission("batches.manage")] as const,
    request: { params: IdParam, body: jsonBody(GenerateBody) },
    responses: {
      200: jsonResponse(
        z.object({ added: z.number().int(), skipped: z.number().int(), statements: z.number().int() }),
        "生成结果",
      ),
      ...commonErrors,
      ...conflictError,
    },
  }),
  async (c) => {
    const { source, purpose } = c.req.valid("json");
    return c.json(await generateLines(c.var.ctx, c.req.valid("param").id, source, purpose), 200);
  },
);

const transitions = [
  ["submit", "提交公示（草稿 → 公示中）：生成不可更改的脱敏名单快照并记入公开账本", submitBatch, "batches.manage"],
  ["approve", "审批（公示期满且无未处理异议；再次核对预算）", approveBatch, "batches.approve"],
  ["close", "办结（已支付 → 已办结）", closeBatch, "batches.manage"],
  ["cancel", "作废草稿", cancelBatch, "batches.manage"],
] as const;
for (const [action, summary, run, permission] of transitions) {
  batchesApi.openapi(
    createRoute({
      method: "post",
      path: `/{id}/${action}`,
      operationId: `${action}Batch`,
      tags,
      summary,
      security,
      middleware: [requirePermission(permission)] as const,
      request: { params: IdParam },
      responses: { 200: jsonResponse(Batch, "新状态"), ...commonErrors, ...conflictError },
    }),
    async (c) => c.json(await run(c.var.ctx, c.req.valid("param").id), 200),
  );
}

batchesApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/pay",
    operationId: "payBatch",
    tags,
    summary: "登记支付（已审批 → 已支付）；可列出失败明细及原因（如银行退回）",
    security,
    middleware: [requirePermission("batches.pay")] as const,
    request: { params: IdParam, body: jsonBody(PayBody) },
    responses: { 200: jsonResponse(Batch, "已支付"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await payBatch(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);

batchLinesApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/reverse",
    operationId: "reverseBatchLine",
    tags,
    summary: "冲正一条已支付明细（原明细不变，新增冲正记录并公开）",
    security,
    middleware: [requirePermission("batches.pay")] as const,
    request: { params: IdParam, body: jsonBody(ReverseBody) },
    responses: { 200: jsonResponse(Line, "已冲正"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await reverseLine(c.var.ctx, c.req.valid("param").id, c.req.valid("json").reason), 200),
);

// --- CSV: lines from a file (preview here, commit through /imports/{id}/commit) and bank results ---

const RowErrorSchema = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
const LinesImportPreview = z
  .object({
    id: z.number().int(),
    entity: z.string(),
    label: z.string(),
    fileName: z.string().nullable(),
    encoding: z.string(),
    rowCount: z.number().int(),
    errorCount: z.number().int(),
    errors: z.array(RowErrorSchema),
    status: z.enum(["previewed", "committed", "discarded"]),
  })
  .openapi("BatchLinesImportPreview");
const ReconcileQuery = z.object({
  paidDate: z
    .string()
    .refine((s) => isValidDate(s), "日期格式应为 YYYY-MM-DD")
    .optional()
    .openapi({ description: "支付日期，默认今天（北京时间）" }),
  paymentRef: z.string().trim().max(80).optional().openapi({ description: "整批支付凭证号（可选）" }),
});
const ReconcileResultSchema = z
  .object({
    batchId: z.number().int(),
    batchStatus: z.string(),
    paidDate: z.string(),
    rowCount: z.number().int(),
    paid: z.number().int(),
    failed: z.number().int(),
    skipped: z.number().int(),
    errors: z.number().int(),
    paidFen: z.number().int(),
    failedFen: z.number().int(),
    pendingLeft: z.number().int(),
    results: z.array(
      z.object({
        row: z.number().int(),
        lineId: z.number().int().nullable(),
        outcome: z.enum(["paid", "failed", "skipped", "error"]),
        message: z.string(),
      }),
    ),
  })
  .openapi("ReconcileResult");
const csvBody = { required: true, content: { "text/csv": { schema: z.string() } } };

async function csvBytes(c: Context<AppEnv>): Promise<Uint8Array> {
  const type = c.req.header("content-type") ?? "";
  if (!/^(text\/csv|application\/octet-stream|text\/plain)/i.test(type))
    throw new AppError("unsupported_media_type", "请以 text/csv 上传 CSV 文件");
  return new Uint8Array(await c.req.arrayBuffer());
}

batchesApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/lines/import",
    operationId: "importBatchLines",
    tags,
    summary:
      "上传明细 CSV 并预览（UTF-8 或 GB18030；逐行校验金额规则与每期一次）；确认用 POST /imports/{id}/commit，全部写入或全部不写入",
    security,
    middleware: [requirePermission("batches.manage")] as const,
    request: { params: IdParam, body: csvBody },
    responses: { 201: jsonResponse(LinesImportPreview, "预览结果（含逐行错误）"), ...commonErrors, ...conflictError },
  }),
  async (c) => {
    const id = c.req.valid("param").id;
    const bytes = await csvBytes(c);
    const fileName = c.req.header("x-file-name") ?? null;
    return c.json(
      await previewImport(
        c.var.ctx,
        "batch_lines",
        bytes,
        fileName ? decodeURIComponent(fileName).slice(0, 200) : null,
        String(id),
      ),
      201,
    );
  },
);

batchesApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/reconcile",
    operationId: "reconcileBatch",
    tags,
    summary:
      "导入银行回盘（CSV：明细编号、状态 成功/失败、银行流水号、说明），逐行报告结果；无待支付明细时批次变为已支付",
    security,
    middleware: [requirePermission("batches.pay")] as const,
    request: { params: IdParam, query: ReconcileQuery, body: csvBody },
    responses: { 200: jsonResponse(ReconcileResultSchema, "逐行对账结果"), ...commonErrors, ...conflictError },
  }),
  async (c) => {
    const q = c.req.valid("query");
    return c.json(
      await reconcileBatch(c.var.ctx, c.req.valid("param").id, await csvBytes(c), {
        paidDate: q.paidDate,
        paymentRef: q.paymentRef || undefined,
      }),
      200,
    );
  },
);
