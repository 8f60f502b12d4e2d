import { and, count, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { feedback, type FEEDBACK_CATEGORIES } from "../../db/schema/tenant/disclosure.ts";
import { villages } from "../../db/schema/tenant/places.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { offsetOf, type PageParams } from "../lib/paging.ts";
import { encryptPiiAt, type PiiKeys, type PiiSlot } from "../lib/pii-crypto.ts";
import { revealStored, withNewRowId } from "../domain/pii-fields.ts";

import { scopeOf } from "../domain/scope.ts";
import { keptInboxTotal } from "../domain/inbox-counts.ts";
import { checkAndRecord, type LimitRule } from "../domain/public-limits.ts";
import { newTrackingCode, normaliseTrackingCode } from "../lib/tracking-code.ts";
import { scrubPublicText } from "../lib/scrub.ts";

const now = () => Math.floor(Date.now() / 1000);

/** 5 feedback submissions per client per hour. */
export const FEEDBACK_LIMIT: LimitRule = { max: 5, windowSeconds: 3600 };
/** Where a feedback contact is stored: AES-GCM associated data of its ciphertext. */
export const contactSlot = (feedbackId: number): PiiSlot => ({
  table: "feedback",
  column: "contact",
  rowId: feedbackId,
});

/** The ciphertext of a feedback contact, bound to row `feedbackId` (the seed writes it the same way). */
export function encryptContact(keys: PiiKeys, feedbackId: number, contact: string): Promise<string> {
  return encryptPiiAt(keys, contact, contactSlot(feedbackId));
}

type Category = (typeof FEEDBACK_CATEGORIES)[number];

/**
 * Anyone submits 意见建议 / 举报 without signing in. The contact (optional) is personal data and is
 * stored only encrypted; the answer comes back through the tracking code. Rate-limited per client.
 */
export async function submitFeedback(
  ctx: ServiceContext,
  input: { villageCode?: string | undefined; category: Category; text: string; contact?: string | undefined },
) {
  let villageId: number | null = null;
  if (input.villageCode) {
    const v = await ctx.db.select({ id: villages.id }).from(villages).where(eq(villages.code, input.villageCode)).get();
    if (!v)
      throw new AppError("validation_failed", "没有这个村", {
        fields: [{ field: "villageCode", message: "没有这个村，请重新选择" }],
      });
    villageId = v.id;
  }
  const keys = input.contact ? await ctx.piiKeys() : undefined;
  const trackingCode = newTrackingCode();
  // The contact's ciphertext names its row, so the row's id is reserved before the INSERT.
  await withNewRowId(ctx, "feedback", async (feedbackId) => {
    const w = new AuditedWrite(ctx);
    await checkAndRecord(ctx, w, "feedback", FEEDBACK_LIMIT);
    const contactEnc = keys && input.contact ? await encryptContact(keys, feedbackId, input.contact) : null;
    w.add(
      ctx.db
        .insert(feedback)
        .values({ id: feedbackId, villageId, category: input.category, text: input.text, contactEnc, trackingCode }),
    );
    // Contact stays out of the audit log; it is personal data.
    w.audit({
      action: "feedback.submit",
      entity: "feedback",
      entityId: trackingCode,
      after: { villageId, category: input.category, text: input.text, withContact: !!input.contact },
    });
    await w.commit();
  });
  return { trackingCode, status: "open" as const };
}

/** What the holder of the code may see: their text, the status and the reply. */
export async function lookupFeedback(ctx: ServiceContext, code: string) {
  const row = await ctx.db
    .select({
      trackingCode: feedback.trackingCode,
      category: feedback.category,
      text: feedback.text,
      status: feedback.status,
      reply: feedback.reply,
      answeredAt: feedback.answeredAt,
      createdAt: feedback.createdAt,
      villageName: villages.name,
    })
    .from(feedback)
    .leftJoin(villages, eq(villages.id, feedback.villageId))
    .where(eq(feedback.trackingCode, normaliseTrackingCode(code)))
    .get();
  return row ?? null;
}

/** Township officers see the feedback of their township's villages (not the county-wide ones). */
function scopeCondition(ctx: ServiceContext): SQL | undefined {
  const s = scopeOf(ctx.user!);
  if (s.kind === "township")
    return sql`${feedback.villageId} IN (SELECT id FROM villages WHERE township_code = ${s.townshipCode})`;
  if (s.kind === "cadre") return sql`0`;
  return undefined;
}

const columns = {
  id: feedback.id,
  trackingCode: feedback.trackingCode,
  villageCode: villages.code,
  villageName: villages.name,
  villageId: feedback.villageId,
  category: feedback.category,
  text: feedback.text,
  publicText: feedback.publicText,
  contactEnc: feedback.contactEnc,
  status: feedback.status,
  reply: feedback.reply,
  replyPublic: feedback.replyPublic,
  answeredAt: feedback.answeredAt,
  createdAt: feedback.createdAt,
};

type FeedbackRow = {
  id: number;
  trackingCode: string;
  villageCode: string | null;
  villageName: string | null;
  villageId: number | null;
  category: Category;
  text: string;
  publicText: string | null;
  contactEnc: string | null;
  status: "open" | "answered";
  reply: string | null;
  replyPublic: boolean;
  answeredAt: number | null;
  createdAt: number;
};

function present(r: FeedbackRow) {
  const { contactEnc, villageId: _v, ...rest } = r;
  return { ...rest, hasContact: contactEnc != null };
}

/**
 * The feedback inbox: open first, then newest. Filtered by status or given `after`, newest first
 * as a keyset page (`id < after`) along feedback_status_idx; an unscoped total comes from the
 * trigger-kept inbox_counts, so the inbox stays flat as the county grows.
 */
export async function listFeedback(
  ctx: ServiceContext,
  f: PageParams & {
    status?: "open" | "answered" | undefined;
    villageCode?: string | undefined;
    after?: number | undefined;
  },
) {
  const scope = scopeCondition(ctx);
  const where = and(
    scope,
    f.status ? eq(feedback.status, f.status) : undefined,
    f.villageCode ? eq(villages.code, f.villageCode) : undefined,
  );
  const keyset = f.status !== undefined || f.after !== undefined;
  const db = ctx.db;
  const [fetched, total] = await Promise.all([
    db
      .select(columns)
      .from(feedback)
      .leftJoin(villages, eq(villages.id, feedback.villageId))
      .where(and(where, f.after !== undefined ? lt(feedback.id, f.after) : undefined))
      .orderBy(...(keyset ? [desc(feedback.id)] : [sql`${feedback.status} = 'answered'`, desc(feedback.id)]))
      // One more row than the page says whether there is a next page.
      .limit(f.size + 1)
      .offset(f.after !== undefined ? 0 : offsetOf(f))
      .all(),
    !scope && !f.villageCode
      ? keptInboxTotal(ctx, "feedback", f.status)
      : db
          .select({ n: count() })
          .from(feedback)
          .leftJoin(villages, eq(villages.id, feedback.villageId))
          .where(where)
          .get()
          .then((r) => r?.n ?? 0),
  ]);
  const rows = fetched.slice(0, f.size);
  return {
    items: rows.map(present),
    total,
    page: f.page,
    size: f.size,
    nextAfter: keyset && fetched.length > f.size ? rows[rows.length - 1]!.id : null,
  };
}

async function findFeedback(ctx: ServiceContext, id: number) {
  const row = await ctx.db
    .select(columns)
    .from(feedback)
    .leftJoin(villages, eq(villages.id, feedback.villageId))
    .where(and(eq(feedback.id, id), scopeCondition(ctx)))
    .get();
  if (!row) throw new AppError("not_found", "没有这条意见建议，或不在您的管辖范围内");
  return row;
}

export async function getFeedback(ctx: ServiceContext, id: number) {
  return present(await findFeedback(ctx, id));
}
export type FeedbackView = Awaited<ReturnType<typeof getFeedback>>;

/**
 * The contact in full, for an officer holding pii.reveal whose scope covers the feedback. Its own
 * audited action, with the reason the officer gave.
 */
export async function revealContact(
  ctx: ServiceContext,
  id: number,
  reason: string,
): Promise<{ id: number; contact: string | null }> {
  const row = await findFeedback(ctx, id);
  if (!row.contactEnc) throw new AppError("conflict", "该条意见建议没有留下联系方式");
  const contact = await revealStored(await ctx.piiKeys(), row.contactEnc, contactSlot(id));
  await new AuditedWrite(ctx)
    .audit({
      action: "feedback.reveal_contact",
      entity: "feedback",
      entityId: id,
      after: { trackingCode: row.trackingCode, reason },
    })
    .commit();
  return { id, contact };
}

/**
 * Answers once (open → answered, guarded: a second answer is a 409). A public answer goes on the
 * ledger (which also refreshes the village page); a non-public one (e.g. a 举报 under
 * investigation) is visible only to the holder of the tracking code.
 */
export async function answerFeedback(ctx: ServiceContext, id: number, input: { reply: string; replyPublic: boolean }) {
  const row = await findFeedback(ctx, id);
  if (row.status !== "open") throw new AppError("conflict", "这条意见建议已经答复过");
  const at = now();
  const w = new AuditedWrite(ctx).guarded(
    ctx.db
      .update(feedback)
      .set({
        status: "answered",
        reply: input.reply,
        replyPublic: input.replyPublic,
        answeredBy: ctx.user!.id,
        answeredAt: at,
      })
      .where(and(eq(feedback.id, id), eq(feedback.status, "open"))),
    "这条意见建议已经答复过",
  );
  if (input.replyPublic) {
    w.publish({
      kind: "feedback.answered",
      ref: `feedback:${row.trackingCode}`,
      villageIds: row.villageId ? [row.villageId] : [],
      content: {
        trackingCode: row.trackingCode,
        village: row.villageCode ? { code: row.villageCode, name: row.villageName } : null,
        category: row.category,
        text: scrubPublicText(row.text),
        reply: scrubPublicText(input.reply),
      },
    });
  }
  await w
    .audit({
      action: "feedback.answer",
      entity: "feedback",
      entityId: id,
      before: { status: "open" },
      after: { status: "answered", reply: input.reply, replyPublic: input.replyPublic },
    })
    .commit();
  return getFeedback(ctx, id);
}

/** Publishes the reviewed version of a feedback text; the original stays private (officers only). */
export async function publishFeedbackText(ctx: ServiceContext, id: number, publicText: string) {
  const row = await findFeedback(ctx, id);
  await new AuditedWrite(ctx)
    .add(ctx.db.update(feedback).set({ publicText }).where(eq(feedback.id, id)))
    .audit({
      action: "feedback.publish_text",
      entity: "feedback",
      entityId: id,
      before: { publicText: row.publicText ?? null },
      after: { publicText },
    })
    .commit();
  return { id, publicText };
}
