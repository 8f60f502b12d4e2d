import { and, count, desc, eq, lt, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { ServiceContext } from "../domain/service-context.ts";
import { householdDecisions, notices, objections } from "../../db/schema/tenant/notices.ts";
import { batches } from "../../db/schema/tenant/money.ts";
import { reserveNominations } from "../../db/schema/tenant/reserve.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { can } from "../domain/permissions.ts";
import { todayInChina } from "../lib/dates.ts";
import { offsetOf, type PageParams } from "../lib/paging.ts";
import { newTrackingCode, normaliseTrackingCode } from "../lib/tracking-code.ts";
import { encryptPiiAt, type PiiKeys, type PiiSlot } from "../lib/pii-crypto.ts";
import { revealStored, withNewRowId } from "../domain/pii-fields.ts";

import { scopeOf } from "../domain/scope.ts";
import { keptInboxTotal } from "../domain/inbox-counts.ts";
import { checkAndRecord, OBJECTION_LIMIT } from "../domain/public-limits.ts";
import {
  closedReason,
  findNotice,
  isOpenForObjections,
  noticeInScopeCondition,
  parseContent,
  type NoticeRow,
} from "../notices/service.ts";
import { noticeContent } from "../notices/content.ts";
import { scrubNullable, scrubPublicText } from "../lib/scrub.ts";

const now = () => Math.floor(Date.now() / 1000);

/** Where an objector's contact is stored: AES-GCM associated data of its ciphertext. */
export const contactSlot = (objectionId: number): PiiSlot => ({
  table: "objections",
  column: "contact",
  rowId: objectionId,
});

/** The ciphertext of an objector's contact, bound to row `objectionId` (the seed writes it the same way). */
export function encryptContact(keys: PiiKeys, objectionId: number, contact: string): Promise<string> {
  return encryptPiiAt(keys, contact, contactSlot(objectionId));
}

export interface ObjectionInput {
  lineNo?: number | undefined;
  name?: string | undefined;
  contact?: string | undefined;
  text: string;
}

/** Lines in the notice's snapshot: recorded on the row, or (older rows) counted in the snapshot. */
async function lineCount(ctx: ServiceContext, n: NoticeRow): Promise<number> {
  if (n.lineCount != null) return n.lineCount;
  const parsed = parseContent(await noticeContent(ctx, n)) as { lines?: unknown[] } | string;
  return typeof parsed === "object" && parsed !== null && Array.isArray(parsed.lines) ? parsed.lines.length : 0;
}

/**
 * Anyone, without signing in, objects to a notice or one of its lines while it is open. The
 * insert is guarded on the notice still being open, so an objection cannot slip in after a
 * concurrent withdrawal or at midnight when the period ends.
 */
export async function submitObjection(ctx: ServiceContext, noticeId: number, input: ObjectionInput) {
  const n = await findNotice(ctx, noticeId);
  const today = todayInChina();
  if (!isOpenForObjections(n, today)) throw new AppError("conflict", closedReason(n, today));
  if (input.lineNo !== undefined) {
    const lines = await lineCount(ctx, n);
    if (input.lineNo > lines) {
      const message = lines === 0 ? "该公示没有明细行，请针对整个公示提出异议" : `明细序号应在 1–${lines} 之间`;
      throw new AppError("validation_failed", message, { fields: [{ field: "lineNo", message }] });
    }
  }
  const keys = input.contact ? await ctx.piiKeys() : undefined;
  const trackingCode = newTrackingCode();
  // The contact's ciphertext names its row, so the row's id is reserved before the INSERT.
  await withNewRowId(ctx, "objections", async (objectionId) => {
    const w = new AuditedWrite(ctx);
    await checkAndRecord(ctx, w, "objection", OBJECTION_LIMIT);
    const contactEnc = keys && input.contact ? await encryptContact(keys, objectionId, input.contact) : null;
    const insert = ctx.d1
      .prepare(
        `INSERT INTO objections (id, notice_id, line_no, tracking_code, name, contact_enc, text)
         SELECT ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM notices WHERE id = ? AND status = 'open' AND start_date <= ? AND end_date >= ?)`,
      )
      .bind(
        objectionId,
        noticeId,
        input.lineNo ?? null,
        trackingCode,
        input.name || null,
        contactEnc,
        input.text,
        noticeId,
        today,
        today,
      );
    // A raw statement can be guarded like an ORM one: the batch runner accepts both.
    w.guarded(insert as unknown as BatchItem<"sqlite">, "该公示刚刚结束或已撤回，不再受理异议");
    // The public is the actor; name and contact stay out of the audit log (the contact is personal data).
    w.audit({
      action: "objection.submit",
      entity: "objection",
      entityId: trackingCode,
      after: {
        noticeId,
        lineNo: input.lineNo ?? null,
        text: input.text,
        withName: !!input.name,
        withContact: !!input.contact,
      },
    });
    await w.commit();
  });
  return { trackingCode, noticeId, lineNo: input.lineNo ?? null, status: "open" as const };
}

/**
 * What the objector (anyone holding the code) may see: status and the public reply. Public, so
 * free texts come out scrubbed of ID numbers, phones and bank accounts.
 */
export async function lookupObjection(ctx: ServiceContext, code: string) {
  const row = await ctx.db
    .select({
      trackingCode: objections.trackingCode,
      noticeId: objections.noticeId,
      noticeTitle: notices.title,
      lineNo: objections.lineNo,
      text: objections.text,
      status: objections.status,
      reply: objections.reply,
      answeredAt: objections.answeredAt,
      createdAt: objections.createdAt,
    })
    .from(objections)
    .innerJoin(notices, eq(notices.id, objections.noticeId))
    .where(eq(objections.trackingCode, normaliseTrackingCode(code)))
    .get();
  if (!row) throw new AppError("not_found", "没有这个查询码，请核对后重新输入");
  return {
    ...row,
    noticeTitle: scrubPublicText(row.noticeTitle),
    text: scrubPublicText(row.text),
    reply: scrubNullable(row.reply),
  };
}

export interface ObjectionFilter {
  status?: "open" | "upheld" | "rejected" | undefined;
  noticeId?: number | undefined;
}

/**
 * The officers' inbox: open first, then newest; township officers see their township's notices.
 * Filtered by status (the inbox as officers work it) or given `after`, the order is newest first
 * and the page is a keyset page (`id < after`) read along objections_status_idx; an unscoped
 * total comes from the trigger-kept inbox_counts. Both stay flat as the county grows.
 */
export async function listObjections(
  ctx: ServiceContext,
  f: ObjectionFilter & PageParams & { after?: number | undefined },
) {
  const user = ctx.user!;
  const showNames = can(user.role, "notices.answer") || can(user.role, "audit.read");
  const scope = noticeInScopeCondition(scopeOf(user));
  const filter = and(
    f.status ? eq(objections.status, f.status) : undefined,
    f.noticeId ? eq(objections.noticeId, f.noticeId) : undefined,
    scope,
  );
  const keyset = f.status !== undefined || f.after !== undefined;
  const db = ctx.db;
  const [fetched, total] = await Promise.all([
    db
      .select({
        id: objections.id,
        trackingCode: objections.trackingCode,
        noticeId: objections.noticeId,
        noticeTitle: notices.title,
        noticeKind: notices.kind,
        noticeStatus: notices.status,
        lineNo: objections.lineNo,
        name: objections.name,
        contactEnc: objections.contactEnc,
        text: objections.text,
        publicText: objections.publicText,
        status: objections.status,
        reply: objections.reply,
        answeredAt: objections.answeredAt,
        createdAt: objections.createdAt,
      })
      .from(objections)
      .innerJoin(notices, eq(notices.id, objections.noticeId))
      .where(and(filter, f.after !== undefined ? lt(objections.id, f.after) : undefined))
      .orderBy(...(keyset ? [desc(objections.id)] : [sql`${objections.status} = 'open' DESC`, desc(objections.id)]))
      // One more row than the page says whether there is a next page.
      .limit(f.size + 1)
      .offset(f.after !== undefined ? 0 : offsetOf(f))
      .all(),
    !scope && !f.noticeId
      ? keptInboxTotal(ctx, "objections", f.status)
      : db
          .select({ n: count() })
          .from(objections)
          .innerJoin(notices, eq(notices.id, objections.noticeId))
          .where(filter)
          .get()
          .then((r) => r?.n ?? 0),
  ]);
  const rows = fetched.slice(0, f.size);
  return {
    items: rows.map(({ contactEnc, name, ...o }) => ({
      ...o,
      name: showNames ? name : null,
      hasContact: contactEnc != null,
    })),
    total,
    page: f.page,
    size: f.size,
    nextAfter: keyset && fetched.length > f.size ? rows[rows.length - 1]!.id : null,
  };
}
export type ObjectionItem = Awaited<ReturnType<typeof listObjections>>["items"][number];

/**
 * An officer answers an objection: upheld or rejected, with a reply that is public. The answer
 * goes on the ledger. An upheld objection withdraws the notice: a batch goes back to draft (to
 * be corrected and noticed again), a household decision is rejected; both in the same batch.
 */
export async function answerObjection(
  ctx: ServiceContext,
  id: number,
  input: { decision: "upheld" | "rejected"; reply: string },
) {
  const db = ctx.db;
  const scope = scopeOf(ctx.user!);
  const row = await db
    .select({ o: objections, n: notices })
    .from(objections)
    .innerJoin(notices, eq(notices.id, objections.noticeId))
    .where(and(eq(objections.id, id), noticeInScopeCondition(scope)))
    .get();
  if (!row) throw new AppError("not_found", "没有这条异议，或不在您的管辖范围内");
  const { o, n } = row;
  if (o.status !== "open") throw new AppError("conflict", "该异议已经答复过了");
  const at = now();
  const subjectRef = `${n.kind}:${n.subjectId}`;
  const w = new AuditedWrite(ctx).guarded(
    db
      .update(objections)
      .set({ status: input.decision, reply: input.reply, answeredBy: ctx.user!.id, answeredAt: at })
      .where(and(eq(objections.id, id), eq(objections.status, "open"))),
    "该异议已经答复过了",
  );
  w.publish({
    kind: "objection.answered",
    ref: subjectRef,
    villageIds: n.villageIds,
    // The ledger is public: the reply goes on it scrubbed (the officers' copy keeps it as typed).
    content: {
      noticeId: n.id,
      noticeContentHash: n.contentHash,
      lineNo: o.lineNo,
      trackingCode: o.trackingCode,
      decision: input.decision,
      reply: scrubPublicText(input.reply),
      answeredDate: todayInChina(),
    },
  });
  let withdrawn = false;
  if (input.decision === "upheld" && n.status === "open") {
    withdrawn = true;
    w.guarded(
      db
        .update(notices)
        .set({ status: "withdrawn" })
        .where(and(eq(notices.id, n.id), eq(notices.status, "open"))),
      "公示状态已变化，请刷新后重试",
    );
    if (n.kind === "batch") {
      w.guarded(
        db
          .update(batches)
          .set({ status: "draft", noticeId: null, noticeStart: null, noticeEnd: null, updatedAt: at })
          .where(and(eq(batches.id, n.subjectId), eq(batches.status, "noticed"), eq(batches.noticeId, n.id))),
        "批次状态已变化，请刷新后重试",
      );
    } else if (n.kind === "reserve_nomination") {
      // 后备人选公示 with an upheld objection: the nominee does not enter the pool (公示未通过).
      w.guarded(
        db
          .update(reserveNominations)
          .set({ status: "withdrawn", updatedAt: at })
          .where(and(eq(reserveNominations.id, n.subjectId), eq(reserveNominations.status, "noticed"))),
        "该后备人选状态已变化，请刷新后重试",
      );
    } else {
      w.guarded(
        db
          .update(householdDecisions)
          .set({ status: "rejected", decidedAt: at })
          .where(and(eq(householdDecisions.id, n.subjectId), eq(householdDecisions.status, "noticed"))),
        "该户认定状态已变化，请刷新后重试",
      );
    }
    w.publish({
      kind: "notice.withdrawn",
      ref: subjectRef,
      villageIds: n.villageIds,
      content: {
        noticeId: n.id,
        noticeContentHash: n.contentHash,
        reason: "异议成立",
        trackingCode: o.trackingCode,
        reply: scrubPublicText(input.reply),
        withdrawnDate: todayInChina(),
      },
    });
  }
  await w
    .audit({
      action: "objection.answer",
      entity: "objection",
      entityId: o.trackingCode,
      before: { status: "open" },
      after: {
        status: input.decision,
        reply: input.reply,
        noticeId: n.id,
        noticeWithdrawn: withdrawn,
        subject: subjectRef,
      },
    })
    .commit();
  return {
    id,
    trackingCode: o.trackingCode,
    noticeId: n.id,
    status: input.decision,
    reply: input.reply,
    answeredAt: at,
    noticeWithdrawn: withdrawn,
  };
}

/**
 * The objector's contact in full, for an officer holding pii.reveal whose scope covers the
 * notice. Its own audited action, with the reason the officer gave.
 */
export async function revealObjectionContact(
  ctx: ServiceContext,
  id: number,
  reason: string,
): Promise<{ id: number; contact: string | null }> {
  const row = await ctx.db
    .select({ trackingCode: objections.trackingCode, noticeId: objections.noticeId, contactEnc: objections.contactEnc })
    .from(objections)
    .innerJoin(notices, eq(notices.id, objections.noticeId))
    .where(and(eq(objections.id, id), noticeInScopeCondition(scopeOf(ctx.user!))))
    .get();
  if (!row) throw new AppError("not_found", "没有这条异议，或不在您的管辖范围内");
  if (!row.contactEnc) throw new AppError("conflict", "该异议没有留下联系方式");
  const contact = await revealStored(await ctx.piiKeys(), row.contactEnc, contactSlot(id));
  await new AuditedWrite(ctx)
    .audit({
      action: "objection.reveal_contact",
      entity: "objection",
      entityId: row.trackingCode,
      after: { objectionId: id, noticeId: row.noticeId, reason },
    })
    .commit();
  return { id, contact };
}

/**
 * Publishes the reviewed version of an objection's text (names and other details edited out by
 * the officer); the original stays private, visible to officers only.
 */
export async function publishObjectionText(ctx: ServiceContext, id: number, publicText: string) {
  const row = await ctx.db
    .select({ id: objections.id, publicText: objections.publicText })
    .from(objections)
    .innerJoin(notices, eq(notices.id, objections.noticeId))
    .where(and(eq(objections.id, id), noticeInScopeCondition(scopeOf(ctx.user!))))
    .get();
  if (!row) throw new AppError("not_found", "没有这条异议，或不在您的管辖范围内");
  await new AuditedWrite(ctx)
    .add(ctx.db.update(objections).set({ publicText }).where(eq(objections.id, id)))
    .audit({
      action: "objection.publish_text",
      entity: "objection",
      entityId: id,
      before: { publicText: row.publicText },
      after: { publicText },
    })
    .commit();
  return { id, publicText };
}
