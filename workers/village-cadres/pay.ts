import { and, asc, eq, sql } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { programs } from "../../db/schema/tenant/money.ts";
import {
  villageOfficialPayRates,
  villageOfficials,
  type VillageOfficialPost,
} from "../../db/schema/tenant/village-cadres.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { fullYears } from "./service.ts";
import { ratedPosts } from "../domain/rated-posts.ts";
import { VILLAGE_OFFICIAL_POST_LABELS } from "../../web/i18n/zh-CN.ts";
import type { PayRatesSetInput } from "./schemas.ts";

/** Honours from the province up lift 基础补贴 by the program's uplift (seed 002: 受省部级及以上表彰 +20 %). */
const UPLIFT_LEVELS = new Set(["provincial", "national"]);

/** What the program's rule needs to price one village cadre's line. */
export interface OfficialPayBasis {
  kind: "village_official";
  id: number;
  name: string;
  villageId: number;
  /** The program's amount for this post; null → the program's own amount. */
  rateFen: number | null;
  honoured: boolean;
  /** Months of the period in office (per-month rules) or full years served (离任补助). */
  quantity?: number;
}

type Program = { id: number; ruleKind: string };

/** First and last day of "2026" or "2026-11". */
function periodDays(period: string): [string, string] {
  return period.length === 7 ? [`${period}-01`, `${period}-31`] : [`${period}-01-01`, `${period}-12-31`];
}

/** Months of `period` the term [start, end] covers (a month counts when the cadre served any day of it). */
export function monthsInOffice(period: string, termStart: string, termEnd: string | null): number {
  const [first, last] = period.length === 7 ? [period, period] : [`${period}-01`, `${period}-12`];
  // ISO months compare as strings: the later of the two starts, the earlier of the two ends.
  const from = [termStart.slice(0, 7), first].sort()[1]!;
  const to = termEnd ? [termEnd.slice(0, 7), last].sort()[0]! : last;
  if (from > to) return 0;
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5)) - Number(from.slice(5)) + 1;
}

/**
 * Village cadres a program's rule pays for a period, from the roster:
 * - 离任补助 (`per_year_served`): those who left office normally within the period, paid per full
 *   year served from their term dates (免职 / 罢免 get none; under a full year gets none);
 * - every other rule: those in office during the period; per-month rules count their months in office.
 * The amount per post comes from the program's post rates; honours lift it by the program's uplift.
 * A program with rates pays only the posts it rates (a 组干部报酬 program never pays a secretary);
 * a program without rates pays every post its own amount.
 */
export async function officialCandidates(
  ctx: ServiceContext,
  program: Program,
  period: string,
): Promise<OfficialPayBasis[]> {
  const { rows, rated } = await officialRoster(ctx, program, period);
  return rated ? rows.filter((r) => r.rateFen !== null) : rows;
}

/** Everyone the rule would pay in the period (whatever their post), with their post and whether the program rates posts. */
export async function officialRoster(
  ctx: ServiceContext,
  program: Program,
  period: string,
  onlyId?: number,
): Promise<{ rows: (OfficialPayBasis & { post: VillageOfficialPost })[]; rated: boolean }> {
  const [first, last] = periodDays(period);
  const leaving = program.ruleKind === "per_year_served";
  const [rows, rated] = await Promise.all([
    ctx.db
      .select({
        id: villageOfficials.id,
        name: villageOfficials.name,
        villageId: villageOfficials.villageId,
        post: villageOfficials.post,
        termStart: villageOfficials.termStart,
        termEnd: villageOfficials.termEnd,
        honourLevel: villageOfficials.honourLevel,
        rateFen: villageOfficialPayRates.amountFen,
      })
      .from(villageOfficials)
      .leftJoin(
        villageOfficialPayRates,
        and(eq(villageOfficialPayRates.programId, program.id), eq(villageOfficialPayRates.post, villageOfficials.post)),
      )
      .where(
        and(
          onlyId === undefined ? undefined : eq(villageOfficials.id, onlyId),
          leaving
            ? sql`${villageOfficials.status} = 'left' AND ${villageOfficials.termEnd} BETWEEN ${first} AND ${last}`
            : sql`${villageOfficials.termStart} <= ${last} AND (${villageOfficials.termEnd} IS NULL OR ${villageOfficials.termEnd} >= ${first})`,
        ),
      )
      .orderBy(asc(villageOfficials.id))
      .all(),
    ratedPosts(ctx, program.id),
  ]);
  const out: (OfficialPayBasis & { post: VillageOfficialPost })[] = [];
  for (const r of rows) {
    const quantity = leaving
      ? fullYears(r.termStart, r.termEnd!)
      : program.ruleKind === "per_month"
        ? monthsInOffice(period, r.termStart, r.termEnd)
        : undefined;
    if (quantity === 0) continue;
    out.push({
      kind: "village_official",
      id: r.id,
      name: r.name,
      villageId: r.villageId,
      post: r.post as VillageOfficialPost,
      rateFen: r.rateFen,
      honoured: UPLIFT_LEVELS.has(r.honourLevel),
      ...(quantity === undefined ? {} : { quantity }),
    });
  }
  return { rows: out, rated: rated.length > 0 };
}

