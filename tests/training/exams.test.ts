import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { adminPage, adminPost, answersFor, created, examOf, residentCadre } from "./fixtures.ts";

const T = "pingchuan";
const OTHER = "longquanyi";
type AttemptBody = {
  id: number;
  status: string;
  score: number | null;
  passed: boolean | null;
  correctCount: number | null;
  questions: { id: number; options: string[]; chosen: number | null; correct: boolean | null }[];
};

async function start(token: string, examId: number, status = 201) {
  return created<AttemptBody>(await api(T, `/exams/${examId}/attempts`, { token, method: "POST" }), status);
}
const submit = (token: string, attemptId: number, answers: unknown) =>
  api(T, `/exam-attempts/${attemptId}/submit`, { token, json: { answers } });

describe("应知应会 tests", () => {
  it("never sends the correct answers before submit, neither in the API nor on the phone page", async () => {
    const admin = await signIn(T, "county_admin");
    const { exam, questions } = await examOf(T, admin, 3);
    const p = await residentCadre(T);
    const res = await api(T, `/exams/${exam.id}/attempts`, { token: p.session.token, method: "POST" });
    const text = await res.clone().text();
    expect(res.status, text).toBe(201);
    expect(text).not.toContain("correctOption");
    const a = (await res.json()) as AttemptBody;
    expect(a.questions.map((q) => q.id).sort()).toEqual(questions.map((q) => q.id).sort());
    expect(a.questions.every((q) => q.correct === null && q.chosen === null && q.options.length === 3)).toBe(true);
    expect(await (await api(T, `/exam-attempts/${a.id}`, { token: p.session.token })).text()).not.toContain(
      "correctOption",
    );
    // The bank (with its answers) is closed to anyone who takes tests.
    expect((await api(T, "/exam-questions", { token: p.session.token })).status).toBe(403);
    expect((await api(T, "/exam-questions", { token: p.officer.token })).status).toBe(403);
    expect((await adminPage(T, p.session, "/exams/questions")).status).toBe(403);
    const page = await adminPage(T, p.session, `/exams/attempts/${a.id}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain(`name="q${questions[0]!.id}"`);
    expect(html).not.toContain("正确答案");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/); // no inline script: the form works without one
    // Resuming gives the same sitting (200), still without answers.
    expect((await start(p.session.token, exam.id, 200)).id).toBe(a.id);
  });

  it("scores on submit; below the pass mark sends the person back to training (回炉) before a retest", async () => {
    const admin = await signIn(T, "county_admin");
    const { exam, questions } = await examOf(T, admin, 10);
    const p = await residentCadre(T);
    const first = await start(p.session.token, exam.id);
    const scored = await created<AttemptBody>(await submit(p.session.token, first.id, answersFor(questions, 8)), 200);
    expect(scored).toMatchObject({ status: "submitted", score: 80, correctCount: 8, passed: false });
    expect(scored.questions.filter((q) => q.correct === false)).toHaveLength(2);
    expect(JSON.stringify(scored)).not.toContain("correctOption");
    // Submitted once: again is a 409 and changes nothing.
    const again = await submit(p.session.token, first.id, answersFor(questions, 10));
    expect(again.status).toBe(409);
    expect(
      (await created<AttemptBody>(await api(T, `/exam-attempts/${first.id}`, { token: p.session.token }), 200)).score,
    ).toBe(80);
    // 回炉: no retest until trained again; the township sees the person on the list.
    const blocked = await api(T, `/exams/${exam.id}/attempts`, { token: p.session.token, method: "POST" });
    expect(blocked.status).toBe(409);
    expect((await problem(blocked)).detail).toContain("回炉");
    const retrain = await created<{ items: { takerId: number; score: number }[] }>(
      await api(T, "/trainings/retrain", { token: p.officer.token }),
      200,
    );
    expect(retrain.items).toEqual([expect.objectContaining({ takerId: p.cadreId, score: 80 })]);
    const plan = await created<{ id: number }>(
      await api(T, "/trainings", {
        token: admin.token,
        json: { title: "回炉补课", year: 2026, audience: "resident_cadres", deadline: "2026-12-31" },
      }),
    );
    // Attending a session that ended before the failed test, recorded late, does not count.
    const old = await created<{ id: number }>(
      await api(T, `/trainings/${plan.id}/sessions`, {
        token: p.officer.token,
        json: { title: "上半年集中授课", format: "lecture", startDate: "2025-06-01", days: 2 },
      }),
    );
    await created(
      await api(T, `/training-sessions/${old.id}/attendance`, { token: p.officer.token, json: { takerId: p.cadreId } }),
    );
    expect((await api(T, `/exams/${exam.id}/attempts`, { token: p.session.token, method: "POST" })).status).toBe(409);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const session = await created<{ id: number }>(
      await api(T, `/trainings/${plan.id}/sessions`, {
        token: p.officer.token,
        json: { title: "应知应会补课", format: "night_class", startDate: today, days: 1 },
      }),
    );
    await created(
      await api(T, `/training-sessions/${session.id}/attendance`, {
        token: p.officer.token,
        json: { takerId: p.cadreId },
      }),
    );
    expect(
      (await created<{ items: unknown[] }>(await api(T, "/trainings/retrain", { token: p.officer.token }), 200)).items,
    ).toEqual([]);
    const retest = await start(p.session.token, exam.id);
    expect(retest.id).not.toBe(first.id);
    const passed = await created<AttemptBody>(await submit(p.session.token, retest.id, answersFor(questions, 9)), 200);
    expect(passed).toMatchObject({ score: 90, passed: true });
    expect((await api(T, `/exams/${exam.id}/attempts`, { token: p.session.token, method: "POST" })).status).toBe(409);
  });

  it("lets exactly one of two simultaneous submits score; the other gets 409", async () => {
    const admin = await signIn(T, "county_admin");
    const { exam, questions } = await examOf(T, admin, 4);
    const p = await residentCadre(T);
    const a = await start(p.session.token, exam.id);
    const [r1, r2] = await Promise.all([
      submit(p.session.token, a.id, answersFor(questions, 4)),
      submit(p.session.token, a.id, answersFor(questions, 1)),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const winner = (await (r1.status === 200 ? r1 : r2).json()) as AttemptBody;
    const stored = await created<AttemptBody>(await api(T, `/exam-attempts/${a.id}`, { token: p.session.token }), 200);
    expect(stored.score).toBe(winner.score);
    const audit = await TENANT_DB[T]!.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'exam_attempt.submit' AND entity_id = ?",
    )
      .bind(String(a.id))
      .first<{ n: number }>();
    expect(audit!.n).toBe(1);
  });

  it("refuses bad answers with 400 and changes nothing", async () => {
    const admin = await signIn(T, "county_admin");
    const { exam, questions } = await examOf(T, admin, 2);
    const p = await residentCadre(T);
    const a = await start(p.session.token, exam.id);
    const [q1, q2] = questions as [(typeof questions)[0], (typeof questions)[0]];
    const cases: [unknown, string][] = [
      [
        [
          { questionId: q1.id, option: 3 },
          { questionId: q2.id, option: 0 },
        ],
        `q${q1.id}`,
      ], // 3 options: 0–2
      [
        [
          { questionId: q1.id, option: 9 },
          { questionId: q2.id, option: 0 },
        ],
        "answers.0.option",
      ],
      [[{ questionId: q1.id, option: 0 }], `q${q2.id}`], // unanswered
      [
        [
          { questionId: q1.id, option: 0 },
          { questionId: q1.id, option: 1 },
          { questionId: q2.id, option: 0 },
        ],
        `q${q1.id}`,
      ],
      [
        [
          { questionId: q1.id, option: 0 },
          { questionId: 999999, option: 0 },
        ],
        "q999999",
      ],
      [[{ questionId: q1.id, option: "A" }], "answers.0.option"],
      ["all", "answers"],
      [[], "answers"],
    ];
    for (const [answers, field] of cases) {
      const res = await submit(p.session.token, a.id, answers);
      expect(res.status, JSON.stringify(answers)).toBe(400);
      expect(
        (await problem(res)).errors?.map((e) => e.field),
        JSON.stringify(answers),
      ).toContain(field);
    }
    const huge = Array.from({ length: 101 }, () => ({ questionId: q1.id, option: 0 }));
    expect((await submit(p.session.token, a.id, huge)).status).toBe(400);
    // Someone else in scope may read the sitting but not answer it.
    expect((await submit(p.officer.token, a.id, answersFor(questions, 2))).status).toBe(403);
    const still = await created<AttemptBody>(await api(T, `/exam-attempts/${a.id}`, { token: p.session.token }), 200);
    expect(still).toMatchObject({ status: "in_progress", score: null });
    expect((await api(T, "/exams/abc/attempts", { token: p.session.token, method: "POST" })).status).toBe(400);
    expect((await api(T, "/exams/99999999/attempts", { token: p.session.token, method: "POST" })).status).toBe(404);
  });

  it("shows a score to the person, their township and the county only", async () => {
    const admin = await signIn(T, "county_admin");
    const { exam, questions } = await examOf(T, admin, 2);
    const p = await residentCadre(T);
    const other = await residentCadre(T);
    const a = await start(p.session.token, exam.id);
    await created(await submit(p.session.token, a.id, answersFor(questions, 2)), 200);
    for (const token of [p.session.token, p.officer.token, admin.token, (await signIn(T, "auditor")).token])
      expect((await api(T, `/exam-attempts/${a.id}`, { token })).status).toBe(200);
    for (const token of [other.session.token, other.officer.token])
      expect((await api(T, `/exam-attempts/${a.id}`, { token })).status).toBe(404);
    expect((await api(T, `/exam-attempts/${a.id}`, { token: (await signIn(T, "finance_officer")).token })).status).toBe(
      403,
    );
    const seen = await created<{ items: { id: number }[] }>(
      await api(T, `/exam-attempts?examId=${exam.id}`, { token: other.officer.token }),
      200,
    );
    expect(seen.items.map((x) => x.id)).not.toContain(a.id);
    const own = await created<{ items: { id: number }[] }>(
      await api(T, `/exam-attempts?examId=${exam.id}`, { token: p.officer.token }),
      200,
    );
    expect(own.items.map((x) => x.id)).toContain(a.id);
    const elsewhere = await signIn(OTHER, "county_admin");
    expect((await api(OTHER, `/exam-attempts/${a.id}`, { token: elsewhere.token })).status).toBe(404);
  });

  it("is taken on the phone page as a plain form: start, answer, submit, see the score", async () => {
    const admin = await signIn(T, "county_admin");
    const { exam, questions } = await examOf(T, admin, 2);
    const p = await residentCadre(T);
    const list = await adminPage(T, p.session, "/exams");
    expect(await list.text()).toContain(`/exams/${exam.id}/start`);
    const started = await adminPost(T, p.session, `/exams/${exam.id}/start`, {});
    expect(started.status).toBe(303);
    const attemptPath = new URL(started.headers.get("Location")!, "https://x").pathname;
    const attemptId = Number(attemptPath.split("/").pop());
    // One question left out: the page comes back (400) naming it, nothing is scored.
    const partial = await adminPost(T, p.session, `/exams/attempts/${attemptId}/submit`, {
      [`q${questions[0]!.id}`]: String(questions[0]!.correctOption),
    });
    expect(partial.status).toBe(400);
    expect(await partial.text()).toContain("第 2 题未作答");
    const done = await adminPost(
      T,
      p.session,
      `/exams/attempts/${attemptId}/submit`,
      Object.fromEntries(questions.map((q) => [`q${q.id}`, String(q.correctOption)])),
    );
    expect(done.status).toBe(303);
    const result = await (await adminPage(T, p.session, `/exams/attempts/${attemptId}`)).text();
    expect(result).toContain("得分 <strong>100</strong>");
    const twice = await adminPost(
      T,
      p.session,
      `/exams/attempts/${attemptId}/submit`,
      Object.fromEntries(questions.map((q) => [`q${q.id}`, "0"])),
    );
    expect(twice.status).toBe(409);
  });

  it("keeps the bank's rules: 2–6 distinct options, the answer among them, a test no larger than the bank", async () => {
    const admin = await signIn(T, "county_admin");
    const bad: [Record<string, unknown>, string][] = [
      [{ stem: "题目一二三", options: ["只有一个"], correctOption: 0 }, "options"],
      [{ stem: "题目一二三", options: ["甲", "乙"], correctOption: 2 }, "correctOption"],
      [{ stem: "题目一二三", options: ["甲", "甲"], correctOption: 0 }, "options"],
      [{ stem: "", options: ["甲", "乙"], correctOption: 0 }, "stem"],
    ];
    for (const [json, field] of bad) {
      const res = await api(T, "/exam-questions", { token: admin.token, json });
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect((await problem(res)).errors?.map((e) => e.field)).toContain(field);
    }
    await examOf(T, admin, 2);
    const tooMany = await api(T, "/exams", { token: admin.token, json: { title: "大卷", questionCount: 50 } });
    expect(tooMany.status).toBe(400);
    expect((await problem(tooMany)).detail).toContain("题库中只有 2 道");
    const p = await residentCadre(T);
    expect((await api(T, "/exams", { token: p.session.token, json: { title: "x卷", questionCount: 1 } })).status).toBe(
      403,
    );
  });
});
