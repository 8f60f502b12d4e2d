import { and, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { reviews } from "../../db/schema/tenant/assessment.ts";
import { cadres } from "../../db/schema/tenant/people.ts";
import { villages } from "../../db/schema/tenant/places.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { assertTownshipInScope, scopeOf, type Scope } from "../domain/scope.ts";
import { offsetOf, type Page, type PageParams } from "../lib/paging.ts";
import { satisfactionPermille } from "../lib/grades.ts";
import { BALLOT_CODE_CONTEXT, ballotHashInput, newBallotCode } from "../lib/ballot-code.ts";
import { encryptPii, searchHash } from "../lib/pii-crypto.ts";
import type { PaperBallotsInput, ReviewCreateInput, ReviewFilterInput } from "./schemas.ts";

const fieldError = (field: string, message: string) =>
  new AppError("validation_failed", message, { fields: [{ field, message }] });

/** A review window is given in China's local time (datetime-local); stored as unix seconds. */
export function chinaLocalToUnix(local: string): number {
  return Math.floor(Date.parse(`${local}:00+08:00`) / 1000);
}

/** At most this many ballot codes per review (a village meeting is far smaller). */
export const MAX_CODES_PER_REVIEW = 1000;
/** A rating window longer than a day is no meeting. */
const MAX_WINDOW_SECONDS = 24 * 3600;

const used = (rating: string) =>
  sql<number>`(SELECT count(*) FROM review_ballots b WHERE b.review_id = ${reviews.id} AND b.rating = ${rating})`.mapWith(
    Number,
  );

const columns = {
  id: reviews.id,
  kind: reviews.kind,
  year: reviews.year,
  villageId: reviews.villageId,
  villageName: villages.name,
  villageCode: villages.code,
  townshipCode: reviews.townshipCode,
  subjectName: reviews.subjectName,
  subjectCadreId: reviews.subjectCadreId,
  audience: reviews.audience,
  meetingDate: reviews.meetingDate,
  opensAt: reviews.opensAt,
  closesAt: reviews.closesAt,
  writtenReport: reviews.writtenReport,
  attendance: reviews.attendance,
  status: reviews.status,
  publishedAt: reviews.publishedAt,
  paperSatisfied: reviews.paperSatisfied,
  paperFairlySatisfied: reviews.paperFairlySatisfied,
  paperDissatisfied: reviews.paperDissatisfied,
  issued: sql<number>`(SELECT count(*) FROM review_ballots b WHERE b.review_id = ${reviews.id})`.mapWith(Number),
  codeSatisfied: used("satisfied"),
  codeFairlySatisfied: used("fairly_satisfied"),
  codeDissatisfied: used("dissatisfied"),
};
type Row = Awaited<ReturnType<ReturnType<typeof selectReviews>["all"]>>[number];

function selectReviews(ctx: ServiceContext) {
  return ctx.db.select(columns).from(reviews).leftJoin(villages, eq(villages.id, reviews.villageId));
}

/** The counts of a review: paper ballots, used codes and their sum; never a single ballot. */
function view(r: Row) {
  const paper = {
    satisfied: r.paperSatisfied,
    fairlySatisfied: r.paperFairlySatisfied,
    dissatisfied: r.paperDissatisfied,
  };
  const codes = {
    satisfied: r.codeSatisfied,
    fairlySatisfied: r.codeFairlySatisfied,
    dissatisfied: r.codeDissatisfied,
    issued: r.issued,
  };
  const total = {
    satisfied: paper.satisfied + codes.satisfied,
    fairlySatisfied: paper.fairlySatisfied + codes.fairlySatisfied,
    dissatisfied: paper.dissatisfied + codes.dissatisfied,
  };
  return {
    id: r.id,
    kind: r.kind,
    year: r.year,
    villageId: r.villageId,
    villageName: r.villageName,
    villageCode: r.villageCode,
    townshipCode: r.townshipCode,
    subjectName: r.subjectName,
    subjectCadreId: r.subjectCadreId,
    audience: r.audience,
    meetingDate: r.meetingDate,
    opensAt: r.opensAt,
    closesAt: r.closesAt,
    writtenReport: r.writtenReport,
    attendance: r.attendance,
    status: r.status,
    publishedAt: r.publishedAt,
    paper,
    codes,
    total,
    ballots: total.satisfied + total.fairlySatisfied + total.dissatisfied,
    satisfactionPermille: satisfactionPermille(total),
  };
}
export type ReviewView = ReturnType<typeof view>;

/**
 * Township officers see their township's reviews; a cadre the reviews of villages they were
 * resident in and those where they themselves reported (双向述职).
 */
export function reviewScope(scope: Scope): SQL | undefined {
  if (scope.kind === "township") return eq(reviews.townshipCode, scope.townshipCode);
  if (scope.kind === "cadre")
    return scope.cadreId == null
      ? sql`0`
      : sql`(${reviews.subjectCadreId} = ${scope.cadreId} OR ${reviews.villageId} IN (SELECT village_id FROM assignments WHERE cadre_id = ${scope.cadreId}))`;
  return undefined;
}

function whereOf(ctx: ServiceContext, f: ReviewFilterInput): SQL | undefined {
  return and(
    reviewScope(scopeOf(ctx.user!)),
    f.year ? eq(reviews.year, f.year) : undefined,
    f.villageId ? eq(reviews.villageId, f.villageId) : undefined,
    f.kind ? eq(reviews.kind, f.kind) : undefined,
  );
}

export async function listReviews(ctx: ServiceContext, f: ReviewFilterInput & PageParams): Promise<Page<ReviewView>> {
  const where = whereOf(ctx, f);
  const [items, total] = await Promise.all([
    selectReviews(ctx)
      .where(where)
      .orderBy(desc(reviews.meetingDate), desc(reviews.id))
      .limit(f.size)
      .offset(offsetOf(f))
      .all(),
    ctx.db.select({ n: count() }).from(reviews).where(where).get(),
  ]);
  return { items: items.map(view), total: total?.n ?? 0, page: f.page, size: f.size };
}

export async function allReviews(ctx: ServiceContext, f: ReviewFilterInput): Promise<ReviewView[]> {
  const rows = await selectReviews(ctx).where(whereOf(ctx, f)).orderBy(desc(reviews.meetingDate)).limit(5000).all();
  return rows.map(view);
}

export async function getReview(ctx: ServiceContext, id: number): Promise<ReviewView> {
  const row = await selectReviews(ctx)
    .where(and(eq(reviews.id, id), reviewScope(scopeOf(ctx.user!))))
    .get();
  if (!row) throw new AppError("not_found", "没有这次述职评议，或不在您的管辖范围内");
  return view(row);
}

async function manageable(ctx: ServiceContext, id: number): Promise<ReviewView> {
  const r = await getReview(ctx, id);
  assertTownshipInScope(scopeOf(ctx.user!), r.townshipCode);
  return r;
}

export async function createReview(ctx: ServiceContext, input: ReviewCreateInput): Promise<ReviewView> {
  const scope = scopeOf(ctx.user!);
  const v = await ctx.db
    .select({ id: villages.id, townshipCode: villages.townshipCode })
    .from(villages)
    .where(eq(villages.id, input.villageId))
    .get();
  if (!v || (scope.kind === "township" && v.townshipCode !== scope.townshipCode))
    throw new AppError("not_found", "没有这个村，或不在您的管辖范围内", {
      fields: [{ field: "villageId", message: "没有这个村" }],
    });
  if (input.subjectCadreId !== undefined) {
    const c = await ctx.db.select({ id: cadres.id }).from(cadres).where(eq(cadres.id, input.subjectCadreId)).get();
    if (!c) throw fieldError("subjectCadreId", "没有这名干部");
  }
  const opensAt = chinaLocalToUnix(input.opensAt);
  const closesAt = chinaLocalToUnix(input.closesAt);
  if (!Number.isFinite(opensAt)) throw fieldError("opensAt", "评议开始时间无效");
  if (!Number.isFinite(closesAt)) throw fieldError("closesAt", "评议结束时间无效");
  if (closesAt <= opensAt) throw fieldError("closesAt", "评议结束时间应晚于开始时间");
  if (closesAt - opensAt > MAX_WINDOW_SECONDS)
    throw fieldError("closesAt", "评议时段不能超过 24 小时（只在会议期间评议）");
  if (input.opensAt.slice(0, 10) !== input.meetingDate) throw fieldError("opensAt", "评议开始时间应在会议当天");
  if (Number(input.meetingDate.slice(0, 4)) !== input.year && Number(input.meetingDate.slice(0, 4)) !== input.year + 1)
    throw fieldError("meetingDate", "会议日期应在评议年度内或次年初");
  const values = {
    kind: input.kind,
    year: input.year,
    villageId: v.id,
    townshipCode: v.townshipCode,
    subjectName: input.subjectName,
    subjectCadreId: input.subjectCadreId ?? null,
    audience: input.audience,
    meetingDate: input.meetingDate,
    opensAt,
    closesAt,
    writtenReport: input.writtenReport ?? null,
    createdBy: ctx.user!.id,
  };
  const [rows] = (await new AuditedWrite(ctx)
    .add(ctx.db.insert(reviews).values(values).returning({ id: reviews.id }))
    .audit({ action: "review.create", entity: "review", after: { ...values, writtenReport: undefined } })
    .commit()) as [{ id: number }[]];
  return getReview(ctx, rows[0]!.id);
}

/**
 * Paper ballots counted in after the meeting: per option, and the ballot count checked against
 * attendance — together with the codes already used, inside the guarded statement, so a code
 * cast at the same moment cannot push the sum over the attendance.
 */
export async function recordPaperBallots(
  ctx: ServiceContext,
  id: number,
  input: PaperBallotsInput,
): Promise<ReviewView> {
  const before = await manageable(ctx, id);
  if (before.status !== "open") throw new AppError("conflict", "评议结果已公布，不能再修改票数");
  const paper = input.satisfied + input.fairlySatisfied + input.dissatisfied;
  const usedCodes = before.codes.satisfied + before.codes.fairlySatisfied + before.codes.dissatisfied;
  if (paper + usedCodes > input.attendance)
    throw fieldError(
      "attendance",
      `票数超过到会人数：纸质票 ${paper} 张${usedCodes ? ` + 扫码票 ${usedCodes} 张` : ""}，到会 ${input.attendance} 人`,
    );
  const set = {
    attendance: input.attendance,
    paperSatisfied: input.satisfied,
    paperFairlySatisfied: input.fairlySatisfied,
    paperDissatisfied: input.dissatisfied,
  };
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(reviews)
        .set({ ...set, updatedAt: ctx.now() })
        .where(
          and(
            eq(reviews.id, id),
            eq(reviews.status, "open"),
            sql`${paper} + (SELECT count(*) FROM review_ballots b WHERE b.review_id = ${id} AND b.used_at IS NOT NULL) <= ${input.attendance}`,
          ),
        ),
      "票数超过到会人数，或评议结果已公布；请刷新后核对",
    )
    .audit({ action: "review.paper_ballots", entity: "review", entityId: id, before: before.paper, after: set })
    .commit();
  return getReview(ctx, id);
}

