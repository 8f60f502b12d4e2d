import { type AnyColumn, and, asc, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { batches, batchLines, programs, reversals } from "../../db/schema/tenant/money.ts";
import { households } from "../../db/schema/tenant/households.ts";
import { villages } from "../../db/schema/tenant/places.ts";
import { cadres } from "../../db/schema/tenant/people.ts";
import { partyMembers } from "../../db/schema/tenant/reserve.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { offsetOf, type PageParams } from "../lib/paging.ts";

function userName(column: AnyColumn) {
  return sql<string | null>`(SELECT u.display_name FROM users u WHERE u.id = ${column})`;
}

const batchColumns = {
  id: batches.id,
  programId: batches.programId,
  programName: programs.name,
  year: batches.year,
  period: batches.period,
  title: batches.title,
  status: batches.status,
  totalFen: batches.totalFen,
  lineCount: batches.lineCount,
  noticeId: batches.noticeId,
  noticeStart: batches.noticeStart,
  noticeEnd: batches.noticeEnd,
  openObjections: sql<number>`(SELECT count(*) FROM objections o WHERE o.notice_id = "batches"."notice_id" AND o.status = 'open')`,
  paidDate: batches.paidDate,
  paymentRef: batches.paymentRef,
  /** Maker-checker: who created, submitted, approved and paid (ids and names at the time of reading). */
  createdBy: batches.createdBy,
  submittedBy: batches.submittedBy,
  approvedBy: batches.approvedBy,
  paidBy: batches.paidBy,
  createdByName: userName(batches.createdBy),
  submittedByName: userName(batches.submittedBy),
  approvedByName: userName(batches.approvedBy),
  paidByName: userName(batches.paidBy),
};

export type BatchView = Awaited<ReturnType<typeof getBatch>>;

export async function getBatch(ctx: ServiceContext, id: number) {
  const row = await ctx.db
    .select(batchColumns)
    .from(batches)
    .innerJoin(programs, eq(programs.id, batches.programId))
    .where(eq(batches.id, id))
    .get();
  if (!row) throw new AppError("not_found", "没有这个发放批次");
  return row;
}

export async function listBatches(
  ctx: ServiceContext,
  q: PageParams & {
    programId?: number | undefined;
    status?: (typeof batches.$inferSelect)["status"] | undefined;
    year?: number | undefined;
  },
) {
  const where: SQL[] = [];
  if (q.programId) where.push(eq(batches.programId, q.programId));
  if (q.status) where.push(eq(batches.status, q.status));
  if (q.year) where.push(eq(batches.year, q.year));
  const [items, total] = await Promise.all([
    ctx.db
      .select(batchColumns)
      .from(batches)
      .innerJoin(programs, eq(programs.id, batches.programId))
      .where(and(...where))
      .orderBy(desc(batches.id))
      .limit(q.size)
      .offset(offsetOf(q))
      .all(),
    ctx.db
      .select({ n: count() })
      .from(batches)
      .where(and(...where))
      .get(),
  ]);
  return { items, total: total?.n ?? 0, page: q.page, size: q.size };
}

const lineColumns = {
  id: batchLines.id,
  batchId: batchLines.batchId,
  recipientKind: batchLines.recipientKind,
  recipientId: batchLines.recipientId,
  recipientName: batchLines.recipientName,
  villageId: batchLines.villageId,
  amountFen: batchLines.amountFen,
  purpose: batchLines.purpose,
  quantity: batchLines.quantity,
  honoured: batchLines.honoured,
  daysConfirmedBy: batchLines.daysConfirmedBy,
  daysConfirmedAt: batchLines.daysConfirmedAt,
  status: batchLines.status,
  paidDate: batchLines.paidDate,
  bankRef: batchLines.bankRef,
  failReason: batchLines.failReason,
  repaysLineId: batchLines.repaysLineId,
  reversedAmountFen: reversals.amountFen,
  reversedReason: reversals.reason,
  reversedAt: reversals.createdAt,
};

type LineRow = { reversedAmountFen: number | null; reversedReason: string | null; reversedAt: number | null } & Record<
  string,
  unknown
>;

function presentLine<T extends LineRow>(r: T) {
  const { reversedAmountFen, reversedReason, reversedAt, ...rest } = r;
  return {
    ...rest,
    reversed:
      reversedAmountFen != null ? { amountFen: reversedAmountFen, reason: reversedReason!, at: reversedAt! } : null,
  };
}

export async function listLines(
  ctx: ServiceContext,
  batchId: number,
  q: PageParams & { status?: "pending" | "paid" | "failed" | undefined },
) {
  await getBatch(ctx, batchId);
  const where = and(eq(batchLines.batchId, batchId), q.status ? eq(batchLines.status, q.status) : undefined);
  const [items, total] = await Promise.all([
    ctx.db
      .select(lineColumns)
      .from(batchLines)
      .leftJoin(reversals, eq(reversals.lineId, batchLines.id))
      .where(where)
      .orderBy(batchLines.id)
      .limit(q.size)
      .offset(offsetOf(q))
      .all(),
    ctx.db.select({ n: count() }).from(batchLines).where(where).get(),
  ]);
  return { items: items.map(presentLine), total: total?.n ?? 0, page: q.page, size: q.size };
}

export async function allLines(ctx: ServiceContext, batchId: number) {
  const rows = await ctx.db
    .select(lineColumns)
    .from(batchLines)
    .leftJoin(reversals, eq(reversals.lineId, batchLines.id))
    .where(eq(batchLines.batchId, batchId))
    .orderBy(batchLines.id)
    .all();
  return rows.map(presentLine);
}

/**
 * What a 公示 shows of each line (name, village, amount, purpose), in line order. Only these four
 * columns: mapping all twenty of `allLines` (and the reversal join) for 10,000 lines cost more
 * CPU than the rest of the submit together.
 */
export function noticeLines(ctx: ServiceContext, batchId: number) {
  return ctx.db
    .select({
      recipientName: batchLines.recipientName,
      villageId: batchLines.villageId,
      amountFen: batchLines.amountFen,
      purpose: batchLines.purpose,
    })
    .from(batchLines)
    .where(eq(batchLines.batchId, batchId))
    .orderBy(batchLines.id)
    .all();
}

export async function getLine(ctx: ServiceContext, lineId: number) {
  const row = await ctx.db
    .select(lineColumns)
    .from(batchLines)
    .leftJoin(reversals, eq(reversals.lineId, batchLines.id))
    .where(eq(batchLines.id, lineId))
    .get();
  if (!row) throw new AppError("not_found", "没有这条发放明细");
  return presentLine(row);
}

/** The possible recipients of a batch as (value, label) pairs for a select; null above `limit` (the form asks for the number). */
export async function recipientOptions(
  ctx: ServiceContext,
  kind: string,
  limit: number,
): Promise<(readonly [string, string])[] | null> {
  const db = ctx.db;
  if (kind === "household") {
    if (((await db.select({ n: count() }).from(households).get())?.n ?? 0) > limit) return null;
    const rows = await db
      .select({ id: households.id, name: households.headName, village: villages.name })
      .from(households)
      .innerJoin(villages, eq(villages.id, households.villageId))
      .orderBy(asc(households.id))
      .all();
    return rows.map((r) => [String(r.id), `${r.name}（${r.village}，#${r.id}）`] as const);
  }
  if (kind === "cadre") {
    if (((await db.select({ n: count() }).from(cadres).get())?.n ?? 0) > limit) return null;
    return (await db.select({ id: cadres.id, name: cadres.name }).from(cadres).orderBy(asc(cadres.id)).all()).map(
      (r) => [String(r.id), `${r.name}（#${r.id}）`] as const,
    );
  }
  if (kind === "village") {
    if (((await db.select({ n: count() }).from(villages).get())?.n ?? 0) > limit) return null;
    return (
      await db
        .select({ id: villages.id, name: villages.name, code: villages.code })
        .from(villages)
        .orderBy(asc(villages.code))
        .all()
    ).map((r) => [String(r.id), `${r.name}（${r.code}）`] as const);
  }
  if (kind === "party_member") {
    if (((await db.select({ n: count() }).from(partyMembers).get())?.n ?? 0) > limit) return null;
    const rows = await db
      .select({ id: partyMembers.id, name: partyMembers.name, village: villages.name, poor: partyMembers.poor })
      .from(partyMembers)
      .innerJoin(villages, eq(villages.id, partyMembers.villageId))
      .orderBy(desc(partyMembers.poor), asc(partyMembers.id))
      .all();
    return rows.map((r) => [String(r.id), `${r.name}（${r.village}${r.poor ? "，贫困党员" : ""}，#${r.id}）`] as const);
  }
  return null;
}
