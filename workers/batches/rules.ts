/**
 * The money rules of a batch that decide whether it may move on: the budget guard (approval never
 * commits more than the year's budget, even under concurrent approvals) and maker-checker (the
 * approver is not the creator or submitter; the payer is not the approver unless the tenant says
 * so). `commands.ts` runs them; the batch page shows the refusals before the click.
 */
import { and, eq, sql } from "drizzle-orm";
import { batches, budgets } from "../../db/schema/tenant/money.ts";
import type { ServiceContext } from "../domain/service-context.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { formatFen } from "../../web/components/format.ts";
import type { Settings } from "../settings/service.ts";
import type { BatchView } from "./queries.ts";

type BatchMoney = Pick<BatchView, "programId" | "year" | "totalFen">;

/**
 * The program's budget for the batch's year, if it still covers the batch; else a 409 that says
 * by how much it does not. A read for the message only: `commitToBudget` is the guard that holds.
 */
export async function budgetCovering(ctx: ServiceContext, batch: BatchMoney) {
  const budget = await ctx.db
    .select()
    .from(budgets)
    .where(and(eq(budgets.programId, batch.programId), eq(budgets.year, batch.year)))
    .get();
  if (!budget) throw new AppError("conflict", `资金项目 ${batch.year} 年尚未下达预算`);
  if (budget.committedFen + batch.totalFen > budget.budgetFen) {
    throw new AppError(
      "conflict",
      `预算不足：${batch.year} 年预算 ${formatFen(budget.budgetFen)}，已承诺 ${formatFen(budget.committedFen)}，本批 ${formatFen(batch.totalFen)}`,
    );
  }
  return budget;
}

/**
 * The budget guard: one guarded UPDATE that commits the batch's total only while the committed
 * sum stays within the budget. Run inside the approval's batch with `AuditedWrite.guarded`, so
 * if it changes no row the whole approval rolls back (two concurrent approvals cannot together
 * exceed the budget). The table's CHECK is the last line.
 */
export function commitToBudget(ctx: ServiceContext, batch: BatchMoney) {
  return ctx.db
    .update(budgets)
    .set({ committedFen: sql`${budgets.committedFen} + ${batch.totalFen}`, updatedAt: ctx.now() })
    .where(
      and(
        eq(budgets.programId, batch.programId),
        eq(budgets.year, batch.year),
        sql`${budgets.committedFen} + ${batch.totalFen} <= ${budgets.budgetFen}`,
      ),
    );
}

/** Maker-checker inside the approval statement itself: never the creator or the submitter. */
export const notMakerOf = (userId: number) =>
  sql`${batches.createdBy} <> ${userId} AND coalesce(${batches.submittedBy}, 0) <> ${userId}`;

/**
 * Maker-checker: why `userId` may not approve this batch (they created or submitted it), or null.
 * Shown on the batch page before the click and enforced by `approveBatch`.
 */
export function approvalRefusal(batch: Pick<BatchView, "createdBy" | "submittedBy">, userId: number): string | null {
  if (batch.createdBy === userId || batch.submittedBy === userId) return "您创建或提交了此批次，须由其他人审批";
  return null;
}

/** Why `userId` may not register this batch's payment (tenant setting: payer ≠ approver), or null. */
export function paymentRefusal(
  batch: Pick<BatchView, "approvedBy">,
  userId: number,
  settings: Pick<Settings, "batchesSeparatePayer">,
): string | null {
  if (settings.batchesSeparatePayer === 1 && batch.approvedBy === userId)
    return "您审批了此批次，须由其他人登记支付（设置：支付须由审批人以外的人登记）";
  return null;
}
