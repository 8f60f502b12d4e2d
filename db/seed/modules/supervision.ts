/**
 * Demo supervision data (issue 11): 目标责任书 for the villages that have a 单位包村 unit (seed 003:
 * 64 units ↔ 64 villages, ~5 measures each, progress by due date), a year of 督查 in three rounds by
 * four groups (seed 001) with problems in every state, and the ladder 通报 → 约谈 → 问责 for the cadres
 * with the most confirmed problems, consistent with the rule (step n needs n confirmed problems).
 * One D1 batch with the module's `seed.demo` audit entry; idempotent.
 */
import { commitSeed, hasSeeded } from "../core/audit.ts";
import { intBetween, mulberry32, pick, seedFromString } from "../data/names.ts";
import type { SeedContext, SeedModule } from "../core/types.ts";
import { addDays } from "../../../workers/lib/dates.ts";
import { bulk, nextIds, TODAY, type Row } from "./lib.ts";

const GOALS = {
  leadership: "村两委班子配齐配强，支部书记年度述职评议满意",
  backbone_team: "培养后备干部 2 名、致富带头人 3 名",
  service_venue: "村级活动场所达标，便民服务站正常运转",
  service_carriers: "每月开展主题党日和便民服务活动",
  institutions: "落实四议两公开和村务公开制度",
  satisfaction: "群众满意度达到 90% 以上",
};
const MEASURES = [
  "选优配强村两委班子，建立后备干部库",
  "发展村集体经济合作社，壮大集体收入",
  "硬化通组道路，解决群众出行难",
  "建设村级便民服务站和党员中心户",
  "开展实用技术培训，帮助劳动力转移就业",
  "争取产业扶持资金，发展特色种养殖",
  "完善四议两公开和村务公开制度",
  "实施人居环境整治，改厕改圈",
];
const OWNERS = ["第一书记", "驻村工作队队长", "派出单位分管领导", "村党支部书记"];
const FINDINGS = [
  "电话抽查驻村干部在岗情况",
  "随机入户核实帮扶措施落实情况",
  "明察暗访驻村工作队工作开展情况",
  "交叉督查基本政策、基本情况掌握情况",
];
const PROBLEMS = [
  "驻村干部工作日不在岗",
  "对贫困户基本情况说不清、说不准",
  "帮扶日志记录不全",
  "走访台账与实际不符",
  "帮扶措施未按时限推进",
];
const KINDS = ["phone_check", "random_check", "on_site", "cross_inspection"] as const;
const GROUPS = ["第一督查组", "第二督查组", "第三督查组", "第四督查组"];

