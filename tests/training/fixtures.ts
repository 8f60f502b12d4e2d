import { expect } from "vitest";
import { api, call, postForm } from "../helpers/http.ts";
import { assignment, cadre, place } from "../helpers/fixtures.ts";
import { signIn, type Session } from "../helpers/users.ts";

/** A township with one village, a cadre resident there (signed in) and the township's officer. */
export async function residentCadre(tenant: string, role: "first_secretary" | "team_member" = "first_secretary") {
  const { townshipCode, village } = await place(tenant, ["poor"]);
  const c = await cadre(tenant);
  await assignment(tenant, c.id, village.id, role);
  const session = await signIn(tenant, "cadre", { cadreId: c.id });
  const officer = await signIn(tenant, "township_officer", { townshipCode });
  return { townshipCode, village, cadreId: c.id, name: c.name, session, officer };
}

export async function created<T = Record<string, unknown>>(res: Response, status = 201): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
}

export interface QuestionBody {
  id: number;
  options: string[];
  correctOption: number;
}

/** `n` fresh questions (three options each, the right one at index `i % 3`) and a test of exactly them. */
export async function examOf(tenant: string, admin: Session, n: number, passScore = 90) {
  // The test draws from every active question: retire the others first so the paper is known.
  const bank = await created<{ items: { id: number; active: boolean }[] }>(
    await api(tenant, "/exam-questions", { token: admin.token }),
    200,
  );
  for (const q of bank.items.filter((x) => x.active))
    await created(await api(tenant, `/exam-questions/${q.id}/retire`, { token: admin.token, method: "POST" }), 200);
  const questions: QuestionBody[] = [];
  for (let i = 0; i < n; i++) {
    questions.push(
      await created<QuestionBody>(
        await api(tenant, "/exam-questions", {
          token: admin.token,
          json: {
            stem: `第${i + 1}题：脱贫攻堅政策问题 ${crypto.randomUUID().slice(0, 6)}`,
            options: [`甲${i}`, `乙${i}`, `丙${i}`],
            correctOption: i % 3,
          },
        }),
      ),
    );
  }
  const exam = await created<{ id: number; questionCount: number }>(
    await api(tenant, "/exams", { token: admin.token, json: { title: "应知应会测试", questionCount: n, passScore } }),
  );
  return { exam, questions };
}

/** The answers scoring `right` of the questions right (the rest one option off). */
export function answersFor(questions: QuestionBody[], right: number) {
  return questions.map((q, i) => ({
    questionId: q.id,
    option: i < right ? q.correctOption : (q.correctOption + 1) % 3,
  }));
}

export const adminPage = (tenant: string, s: Session, path: string) =>
  call(`/t/${tenant}/admin${path}`, { headers: { Cookie: s.cookie } });
export const adminPost = (tenant: string, s: Session, path: string, fields: Record<string, string>) =>
  postForm(`/t/${tenant}/admin${path}`, { ...fields, _csrf: s.csrfToken }, { cookie: s.cookie });
