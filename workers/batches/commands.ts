import { and, eq, type SQL, sql } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { batches, batchLines, budgets, paymentClaims, reversals } from "../../db/schema/tenant/money.ts";
import { notices, objections } from "../../db/schema/tenant/notices.ts";
import { villages } from "../../db/schema/tenant/places.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { todayInChina } from "../lib/dates.ts";
import { maskName } from "../lib/mask.ts";
import { formatFen } from "../../web/components/format.ts";
import { recordIdempotency, type IdempotencyClaim } from "../domain/idempotency.ts";
import { latestNoticeId, publishNotice } from "../notices/publish.ts";
import { getProgram } from "../programs/service.ts";
import { getSettings } from "../settings/service.ts";
import { type BatchView, getBatch, getLine, noticeLines } from "./queries.ts";
import { approvalRefusal, budgetCovering, commitToBudget, notMakerOf, paymentRefusal } from "./rules.ts";

const now = () => Math.floor(Date.now() / 1000);

export async function createBatch(
  ctx: ServiceContext,
  input: { programId: number; period: string; title?: string | undefined },
  idem?: IdempotencyClaim,
) {
  const program = await getProgram(ctx, input.programId).catch(() => {
    throw new AppError("validation_failed", "没有这个资金项目", {
      fields: [{ field: "programId", message: "没有这个资金项目" }],
    });
  });
  const year = Number(input.period.slice(0, 4));
  const values = {
    programId: program.id,
    year,
    period: input.period,
    title: input.title || `${program.name} ${input.period}`,
    createdBy: ctx.user!.id,
  };
  const w = new AuditedWrite(ctx).add(ctx.db.insert(batches).values(values).returning({ id: batches.id }));
  recordIdempotency(ctx, w, idem, "batch");
  const [rows] = (await w
    .audit({ action: "batch.create", entity: "batch", entityId: values.title, after: values })
    .commit()) as [{ id: number }[]];
  return rows[0]!.id;
}

/**
 * draft → noticed: publishes the 公示, an immutable masked snapshot of the lines with its hash,
 * on the ledger. The notice runs `noticeDays` from today (Asia/Shanghai).
 */
export async function submitBatch(ctx: ServiceContext, id: number) {
  const batch = await getBatch(ctx, id);
  if (batch.status !== "draft") throw new AppError("conflict", "只有草稿状态的批次可以提交公示");
  if (batch.lineCount === 0) throw new AppError("conflict", "批次没有发放明细，不能公示");
  // Through drizzle's select, not D1's raw(): in the 100k bench a raw() of every line made the
  // local worker restart mid-request (4 runs of 4), this path did not. Read beside the program
  // (one round trip less per submit).
  const [program, rows] = await Promise.all([getProgram(ctx, batch.programId), noticeLines(ctx, id)]);
  const villageSet = new Set<number>();
  for (const l of rows) if (l.villageId != null) villageSet.add(l.villageId);
  const villageIds = [...villageSet];
  const villageNames = new Map(
    villageIds.length
      ? (
          await ctx.db
            .select({ id: villages.id, name: villages.name })
            .from(villages)
            // One JSON parameter, not one per village (D1 binds at most 100).
            .where(sql`${villages.id} IN (SELECT value FROM json_each(${JSON.stringify(villageIds)}))`)
            .all()
        ).map((v) => [v.id, v.name])
      : [],
  );
  const w = new AuditedWrite(ctx);
  const notice = await publishNotice(ctx, w, {
    kind: "batch",
    subjectId: id,
    title: `${batch.title} 发放名单公示`,
    villageIds,
    noticeDays: program.noticeDays,
    summary: {
      program: program.name,
      category: program.category,
      fundSource: program.fundSource,
      period: batch.period,
      lineCount: rows.length,
      totalFen: batch.totalFen,
      total: formatFen(batch.totalFen),
    },
    // Keys in canonical (sorted) order, so the snapshot serialises without copying 100,000 lines;
    // made straight from the rows read (no second array of them held beside it).
    lines: rows.map((l, i) => ({
      amountFen: l.amountFen,
      no: i + 1,
      purpose: l.purpose,
      recipient: maskName(l.recipientName),
      village: l.villageId ? (villageNames.get(l.villageId) ?? null) : null,
    })),
  });
  w.guarded(
    ctx.db
      .update(batches)
      .set({
        status: "noticed",
        submittedBy: ctx.user!.id,
        noticeId: latestNoticeId("batch", id),
        noticeStart: notice.startDate,
        noticeEnd: notice.endDate,
        updatedAt: now(),
      })
      .where(and(eq(batches.id, id), eq(batches.status, "draft"), sql`${batches.lineCount} > 0`)),
    "批次状态已变化，请刷新后重试",
  );
  await w
    .audit({
      action: "batch.submit",
      entity: "batch",
      entityId: id,
      before: { status: "draft" },
      after: {
        status: "noticed",
        noticeStart: notice.startDate,
        noticeEnd: notice.endDate,
        contentHash: notice.contentHash,
      },
    })
    .commit();
  return getBatch(ctx, id);
}