export const supervisionSeed: SeedModule = {
  name: "supervision",
  async run(ctx: SeedContext) {
    if (await hasSeeded(ctx)) return ctx.log("demo supervision present");
    const pairs = (
      await ctx.d1
        .prepare(
          `SELECT p.helper_unit_id AS unitId, p.village_id AS villageId, v.township_code AS townshipCode FROM pairings p JOIN villages v ON v.id = p.village_id
           WHERE p.kind = 'unit_village' AND p.status = 'active' ORDER BY p.id LIMIT 64`,
        )
        .all<{ unitId: number; villageId: number; townshipCode: string }>()
    ).results;
    const cadres = (
      await ctx.d1
        .prepare(
          `SELECT a.cadre_id AS cadreId, a.village_id AS villageId, v.township_code AS townshipCode FROM assignments a JOIN villages v ON v.id = a.village_id
           WHERE a.status = 'active' ORDER BY a.id`,
        )
        .all<{ cadreId: number; villageId: number; townshipCode: string }>()
    ).results;
    if (pairs.length === 0 && cadres.length === 0) return ctx.log("no unit pairings or resident cadres; skipped");
    const rng = mulberry32(seedFromString(`${ctx.tenant.slug}/supervision`));
    const today = TODAY();
    const year = Number(today.slice(0, 4));
    const ids = await nextIds(ctx, [
      "responsibility_letters",
      "letter_measures",
      "inspections",
      "inspection_problems",
      "escalations",
    ] as const);

    const letters: Row[] = [];
    const measures: Row[] = [];
    for (const p of pairs) {
      const letterId = ids.responsibility_letters();
      const start = year - 1;
      letters.push({
        id: letterId,
        unit_id: p.unitId,
        village_id: p.villageId,
        term_start_year: start,
        term_end_year: start + 2,
        signed_date: `${start}-03-${String(intBetween(rng, 1, 28)).padStart(2, "0")}`,
        term_goal: "三年内建强村党组织，村集体经济收入稳定在 5 万元以上，帮助贫困户稳定增收",
        goals: JSON.stringify(GOALS),
        created_by: 0,
      });
      const n = intBetween(rng, 4, 6);
      for (let i = 0; i < n; i++) {
        const y = start + (i % 3);
        const due = `${y}-${String(intBetween(rng, 4, 12)).padStart(2, "0")}-28`;
        const past = due < today;
        const status = past ? (rng() < 0.8 ? "completed" : "in_progress") : rng() < 0.4 ? "in_progress" : "planned";
        measures.push({
          id: ids.letter_measures(),
          letter_id: letterId,
          year: y,
          title: MEASURES[(i + letterId) % MEASURES.length]!,
          owner: pick(rng, OWNERS),
          due_date: due,
          status,
          progress: status === "planned" ? null : status === "completed" ? "已按计划完成" : "正在推进，已完成过半",
          evidence: status === "completed" ? "验收单、现场照片" : null,
          completed_date: status === "completed" ? addDays(due, -intBetween(rng, 1, 20)) : null,
        });
      }
    }

    // A year of inspections: three rounds, four groups, over the resident cadres (and their teams).
    const inspections: Row[] = [];
    const problems: Row[] = [];
    const confirmedByCadre = new Map<number, { id: number; date: string; townshipCode: string; villageId: number }[]>();
    const roundStarts = [`${year}-03-10`, `${year}-06-10`, `${year}-09-10`].filter((d) => d < today);
    roundStarts.forEach((startDate, r) => {
      for (const [i, c] of cadres.entries()) {
        if (rng() < 0.5) continue;
        const date = addDays(startDate, intBetween(rng, 0, 20));
        if (date > today) continue;
        const id = ids.inspections();
        const team = rng() < 0.25;
        inspections.push({
          id,
          kind: KINDS[(i + r) % KINDS.length]!,
          date,
          group_name: GROUPS[i % GROUPS.length]!,
          round: r + 1,
          target_kind: team ? "team" : "cadre",
          target_key: team ? `team:${c.villageId}` : `cadre:${c.cadreId}`,
          target_cadre_id: team ? null : c.cadreId,
          target_unit_id: null,
          target_village_id: c.villageId,
          township_code: c.townshipCode,
          findings: pick(rng, FINDINGS),
          created_by: 0,
        });
        const k = rng() < 0.45 ? intBetween(rng, 1, 2) : 0;
        for (let j = 0; j < k; j++) {
          const pid = ids.inspection_problems();
          const deadline = addDays(date, 30);
          const roll = rng();
          const status =
            roll < 0.15
              ? "open"
              : roll < 0.25
                ? "dismissed"
                : deadline < today && roll < 0.8
                  ? "closed"
                  : roll < 0.9
                    ? "rectified"
                    : "confirmed";
          const rectified = status === "closed" || status === "rectified";
          problems.push({
            id: pid,
            inspection_id: id,
            description: pick(rng, PROBLEMS),
            deadline,
            status,
            decision_note: status === "dismissed" ? "经核实，当日因公外出，有乡镇证明" : null,
            rectification: rectified ? "已整改到位并建立长效机制" : null,
            evidence: rectified ? "整改报告、考勤记录" : null,
            rectified_date: rectified ? addDays(date, intBetween(rng, 5, 25)) : null,
          });
          if (!team && status !== "open" && status !== "dismissed") {
            const list = confirmedByCadre.get(c.cadreId) ?? [];
            list.push({ id: pid, date, townshipCode: c.townshipCode, villageId: c.villageId });
            confirmedByCadre.set(c.cadreId, list);
          }
        }
      }
    });

    // The ladder, by the rule: step n rests on the n-th confirmed problem of the year.
    const escalations: Row[] = [];
    const STEPS = ["notice", "interview", "accountability"] as const;
    const ranked = [...confirmedByCadre.entries()].sort((a, b) => b[1].length - a[1].length).slice(0, 12);
    for (const [cadreId, list] of ranked) {
      list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
      const steps = Math.min(list.length, 3, intBetween(rng, 1, 3));
      for (let s = 0; s < steps; s++) {
        const p = list[s]!;
        const step = STEPS[s]!;
        const date = addDays(p.date, 7) > today ? today : addDays(p.date, 7);
        escalations.push({
          id: ids.escalations(),
          target_kind: "cadre",
          target_key: `cadre:${cadreId}`,
          target_cadre_id: cadreId,
          target_unit_id: null,
          target_village_id: p.villageId,
          township_code: p.townshipCode,
          period: year,
          step,
          problem_id: p.id,
          date,
          record:
            step === "notice"
              ? "在全区范围内通报批评"
              : step === "interview"
                ? "由区委组织部分管领导约谈，本人作出书面检查"
                : "给予批评教育，责令限期整改",
          outcome:
            step === "accountability" ? (escalations.length % 5 === 0 ? "discipline_referral" : "criticism") : null,
          assignment_id: null,
          created_by: 0,
        });
      }
    }

    await commitSeed(
      ctx,
      [
        ...bulk(ctx, "responsibility_letters", letters),
        ...bulk(ctx, "letter_measures", measures),
        ...bulk(ctx, "inspections", inspections),
        ...bulk(ctx, "inspection_problems", problems),
        ...bulk(ctx, "escalations", escalations),
      ],
      {
        letters: letters.length,
        measures: measures.length,
        inspections: inspections.length,
        problems: problems.length,
        escalations: escalations.length,
      },
    );
    ctx.log(
      `${letters.length} letters, ${measures.length} measures, ${inspections.length} inspections, ${problems.length} problems, ${escalations.length} escalations`,
    );
  },
};
