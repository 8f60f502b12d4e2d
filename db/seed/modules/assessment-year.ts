/**
 * Demo data of an assessment year's outcome: the year's 后进村整顿 list (about 10 % of the villages,
 * weakest collective income and most open problems first; seed 002: 101 villages, 9.24 %) with
 * plans, dispatched cadres and one exit, and 表彰 with their award programs (seed 002: 优秀村官
 * 3,000 元 and the supplement after consecutive years; 致富先锋 1,500 元). Runs after supervision.
 */
import { commitSeed, hasSeeded } from "../core/audit.ts";
import type { SeedContext, SeedModule } from "../core/types.ts";
import { bulk, nextIds, TODAY, type Row } from "./lib.ts";

export const assessmentYearSeed: SeedModule = {
  name: "assessment-year",
  async run(ctx: SeedContext) {
    if (await hasSeeded(ctx)) return ctx.log("demo assessment year present");
    const year = Number(TODAY().slice(0, 4));
    const villages = (
      await ctx.d1
        .prepare(
          `SELECT v.id, v.township_code AS townshipCode,
             coalesce((SELECT income_fen FROM village_incomes i WHERE i.village_id = v.id AND i.year = ?1), 500000) AS income,
             (SELECT count(*) FROM inspection_problems p JOIN inspections n ON n.id = p.inspection_id
               WHERE n.target_village_id = v.id AND p.status IN ('open', 'confirmed', 'rectified')) AS problems
           FROM villages v ORDER BY income ASC, problems DESC, v.id`,
        )
        .bind(year)
        .all<{ id: number; townshipCode: string; income: number; problems: number }>()
    ).results;
    const cadres = (
      await ctx.d1
        .prepare(
          "SELECT DISTINCT a.cadre_id AS id, c.name, a.village_id AS villageId FROM assignments a JOIN cadres c ON c.id = a.cadre_id WHERE a.status = 'active' ORDER BY a.cadre_id LIMIT 12",
        )
        .all<{ id: number; name: string; villageId: number }>()
    ).results;
    if (villages.length === 0 || cadres.length === 0) return ctx.log("no villages or cadres; skipped");
    const ids = await nextIds(ctx, ["village_rectifications", "programs"]);
    const listed = villages.slice(0, Math.max(1, Math.ceil(villages.length / 10)));
    const rectifications: Row[] = [];
    const measures: Row[] = [];
    listed.forEach((v, i) => {
      const id = ids.village_rectifications();
      const exited = i === 0 && listed.length > 1;
      const incomeWeak = v.income === 0 ? 100 : v.income < 1_000_000 ? 75 : v.income < 3_000_000 ? 50 : 25;
      const problemsWeak = Math.min(100, v.problems * 25);
      const score = Math.floor((incomeWeak + problemsWeak) / 2);
      rectifications.push({
        id,
        year,
        village_id: v.id,
        township_code: v.townshipCode,
        category: i % 3 === 2 ? "weak_party_org" : "lagging",
        score,
        reason: `排名得分 ${score}（集体经济收入档次 ${incomeWeak}，未整改的督查问题 ${problemsWeak}）`,
        status: exited ? "exited" : "listed",
        dispatched_cadre_id: cadres[i % cadres.length]!.id,
        dispatch_role: i % 2 === 0 ? "secretary" : "instructor",
        dispatch_date: `${year}-03-01`,
        exit_note: exited ? "班子调整到位，集体经济实现破零" : null,
        exit_requested_by: exited ? 1 : null,
        exit_requested_at: exited ? 0 : null,
        exit_confirmed_by: exited ? 2 : null,
        exit_confirmed_at: exited ? 0 : null,
        created_by: 1,
      });
      const done = (title: string, owner: string, due: string, evidence: string): Row => ({
        rectification_id: id,
        title,
        owner,
        due_date: due,
        status: "completed",
        evidence,
        completed_date: due,
      });
      measures.push(done("调整充实村党支部班子", "镇党委书记", `${year}-04-30`, "村党支部换届选举结果"));
      measures.push(
        exited
          ? done("发展集体经济，实现收入破零", "第一书记", `${year}-09-30`, "村集体收入入账凭证")
          : {
              rectification_id: id,
              title: "发展集体经济，实现收入破零",
              owner: "第一书记",
              due_date: `${year}-12-31`,
              status: "in_progress",
              evidence: null,
              completed_date: null,
            },
      );
    });
    // A tenant's own data may already hold an award program of the same name (dazhou: 致富先锋): reuse it.
    const existing = new Map(
      (
        await ctx.d1
          .prepare("SELECT id, name FROM programs WHERE category = 'award'")
          .all<{ id: number; name: string }>()
      ).results.map((r) => [r.name, r.id]),
    );
    const programs: Row[] = [];
    const program = (
      name: string,
      rule: string,
      amount: number | null,
      notes: string,
      recipientKind: "cadre" | "party_member" = "cadre",
    ): number => {
      const found = existing.get(name);
      if (found !== undefined) return found;
      const id = ids.programs();
      programs.push({
        id,
        name,
        category: "award",
        fund_source: "county",
        recipient_kind: recipientKind,
        rule_kind: rule,
        rule_amount_fen: amount,
        seed_ref: "002",
        notes,
      });
      return id;
    };
    const oneOff = program("优秀村官一次性奖励", "fixed_per_recipient", 300_000, "优秀村官一次性奖励 3000 元（楚雄）");
    program("优秀村官连续获评补贴", "per_line", null, "连续两年 +100 元/月，连续三年 +200 元/月（楚雄）");
    // 致富先锋 are party members (seed 002), so their award pays party members, not cadres.
    program(
      "农村党员致富先锋奖励",
      "fixed_per_recipient",
      150_000,
      "致富先锋一次性奖励 1500 元（楚雄）",
      "party_member",
    );
    const budgets: Row[] = programs.map((p) => ({ program_id: p.id as number, year, budget_fen: 10_000_000 }));
    const awards: Row[] = [];
    cadres.slice(0, 8).forEach((c, i) => {
      // Some honoured three years running, some two, some once: the supplement shows all cases.
      const years = i < 2 ? [year - 2, year - 1, year] : i < 5 ? [year - 1, year] : [year];
      for (const y of years)
        awards.push({
          year: y,
          kind: i === 7 ? "excellent_cadre" : "excellent_village_official",
          recipient_kind: "cadre",
          recipient_id: c.id,
          recipient_name: c.name,
          village_id: c.villageId,
          program_id: oneOff,
          assessment_id: null,
          citation: "年度考核优秀，带领群众发展产业成效明显",
          created_by: 1,
        });
    });
    await commitSeed(
      ctx,
      [
        ...bulk(ctx, "village_rectifications", rectifications),
        ...bulk(ctx, "rectification_measures", measures),
        ...bulk(ctx, "programs", programs),
        ...bulk(ctx, "budgets", budgets),
        ...bulk(ctx, "awards", awards),
      ],
      { rectifications: rectifications.length, villages: villages.length, awards: awards.length, year },
    );
    ctx.log(
      `${rectifications.length} of ${villages.length} villages listed for 整顿 in ${year}, ${awards.length} awards, 3 award programs`,
    );
  },
};
