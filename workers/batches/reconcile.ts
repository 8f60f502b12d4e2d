import { and, eq, sql } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { batches, budgets } from "../../db/schema/tenant/money.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { CsvError, decodeCsvBytes, parseCsvRecords } from "../lib/csv.ts";
import { todayInChina } from "../lib/dates.ts";
import { getBatch } from "./queries.ts";
import { payerGuard } from "./commands.ts";

/**
 * 银行回盘对账: the bank's result file for an approved batch marks its pending lines paid (with
 * the bank's reference) or failed (with the bank's message). Rows the file cannot apply (unknown
 * line, another batch's line, a line already paid or failed, a bad status) are reported line by
 * line and change nothing; the rest are applied in ONE D1 batch. Money moves only in SQL: the
 * budget's paid and committed amounts are computed from the lines that are still pending inside
 * that same batch, so a concurrent reconciliation or payment can never count a line twice.
 * A failed line gives back its claim and its commitment, exactly as `payBatch` does. When no
 * pending line is left, the batch becomes `paid`.
 */
const COLUMNS = [
  { key: "lineId", header: "明细编号", aliases: ["明细号", "明细ID", "业务编号"] },
  { key: "status", header: "状态", aliases: ["处理结果", "结果", "交易状态"] },
  { key: "bankRef", header: "银行流水号", aliases: ["流水号", "银行交易流水号"], required: false },
  { key: "message", header: "说明", aliases: ["失败原因", "备注", "附言"], required: false },
] as const;

const SUCCESS = new Set(["成功", "已成功", "交易成功", "success", "ok", "s"]);
const FAILURE = new Set(["失败", "交易失败", "退回", "退票", "fail", "failed", "f"]);
/** Lines per JSON parameter: keeps each statement's one bound value well under D1's limits. */
const CHUNK = 2000;

export type ReconcileOutcome = "paid" | "failed" | "skipped" | "error";

export interface ReconcileRow {
  row: number;
  lineId: number | null;
  outcome: ReconcileOutcome;
  message: string;
}

export interface ReconcileResult {
  batchId: number;
  batchStatus: string;
  paidDate: string;
  rowCount: number;
  paid: number;
  failed: number;
  skipped: number;
  errors: number;
  paidFen: number;
  failedFen: number;
  pendingLeft: number;
  results: ReconcileRow[];
}

