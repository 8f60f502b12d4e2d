/**
 * Demo training data (issue 12, seeds 001 and 004): this year's 第一书记全员轮训 (a five-day county
 * rotation, most but not all first secretaries attended, so the plan page shows who is left), a
 * resident-cadre plan with 网上培训 and township 夜间大课堂, a 应知应会 question bank and an open
 * test that about forty cadres have sat — some below 90, who then show on the 回炉 list. The demo
 * cadre account has not sat it, so it can take the test on a phone. One batch; idempotent.
 */
import { commitSeed, hasSeeded } from "../core/audit.ts";
import { intBetween, mulberry32, seedFromString } from "../data/names.ts";
import type { SeedContext, SeedModule } from "../core/types.ts";
import { addDays } from "../../../workers/lib/dates.ts";
import { scoreOf } from "../../../workers/lib/exam-score.ts";
import { bulk, nextIds, TODAY, type Row } from "./lib.ts";

/** 应知应会 (《抓党建促决战决勝脱贫攻坚应知应会知识手册》-style): stem, options, index of the right one. */
const QUESTIONS: [string, string[], number][] = [
  ["“两不愁三保障”中的“两不愁”是指？", ["不愁吃、不愁穿", "不愁住、不愁行", "不愁学、不愁医"], 0],
  ["“三保障”是指哪三项有保障？", ["义务教育、基本医疗、住房安全", "养老、就业、低保", "交通、饮水、用电"], 0],
  ["精准扶贫“六个精准”不包括下列哪一项？", ["扶持对象精准", "项目安排精准", "考核排名精准", "脱贫成效精准"], 2],
  ["“五个一批”中通过发展生产脱贫的是？", ["发展生产脱贫一批", "易地搬迁脱贫一批", "社会保障兜底一批"], 0],
  ["贫困户识别后应当在村内公示几天？", ["3 天", "7 天", "15 天"], 1],
  ["驻村工作队每年在村工作时间一般不少于？", ["100 天", "150 天", "200 天"], 2],
  ["“四议两公开”中的“两公开”是指？", ["决议公开、实施结果公开", "财务公开、党务公开", "人事公开、项目公开"], 0],
  [
    "贫困户退出的主要衡量标准是？",
    ["人均纯收入稳定超过国家扶贫标准且实现“两不愁三保障”", "住上新房", "有一名家庭成员外出务工"],
    0,
  ],
  ["对脱贫户实行“四个不摘”，下列哪项不属于？", ["不摘责任", "不摘帮扶", "不摘监管", "不摘户口"], 3],
  ["驻村第一书记的主要职责不包括？", ["建强基层组织", "推动精准扶贫", "代替村委会作出全部决定", "提升治理水平"], 2],
  ["防返贫监测对象主要包括？", ["脱贫不稳定户、边缘易致贫户、突发严重困难户", "所有农户", "外出务工人员"], 0],
  ["帮扶干部对结对户的走访一般要求？", ["每月至少一次", "每年一次", "有事才去"], 0],
  ["村级集体经济“空壳村”是指？", ["没有集体经营性收入的村", "没有村委会的村", "没有贫困户的村"], 0],
  ["扶贫资金使用情况应当如何公开？", ["在村务公开栏公告公示", "只向乡镇报告", "无需公开"], 0],
  ["贫困户对识别结果有异议，应当在什么时间提出？", ["公示期内", "年底", "任何时候都不能提出"], 0],
];