/**
 * Refuses (403) a payer who approved the batch when the tenant separates them, and returns the
 * same rule as SQL for the guarded statement that changes the batch.
 */
export async function payerGuard(ctx: ServiceContext, batch: Pick<BatchView, "approvedBy">): Promise<SQL> {
  const settings = await getSettings(ctx);
  const refusal = paymentRefusal(batch, ctx.user!.id, settings);
  if (refusal) throw new AppError("forbidden", refusal);
  return settings.batchesSeparatePayer === 1 ? sql`coalesce(${batches.approvedBy}, 0) <> ${ctx.user!.id}` : sql`1 = 1`;
}

/**
 * noticed → approved, only after the notice period and with no open objection, and only if the
 * year's budget still covers it. Both conditions are single guarded statements in one batch, so
 * two concurrent approvals can never together exceed the budget.
 */

export async function approveBatch(ctx: ServiceContext, id: number) {
  const batch = await getBatch(ctx, id);
  const today = todayInChina();
  const me = ctx.user!.id;
  if (batch.status !== "noticed") throw new AppError("conflict", "只有公示中的批次可以审批");
  const selfCheck = approvalRefusal(batch, me);
  if (selfCheck) throw new AppError("forbidden", selfCheck);
  if (!batch.noticeEnd || today <= batch.noticeEnd)
    throw new AppError("conflict", `公示期到 ${batch.noticeEnd} 结束，期满后才能审批`);
  if (batch.openObjections > 0) throw new AppError("conflict", `还有 ${batch.openObjections} 条异议未处理，不能审批`);
  const budget = await budgetCovering(ctx, batch);
  const db = ctx.db;
  await new AuditedWrite(ctx)
    .guarded(
      db
        .update(batches)
        .set({ status: "approved", approvedAt: now(), approvedBy: me, updatedAt: now() })
        .where(
          and(
            eq(batches.id, id),
            eq(batches.status, "noticed"),
            // Maker-checker, again inside the statement: never the creator or the submitter.
            notMakerOf(me),
            sql`${batches.noticeEnd} < ${today}`,
            sql`NOT EXISTS (SELECT 1 FROM ${objections} o WHERE o.notice_id = ${batches.noticeId} AND o.status = 'open')`,
          ),
        ),
      "批次状态已变化或出现了新的异议，请刷新后重试",
    )
    .guarded(commitToBudget(ctx, batch), "预算不足：其他批次刚刚占用了本年度预算")
    .add(
      db
        .update(notices)
        .set({ status: "closed" })
        .where(and(eq(notices.kind, "batch"), eq(notices.subjectId, id), eq(notices.status, "open"))),
    )
    .audit({
      action: "batch.approve",
      entity: "batch",
      entityId: id,
      before: {
        status: "noticed",
        committedFen: budget.committedFen,
        createdBy: batch.createdBy,
        submittedBy: batch.submittedBy,
      },
      after: { status: "approved", totalFen: batch.totalFen, approvedBy: me },
    })
    .commit();
  return getBatch(ctx, id);
}

