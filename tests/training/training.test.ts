import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { assignment, cadre, village } from "../helpers/fixtures.ts";
import { signIn } from "../helpers/users.ts";
import { adminPage, adminPost, created, residentCadre } from "./fixtures.ts";

const T = "pingchuan";
const OTHER = "longquanyi";
type Coverage = { total: number; trained: number; untrainedCount: number; untrained: { takerId: number }[] };

async function plan(token: string, audience = "first_secretaries") {
  return created<{ id: number }>(
    await api(T, "/trainings", {
      token,
      json: { title: "贫困村第一书记全员轮训", year: 2026, audience, deadline: "2026-12-31" },
    }),
  );
}
async function session(token: string, planId: number, extra: Record<string, unknown> = {}) {
  return created<{ id: number; townshipCode: string | null }>(
    await api(T, `/trainings/${planId}/sessions`, {
      token,
      json: { title: "五天集中轮训", format: "rotation", startDate: "2026-04-01", days: 5, ...extra },
    }),
  );
}
const coverage = async (token: string, planId: number) =>
  created<Coverage>(await api(T, `/trainings/${planId}/coverage`, { token }), 200);

describe("training plans, sessions and coverage", () => {
  it("counts who the plan must reach and lists who still has to be trained, per township", async () => {
    const admin = await signIn(T, "county_admin");
    const a = await residentCadre(T, "first_secretary");
    // A second first secretary in the same township, and a team member who is not in the audience.
    const v2 = await village(T, a.townshipCode, ["poor"]);
    const second = await cadre(T);
    await assignment(T, second.id, v2.id, "first_secretary");
    const member = await cadre(T);
    await assignment(T, member.id, v2.id, "team_member");
    const p = await plan(admin.token);
    expect(await coverage(a.officer.token, p.id)).toMatchObject({ total: 2, trained: 0, untrainedCount: 2 });
    const s = await session(a.officer.token, p.id);
    expect(s.townshipCode).toBe(a.townshipCode);
    await created(
      await api(T, `/training-sessions/${s.id}/attendance`, { token: a.officer.token, json: { takerId: a.cadreId } }),
    );
    const c = await coverage(a.officer.token, p.id);
    expect(c).toMatchObject({ total: 2, trained: 1, untrainedCount: 1 });
    expect(c.untrained.map((x) => x.takerId)).toEqual([second.id]);
    // The county sees them among everyone; another township sees none of them; the cadre only themself.
    const county = await coverage(admin.token, p.id);
    expect(county.untrained.map((x) => x.takerId)).toContain(second.id);
    const elsewhere = await residentCadre(T);
    const theirs = await coverage(elsewhere.officer.token, p.id);
    expect(theirs.untrained.map((x) => x.takerId)).not.toContain(second.id);
    expect(await coverage(a.session.token, p.id)).toMatchObject({ total: 1, trained: 1, untrainedCount: 0 });
    // The plan page shows who is left.
    const html = await (await adminPage(T, a.officer, `/trainings/${p.id}`)).text();
    expect(html).toContain(second.name);
    expect(html).not.toContain(member.name);
  });

  it("records attendance once per person and session, and only for the officer's own township", async () => {
    const admin = await signIn(T, "county_admin");
    const a = await residentCadre(T);
    const b = await residentCadre(T);
    const p = await plan(admin.token, "resident_cadres");
    const s = await session(a.officer.token, p.id);
    const record = (token: string, takerId: number) =>
      api(T, `/training-sessions/${s.id}/attendance`, { token, json: { takerId } });
    await created(await record(a.officer.token, a.cadreId));
    const twice = await record(a.officer.token, a.cadreId);
    expect(twice.status).toBe(409);
    expect((await problem(twice)).detail).toContain("不能重复登记");
    const [x, y] = await Promise.all([record(admin.token, b.cadreId), record(admin.token, b.cadreId)]);
    expect([x.status, y.status].sort()).toEqual([201, 409]);
    expect((await record(a.officer.token, (await cadre(T)).id)).status).toBe(404); // no township: not theirs
    const c2 = await residentCadre(T);
    expect((await record(a.officer.token, c2.cadreId)).status).toBe(404);
    expect((await record(a.officer.token, 99999999)).status).toBe(404);
    // Attendance is personal: the other township's officer sees the session, not a's record.
    const seen = await created<{ attendance: { takerId: number }[] }>(
      await api(T, `/training-sessions/${s.id}`, { token: b.officer.token }),
      200,
    );
    expect(seen.attendance.map((r) => r.takerId)).toEqual([b.cadreId]);
    const mine = await created<{ attendance: { takerId: number }[] }>(
      await api(T, `/training-sessions/${s.id}`, { token: a.session.token }),
      200,
    );
    expect(mine.attendance.map((r) => r.takerId)).toEqual([a.cadreId]);
    // A township officer holds sessions in their own township only.
    const foreign = await api(T, `/trainings/${p.id}/sessions`, {
      token: a.officer.token,
      json: { title: "外乡镇", format: "lecture", startDate: "2026-04-01", days: 1, townshipCode: b.townshipCode },
    });
    expect(foreign.status).toBe(404);
  });

  it("refuses bad plans and sessions with 400, the wrong roles with 403, other tenants' ids with 404", async () => {
    const admin = await signIn(T, "county_admin");
    const a = await residentCadre(T);
    const badPlans: [Record<string, unknown>, string][] = [
      [{ title: "计划", year: 2026, audience: "everyone", deadline: "2026-12-31" }, "audience"],
      [{ title: "计划", year: 2026, audience: "resident_cadres", deadline: "2026-02-30" }, "deadline"],
      [{ title: "计划", year: 1800, audience: "resident_cadres", deadline: "2026-12-31" }, "year"],
      [{ title: "", year: 2026, audience: "resident_cadres", deadline: "2026-12-31" }, "title"],
    ];
    for (const [json, field] of badPlans) {
      const res = await api(T, "/trainings", { token: admin.token, json });
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect((await problem(res)).errors?.map((e) => e.field)).toContain(field);
    }
    const p = await plan(admin.token);
    const badSessions: [Record<string, unknown>, string][] = [
      [{ format: "party" }, "format"],
      [{ days: 0 }, "days"],
      [{ days: 61 }, "days"],
      [{ startDate: "tomorrow" }, "startDate"],
      [{ townshipCode: "12" }, "townshipCode"],
    ];
    for (const [extra, field] of badSessions) {
      const res = await api(T, `/trainings/${p.id}/sessions`, {
        token: admin.token,
        json: { title: "课程", format: "lecture", startDate: "2026-04-01", days: 1, ...extra },
      });
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect((await problem(res)).errors?.map((e) => e.field)).toContain(field);
    }
    expect(
      (
        await api(T, `/trainings/${p.id}/sessions`, {
          token: admin.token,
          json: { title: "课程", format: "lecture", startDate: "2026-04-01", days: 1, townshipCode: "999999999" },
        })
      ).status,
    ).toBe(400);
    expect((await api(T, "/trainings", { token: a.officer.token, json: {} })).status).toBe(403);
    expect((await api(T, `/trainings/${p.id}/sessions`, { token: a.session.token, json: {} })).status).toBe(403);
    const elsewhere = await signIn(OTHER, "county_admin");
    expect((await api(OTHER, `/trainings/${p.id}/coverage`, { token: elsewhere.token })).status).toBe(404);
  });

  it("is reachable in the admin UI: plan form, session form, attendance by cadre name", async () => {
    const admin = await signIn(T, "county_admin");
    const a = await residentCadre(T);
    const made = await adminPost(T, admin, "/trainings", {
      title: "夜间大课堂计划",
      year: "2026",
      audience: "poor_village_resident_cadres",
      deadline: "2026-12-31",
    });
    expect(made.status).toBe(303);
    const planPath = new URL(made.headers.get("Location")!, "https://x").pathname.replace(`/t/${T}/admin`, "");
    const bad = await adminPost(T, admin, `${planPath}/sessions`, {
      title: "课",
      format: "night_class",
      startDate: "2026-05-01",
      days: "0",
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("至少 1 天");
    const s = await adminPost(T, a.officer, `${planPath}/sessions`, {
      title: "政策夜校",
      format: "night_class",
      startDate: "2026-05-01",
      days: "1",
      townshipCode: a.townshipCode,
    });
    expect(s.status).toBe(303);
    const sessionPath = new URL(s.headers.get("Location")!, "https://x").pathname.replace(`/t/${T}/admin`, "");
    const rec = await adminPost(T, a.officer, `${sessionPath}/attendance`, { takerKind: "cadre", takerId: a.name });
    expect(rec.status).toBe(303);
    const page = await (await adminPage(T, a.officer, sessionPath)).text();
    expect(page).toContain(a.name);
    const list = await (await adminPage(T, a.session, "/trainings")).text();
    expect(list).toContain("夜间大课堂计划");
  });
});