/**
 * One-time ballot codes for the meeting's QR slips. Stored as the keyed hash of each code (HMAC
 * with the tenant's key) and the code encrypted under the same key (so a key rotation can re-hash
 * it): a copy of the database without the key cannot be turned back into usable codes.
 * The codes themselves are returned once, to be printed.
 */
export async function issueBallotCodes(ctx: ServiceContext, id: number, n: number): Promise<string[]> {
  const r = await manageable(ctx, id);
  if (r.status !== "open") throw new AppError("conflict", "评议结果已公布，不能再生成评议票");
  if (r.closesAt <= ctx.now()) throw new AppError("conflict", "评议时段已结束，不能再生成评议票");
  if (r.codes.issued + n > MAX_CODES_PER_REVIEW)
    throw fieldError("count", `每次评议最多 ${MAX_CODES_PER_REVIEW} 张二维码票，已生成 ${r.codes.issued} 张`);
  const keys = await ctx.piiKeys();
  const codes = Array.from({ length: n }, newBallotCode);
  // The hash finds the code; the ciphertext (under the same key) lets a key rotation re-hash it.
  const rows = await Promise.all(
    codes.map(async (c) => [
      await searchHash(keys, ballotHashInput(c)),
      await encryptPii(keys, c, BALLOT_CODE_CONTEXT),
    ]),
  );
  // One statement whatever n is: the rows go as one JSON parameter; the count limit holds inside it.
  const insert = ctx.d1
    .prepare(
      `INSERT INTO review_ballots (review_id, code_hash, code_enc)
       SELECT ?1, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?2)
       WHERE (SELECT count(*) FROM review_ballots WHERE review_id = ?1) + ?3 <= ?4
         AND EXISTS (SELECT 1 FROM reviews WHERE id = ?1 AND status = 'open')`,
    )
    .bind(id, JSON.stringify(rows), n, MAX_CODES_PER_REVIEW);
  await new AuditedWrite(ctx)
    .guardedRaw(insert, `每次评议最多 ${MAX_CODES_PER_REVIEW} 张二维码票，或评议结果已公布`)
    .audit({ action: "review.codes_issued", entity: "review", entityId: id, after: { count: n } })
    .commit();
  return codes;
}

