import { describe, expect, it } from "vitest";
import { api } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { answersFor, created, examOf, residentCadre } from "./fixtures.ts";

const T = "pingchuan";

describe("应知应会 scores feed the annual assessment (evidence source test_score)", () => {
  it("takes the cadre's latest score of the year, the retest after 回炉 replacing the failed one", async () => {
    const admin = await signIn(T, "county_admin");
    const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
    await created(
      await api(T, "/assessment-templates", {
        token: admin.token,
        json: {
          year,
          role: "first_secretary",
          name: "第一书记考核清单",
          items: [
            { title: "应知应会测试", source: "test_score", weight: 20, target: 90 },
            { title: "组织评价", source: "manual", weight: 80 },
          ],
        },
      }),
    );
    const { exam, questions } = await examOf(T, admin, 10);
    const p = await residentCadre(T, "first_secretary");
    const line = async (cadreId: number) => {
      const a = await created<{ id: number }>(
        await api(T, "/assessments", { token: admin.token, json: { year, subjectKind: "cadre", cadreId } }),
      );
      const got = await created<{
        lines: { source: string; computed: boolean; value: number | null; detail: string }[];
      }>(await api(T, `/assessments/${a.id}`, { token: admin.token }), 200);
      return { id: a.id, line: got.lines.find((l) => l.source === "test_score")! };
    };
    const sit = async (token: string, right: number) => {
      const a = await created<{ id: number }>(await api(T, `/exams/${exam.id}/attempts`, { token, method: "POST" }));
      await created(
        await api(T, `/exam-attempts/${a.id}/submit`, { token, json: { answers: answersFor(questions, right) } }),
        200,
      );
    };
    await sit(p.session.token, 7);
    const failed = (await line(p.cadreId)).line;
    expect(failed).toMatchObject({ computed: true, value: 70 });
    expect(failed.detail).toContain("70 分");
    expect(failed.detail).toContain("低于");
    // Another first secretary fails, is retrained (回炉) and passes the retest: the retest counts.
    const q = await residentCadre(T, "first_secretary");
    await sit(q.session.token, 6);
    const plan = await created<{ id: number }>(
      await api(T, "/trainings", {
        token: admin.token,
        json: { title: "回炉补课", year, audience: "first_secretaries", deadline: `${year}-12-31` },
      }),
    );
    const s = await created<{ id: number }>(
      await api(T, `/trainings/${plan.id}/sessions`, {
        token: admin.token,
        json: {
          title: "夜间大课堂",
          format: "night_class",
          startDate: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
          days: 1,
        },
      }),
    );
    await created(
      await api(T, `/training-sessions/${s.id}/attendance`, { token: admin.token, json: { takerId: q.cadreId } }),
    );
    await sit(q.session.token, 10);
    const retested = (await line(q.cadreId)).line;
    expect(retested).toMatchObject({ computed: true, value: 100 });
    expect(retested.detail).toContain("合格");
  });
});
