import { and, eq, sql } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { batches, batchLines, paymentClaims, paymentMonthClaims } from "../../db/schema/tenant/money.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { bulkInsert } from "../lib/bulk-insert.ts";
import { recordIdempotency, type IdempotencyClaim } from "../domain/idempotency.ts";
import { getProgram, type ProgramRow } from "../programs/service.ts";
import { awardCandidates, supplementCandidates } from "../awards/candidates.ts";
import { lineAmount, monthsIn } from "./amount.ts";
import { assertCareFundRecipient } from "../party-members/service.ts";
import { candidates, confirmedDays, type ConfirmedDays, findRecipient, type Candidate } from "./recipients.ts";
import { getBatch } from "./queries.ts";
import { officialBasis, officialCandidates, programAtPostRate } from "../village-cadres/pay.ts";
import type { LineCreateInput } from "./schemas.ts";

const DRAFT_ONLY = "只有草稿状态的批次可以修改明细";

/** Keeps a batch's totals equal to its lines: recomputed inside the same batch of statements. */
export function recomputeTotals(d1: D1Database, batchId: number): D1PreparedStatement {
  return d1
    .prepare(
      `UPDATE batches SET total_fen = (SELECT coalesce(sum(amount_fen), 0) FROM batch_lines WHERE batch_id = ?1),
              line_count = (SELECT count(*) FROM batch_lines WHERE batch_id = ?1), updated_at = unixepoch() WHERE id = ?1`,
    )
    .bind(batchId);
}

/** Gives every unclaimed pending line of the batch its claim; the primary key refuses a second payment. */
function claimLines(d1: D1Database, batchId: number): D1PreparedStatement {
  return d1
    .prepare(
      `INSERT INTO payment_claims (program_id, period, recipient_kind, recipient_id, line_id)
       SELECT program_id, period, recipient_kind, recipient_id, id FROM batch_lines
       WHERE batch_id = ? AND status = 'pending' AND id NOT IN (SELECT line_id FROM payment_claims)`,
    )
    .bind(batchId);
}

async function commitLines(w: AuditedWrite): Promise<unknown[]> {
  try {
    return await w.commit();
  } catch (err) {
    if (
      /payment_(month_)?claims/.test(String(err instanceof Error ? `${err.message} ${String(err.cause ?? "")}` : err))
    ) {
      throw new AppError(
        "conflict",
        "该对象在本项目本期（或重叠的月份）已有发放记录（同一月份只能发放一次），请检查是否重复",
      );
    }
    throw err;
  }
}

async function draftBatch(ctx: ServiceContext, batchId: number) {
  const batch = await getBatch(ctx, batchId);
  if (batch.status !== "draft") throw new AppError("conflict", DRAFT_ONLY);
  return batch;
}

/**
 * Which recipients are already paid (or being paid) by this program in any month of `period`:
 * a monthly claim blocks the year that contains it and a yearly claim blocks each of its months.
 * Recipient id → the batch and period of the claiming line.
 */
export async function claimedIds(
  ctx: ServiceContext,
  programId: number,
  period: string,
  kind: string,
): Promise<Map<number, { batchId: number; period: string }>> {
  const [first, last] = monthRange(period);
  const rows = await ctx.db
    .selectDistinct({
      recipientId: paymentMonthClaims.recipientId,
      batchId: batchLines.batchId,
      period: batchLines.period,
    })
    .from(paymentMonthClaims)
    .innerJoin(batchLines, eq(batchLines.id, paymentMonthClaims.lineId))
    .where(
      and(
        eq(paymentMonthClaims.programId, programId),
        eq(paymentMonthClaims.recipientKind, kind),
        sql`${paymentMonthClaims.month} BETWEEN ${first} AND ${last}`,
      ),
    )
    .all();
  return new Map(rows.map((r) => [r.recipientId, { batchId: r.batchId, period: r.period }]));
}

/** First and last month a period covers: "2026-11" → 2026-11..2026-11, "2026" → 2026-01..2026-12. */
export function monthRange(period: string): [string, string] {
  return period.length === 7 ? [period, period] : [`${period}-01`, `${period}-12`];
}

/**
 * Per-day lines for cadres pay confirmed resident days only: finance cannot type days for a cadre
 * without a confirmed record, nor more days than were confirmed. Null for other rules.
 */