/**
 * Publishes the aggregate on the village page, through the public ledger (which also moves the
 * public pages' cache version). Only after the rating window has closed, so the published numbers
 * are final.
 */
export async function publishReview(ctx: ServiceContext, id: number): Promise<ReviewView> {
  const r = await manageable(ctx, id);
  if (r.status !== "open") throw new AppError("conflict", "评议结果已经公布");
  if (ctx.now() < r.closesAt) throw new AppError("conflict", "评议时段尚未结束，结束后才能公布结果");
  if (r.ballots === 0) throw new AppError("conflict", "还没有任何评议票（纸质票或扫码票），不能公布");
  const content = {
    review: r.id,
    kind: r.kind,
    year: r.year,
    village: r.villageCode,
    subject: r.subjectName,
    meetingDate: r.meetingDate,
    attendance: r.attendance,
    satisfied: r.total.satisfied,
    fairlySatisfied: r.total.fairlySatisfied,
    dissatisfied: r.total.dissatisfied,
    satisfactionPermille: r.satisfactionPermille,
  };
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(reviews)
        .set({ status: "published", publishedAt: ctx.now(), updatedAt: ctx.now() })
        .where(and(eq(reviews.id, id), eq(reviews.status, "open"))),
      "评议结果已经公布",
    )
    .publish({ kind: "review.published", ref: `review:${id}`, villageIds: [r.villageId], content })
    .audit({ action: "review.publish", entity: "review", entityId: id, after: content })
    .commit();
  return getReview(ctx, id);
}

