import type { ServiceContext } from "../domain/service-context.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { checkAndRecord, type LimitRule } from "../domain/public-limits.ts";
import { ballotHashInput, normalizeBallotCode } from "../lib/ballot-code.ts";
import { searchHashes } from "../lib/pii-crypto.ts";
import type { Rating, ReviewKind } from "../../db/schema/tenant/assessment.ts";

/**
 * Tries of the rating page per client: generous, because a whole meeting may share one village
 * Wi-Fi address; guessing a live code needs ~10^12 tries anyway (workers/lib/ballot-code.ts).
 */
export const BALLOT_LIMIT: LimitRule = { max: 60, windowSeconds: 600 };

export type BallotState = "ready" | "used" | "not_open" | "closed";

export interface BallotView {
  state: BallotState;
  kind: ReviewKind;
  subjectName: string;
  villageName: string;
  meetingDate: string;
  opensAt: number;
  closesAt: number;
}

/**
 * The code's hashes under every key of the ring, as one JSON parameter (`IN json_each(?)`): during a
 * rotation a code is stored under the old or the new key; the re-encryption job re-hashes it from
 * its encrypted copy (code_enc, since migration 0025), so once the job is done the new key is enough.
 */
async function hashOf(ctx: ServiceContext, raw: string): Promise<string | null> {
  const code = normalizeBallotCode(raw);
  return code ? JSON.stringify(await searchHashes(await ctx.piiKeys(), ballotHashInput(code))) : null;
}

const notFound = () => new AppError("not_found", "没有这张评议票，请核对票面上的评议码");

/** What the rating page shows for a code; never the code's rating or anyone else's. */
export async function lookupBallot(ctx: ServiceContext, raw: string): Promise<BallotView> {
  const hash = await hashOf(ctx, raw);
  if (!hash) throw notFound();
  const row = await ctx.d1
    .prepare(
      `SELECT b.used_at AS usedAt, r.kind, r.subject_name AS subjectName, v.name AS villageName, r.meeting_date AS meetingDate,
        r.opens_at AS opensAt, r.closes_at AS closesAt, r.status
       FROM review_ballots b JOIN reviews r ON r.id = b.review_id JOIN villages v ON v.id = r.village_id WHERE b.code_hash IN (SELECT value FROM json_each(?))`,
    )
    .bind(hash)
    .first<{
      usedAt: number | null;
      kind: ReviewKind;
      subjectName: string;
      villageName: string;
      meetingDate: string;
      opensAt: number;
      closesAt: number;
      status: string;
    }>();
  if (!row) throw notFound();
  const now = ctx.now();
  const state: BallotState =
    row.usedAt != null
      ? "used"
      : row.status !== "open" || now >= row.closesAt
        ? "closed"
        : now < row.opensAt
          ? "not_open"
          : "ready";
  return { ...row, state };
}

export const BALLOT_STATE_MESSAGES: Record<Exclude<BallotState, "ready">, string> = {
  used: "这张评议票已经使用过，每张票只能评议一次",
  not_open: "评议尚未开始，请在会议评议时段内扫码",
  closed: "评议时段已结束，不能再评议",
};

/**
 * Casts one anonymous rating with a one-time code: a single guarded UPDATE takes the code only if
 * it is unused, its review is open and inside its window, and the ballots so far stay within the
 * attendance — so two phones with the same code at the same moment: exactly one rating counts.
 * The audit entry names the review only: neither the code's hash nor the rating, so nothing
 * ties a rating to a moment an officer could match with a person.
 */
export async function castBallot(ctx: ServiceContext, raw: string, rating: Rating): Promise<void> {
  const w = new AuditedWrite(ctx);
  await checkAndRecord(ctx, w, "ballot", BALLOT_LIMIT);
  const ballot = await lookupBallot(ctx, raw);
  if (ballot.state !== "ready") throw new AppError("conflict", BALLOT_STATE_MESSAGES[ballot.state]);
  const hash = (await hashOf(ctx, raw))!;
  const now = ctx.now();
  const review = await ctx.d1
    .prepare("SELECT review_id AS id FROM review_ballots WHERE code_hash IN (SELECT value FROM json_each(?))")
    .bind(hash)
    .first<{ id: number }>();
  w.guardedRaw(
    ctx.d1
      .prepare(
        `UPDATE review_ballots SET rating = ?1, used_at = ?2
         WHERE code_hash IN (SELECT value FROM json_each(?3)) AND used_at IS NULL AND EXISTS (
           SELECT 1 FROM reviews r WHERE r.id = review_ballots.review_id AND r.status = 'open'
             AND r.opens_at <= ?2 AND r.closes_at > ?2
             AND (r.attendance IS NULL OR r.paper_satisfied + r.paper_fairly_satisfied + r.paper_dissatisfied
                  + (SELECT count(*) FROM review_ballots x WHERE x.review_id = r.id AND x.used_at IS NOT NULL) < r.attendance))`,
      )
      .bind(rating, now, hash),
    "这张评议票已经使用过，或评议已结束、票数已达到到会人数",
  ).audit({ action: "review.ballot_cast", entity: "review", entityId: review?.id ?? null });
  await w.commit();
}