export async function daysForLine(
  ctx: ServiceContext,
  program: { ruleKind: string },
  kind: string,
  recipient: { id: number; name: string },
  period: string,
  typed: number | undefined,
): Promise<{ quantity: number; confirmedBy: string | null; confirmedAt: number | null } | null> {
  if (program.ruleKind !== "per_resident_day" || kind !== "cadre") return null;
  const found = (await confirmedDays(ctx, period, recipient.id)).get(recipient.id);
  return checkConfirmedDays(recipient.name, period, found, typed);
}

/** The rule of `daysForLine` on already loaded days (CSV rows use it with one query per file). */
export function checkConfirmedDays(
  name: string,
  period: string,
  found: ConfirmedDays | undefined,
  typed: number | undefined,
): { quantity: number; confirmedBy: string | null; confirmedAt: number | null } {
  const bad = (message: string) =>
    new AppError("validation_failed", message, { fields: [{ field: "quantity", message }] });
  if (!found || found.days === 0)
    throw bad(
      found?.reportedDays
        ? `${name} 在 ${period} 填报的 ${found.reportedDays} 天尚未经乡镇或县级确认，确认后才能按天计发`
        : `${name} 在 ${period} 没有已确认的驻村天数记录，不能按天计发`,
    );
  if (typed !== undefined && typed > found.days)
    throw bad(`${name} 在 ${period} 已确认的驻村天数为 ${found.days} 天，不能按 ${typed} 天计发`);
  return { quantity: typed ?? found.days, confirmedBy: found.confirmedBy, confirmedAt: found.confirmedAt };
}

export async function addLine(ctx: ServiceContext, batchId: number, input: LineCreateInput, idem?: IdempotencyClaim) {
  const batch = await draftBatch(ctx, batchId);
  const program = await getProgram(ctx, batch.programId);
  const kind = input.recipientKind ?? program.recipientKind;
  if (kind !== program.recipientKind)
    throw new AppError("validation_failed", "发放对象类型与资金项目不符", {
      fields: [{ field: "recipientKind", message: "与资金项目的发放对象不符" }],
    });
  const recipient = await findRecipient(ctx, kind, input.recipientId);
  if (kind === "party_member" && program.category === "party_care_fund")
    await assertCareFundRecipient(ctx, recipient.id);
  if (!program.allowRepeat) {
    const other = (await claimedIds(ctx, program.id, batch.period, kind)).get(recipient.id);
    if (other !== undefined)
      throw new AppError(
        "conflict",
        other.period === batch.period
          ? `${recipient.name} 在本项目 ${batch.period} 期已列入批次 #${other.batchId}，每期只能发放一次`
          : `${recipient.name} 在本项目 ${other.period} 期（与 ${batch.period} 的月份重叠）已列入批次 #${other.batchId}，同一月份只能发放一次`,
      );
  }
  const days = await daysForLine(ctx, program, kind, recipient, batch.period, input.quantity);
  // Village cadres are priced by the roster (post rate, honours, months or years served), never by typed figures.
  const official =
    kind === "village_official" ? await officialBasis(ctx, program, batch.period, recipient.id) : undefined;
  const { amountFen, quantity } = lineAmount(
    official ? programAtPostRate(program, official.rateFen) : program,
    batch.period,
    official
      ? { amountFen: input.amountFen, quantity: official.quantity, honoured: official.honoured }
      : { ...input, quantity: days?.quantity ?? input.quantity },
  );
  const values = {
    batchId,
    programId: program.id,
    period: batch.period,
    recipientKind: kind,
    recipientId: recipient.id,
    recipientName: recipient.name,
    villageId: recipient.villageId,
    amountFen,
    quantity,
    honoured: official ? official.honoured : input.honoured,
    purpose: input.purpose ?? program.name,
    repaysLineId: input.repaysLineId ?? null,
    daysConfirmedBy: days?.confirmedBy ?? null,
    daysConfirmedAt: days?.confirmedAt ?? null,
  };
  const d1 = ctx.d1;
  const w = new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(batches)
        .set({ updatedAt: sql`unixepoch()` })
        .where(and(eq(batches.id, batchId), eq(batches.status, "draft"))),
      DRAFT_ONLY,
    )
    .add(ctx.db.insert(batchLines).values(values).returning({ id: batchLines.id }));
  recordIdempotency(ctx, w, idem, "line");
  if (!program.allowRepeat) w.addRaw(claimLines(d1, batchId));
  w.addRaw(recomputeTotals(d1, batchId)).audit({
    action: "line.create",
    entity: "batch",
    entityId: batchId,
    after: { ...values, recipientName: recipient.name },
  });
  const results = await commitLines(w);
  return (results[1] as { id: number }[])[0]!.id;
}