/**
 * approved → paid: every pending line is paid, except those reported failed (bank returns); a
 * failed line releases its budget commitment and its claim, so it can be paid in a later batch.
 */
export async function payBatch(
  ctx: ServiceContext,
  id: number,
  input: { paidDate: string; paymentRef: string; failures: { lineId: number; reason: string }[] },
) {
  const batch = await getBatch(ctx, id);
  if (batch.status !== "approved") throw new AppError("conflict", "只有已审批的批次可以登记支付");
  const payer = await payerGuard(ctx, batch);
  const failedIds = input.failures.map((f) => f.lineId);
  if (new Set(failedIds).size !== failedIds.length)
    throw new AppError("validation_failed", "失败明细重复", {
      fields: [{ field: "failures", message: "失败明细重复" }],
    });
  const pending = await ctx.db
    .select({ id: batchLines.id, amountFen: batchLines.amountFen })
    .from(batchLines)
    .where(and(eq(batchLines.batchId, id), eq(batchLines.status, "pending")))
    .all();
  const pendingAmount = new Map(pending.map((l) => [l.id, l.amountFen]));
  const unknown = failedIds.filter((l) => !pendingAmount.has(l));
  if (unknown.length)
    throw new AppError("validation_failed", `明细 ${unknown.join("、")} 不属于本批次或已处理`, {
      fields: [{ field: "failures", message: "明细不属于本批次" }],
    });
  const failedSum = failedIds.reduce((s, l) => s + pendingAmount.get(l)!, 0);
  const paidSum = pending.reduce((s, l) => s + l.amountFen, 0) - failedSum;
  const db = ctx.db;
  const w = new AuditedWrite(ctx).guarded(
    db
      .update(batches)
      .set({
        status: "paid",
        paidDate: input.paidDate,
        paymentRef: input.paymentRef,
        paidBy: ctx.user!.id,
        updatedAt: now(),
      })
      .where(and(eq(batches.id, id), eq(batches.status, "approved"), payer)),
    "批次状态已变化，请刷新后重试",
  );
  // Failures as one JSON parameter per statement (D1 binds at most 100 parameters).
  if (failedIds.length) {
    const json = JSON.stringify(input.failures.map((f) => [f.lineId, f.reason]));
    w.addRaw(
      ctx.d1
        .prepare(
          `UPDATE batch_lines SET status = 'failed', fail_reason = j.reason
           FROM (SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS reason FROM json_each(?1)) AS j
           WHERE batch_lines.id = j.id AND batch_lines.batch_id = ?2 AND batch_lines.status = 'pending'`,
        )
        .bind(json, id),
    );
    w.add(
      db
        .delete(paymentClaims)
        .where(sql`${paymentClaims.lineId} IN (SELECT json_extract(value, '$[0]') FROM json_each(${json}))`),
    );
  }
  w.add(
    db
      .update(batchLines)
      .set({ status: "paid", paidDate: input.paidDate, bankRef: input.paymentRef })
      .where(and(eq(batchLines.batchId, id), eq(batchLines.status, "pending"))),
  );
  w.guarded(
    db
      .update(budgets)
      .set({
        committedFen: sql`${budgets.committedFen} - ${failedSum}`,
        paidFen: sql`${budgets.paidFen} + ${paidSum}`,
        updatedAt: now(),
      })
      .where(and(eq(budgets.programId, batch.programId), eq(budgets.year, batch.year))),
    "预算记录缺失",
  );
  await w
    .audit({
      action: "batch.pay",
      entity: "batch",
      entityId: id,
      before: { status: "approved" },
      after: {
        status: "paid",
        paidDate: input.paidDate,
        paymentRef: input.paymentRef,
        paidBy: ctx.user!.id,
        paidFen: paidSum,
        failed: input.failures,
      },
    })
    .commit();
  return getBatch(ctx, id);
}

