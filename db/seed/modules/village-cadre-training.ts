/**
 * Demo training of village cadres (issue 12, seed 004: every poor village's party secretary trained
 * by year end, every village leader within two years) on top of `village-cadres` and `training`:
 * this year's 贫困村党组织书记轮训 (a five-day county rotation most of them attended, so the plan
 * page lists who is left), a two-year 村两委班子 plan with a township 夜间大课堂, and 现场测试 of
 * some secretaries in the open 应知应会 test (started by the township officer; one below 90 → 回炉).
 * One batch; idempotent.
 */
import { commitSeed, hasSeeded } from "../core/audit.ts";
import type { SeedContext, SeedModule } from "../core/types.ts";
import { addDays } from "../../../workers/lib/dates.ts";
import { scoreOf } from "../../../workers/lib/exam-score.ts";
import { bulk, nextIds, TODAY, type Row } from "./lib.ts";

export const villageCadreTrainingSeed: SeedModule = {
  name: "village-cadre-training",
  async run(ctx: SeedContext) {
    if (await hasSeeded(ctx)) return ctx.log("demo village cadre training present");
    const today = TODAY();
    const year = Number(today.slice(0, 4));
    const at = (day: string) => Math.floor(Date.parse(`${day}T10:00:00+08:00`) / 1000);
    const early = (n: number) => (addDays(today, -n) < `${year}-01-01` ? `${year}-01-01` : addDays(today, -n));
    const officials = (
      await ctx.d1
        .prepare(
          `SELECT o.id, o.name, o.post, v.township_code AS township,
             EXISTS (SELECT 1 FROM json_each(v.tags) j WHERE j.value IN ('poor', 'deeply_poor')) AS poor
           FROM village_officials o JOIN villages v ON v.id = o.village_id
           WHERE o.status = 'serving' AND o.post <> 'group_leader' ORDER BY v.township_code, o.village_id, o.id`,
        )
        .all<{ id: number; name: string; post: string; township: string; poor: number }>()
    ).results;
    if (officials.length === 0) return ctx.log("no village cadres; skipped");
    const users = (await ctx.d1.prepare("SELECT id, username FROM users").all<{ id: number; username: string }>())
      .results;
    const by = users.find((u) => u.username === "admin")?.id ?? 1;
    const township = users.find((u) => u.username === "township")?.id ?? by;
    const exam = await ctx.d1
      .prepare("SELECT id, question_ids AS questionIds FROM exams WHERE status = 'open' ORDER BY id LIMIT 1")
      .first<{ id: number; questionIds: string }>();
    const ids = await nextIds(ctx, ["training_plans", "training_sessions", "exam_attempts"]);

    const plans: Row[] = [];
    const sessions: Row[] = [];
    const attendance: Row[] = [];
    const secretaryPlan = ids.training_plans();
    plans.push({
      id: secretaryPlan,
      title: `${year}年贫困村党组织书记轮训`,
      year,
      audience: "poor_village_secretaries",
      deadline: `${year}-12-31`,
      description: "年底前对所有贫困村党组织书记轮训一遍（县委党校五天集中轮训）",
      created_by: by,
      created_at: at(early(110)),
    });
    const rotation = ids.training_sessions();
    sessions.push({
      id: rotation,
      plan_id: secretaryPlan,
      title: "村党组织书记五天集中轮训",
      format: "rotation",
      start_date: early(45),
      days: 5,
      location: "县委党校",
      township_code: null,
      created_by: by,
      created_at: at(early(46)),
    });
    const secretaries = officials.filter((o) => o.post === "party_secretary" && o.poor);
    secretaries.forEach((o, i) => {
      // About three in four came; the rest are the plan's "still to be trained" before year end.
      if (i % 4 === 3) return;
      attendance.push({
        session_id: rotation,
        taker_kind: "village_cadre",
        taker_id: o.id,
        township_code: o.township,
        recorded_by: by,
        created_at: at(early(40)),
      });
    });
    const leadersPlan = ids.training_plans();
    plans.push({
      id: leadersPlan,
      title: `${year}—${year + 1}年村两委班子成员全员培训`,
      year,
      audience: "village_leaders",
      deadline: `${year + 1}-12-31`,
      description: "两年内对村两委班子成员（不含组干部）全部培训一遍",
      created_by: by,
      created_at: at(early(90)),
    });
    const firstTownship = officials[0]!.township;
    const night = ids.training_sessions();
    sessions.push({
      id: night,
      plan_id: leadersPlan,
      title: "村两委夜间大课堂：村务公开与四议两公开",
      format: "night_class",
      start_date: early(20),
      days: 1,
      location: "乡镇党群服务中心",
      township_code: firstTownship,
      created_by: township,
      created_at: at(early(21)),
    });
    officials
      .filter((o) => o.township === firstTownship)
      .forEach((o, i) => {
        if (i % 3 === 2) return;
        attendance.push({
          session_id: night,
          taker_kind: "village_cadre",
          taker_id: o.id,
          township_code: o.township,
          recorded_by: township,
          created_at: at(early(19)),
        });
      });

    // 现场测试: a few trained secretaries sat the open test on the officer's phone; one missed two questions.
    const attempts: Row[] = [];
    if (exam) {
      const paper = (
        await ctx.d1
          .prepare(
            "SELECT q.id, q.correct_option AS k, json_array_length(q.options) AS n FROM json_each(?) j JOIN exam_questions q ON q.id = j.value ORDER BY j.key",
          )
          .bind(exam.questionIds)
          .all<{ id: number; k: number; n: number }>()
      ).results;
      secretaries
        .filter((_, i) => i % 4 !== 3)
        .slice(0, 5)
        .forEach((o, i) => {
          const misses = i === 1 ? 2 : 0;
          const answers: Record<string, number> = {};
          const marks = paper.map((q, n) => {
            const chosen = n < misses ? (q.k + 1) % q.n : q.k;
            answers[String(q.id)] = chosen;
            return { chosen, correct: q.k };
          });
          const result = scoreOf(marks, 90);
          const submitted = at(early(10 - i));
          attempts.push({
            id: ids.exam_attempts(),
            exam_id: exam.id,
            taker_kind: "village_cadre",
            taker_id: o.id,
            taker_name: o.name,
            township_code: o.township,
            status: "submitted",
            answers: JSON.stringify(answers),
            correct_count: result.correct,
            score: result.score,
            passed: result.passed,
            started_by: o.township === firstTownship ? township : by,
            started_at: submitted - 1200,
            submitted_at: submitted,
          });
        });
    }

    await commitSeed(
      ctx,
      [
        ...bulk(ctx, "training_plans", plans),
        ...bulk(ctx, "training_sessions", sessions),
        ...bulk(ctx, "training_attendance", attendance),
        ...bulk(ctx, "exam_attempts", attempts),
      ],
      { plans: plans.length, sessions: sessions.length, attendance: attendance.length, attempts: attempts.length },
    );
    ctx.log(
      `village cadre training: ${plans.length} plans, ${attendance.length} attendances, ${attempts.length} test attempts`,
    );
  },
};