export async function removeLine(ctx: ServiceContext, batchId: number, lineId: number) {
  await draftBatch(ctx, batchId);
  const line = await ctx.db
    .select()
    .from(batchLines)
    .where(and(eq(batchLines.id, lineId), eq(batchLines.batchId, batchId)))
    .get();
  if (!line) throw new AppError("not_found", "没有这条发放明细");
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(batches)
        .set({ updatedAt: sql`unixepoch()` })
        .where(and(eq(batches.id, batchId), eq(batches.status, "draft"))),
      DRAFT_ONLY,
    )
    .add(ctx.db.delete(paymentClaims).where(eq(paymentClaims.lineId, lineId)))
    .add(ctx.db.delete(batchLines).where(eq(batchLines.id, lineId)))
    .addRaw(recomputeTotals(ctx.d1, batchId))
    .audit({ action: "line.delete", entity: "batch", entityId: batchId, before: line })
    .commit();
}

/** Writes many prepared lines at once (rule generation, CSV): bulk statements, claims, totals. */
export function bulkLineStatements(
  d1: D1Database,
  batchId: number,
  allowRepeat: boolean,
  rows: {
    programId: number;
    period: string;
    kind: string;
    id: number;
    name: string;
    villageId: number | null;
    amountFen: number;
    quantity: number | null;
    honoured: boolean;
    purpose: string;
    daysConfirmedBy?: string | null | undefined;
    daysConfirmedAt?: number | null | undefined;
  }[],
): D1PreparedStatement[] {
  const statements = bulkInsert(
    d1,
    "batch_lines",
    [
      "batch_id",
      "program_id",
      "period",
      "recipient_kind",
      "recipient_id",
      "recipient_name",
      "village_id",
      "amount_fen",
      "quantity",
      "honoured",
      "purpose",
      "days_confirmed_by",
      "days_confirmed_at",
    ],
    // Made one at a time as bulkInsert writes them: a second 100,000-element copy of the lines
    // would be megabytes of the isolate's 128.
    (function* () {
      for (const r of rows)
        yield [
          batchId,
          r.programId,
          r.period,
          r.kind,
          r.id,
          r.name,
          r.villageId,
          r.amountFen,
          r.quantity,
          r.honoured ? 1 : 0,
          r.purpose,
          r.daysConfirmedBy ?? null,
          r.daysConfirmedAt ?? null,
        ];
    })(),
  );
  if (!allowRepeat) statements.push(claimLines(d1, batchId));
  statements.push(recomputeTotals(d1, batchId));
  return statements;
}

export type GenerateSource =
  | "first_secretaries"
  | "resident_team"
  | "attendance"
  | "village_officials"
  | "awards"
  | "award_supplement";

/** The rule a program must have for a source; throws the readable 400 otherwise. */
function checkSource(program: ProgramRow, source: GenerateSource): void {
  const bad = (message: string, field = "source") =>
    new AppError("validation_failed", message, { fields: [{ field, message }] });
  if (source === "awards" || source === "award_supplement") {
    if (program.category !== "award") throw bad("按表彰生成须用“表彰奖励”类的资金项目");
    if (source === "awards" && program.ruleKind !== "fixed_per_recipient")
      throw bad("一次性表彰奖励须为“每人固定金额”的项目（如优秀村官 3000 元）");
    if (source === "award_supplement" && program.ruleKind !== "per_line")
      throw bad("连续获评的按月补贴金额因人而异，须为“逐笔填写金额”的项目");
    return;
  }
  // An honour pays because it was awarded, never because someone holds a post.
  if (program.category === "award") throw bad("表彰奖励项目的明细只能按表彰记录生成");
  // Village cadres are paid from the roster (post rates, months or years served), cadres from postings.
  if ((source === "village_officials") !== (program.recipientKind === "village_official"))
    throw bad(
      source === "village_officials" ? "本项目的发放对象不是村干部" : "村干部报酬项目请选择“按村两委花名册生成”",
    );
  if (program.recipientKind !== "cadre" && program.recipientKind !== "village_official")
    throw bad("按规则生成目前用于发给干部的项目（驻村补助、通讯补贴等）");
  if (source === "attendance" && program.ruleKind !== "per_resident_day")
    throw bad("按驻村天数生成需要“按驻村天数”计发的项目");
  if (source !== "attendance" && program.ruleKind === "per_resident_day")
    throw bad("按天计发的项目请选择“按驻村天数生成”");
  if (program.ruleKind === "per_line") throw bad("逐笔填写金额的项目不能按规则生成");
}

