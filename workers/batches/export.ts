import { LINE_STATUS_LABELS, RECIPIENT_KIND_LABELS } from "../../web/i18n/zh-CN.ts";
import { formatFenPlain } from "../../web/components/format.ts";
import type { ServiceContext } from "../domain/service-context.ts";
import { allLines, getBatch } from "./queries.ts";

const HEADER = [
  "明细编号",
  "对象类型",
  "对象编号",
  "对象名称",
  "金额（元）",
  "数量",
  "用途",
  "状态",
  "支付日期",
  "银行流水号",
  "失败原因",
  "冲正金额（元）",
  "冲正原因",
] as const;

/**
 * A batch's lines as the CSV finance takes to the bank (明细编号 is what a bank result file is
 * reconciled by); the same file from the admin page and from `GET /batches/{id}/export`.
 */
export async function batchLinesExport(ctx: ServiceContext, batchId: number) {
  const batch = await getBatch(ctx, batchId);
  const lines = await allLines(ctx, batch.id);
  return {
    fileName: `${batch.title}-明细.csv`,
    header: HEADER,
    rows: lines.map((l) => [
      l.id,
      RECIPIENT_KIND_LABELS[l.recipientKind],
      l.recipientId,
      l.recipientName,
      formatFenPlain(l.amountFen),
      l.quantity,
      l.purpose,
      LINE_STATUS_LABELS[l.status],
      l.paidDate,
      l.bankRef,
      l.failReason,
      l.reversed ? formatFenPlain(l.reversed.amountFen) : "",
      l.reversed?.reason ?? "",
    ]),
  };
}
