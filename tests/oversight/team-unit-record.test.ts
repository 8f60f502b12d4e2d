import { describe, expect, it } from "vitest";
import { api, call } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { assignment, cadre, place, township, unit } from "../helpers/fixtures.ts";
import { createReview } from "../assessment/fixtures.ts";

const A = "longquanyi";

async function json<T = Record<string, unknown>>(res: Response, status: number): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
}
const page = async (tenant: string, path: string, cookie: string) => {
  const res = await call(`/t/${tenant}/admin${path}`, { headers: { Cookie: cookie } });
  return { status: res.status, html: await res.text() };
};

type Record_ = {
  subject: { kind: string; name: string };
  evidenceShown: boolean;
  assignments: { cadreName: string; villageName: string; confirmedDays: number }[];
  years: { year: number; evidence: { source: string; detail: string }[] }[];
  letters: { id: number; measures: number }[];
  inspections: { id: number; problems: number; open: number; overdue: number }[];
  escalations: { step: string }[];
  reviews: { id: number }[];
  assessments: { id: number }[];
};

/** A village with its resident team (one cadre of one unit), a letter, inspections of team and cadre, and a review. */
async function world() {
  const admin = await signIn(A, "county_admin");
  const { townshipCode, village } = await place(A);
  const u = await unit(A);
  const c = await cadre(A, u.id);
  const assignmentId = await assignment(A, c.id, village.id, "first_secretary");
  await TENANT_DB[A]!.prepare(
    "INSERT INTO attendance (assignment_id, month, days, status) VALUES (?, '2025-03', 20, 'confirmed'), (?, '2025-04', 18, 'reported')",
  )
    .bind(assignmentId, assignmentId)
    .run();
  await json(
    await api(A, "/letters", {
      token: admin.token,
      json: {
        unitId: u.id,
        villageCode: village.code,
        termStartYear: 2025,
        signedDate: "2025-01-15",
        termGoal: "三年内村集体经济收入达到 10 万元",
        goals: { leadership: "配齐村两委班子" },
      },
    }),
    201,
  );
  const inspect = async (target: Record<string, unknown>, deadline: string) =>
    json<{ id: number }>(
      await api(A, "/inspections", {
        token: admin.token,
        json: {
          kind: "on_site",
          date: "2025-05-10",
          groupName: "第一督查组",
          ...target,
          findings: "明察暗访",
          problems: [{ description: "台账不全", deadline }],
        },
      }),
      201,
    );
  const teamInspection = await inspect({ targetKind: "team", villageCode: village.code }, "2025-06-30");
  const cadreInspection = await inspect({ targetKind: "cadre", cadreId: c.id }, "2099-06-30");
  const review = await createReview(A, admin.token, village.id);
  return { admin, townshipCode, village, unit: u, cadre: c, teamInspection, cadreInspection, review };
}

describe("驻村工作队 and 派出单位 records", () => {
  it("gathers a team's members, confirmed days, letter, inspections with overdue problems and its review", async () => {
    const w = await world();
    const r = await json<Record_>(await api(A, `/teams/${w.village.id}/record`, { token: w.admin.token }), 200);
    expect(r.subject.kind).toBe("team");
    expect(r.assignments).toEqual([expect.objectContaining({ cadreName: w.cadre.name, confirmedDays: 20 })]);
    expect(r.letters).toHaveLength(1);
    // The team's inspection (its problem past its deadline) and that of its cadre in this village.
    expect(r.inspections).toEqual([
      expect.objectContaining({ id: w.cadreInspection.id, problems: 1, open: 1, overdue: 0 }),
      expect.objectContaining({ id: w.teamInspection.id, problems: 1, open: 1, overdue: 1 }),
    ]);
    expect(r.reviews.map((x) => x.id)).toEqual([w.review.id]);
    expect(r.years.map((y) => y.year)).toContain(2025);
    const days = r.years.find((y) => y.year === 2025)!.evidence.find((e) => e.source === "resident_days")!;
    expect(days.detail).toContain("20 天");

    const html = (await page(A, `/teams/${w.village.id}/record`, w.admin.cookie)).html;
    expect(html).toContain(w.cadre.name);
    expect(html).toContain("督查与问题整改");
    expect((await page(A, `/villages/${w.village.code}`, w.admin.cookie)).html).toContain(
      `/admin/teams/${w.village.id}/record`,
    );
  });

  it("gathers a unit's cadres, letters, the inspections of the unit's cadres and the teams' reviews", async () => {
    const w = await world();
    const r = await json<Record_>(await api(A, `/units/${w.unit.id}/record`, { token: w.admin.token }), 200);
    expect(r.subject).toEqual(expect.objectContaining({ kind: "unit", name: w.unit.name }));
    expect(r.assignments.map((a) => a.villageName)).toHaveLength(1);
    expect(r.letters).toHaveLength(1);
    expect(r.inspections).toEqual([expect.objectContaining({ id: w.cadreInspection.id, open: 1, overdue: 0 })]);
    expect(r.reviews.map((x) => x.id)).toEqual([w.review.id]);
    expect(r.evidenceShown).toBe(true);

    const html = (await page(A, `/units/${w.unit.id}`, w.admin.cookie)).html;
    expect(html).toContain(`/admin/units/${w.unit.id}/record`);
    expect((await page(A, `/units/${w.unit.id}/record`, w.admin.cookie)).status).toBe(200);
  });

  it("scopes: own township and auditors read; another township and another cadre get 404 (other tenants: common-routes)", async () => {
    const w = await world();
    const team = `/teams/${w.village.id}/record`;
    const unitPath = `/units/${w.unit.id}/record`;
    const own = await signIn(A, "township_officer", { townshipCode: w.townshipCode });
    const other = await signIn(A, "township_officer", { townshipCode: await township(A) });
    const auditor = await signIn(A, "auditor");
    const member = await signIn(A, "cadre", { cadreId: w.cadre.id });
    const stranger = await signIn(A, "cadre", { cadreId: (await cadre(A)).id });

    for (const s of [own, auditor]) {
      expect((await api(A, team, { token: s.token })).status).toBe(200);
      expect((await api(A, unitPath, { token: s.token })).status).toBe(200);
    }
    // The township officer sees the unit's part in their township, without the county-wide yearly totals.
    const part = await json<Record_>(await api(A, unitPath, { token: own.token }), 200);
    expect(part.evidenceShown).toBe(false);
    expect(part.years).toEqual([]);
    // A cadre of the team reads the team's record, never the unit's; the unit page offers no link.
    expect((await api(A, team, { token: member.token })).status).toBe(200);
    expect((await page(A, `/villages/${w.village.code}`, member.cookie)).html).toContain(`/admin${team}`);
    expect((await api(A, unitPath, { token: member.token })).status).toBe(404);
    expect((await page(A, `/units/${w.unit.id}`, member.cookie)).html).not.toContain(unitPath);
    for (const s of [other, stranger]) {
      expect((await api(A, team, { token: s.token })).status).toBe(404);
      expect((await page(A, team, s.cookie)).status).toBe(404);
    }
    expect((await api(A, unitPath, { token: other.token })).status).toBe(404);
  });
});
