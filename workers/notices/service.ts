import { and, asc, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { ledgerEntries, notices, objections, type NoticeKind } from "../../db/schema/tenant/notices.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { todayInChina } from "../lib/dates.ts";
import { offsetOf, type PageParams } from "../lib/paging.ts";
import { can } from "../domain/permissions.ts";
import { scopeOf, type Scope } from "../domain/scope.ts";
import { noticeContent } from "./content.ts";
import { scrubNullable, scrubPublicText } from "../lib/scrub.ts";

export type NoticeRow = typeof notices.$inferSelect;
export type NoticeStatus = NoticeRow["status"];

/** Open for objections: status open and today (Asia/Shanghai) within start … end inclusive. */
export function isOpenForObjections(
  n: Pick<NoticeRow, "status" | "startDate" | "endDate">,
  today = todayInChina(),
): boolean {
  return n.status === "open" && n.startDate <= today && today <= n.endDate;
}

/** SQL twin of `isOpenForObjections`, for filters and guarded statements. */
export function openNowCondition(today = todayInChina()): SQL {
  return sql`${notices.status} = 'open' AND ${notices.startDate} <= ${today} AND ${notices.endDate} >= ${today}`;
}

/** Why a notice does not accept objections, in words a villager understands. */
export function closedReason(n: Pick<NoticeRow, "status" | "startDate" | "endDate">, today = todayInChina()): string {
  if (n.status === "withdrawn") return "该公示已撤回，不再受理异议";
  if (n.status === "closed") return "该公示已结束，不再受理异议";
  if (today < n.startDate) return `公示期自 ${n.startDate} 开始，届时才能提出异议`;
  return `公示期已于 ${n.endDate} 结束，不再受理异议`;
}

/**
 * Notices touching a township: for township officers, who may answer only those. A notice
 * "touches" the township when one of its villages lies in it.
 */
export function noticeInScopeCondition(
  scope: Scope,
  villageIdsColumn: SQL | { getSQL(): SQL } = notices.villageIds,
): SQL | undefined {
  if (scope.kind !== "township") return undefined;
  return sql`EXISTS (SELECT 1 FROM json_each(${villageIdsColumn}) j JOIN villages v ON v.id = j.value WHERE v.township_code = ${scope.townshipCode})`;
}

/** Parses a stored snapshot; a row that is not JSON (it never should be) is served as text. */
export function parseContent(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export interface NoticeFilter {
  kind?: NoticeKind | undefined;
  status?: NoticeStatus | undefined;
  villageId?: number | undefined;
  openNow?: boolean | undefined;
}

const listColumns = {
  id: notices.id,
  kind: notices.kind,
  subjectId: notices.subjectId,
  title: notices.title,
  villageIds: notices.villageIds,
  startDate: notices.startDate,
  endDate: notices.endDate,
  status: notices.status,
  contentHash: notices.contentHash,
  ledgerSeq: notices.ledgerSeq,
  createdAt: notices.createdAt,
  // Rows published before line_count existed are never chunked, so their content is the snapshot.
  lineCount: sql<number>`CASE WHEN ${notices.lineCount} IS NOT NULL THEN ${notices.lineCount} ELSE coalesce(json_array_length(${notices.content}, '$.lines'), 0) END`,
  objectionCount: sql<number>`(SELECT count(*) FROM objections o WHERE o.notice_id = "notices"."id")`,
  openObjectionCount: sql<number>`(SELECT count(*) FROM objections o WHERE o.notice_id = "notices"."id" AND o.status = 'open')`,
};

function present<T extends Pick<NoticeRow, "status" | "startDate" | "endDate">>(r: T, today: string) {
  return { ...r, openForObjections: isOpenForObjections(r, today) };
}

export async function listNotices(ctx: ServiceContext, f: NoticeFilter & PageParams) {
  const today = todayInChina();
  const where = and(
    f.kind ? eq(notices.kind, f.kind) : undefined,
    f.status ? eq(notices.status, f.status) : undefined,
    f.villageId ? sql`EXISTS (SELECT 1 FROM json_each(${notices.villageIds}) WHERE value = ${f.villageId})` : undefined,
    f.openNow === true
      ? openNowCondition(today)
      : f.openNow === false
        ? sql`NOT (${openNowCondition(today)})`
        : undefined,
  );
  const db = ctx.db;
  const [rows, total] = await Promise.all([
    db.select(listColumns).from(notices).where(where).orderBy(desc(notices.id)).limit(f.size).offset(offsetOf(f)).all(),
    db.select({ n: count() }).from(notices).where(where).get(),
  ]);
  return { items: rows.map((r) => present(r, today)), total: total?.n ?? 0, page: f.page, size: f.size };
}

export type NoticeSummary = Awaited<ReturnType<typeof listNotices>>["items"][number];

export async function findNotice(ctx: ServiceContext, id: number): Promise<NoticeRow> {
  const row = await ctx.db.select().from(notices).where(eq(notices.id, id)).get();
  if (!row) throw new AppError("not_found", "没有这个公示");
  return row;
}

/** Shown publicly in place of free text not yet reviewed and published by an officer. */
export const PENDING_REVIEW = "（内容待审核）";

/** True when the notice lies outside the user's answering scope (township officers: their township). */
async function notInScope(ctx: ServiceContext, noticeId: number): Promise<boolean> {
  const cond = noticeInScopeCondition(scopeOf(ctx.user!));
  if (!cond) return false;
  const row = await ctx.db
    .select({ id: notices.id })
    .from(notices)
    .where(and(eq(notices.id, noticeId), cond))
    .get();
  return !row;
}

/** The notice's ledger entry (sequence number and chain hash), if it has one. */
async function ledgerOf(ctx: ServiceContext, seq: number | null) {
  if (seq == null) return null;
  const e = await ctx.db
    .select({
      seq: ledgerEntries.seq,
      hash: ledgerEntries.hash,
      contentHash: ledgerEntries.contentHash,
      at: ledgerEntries.at,
    })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.seq, seq))
    .get();
  return e ?? null;
}

