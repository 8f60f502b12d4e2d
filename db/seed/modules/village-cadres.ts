/**
 * Demo village-cadre pay programs (issue 12, seed 002) on top of the `village-officials` roster:
 * 村干部离任补助 by years served and, for a tenant whose data has no village-cadre pay program,
 * 村干部基础补贴（按岗位） paid by post (560 / 540 元/月, +20 % for provincial honours), each with
 * a budget, so a batch can be generated from the roster on the batches screen. (The programs of
 * db/seed/data that pay village cadres get their rates and batches in ./money.ts.) One D1 batch
 * with the module's `seed.demo` audit entry; idempotent.
 */
import { commitSeed, hasSeeded } from "../core/audit.ts";
import type { SeedContext, SeedModule } from "../core/types.ts";
import { bulk, nextIds, TODAY } from "./lib.ts";

export const villageCadresSeed: SeedModule = {
  name: "village-cadres",
  async run(ctx: SeedContext) {
    if (await hasSeeded(ctx)) return ctx.log("demo village cadre pay programs present");
    const exists = await ctx.d1
      .prepare("SELECT count(*) AS n FROM programs WHERE name IN ('村干部基础补贴（按岗位）', '村干部离任补助')")
      .first<{ n: number }>();
    if ((exists?.n ?? 0) > 0) return ctx.log("village cadre pay programs already exist; skipped");
    const roster = await ctx.d1.prepare("SELECT count(*) AS n FROM village_officials").first<{ n: number }>();
    const year = Number(TODAY().slice(0, 4));
    const ids = await nextIds(ctx, ["programs"] as const);
    // A tenant whose data already pays village cadres by post (pingchuan, dazhou: ./money.ts) gets
    // only 离任补助, so no one is paid the same allowance by two programs.
    const own = await ctx.d1
      .prepare(
        "SELECT count(*) AS n FROM programs WHERE recipient_kind = 'village_official' AND category = 'village_cadre_pay'",
      )
      .first<{ n: number }>();
    const byPost = (own?.n ?? 0) === 0;
    const programId = ids.programs();
    const exitId = ids.programs();
    const program = (
      id: number,
      name: string,
      ruleKind: string,
      amountFen: number,
      uplift: number,
      seedRef: string,
    ) => ({
      id,
      name,
      category: "village_cadre_pay",
      fund_source: "county",
      recipient_kind: "village_official",
      rule_kind: ruleKind,
      rule_amount_fen: amountFen,
      honour_uplift_pct: uplift,
      notice_days: 7,
      allow_repeat: false,
      seed_ref: seedRef,
      notes: "金额按村两委花名册的职务标准计算（发放批次选择“按村两委花名册生成”）",
    });
    const allRows = [
      program(
        programId,
        "村干部基础补贴（按岗位）",
        "per_month",
        50_000,
        20,
        "002: 书记、主任每人每月560元，副主任、文书540元；受省部级及以上表彰的再上浮20%",
      ),
      program(
        exitId,
        "村干部离任补助",
        "per_year_served",
        100_000,
        0,
        "002: 对正常离任的村干部，根据任职年限给予一次性离任补助",
      ),
    ];
    const programRows = allRows.filter((p) => byPost || p.id !== programId);
    const rates = (
      [
        ["party_secretary", 56_000],
        ["committee_director", 56_000],
        ["deputy_secretary", 54_000],
        ["deputy_director", 54_000],
        ["clerk", 54_000],
        ["member", 50_000],
        ["group_leader", 30_000],
      ] as const
    )
      .filter(() => byPost)
      .map(([post, amountFen]) => ({ program_id: programId, post, amount_fen: amountFen }));
    const budgets = programRows.map((p) => ({
      program_id: p.id,
      year,
      budget_fen: p.id === programId ? (roster?.n ?? 0) * 70_000 * 12 : 20_000_000,
      committed_fen: 0,
      paid_fen: 0,
    }));
    const items = [
      ...bulk(ctx, "programs", programRows),
      ...bulk(ctx, "village_official_pay_rates", rates),
      ...bulk(ctx, "budgets", budgets),
    ];
    await commitSeed(ctx, items, { programs: programRows.length });
    ctx.log(`${programRows.length} pay programs`);
  },
};