export async function closeBatch(ctx: ServiceContext, id: number) {
  const batch = await getBatch(ctx, id);
  if (batch.status !== "paid") throw new AppError("conflict", "只有已支付的批次可以办结");
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(batches)
        .set({ status: "closed", closedAt: now(), updatedAt: now() })
        .where(
          and(
            eq(batches.id, id),
            eq(batches.status, "paid"),
            sql`NOT EXISTS (SELECT 1 FROM batch_lines l WHERE l.batch_id = ${id} AND l.status = 'pending')`,
          ),
        ),
      "批次还有未处理的明细，不能办结",
    )
    .audit({
      action: "batch.close",
      entity: "batch",
      entityId: id,
      before: { status: "paid" },
      after: { status: "closed" },
    })
    .commit();
  return getBatch(ctx, id);
}

/** draft → cancelled: the lines give back their claims; nothing was committed yet. */
export async function cancelBatch(ctx: ServiceContext, id: number) {
  const batch = await getBatch(ctx, id);
  if (batch.status !== "draft") throw new AppError("conflict", "只有草稿状态的批次可以作废");
  const db = ctx.db;
  await new AuditedWrite(ctx)
    .guarded(
      db
        .update(batches)
        .set({ status: "cancelled", updatedAt: now() })
        .where(and(eq(batches.id, id), eq(batches.status, "draft"))),
      "批次状态已变化，请刷新后重试",
    )
    .add(
      db
        .delete(paymentClaims)
        .where(sql`${paymentClaims.lineId} IN (SELECT id FROM batch_lines WHERE batch_id = ${id})`),
    )
    .audit({
      action: "batch.cancel",
      entity: "batch",
      entityId: id,
      before: { status: "draft" },
      after: { status: "cancelled" },
    })
    .commit();
  return getBatch(ctx, id);
}

/**
 * 冲正: a paid line is never edited; a reversal entry refers to it with the reason, gives the
 * amount back to the budget, frees the recipient's claim, and is published on the ledger.
 */
export async function reverseLine(ctx: ServiceContext, lineId: number, reason: string) {
  const line = await getLine(ctx, lineId);
  if (line.status !== "paid") throw new AppError("conflict", "只有已支付的明细可以冲正");
  if (line.reversed) throw new AppError("conflict", "这条明细已经冲正过");
  const batch = await getBatch(ctx, line.batchId);
  const db = ctx.db;
  await new AuditedWrite(ctx)
    .publish({
      kind: "line.reversed",
      ref: `line:${lineId}`,
      villageIds: line.villageId ? [line.villageId] : [],
      content: {
        batchId: batch.id,
        program: batch.programName,
        period: batch.period,
        lineId,
        recipient: maskName(line.recipientName),
        amountFen: line.amountFen,
        reason,
      },
    })
    .add(db.insert(reversals).values({ lineId, amountFen: line.amountFen, reason, createdBy: ctx.user!.id }))
    .add(db.delete(paymentClaims).where(eq(paymentClaims.lineId, lineId)))
    .guarded(
      db
        .update(budgets)
        .set({
          committedFen: sql`${budgets.committedFen} - ${line.amountFen}`,
          paidFen: sql`${budgets.paidFen} - ${line.amountFen}`,
          updatedAt: now(),
        })
        .where(
          and(
            eq(budgets.programId, batch.programId),
            eq(budgets.year, batch.year),
            sql`${budgets.paidFen} >= ${line.amountFen}`,
          ),
        ),
      "预算记录与支付不符，不能冲正",
    )
    .audit({
      action: "line.reverse",
      entity: "batch_line",
      entityId: lineId,
      before: { status: "paid", amountFen: line.amountFen },
      after: { reversedFen: line.amountFen, reason },
    })
    .commit()
    .catch((err) => {
      if (String(err?.message ?? err).includes("reversals")) throw new AppError("conflict", "这条明细已经冲正过");
      throw err;
    });
  return getLine(ctx, lineId);
}
