import { z } from "zod";
import type { ServiceContext } from "../domain/service-context.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { checkAndRecord, type LimitRule } from "../domain/public-limits.ts";
import { selfQueryHashes } from "../lib/pii-crypto.ts";

/** 10 self-queries per client per hour: enough for a family, useless for guessing ID tails. */
export const SELF_QUERY_LIMIT: LimitRule = { max: 10, windowSeconds: 3600 };

export const SelfQueryForm = z.object({
  name: z.string().trim().min(2, "请填写户主姓名").max(30, "姓名最多 30 个字"),
  idTail: z
    .string()
    .trim()
    .transform((v) => v.normalize("NFKC").replace(/\s+/g, "").toUpperCase())
    .pipe(z.string().regex(/^\d{5}[\dX]$/, "请填写身份证号码的最后 6 位（数字，最后一位可能是 X）")),
});

export interface SelfQueryReceipt {
  program: string;
  period: string;
  amountFen: number;
  status: "paid" | "failed" | "pending";
  paidDate: string | null;
  purpose: string;
  reversed: boolean;
}

/**
 * 查询本人补贴. The answer has one shape whatever happens: a list of receipts, empty when the
 * name and ID tail match no household *or* match a household that received nothing, so the page
 * never tells whether a person exists. Every query is rate-limited per client and audited (the
 * audit keeps neither the name nor the ID tail, only whether anything was found).
 */
export async function selfQuery(ctx: ServiceContext, name: string, idTail: string): Promise<SelfQueryReceipt[]> {
  const hashes = await selfQueryHashes(await ctx.piiKeys(), name, idTail);
  const w = new AuditedWrite(ctx);
  await checkAndRecord(ctx, w, "self_query", SELF_QUERY_LIMIT);
  const rows = await ctx.d1
    .prepare(
      `SELECT p.name AS program, l.period, l.amount_fen AS amountFen, l.status, l.paid_date AS paidDate, l.purpose,
        EXISTS (SELECT 1 FROM reversals rv WHERE rv.line_id = l.id) AS reversed
       FROM batch_lines l JOIN programs p ON p.id = l.program_id JOIN batches b ON b.id = l.batch_id
       WHERE l.recipient_kind = 'household' AND l.recipient_id IN (SELECT id FROM households WHERE self_query_hash IN (SELECT value FROM json_each(?)))
         AND b.status IN ('approved', 'paid', 'closed')
       ORDER BY coalesce(l.paid_date, l.period) DESC, l.id DESC LIMIT 200`,
    )
    .bind(JSON.stringify(hashes))
    .all<Omit<SelfQueryReceipt, "reversed"> & { reversed: number }>();
  const receipts = rows.results.map((r) => ({ ...r, reversed: !!r.reversed }));
  await w.audit({ action: "public.self_query", entity: "self_query", after: { found: receipts.length > 0 } }).commit();
  return receipts;
}