async function header(ctx: ServiceContext, n: NoticeRow, today: string) {
  return {
    id: n.id,
    kind: n.kind,
    subjectId: n.subjectId,
    title: n.title,
    villageIds: n.villageIds,
    startDate: n.startDate,
    endDate: n.endDate,
    status: n.status,
    openForObjections: isOpenForObjections(n, today),
    content: parseContent(await noticeContent(ctx, n)),
    contentHash: n.contentHash,
    createdAt: n.createdAt,
  };
}

/** Admin view: snapshot, every objection (names only for those who handle objections), ledger link. */
export async function getNoticeDetail(ctx: ServiceContext, id: number) {
  const n = await findNotice(ctx, id);
  const user = ctx.user!;
  // Objectors' names only for auditors and for those who answer this notice's objections: a
  // township officer only on notices touching their township (the same scope as answering).
  const inScope = (await notInScope(ctx, n.id)) === false;
  const showNames = can(user.role, "audit.read") || (can(user.role, "notices.answer") && inScope);
  const rows = await ctx.db
    .select()
    .from(objections)
    .where(eq(objections.noticeId, id))
    .orderBy(asc(objections.id))
    .all();
  return {
    ...(await header(ctx, n, todayInChina())),
    ledger: await ledgerOf(ctx, n.ledgerSeq),
    objections: rows.map((o) => ({
      id: o.id,
      trackingCode: o.trackingCode,
      lineNo: o.lineNo,
      name: showNames ? o.name : null,
      hasContact: o.contactEnc != null,
      text: o.text,
      status: o.status,
      reply: o.reply,
      answeredAt: o.answeredAt,
      createdAt: o.createdAt,
    })),
  };
}
export type NoticeDetail = Awaited<ReturnType<typeof getNoticeDetail>>;

/**
 * Public view: only what may be shown to anyone. The snapshot is masked (and its free texts
 * scrubbed) when published, so it is served exactly as hashed; objections carry neither name
 * nor contact, and their texts and replies (typed by anyone) are scrubbed of ID numbers, phones
 * and bank accounts.
 */
export async function getPublicNotice(ctx: ServiceContext, id: number) {
  const n = await findNotice(ctx, id);
  const rows = await ctx.db
    .select({
      trackingCode: objections.trackingCode,
      lineNo: objections.lineNo,
      text: objections.publicText,
      status: objections.status,
      reply: objections.reply,
      answeredAt: objections.answeredAt,
      createdAt: objections.createdAt,
    })
    .from(objections)
    .where(eq(objections.noticeId, id))
    .orderBy(asc(objections.id))
    .all();
  const { subjectId: _subject, ...pub } = await header(ctx, n, todayInChina());
  return {
    ...pub,
    title: scrubPublicText(pub.title),
    ledger: await ledgerOf(ctx, n.ledgerSeq),
    // Free text typed by the public is held for review: only an officer's published version is shown.
    objections: rows.map((o) => ({
      ...o,
      text: o.text == null ? PENDING_REVIEW : scrubPublicText(o.text),
      reply: scrubNullable(o.reply),
    })),
  };
}