/** Published aggregates of a village, for its public page: counts only, never a ballot. */
export async function publishedReviewsOfVillage(ctx: ServiceContext, villageId: number) {
  const rows = await selectReviews(ctx)
    .where(and(eq(reviews.villageId, villageId), eq(reviews.status, "published")))
    .orderBy(desc(reviews.year), desc(reviews.meetingDate))
    .limit(10)
    .all();
  return rows.map(view).map((r) => ({
    kind: r.kind,
    year: r.year,
    subjectName: r.subjectName,
    audience: r.audience,
    meetingDate: r.meetingDate,
    attendance: r.attendance,
    total: r.total,
    ballots: r.ballots,
    satisfactionPermille: r.satisfactionPermille,
  }));
}
export type PublishedReview = Awaited<ReturnType<typeof publishedReviewsOfVillage>>[number];

/** Villages the user may hold a review in (the new-review form's list). */
export async function reviewVillageOptions(ctx: ServiceContext) {
  const scope = scopeOf(ctx.user!);
  return ctx.db
    .select({ id: villages.id, name: villages.name, code: villages.code })
    .from(villages)
    .where(scope.kind === "township" ? eq(villages.townshipCode, scope.townshipCode) : undefined)
    .orderBy(villages.code)
    .limit(2000)
    .all();
}
