import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { cadre, place } from "../helpers/fixtures.ts";
import { signIn, type Session } from "../helpers/users.ts";
import { idBorn, registerOfficial } from "../village-cadres/helpers.ts";
import { adminPage, adminPost, answersFor, created, examOf } from "./fixtures.ts";

type Coverage = {
  total: number;
  trained: number;
  untrainedCount: number;
  untrained: { takerKind: string; takerId: number; name: string }[];
};
type Session_ = { id: number; attendance: { takerKind: string; takerId: number; takerName: string }[] };
type Attempt = {
  id: number;
  takerKind: string;
  takerName: string;
  status: string;
  score: number | null;
  passed: boolean | null;
  questions: Record<string, unknown>[];
};

const T = "pingchuan";
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** A poor village with a secretary, a clerk and a 组干部; a township officer of it; a non-poor village elsewhere. */
async function villageCadres(admin: Session) {
  const { townshipCode, village } = await place(T, ["poor"]);
  const other = await place(T, []);
  const official = (villageCode: string, post: string, name: string) =>
    registerOfficial(T, admin.token, { villageCode, name, idNumber: idBorn(1980), post });
  const secretary = await official(village.code, "party_secretary", "贫困村书记");
  const clerk = await official(village.code, "clerk", "贫困村文书");
  const groupLeader = await official(village.code, "group_leader", "贫困村组长");
  const otherSecretary = await official(other.village.code, "party_secretary", "非贫困村书记");
  const officer = await signIn(T, "township_officer", { townshipCode });
  const otherOfficer = await signIn(T, "township_officer", { townshipCode: other.townshipCode });
  return { townshipCode, secretary, clerk, groupLeader, otherSecretary, officer, otherOfficer };
}

async function plan(admin: Session, audience: string) {
  return created<{ id: number }>(
    await api(T, "/trainings", {
      token: admin.token,
      json: { title: `村干部轮训${crypto.randomUUID().slice(0, 6)}`, year: 2026, audience, deadline: "2026-12-31" },
    }),
  );
}
const coverage = async (s: Session, planId: number) =>
  created<Coverage>(await api(T, `/trainings/${planId}/coverage`, { token: s.token }), 200);
const attend = (s: Session, sessionId: number, takerId: number) =>
  api(T, `/training-sessions/${sessionId}/attendance`, {
    token: s.token,
    json: { takerKind: "village_cadre", takerId },
  });

