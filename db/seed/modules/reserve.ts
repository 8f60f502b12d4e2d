/**
 * Demo reserve pool (issue 12, seeds 000, 001, 002) on top of `registry` (the party members are
 * their own module, ./party-members.ts, because the money module pays them):
 * - 后备干部库: most villages have 1–2 村党组织书记后备 in training (seed 001: 每村储备 1 至 2 名);
 *   about one in five has none, so the coverage screen shows real gaps. Some villagers sit in
 *   seed 002's 优秀村民库 / 入党积极分子库 / 重点培养对象库; a few cadres are 后备干部 from 墩苗,
 *   some already used (提拔使用, seed 000). Nominees waiting for 公示 are 已提名 (a 公示 is
 *   published from the screen, through the notice engine).
 * One D1 batch with the module's `seed.demo` audit entry; idempotent.
 */
import { commitSeed, hasSeeded } from "../core/audit.ts";
import { intBetween, mulberry32, personName, seedFromString } from "../data/names.ts";
import type { SeedContext, SeedModule } from "../core/types.ts";
import { addDays } from "../../../workers/lib/dates.ts";
import { bulk, nextIds, TODAY, unixAt, type Row } from "./lib.ts";

const REASONS = [
  "致富带头人，带动本组群众发展产业，群众威信高",
  "退伍军人，担任村民小组长三年，工作踏实",
  "回乡创业大学生，熟悉电商，积极参与村务",
  "合作社负责人，热心公益，敢于担当",
  "妇女主任，协调矛盾纠纷能力强",
] as const;

export const reserveSeed: SeedModule = {
  name: "reserve",
  async run(ctx: SeedContext) {
    if (await hasSeeded(ctx)) return ctx.log("demo reserve pool present");
    const existing = await ctx.d1.prepare("SELECT count(*) AS n FROM reserve_nominations").first<{ n: number }>();
    if ((existing?.n ?? 0) > 0) return ctx.log("reserve records already exist; skipped");
    const rng = mulberry32(seedFromString(`${ctx.tenant.slug}/reserve`));
    const region = ctx.tenant.slug === "pingchuan" ? "gansu" : "sichuan";
    const today = TODAY();
    const admin =
      (await ctx.d1.prepare("SELECT id FROM users WHERE username = 'admin'").first<{ id: number }>())?.id ?? 1;
    const ids = await nextIds(ctx, ["reserve_nominations"] as const);

    const members = (
      await ctx.d1
        .prepare(
          "SELECT m.id, m.name, m.birth_year AS birthYear, h.village_id AS villageId FROM household_members m JOIN households h ON h.id = m.household_id ORDER BY m.id",
        )
        .all<{ id: number; name: string; birthYear: number | null; villageId: number }>()
    ).results;

    const villages = (
      await ctx.d1.prepare("SELECT id, code FROM villages ORDER BY code").all<{ id: number; code: string }>()
    ).results;
    const nominations: Row[] = [];
    const nominate = (r: {
      pool: string;
      source: string;
      name: string;
      villageId: number | null;
      cadreId?: number;
      memberId?: number | null;
      birthYear: number | null;
      status: "nominated" | "training" | "used" | "exited";
      outcome?: string;
      note?: string;
    }) => {
      const at = unixAt(addDays(today, -intBetween(rng, 60, 700)), 9);
      const ended = r.status === "used" || r.status === "exited";
      nominations.push({
        id: ids.reserve_nominations(),
        pool_kind: r.pool,
        source: r.source,
        name: r.name,
        cadre_id: r.cadreId ?? null,
        household_member_id: r.memberId ?? null,
        village_id: r.villageId,
        birth_year: r.birthYear,
        reason: REASONS[intBetween(rng, 0, REASONS.length - 1)]!,
        assessment_id: null,
        status: r.status,
        notice_id: null,
        outcome: r.status === "used" ? (r.outcome ?? "promoted") : null,
        outcome_date: ended ? addDays(today, -intBetween(rng, 5, 50)) : null,
        outcome_note: ended ? (r.note ?? null) : null,
        created_by: admin,
        created_at: at,
        updated_at: at,
      });
    };
    const villagers = (villageId: number) => members.filter((m) => m.villageId === villageId);
    villages.forEach((v, i) => {
      // One village in five has no secretary reserve: the coverage screen's gap.
      if (i % 5 === 4) {
        if (i % 10 === 9) {
          const birthYear = intBetween(rng, 1985, 1998);
          nominate({
            pool: "secretary_reserve",
            source: "village_election",
            name: personName(rng, { region, birthYear }),
            villageId: v.id,
            birthYear,
            status: "nominated",
          });
        }
        return;
      }
      const own = villagers(v.id);
      for (let k = 0; k < 1 + (i % 3 === 0 ? 1 : 0); k++) {
        const m = own[k];
        const birthYear = m?.birthYear ?? intBetween(rng, 1980, 1996);
        nominate({
          pool: "secretary_reserve",
          source: k === 0 ? "village_election" : "recommendation",
          name: m?.name ?? personName(rng, { region, birthYear }),
          memberId: m?.id ?? null,
          villageId: v.id,
          birthYear,
          status: "training",
        });
      }
      if (i % 4 === 1) {
        const birthYear = intBetween(rng, 1988, 2002);
        nominate({
          pool: (["outstanding_villager", "party_activist", "key_candidate"] as const)[i % 3]!,
          source: "recommendation",
          name: personName(rng, { region, birthYear }),
          villageId: v.id,
          birthYear,
          status: i % 8 === 1 ? "nominated" : "training",
        });
      }
    });
    // 墩苗 cadres as 后备干部 (seed 001: 11 选派到脱贫一线“墩苗”); some already used (seed 000: 提拔使用).
    const cadres = (
      await ctx.d1
        .prepare(
          "SELECT c.id, c.name, (SELECT village_id FROM assignments a WHERE a.cadre_id = c.id AND a.status = 'active' LIMIT 1) AS villageId FROM cadres c ORDER BY c.id LIMIT 8",
        )
        .all<{ id: number; name: string; villageId: number | null }>()
    ).results;
    cadres.forEach((c, i) => {
      nominate({
        pool: "cadre_reserve",
        source: i % 2 === 0 ? "dunmiao" : "recommendation",
        name: c.name,
        cadreId: c.id,
        villageId: c.villageId,
        birthYear: null,
        status: i < 2 ? "used" : i === 2 ? "exited" : "training",
        outcome: i === 0 ? "promoted" : "reused",
        note: i === 2 ? "调任其他岗位，本人申请退出" : "经考察提拔为乡镇副职",
      });
    });

    await commitSeed(ctx, bulk(ctx, "reserve_nominations", nominations), { nominations: nominations.length });
    ctx.log(`${nominations.length} reserve nominations`);
  },
};