function chunks<T>(xs: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

export async function reconcileBatch(
  ctx: ServiceContext,
  batchId: number,
  bytes: Uint8Array,
  opts: { paidDate?: string | undefined; paymentRef?: string | undefined } = {},
): Promise<ReconcileResult> {
  const batch = await getBatch(ctx, batchId);
  if (batch.status !== "approved") throw new AppError("conflict", "只有已审批（待支付）的批次可以导入银行回盘");
  const payer = await payerGuard(ctx, batch);
  const paidDate = opts.paidDate ?? todayInChina();
  let text: string;
  try {
    text = decodeCsvBytes(bytes).text;
  } catch (err) {
    if (err instanceof CsvError) throw new AppError("bad_request", err.message);
    throw err;
  }
  const parsed = parseCsvRecords(text, COLUMNS);
  if (!parsed.ok)
    throw new AppError("validation_failed", parsed.message, { fields: [{ field: "file", message: parsed.message }] });
  if (parsed.records.length === 0)
    throw new AppError("validation_failed", "文件中没有数据行", {
      fields: [{ field: "file", message: "文件中没有数据行" }],
    });
  if (parsed.records.length > 20_000)
    throw new AppError("validation_failed", "一次最多 20000 行，请拆分文件", {
      fields: [{ field: "file", message: "行数过多" }],
    });

  // What the lines are now (for the report only; the writes re-check status in SQL).
  const ids = [
    ...new Set(parsed.records.map((r) => Number(r.values.lineId)).filter((n) => Number.isSafeInteger(n) && n > 0)),
  ];
  const known = new Map<number, { batchId: number; status: string; amountFen: number }>();
  for (const part of chunks(ids)) {
    const rows = await ctx.d1
      .prepare(
        "SELECT id, batch_id AS batchId, status, amount_fen AS amountFen FROM batch_lines WHERE id IN (SELECT value FROM json_each(?))",
      )
      .bind(JSON.stringify(part))
      .all<{ id: number; batchId: number; status: string; amountFen: number }>();
    for (const r of rows.results) known.set(r.id, r);
  }

  const results: ReconcileRow[] = [];
  const paid: [number, string][] = [];
  const failed: [number, string][] = [];
  const seen = new Set<number>();
  for (const { row, values } of parsed.records) {
    const lineId = /^\d{1,12}$/.test(values.lineId) ? Number(values.lineId) : null;
    const report = (outcome: ReconcileOutcome, message: string) => results.push({ row, lineId, outcome, message });
    const status = values.status.toLowerCase();
    if (lineId === null) report("error", `明细编号“${values.lineId}”不是数字`);
    else if (!SUCCESS.has(status) && !FAILURE.has(status))
      report("error", `未知的状态“${values.status}”，应为“成功”或“失败”`);
    else if (seen.has(lineId)) report("skipped", "文件中重复出现，以第一次为准");
    else {
      seen.add(lineId);
      const line = known.get(lineId);
      if (!line) report("skipped", "没有这条明细");
      else if (line.batchId !== batchId) report("skipped", `这条明细属于批次 #${line.batchId}，不是本批次`);
      else if (line.status !== "pending")
        report("skipped", `这条明细已是“${line.status === "paid" ? "已支付" : "支付失败"}”，未作改动`);
      else if (SUCCESS.has(status)) {
        const ref = values.bankRef.slice(0, 80) || opts.paymentRef || "";
        if (!ref) report("error", "成功的明细须填写银行流水号");
        else {
          paid.push([lineId, ref]);
          report("paid", `已支付，流水号 ${ref}`);
        }
      } else {
        const reason = (values.message || "银行退回（未注明原因）").slice(0, 200);
        failed.push([lineId, reason]);
        report("failed", `支付失败：${reason}`);
      }
    }
  }

  const sumOf = (xs: [number, string][]) => xs.reduce((s, [id]) => s + known.get(id)!.amountFen, 0);
  const counts = {
    paid: paid.length,
    failed: failed.length,
    skipped: results.filter((r) => r.outcome === "skipped").length,
    errors: results.filter((r) => r.outcome === "error").length,
  };
  if (paid.length + failed.length > 0) {
    const d1 = ctx.d1;
    const db = ctx.db;
    const w = new AuditedWrite(ctx).guarded(
      db
        .update(batches)
        .set({ paidBy: ctx.user!.id, updatedAt: sql`unixepoch()` })
        .where(and(eq(batches.id, batchId), eq(batches.status, "approved"), payer)),
      "批次状态已变化，请刷新后重试",
    );
    const pendingSum = (param: string) =>
      sql`(SELECT coalesce(sum(amount_fen), 0) FROM batch_lines WHERE batch_id = ${batchId} AND status = 'pending' AND id IN (SELECT json_extract(value, '$[0]') FROM json_each(${param})))`;
    for (const part of chunks(paid)) {
      const json = JSON.stringify(part);
      // Budget first, from the lines that are still pending; then the lines themselves.
      w.guarded(
        db
          .update(budgets)
          .set({ paidFen: sql`${budgets.paidFen} + ${pendingSum(json)}`, updatedAt: sql`unixepoch()` })
          .where(and(eq(budgets.programId, batch.programId), eq(budgets.year, batch.year))),
        "预算记录缺失",
      );
      w.addRaw(
        d1
          .prepare(
            `UPDATE batch_lines SET status = 'paid', paid_date = ?1, bank_ref = j.ref
             FROM (SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS ref FROM json_each(?2)) AS j
             WHERE batch_lines.id = j.id AND batch_lines.batch_id = ?3 AND batch_lines.status = 'pending'`,
          )
          .bind(paidDate, json, batchId),
      );
    }
    for (const part of chunks(failed)) {
      const json = JSON.stringify(part);
      w.guarded(
        db
          .update(budgets)
          .set({ committedFen: sql`${budgets.committedFen} - ${pendingSum(json)}`, updatedAt: sql`unixepoch()` })
          .where(and(eq(budgets.programId, batch.programId), eq(budgets.year, batch.year))),
        "预算记录缺失",
      );
      w.addRaw(
        d1
          .prepare(
            `UPDATE batch_lines SET status = 'failed', fail_reason = j.reason
             FROM (SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS reason FROM json_each(?1)) AS j
             WHERE batch_lines.id = j.id AND batch_lines.batch_id = ?2 AND batch_lines.status = 'pending'`,
          )
          .bind(json, batchId),
      );
      // Only lines this file turned failed give back their claim (so they can be paid again later).
      w.addRaw(
        d1
          .prepare(
            `DELETE FROM payment_claims WHERE line_id IN (SELECT id FROM batch_lines WHERE batch_id = ?1 AND status = 'failed' AND id IN (SELECT json_extract(value, '$[0]') FROM json_each(?2)))`,
          )
          .bind(batchId, json),
      );
    }
    // Nothing pending any more → the batch is paid (with the latest payment date).
    w.add(
      db
        .update(batches)
        .set({
          status: "paid",
          paidDate,
          paymentRef: opts.paymentRef || batch.paymentRef || "银行回盘对账",
          updatedAt: sql`unixepoch()`,
        })
        .where(
          and(
            eq(batches.id, batchId),
            eq(batches.status, "approved"),
            sql`NOT EXISTS (SELECT 1 FROM batch_lines l WHERE l.batch_id = ${batchId} AND l.status = 'pending')`,
          ),
        ),
    );
    await w
      .audit({
        action: "batch.reconcile",
        entity: "batch",
        entityId: batchId,
        before: { status: "approved" },
        after: {
          paidDate,
          paymentRef: opts.paymentRef ?? null,
          paid: paid.map(([id]) => id),
          failed: failed.map(([id, reason]) => ({ lineId: id, reason })),
          paidFen: sumOf(paid),
          failedFen: sumOf(failed),
          skipped: counts.skipped,
          errors: counts.errors,
        },
      })
      .commit();
  }
  const after = await getBatch(ctx, batchId);
  const left = await ctx.d1
    .prepare("SELECT count(*) AS n FROM batch_lines WHERE batch_id = ? AND status = 'pending'")
    .bind(batchId)
    .first<{ n: number }>();
  return {
    batchId,
    batchStatus: after.status,
    paidDate,
    rowCount: parsed.records.length,
    ...counts,
    paidFen: sumOf(paid),
    failedFen: sumOf(failed),
    pendingLeft: left?.n ?? 0,
    results,
  };
}