/** The program as it prices one village cadre: their post's rate in place of the program amount. */
export function programAtPostRate<P extends { ruleAmountFen: number | null }>(program: P, rateFen: number | null): P {
  return rateFen === null ? program : { ...program, ruleAmountFen: rateFen };
}

/** Why a program with post rates refuses a cadre whose post it does not rate (null when it pays them). */
export function unratedPostMessage(
  rated: boolean,
  basis: { name: string; post: VillageOfficialPost; rateFen: number | null },
) {
  if (!rated || basis.rateFen !== null) return null;
  return `本项目只发放已设岗位标准的岗位，${basis.name} 的岗位“${VILLAGE_OFFICIAL_POST_LABELS[basis.post]}”没有标准，不能列入`;
}

/** Why the program's rule pays a village cadre nothing in the period (not in office, or no 离任补助). */
export function officialBasisMessage(program: Program, period: string): string {
  return program.ruleKind === "per_year_served"
    ? `该村干部不是在 ${period} 正常离任且任职满一年，不能发放离任补助`
    : `该村干部在 ${period} 不在任，不能按本项目发放`;
}

/** One village cadre's basis for a line typed by hand: the same rule, or a clear 400 when it pays them nothing. */
export async function officialBasis(
  ctx: ServiceContext,
  program: Program,
  period: string,
  officialId: number,
): Promise<OfficialPayBasis> {
  const { rows, rated } = await officialRoster(ctx, program, period, officialId);
  const [found] = rows;
  if (!found) {
    const message = officialBasisMessage(program, period);
    throw new AppError("validation_failed", message, { fields: [{ field: "recipientId", message }] });
  }
  const unrated = unratedPostMessage(rated, found);
  if (unrated)
    throw new AppError("validation_failed", unrated, { fields: [{ field: "recipientId", message: unrated }] });
  return found;
}

async function villageCadreProgram(ctx: ServiceContext, programId: number) {
  const p = await ctx.db
    .select({
      id: programs.id,
      name: programs.name,
      recipientKind: programs.recipientKind,
      ruleAmountFen: programs.ruleAmountFen,
      honourUpliftPct: programs.honourUpliftPct,
    })
    .from(programs)
    .where(eq(programs.id, programId))
    .get();
  if (!p) throw new AppError("not_found", "没有这个资金项目");
  return p;
}

/** 按岗位标准 of a program (empty for a program that pays every post the same). */
export async function getPayRates(ctx: ServiceContext, programId: number) {
  const p = await villageCadreProgram(ctx, programId);
  const rates = await ctx.db
    .select({ post: villageOfficialPayRates.post, amountFen: villageOfficialPayRates.amountFen })
    .from(villageOfficialPayRates)
    .where(eq(villageOfficialPayRates.programId, programId))
    .all();
  return {
    programId: p.id,
    programName: p.name,
    ruleAmountFen: p.ruleAmountFen,
    honourUpliftPct: p.honourUpliftPct,
    rates: rates as { post: VillageOfficialPost; amountFen: number }[],
  };
}

/** The rates screen: the rates, and whether the program pays village cadres at all (only then can they be set). */
export async function payRatesScreen(ctx: ServiceContext, programId: number) {
  const [view, p] = await Promise.all([getPayRates(ctx, programId), villageCadreProgram(ctx, programId)]);
  return { view, payable: p.recipientKind === "village_official" };
}

/**
 * Replaces a village cadre pay program's amounts per post in one audited batch (at most 7 rows,
 * one JSON parameter). Lines already made keep their amounts: rates price the next generation.
 */
export async function setPayRates(ctx: ServiceContext, programId: number, input: PayRatesSetInput) {
  const before = await getPayRates(ctx, programId);
  const p = await villageCadreProgram(ctx, programId);
  if (p.recipientKind !== "village_official")
    throw new AppError("validation_failed", "只有发放对象为“村干部”的资金项目可以设置岗位标准", {
      fields: [{ field: "rates", message: "项目的发放对象不是村干部" }],
    });
  const write = new AuditedWrite(ctx);
  if (input.honourUpliftPct !== undefined)
    write.add(
      ctx.db.update(programs).set({ honourUpliftPct: input.honourUpliftPct }).where(eq(programs.id, programId)),
    );
  await write
    .add(ctx.db.delete(villageOfficialPayRates).where(eq(villageOfficialPayRates.programId, programId)))
    .addRaw(
      ctx.d1
        .prepare(
          `INSERT INTO village_official_pay_rates (program_id, post, amount_fen)
           SELECT ?1, json_extract(value, '$.post'), json_extract(value, '$.amountFen') FROM json_each(?2)`,
        )
        .bind(programId, JSON.stringify(input.rates)),
    )
    .audit({
      action: "village_official.pay_rates",
      entity: "program",
      entityId: programId,
      before: { rates: before.rates, honourUpliftPct: before.honourUpliftPct },
      after: { rates: input.rates, honourUpliftPct: input.honourUpliftPct ?? before.honourUpliftPct },
    })
    .commit();
  return getPayRates(ctx, programId);
}