describe("village cadres in training plans (seed 004: every poor village's secretary trained by year end)", () => {
  it("counts a village-cadre audience from the roster, records their attendance and shows who still has to be trained", async () => {
    const admin = await signIn(T, "county_admin");
    const p = await villageCadres(admin);
    const secretaries = await plan(admin, "poor_village_secretaries");
    const leaders = await plan(admin, "village_leaders");

    // The township sees its own: the poor village's secretary; all 两委 but not the 组干部.
    const before = await coverage(p.officer, secretaries.id);
    expect(before).toMatchObject({ total: 1, trained: 0, untrainedCount: 1 });
    expect(before.untrained).toEqual([
      expect.objectContaining({ takerKind: "village_cadre", takerId: p.secretary.id }),
    ]);
    const all = await coverage(p.officer, leaders.id);
    expect(all.total).toBe(2);
    expect(all.untrained.map((x) => x.takerId).sort()).toEqual([p.secretary.id, p.clerk.id].sort());
    // The county sees the poor village's secretary, never the non-poor village's.
    const county = await coverage(admin, secretaries.id);
    expect(county.untrained.map((x) => x.takerId)).toContain(p.secretary.id);
    expect(county.untrained.map((x) => x.takerId)).not.toContain(p.otherSecretary.id);

    const session = await created<{ id: number }>(
      await api(T, `/trainings/${secretaries.id}/sessions`, {
        token: p.officer.token,
        json: { title: "村党组织书记五天轮训", format: "rotation", startDate: "2026-11-02", days: 5 },
      }),
    );
    const recorded = await created<Session_>(await attend(p.officer, session.id, p.secretary.id), 201);
    expect(recorded.attendance).toEqual([
      expect.objectContaining({ takerKind: "village_cadre", takerId: p.secretary.id, takerName: "贫困村书记" }),
    ]);
    expect(await coverage(p.officer, secretaries.id)).toMatchObject({ total: 1, trained: 1, untrainedCount: 0 });

    // Twice is a 409; another township's village cadre, a 组干部 who does not exist, a bad kind: refused.
    expect((await attend(p.officer, session.id, p.secretary.id)).status).toBe(409);
    expect((await attend(p.otherOfficer, session.id, p.secretary.id)).status).toBe(404);
    expect((await attend(p.officer, session.id, 99_999_999)).status).toBe(404);
    const badKind = await api(T, `/training-sessions/${session.id}/attendance`, {
      token: p.officer.token,
      json: { takerKind: "villager", takerId: p.clerk.id },
    });
    expect(badKind.status).toBe(400);
    // A village cadre who has left office is no longer trained for the post.
    const left = await api(T, `/village-officials/${p.clerk.id}/leave`, {
      token: admin.token,
      json: { status: "left", termEnd: "2026-10-31" },
    });
    expect(left.status).toBe(200);
    expect((await attend(p.officer, session.id, p.clerk.id)).status).toBe(404);
    expect((await coverage(p.officer, leaders.id)).total).toBe(1);

    // A cadre sees no village cadre in a plan's coverage (their own records only).
    const c = await cadre(T);
    const cadreSession = await signIn(T, "cadre", { cadreId: c.id });
    expect(await coverage(cadreSession, secretaries.id)).toMatchObject({ total: 0, untrained: [] });
  });

  it("offers the audiences on the plan form and records village cadres on the session screen", async () => {
    const admin = await signIn(T, "county_admin");
    const p = await villageCadres(admin);
    const listHtml = await (await adminPage(T, admin, "/trainings")).text();
    expect(listHtml).toContain('value="poor_village_secretaries"');
    expect(listHtml).toContain("村两委班子成员（不含组干部）");
    const made = await adminPost(T, admin, "/trainings", {
      title: "村两委班子全员轮训",
      year: "2026",
      audience: "village_leaders",
      deadline: "2027-12-31",
    });
    expect(made.status).toBe(303);
    const planPath = new URL(made.headers.get("Location")!, "https://x").pathname.replace(`/t/${T}/admin`, "");
    const planHtml = await (await adminPage(T, p.officer, planPath)).text();
    expect(planHtml).toContain("村两委班子成员（不含组干部）");
    expect(planHtml).toContain("贫困村文书");
    expect(planHtml).toContain(`/admin/village-officials/${p.clerk.id}`);

    const sessionMade = await adminPost(T, p.officer, `${planPath}/sessions`, {
      title: "夜间大课堂",
      format: "night_class",
      startDate: today(),
      days: "1",
      townshipCode: p.townshipCode,
    });
    expect(sessionMade.status).toBe(303);
    const sessionPath = new URL(sessionMade.headers.get("Location")!, "https://x").pathname.replace(
      `/t/${T}/admin`,
      "",
    );
    const sessionHtml = await (await adminPage(T, p.officer, sessionPath)).text();
    expect(sessionHtml).toContain("登记村干部参训");
    expect(sessionHtml).toContain("贫困村书记");
    expect(sessionHtml).not.toContain("贫困村组长");

    // One tap on the list's row; then a wrong number typed in the field shows beside it.
    const tap = await adminPost(T, p.officer, `${sessionPath}/attendance`, {
      takerKind: "village_cadre",
      takerId: String(p.clerk.id),
    });
    expect(tap.status).toBe(303);
    const after = await (await adminPage(T, p.officer, sessionPath)).text();
    expect(after).toContain("贫困村文书");
    expect(after).toContain("村干部");
    const wrong = await adminPost(T, p.officer, `${sessionPath}/attendance`, {
      takerKind: "village_cadre",
      takerId: "abc",
    });
    expect(wrong.status).toBe(400);
    const again = await adminPost(T, p.officer, `${sessionPath}/attendance`, {
      takerKind: "village_cadre",
      takerId: String(p.clerk.id),
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("不能重复登记");
  });
});

describe("应知应会 for village cadres (现场测试, taker kind village_cadre)", () => {
  it("lets the township start and submit a village cadre's test; below 90 sends them to 回炉 until trained", async () => {
    const admin = await signIn(T, "county_admin");
    const p = await villageCadres(admin);
    const { exam, questions } = await examOf(T, admin, 3, 90);
    const start = (s: Session, villageOfficialId: number) =>
      api(T, `/exams/${exam.id}/village-cadre-attempts`, { token: s.token, json: { villageOfficialId } });

    const first = await created<Attempt>(await start(p.officer, p.secretary.id));
    expect(first).toMatchObject({ takerKind: "village_cadre", takerName: "贫困村书记", status: "in_progress" });
    expect(JSON.stringify(first.questions)).not.toContain("correct_option");
    for (const q of first.questions) expect(q.correct).toBeNull();
    // Starting again resumes the open sitting.
    expect((await start(p.officer, p.secretary.id)).status).toBe(200);

    // Only the officer who started it submits it; the score is the village cadre's.
    const other = await signIn(T, "township_officer", { townshipCode: p.townshipCode });
    const stranger = await api(T, `/exam-attempts/${first.id}/submit`, {
      token: other.token,
      json: { answers: answersFor(questions, 3) },
    });
    expect(stranger.status).toBe(403);
    const failed = await created<Attempt>(
      await api(T, `/exam-attempts/${first.id}/submit`, {
        token: p.officer.token,
        json: { answers: answersFor(questions, 1) },
      }),
      200,
    );
    expect(failed).toMatchObject({ score: 33, passed: false });

    // 回炉: on the list, and no retest until trained again.
    const retrain = await created<{ items: { takerKind: string; takerId: number }[] }>(
      await api(T, "/trainings/retrain", { token: p.officer.token }),
      200,
    );
    expect(retrain.items).toContainEqual(
      expect.objectContaining({ takerKind: "village_cadre", takerId: p.secretary.id }),
    );
    const blocked = await start(p.officer, p.secretary.id);
    expect(blocked.status).toBe(409);
    expect((await problem(blocked)).detail).toContain("回炉");

    const plan_ = await plan(admin, "poor_village_secretaries");
    const session = await created<{ id: number }>(
      await api(T, `/trainings/${plan_.id}/sessions`, {
        token: p.officer.token,
        json: { title: "回炉补课", format: "night_class", startDate: today(), days: 1 },
      }),
    );
    expect((await attend(p.officer, session.id, p.secretary.id)).status).toBe(201);
    const retest = await created<Attempt>(await start(p.officer, p.secretary.id));
    const passed = await created<Attempt>(
      await api(T, `/exam-attempts/${retest.id}/submit`, {
        token: p.officer.token,
        json: { answers: answersFor(questions, 3) },
      }),
      200,
    );
    expect(passed).toMatchObject({ score: 100, passed: true, takerKind: "village_cadre" });
    const done = await start(p.officer, p.secretary.id);
    expect(done.status).toBe(409);
    expect((await problem(done)).detail).toContain("贫困村书记已通过");
  });

  it("refuses other townships, cadres, missing people and other tenants' tests", async () => {
    const admin = await signIn(T, "county_admin");
    const p = await villageCadres(admin);
    const { exam } = await examOf(T, admin, 2, 90);
    const start = (s: Session, body: unknown, examId = exam.id) =>
      api(T, `/exams/${examId}/village-cadre-attempts`, { token: s.token, json: body });
    expect((await start(p.otherOfficer, { villageOfficialId: p.secretary.id })).status).toBe(404);
    expect((await start(admin, { villageOfficialId: 99_999_999 })).status).toBe(404);
    expect((await start(admin, {})).status).toBe(400);
    expect((await start(admin, { villageOfficialId: "x" })).status).toBe(400);
    const c = await cadre(T);
    expect(
      (await start(await signIn(T, "cadre", { cadreId: c.id }), { villageOfficialId: p.secretary.id })).status,
    ).toBe(403);
    const elsewhere = await signIn("longquanyi", "county_admin");
    const otherTenant = await api("longquanyi", `/exams/${exam.id}/village-cadre-attempts`, {
      token: elsewhere.token,
      json: { villageOfficialId: p.secretary.id },
    });
    expect(otherTenant.status).toBe(404);
    // The county may test anyone; the attempt stays visible to the village cadre's township.
    const byCounty = await created<Attempt>(await start(admin, { villageOfficialId: p.secretary.id }));
    const seen = await api(T, `/exam-attempts/${byCounty.id}`, { token: p.officer.token });
    expect(seen.status).toBe(200);
    expect((await api(T, `/exam-attempts/${byCounty.id}`, { token: p.otherOfficer.token })).status).toBe(404);
  });

  it("is reachable from the test's screen: the officer enters the roster number and gets the phone test page", async () => {
    const admin = await signIn(T, "county_admin");
    const p = await villageCadres(admin);
    const { exam } = await examOf(T, admin, 2, 90);
    const page = await (await adminPage(T, p.officer, `/exams/${exam.id}`)).text();
    expect(page).toContain("村干部现场测试");
    const bad = await adminPost(T, p.officer, `/exams/${exam.id}/village-cadre-attempts`, {
      villageOfficialId: String(p.otherSecretary.id),
    });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("不在您的管辖范围内");
    expect(badHtml).toContain('id="f-villageOfficialId-err"');
    const ok = await adminPost(T, p.officer, `/exams/${exam.id}/village-cadre-attempts`, {
      villageOfficialId: String(p.secretary.id),
    });
    expect(ok.status).toBe(303);
    const attemptPath = new URL(ok.headers.get("Location")!, "https://x").pathname.replace(`/t/${T}/admin`, "");
    const attemptHtml = await (await adminPage(T, p.officer, attemptPath)).text();
    expect(attemptHtml).toContain("贫困村书记");
    expect(attemptHtml).toContain('type="radio"');
    const listed = await (await adminPage(T, p.officer, `/exams/${exam.id}`)).text();
    expect(listed).toContain("（村干部）");
  });
});