export const trainingSeed: SeedModule = {
  name: "training",
  async run(ctx: SeedContext) {
    if (await hasSeeded(ctx)) return ctx.log("demo training present");
    const rng = mulberry32(seedFromString(`${ctx.tenant.slug}:training`));
    const today = TODAY();
    const year = Number(today.slice(0, 4));
    const demoCadre = await ctx.d1
      .prepare("SELECT cadre_id AS id FROM users WHERE username = 'cadre'")
      .first<{ id: number | null }>();
    const cadres = (
      await ctx.d1
        .prepare(
          `SELECT a.cadre_id AS id, c.name AS name, a.role AS role, min(v.township_code) AS township
           FROM assignments a JOIN cadres c ON c.id = a.cadre_id JOIN villages v ON v.id = a.village_id
           WHERE a.status = 'active' GROUP BY a.cadre_id ORDER BY a.cadre_id`,
        )
        .all<{ id: number; name: string; role: string; township: string }>()
    ).results.filter((c) => c.id !== demoCadre?.id);
    const admin = await ctx.d1.prepare("SELECT id FROM users WHERE username = 'admin'").first<{ id: number }>();
    const by = admin?.id ?? 1;
    const ids = await nextIds(ctx, ["training_plans", "training_sessions", "exam_questions", "exams", "exam_attempts"]);
    const at = (day: string) => Math.floor(Date.parse(`${day}T10:00:00+08:00`) / 1000);
    const early = (n: number) => (addDays(today, -n) < `${year}-01-01` ? `${year}-01-01` : addDays(today, -n));

    const plans: Row[] = [];
    const sessions: Row[] = [];
    const attendance: Row[] = [];
    const rotationPlan = ids.training_plans();
    plans.push({
      id: rotationPlan,
      title: `${year}年贫困村第一书记全员轮训`,
      year,
      audience: "first_secretaries",
      deadline: `${year}-12-31`,
      description: "年底前对贫困村党组织书记、第一书记进行一次全员轮训（集中授课、专家讲学、书记讲党课、警示教育）",
      created_by: by,
      created_at: at(early(120)),
    });
    const rotation = ids.training_sessions();
    sessions.push({
      id: rotation,
      plan_id: rotationPlan,
      title: "第一书记五天集中轮训",
      format: "rotation",
      start_date: early(60),
      days: 5,
      location: "县委党校",
      township_code: null,
      created_by: by,
      created_at: at(early(61)),
    });
    const secretaries = cadres.filter((c) => c.role === "first_secretary");
    secretaries.forEach((c, i) => {
      // About four in five came; the rest are the plan's "still to be trained".
      if (i % 5 === 4) return;
      attendance.push({
        session_id: rotation,
        taker_kind: "cadre",
        taker_id: c.id,
        township_code: c.township,
        recorded_by: by,
        created_at: at(early(55)),
      });
    });
    const residentPlan = ids.training_plans();
    plans.push({
      id: residentPlan,
      title: `${year}年驻村干部政策业务培训`,
      year,
      audience: "resident_cadres",
      deadline: `${year + 1}-06-30`,
      description: "依托集中学习、网上培训、夜间大课堂，两年内实现驻村帮扶干部培训全覆盖",
      created_by: by,
      created_at: at(early(100)),
    });
    const online = ids.training_sessions();
    sessions.push({
      id: online,
      plan_id: residentPlan,
      title: "脱贫攻坚政策网上培训",
      format: "online",
      start_date: early(40),
      days: 3,
      location: "干部网络学院",
      township_code: null,
      created_by: by,
      created_at: at(early(41)),
    });
    const townships = [...new Set(cadres.map((c) => c.township))].slice(0, 3);
    const night = new Map<string, number>();
    for (const t of townships) {
      const id = ids.training_sessions();
      night.set(t, id);
      sessions.push({
        id,
        plan_id: residentPlan,
        title: "夜间大课堂：应知应会补课",
        format: "night_class",
        start_date: early(10),
        days: 1,
        location: "乡镇党群服务中心",
        township_code: t,
        created_by: by,
        created_at: at(early(11)),
      });
    }
    cadres.forEach((c, i) => {
      if (i % 3 !== 2)
        attendance.push({
          session_id: online,
          taker_kind: "cadre",
          taker_id: c.id,
          township_code: c.township,
          recorded_by: by,
          created_at: at(early(38)),
        });
    });

    const questions: Row[] = QUESTIONS.map(([stem, options, correct]) => ({
      id: ids.exam_questions(),
      stem,
      options,
      correct_option: correct,
      active: true,
      created_by: by,
      created_at: at(early(90)),
    }));
    const paper = questions.slice(0, 10);
    const examId = ids.exams();
    const exams: Row[] = [
      {
        id: examId,
        title: `${year}年脱贫攻坚应知应会测试`,
        question_ids: paper.map((q) => q.id as number),
        pass_score: 90,
        status: "open",
        created_by: by,
        created_at: at(early(30)),
      },
    ];
    const attempts: Row[] = [];
    cadres.slice(0, 40).forEach((c) => {
      // Most know the handbook; some miss two or more and go back to training (回炉).
      const misses = intBetween(rng, 0, 4) === 0 ? intBetween(rng, 2, 4) : intBetween(rng, 0, 1);
      const answers: Record<string, number> = {};
      const marks = paper.map((q, i) => {
        const correct = q.correct_option as number;
        const chosen = i < misses ? (correct + 1) % (q.options as string[]).length : correct;
        answers[String(q.id)] = chosen;
        return { chosen, correct };
      });
      const result = scoreOf(marks, 90);
      const submitted = at(early(intBetween(rng, 12, 25)));
      attempts.push({
        id: ids.exam_attempts(),
        exam_id: examId,
        taker_kind: "cadre",
        taker_id: c.id,
        taker_name: c.name,
        township_code: c.township,
        status: "submitted",
        answers: JSON.stringify(answers),
        correct_count: result.correct,
        score: result.score,
        passed: result.passed,
        started_by: by,
        started_at: submitted - 900,
        submitted_at: submitted,
      });
    });

    await commitSeed(
      ctx,
      [
        ...bulk(ctx, "training_plans", plans),
        ...bulk(ctx, "training_sessions", sessions),
        ...bulk(ctx, "training_attendance", attendance),
        ...bulk(ctx, "exam_questions", questions),
        ...bulk(ctx, "exams", exams),
        ...bulk(ctx, "exam_attempts", attempts),
      ],
      {
        plans: plans.length,
        sessions: sessions.length,
        attendance: attendance.length,
        questions: questions.length,
        attempts: attempts.length,
      },
    );
    ctx.log(`demo training: ${plans.length} plans, ${attendance.length} attendances, ${attempts.length} test attempts`);
  },
};