/** Candidates of any source, with the amount each line gets. */
async function sourceCandidates(
  ctx: ServiceContext,
  program: ProgramRow,
  source: GenerateSource,
  period: string,
): Promise<(Candidate & { amountFen?: number; purpose?: string; rateFen?: number | null; honoured?: boolean })[]> {
  if (source === "village_officials") return officialCandidates(ctx, program, period);
  if (source === "awards")
    return (await awardCandidates(ctx, program.id, program.recipientKind, period)).map((a) => ({
      kind: program.recipientKind,
      id: a.id,
      name: a.name,
      villageId: a.villageId,
      purpose: a.purpose,
    }));
  if (source === "award_supplement")
    return (await supplementCandidates(ctx, program.recipientKind, period)).map((a) => ({
      kind: program.recipientKind,
      id: a.id,
      name: a.name,
      villageId: a.villageId,
      quantity: monthsIn(period),
      amountFen: a.monthlyFen! * monthsIn(period),
      purpose: a.purpose,
    }));
  return candidates(ctx, source, period);
}

/** Generates this period's lines from the program's rule and the registry; skips those already paid. */
export async function generateLines(ctx: ServiceContext, batchId: number, source: GenerateSource, purpose?: string) {
  const batch = await draftBatch(ctx, batchId);
  const program = await getProgram(ctx, batch.programId);
  checkSource(program, source);
  const kind = program.recipientKind;
  const all = await sourceCandidates(ctx, program, source, batch.period);
  const inBatch = new Set(
    (
      await ctx.db.select({ id: batchLines.recipientId }).from(batchLines).where(eq(batchLines.batchId, batchId)).all()
    ).map((r) => r.id),
  );
  const claimed = program.allowRepeat
    ? new Map<number, unknown>()
    : await claimedIds(ctx, program.id, batch.period, kind);
  const fresh = all.filter((r) => !inBatch.has(r.id) && !claimed.has(r.id));
  if (fresh.length === 0) return { added: 0, skipped: all.length, statements: 0 };
  const rows = fresh.map((r) => ({
    programId: program.id,
    period: batch.period,
    kind,
    id: r.id,
    name: r.name,
    villageId: r.villageId,
    ...(r.amountFen === undefined
      ? lineAmount(programAtPostRate(program, r.rateFen ?? null), batch.period, {
          quantity: r.quantity,
          honoured: r.honoured,
        })
      : { amountFen: r.amountFen, quantity: r.quantity ?? null }),
    honoured: r.honoured ?? false,
    purpose: purpose ?? r.purpose ?? program.name,
    daysConfirmedBy: r.daysConfirmedBy ?? null,
    daysConfirmedAt: r.daysConfirmedAt ?? null,
  }));
  const statements = bulkLineStatements(ctx.d1, batchId, program.allowRepeat, rows);
  const w = new AuditedWrite(ctx).guarded(
    ctx.db
      .update(batches)
      .set({ updatedAt: sql`unixepoch()` })
      .where(and(eq(batches.id, batchId), eq(batches.status, "draft"))),
    DRAFT_ONLY,
  );
  for (const s of statements) w.addRaw(s);
  await commitLines(
    w.audit({
      action: "line.generate",
      entity: "batch",
      entityId: batchId,
      after: { source, added: rows.length, recipients: rows.map((r) => r.id) },
    }),
  );
  return { added: rows.length, skipped: all.length - rows.length, statements: statements.length };
}
