import { describe, expect, it } from "vitest";
import { api, call } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { assignment, cadre, place, township, unit } from "../helpers/fixtures.ts";

const A = "longquanyi";
const Y = 2026;

async function json<T = Record<string, unknown>>(res: Response, status: number): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
}
type Row = Record<string, number | string | null> & { key: string; name: string };
type Report = { year: number; by: string; rows: Row[] };

/**
 * One township with one unit's three resident cadres: two signed grades and one not yet signed by the county, a team
 * inspection whose problem is overdue, a cadre inspection whose confirmed problem led to a 通报,
 * and a published review with 10 paper ballots (9 satisfied or fairly satisfied).
 */
async function world() {
  const admin = await signIn(A, "county_admin");
  const db = TENANT_DB[A]!;
  const { townshipCode, village } = await place(A);
  const u = await unit(A);
  const c1 = await cadre(A, u.id);
  const c2 = await cadre(A, u.id);
  const c3 = await cadre(A, u.id);
  await assignment(A, c1.id, village.id, "first_secretary");
  await assignment(A, c2.id, village.id, "team_member");
  await assignment(A, c3.id, village.id, "team_member");
  await db
    .prepare(
      "INSERT OR IGNORE INTO assessment_templates (year, role, name) VALUES (?, 'first_secretary', '第一书记考核清单')",
    )
    .bind(Y)
    .run();
  const template = await db
    .prepare("SELECT id FROM assessment_templates WHERE year = ? AND role = 'first_secretary'")
    .bind(Y)
    .first<{ id: number }>();
  const assess = (cadreId: number, status: string, grade: string | null) =>
    db
      .prepare(
        "INSERT INTO assessments (year, subject_kind, cadre_id, township_code, template_id, status, grade) VALUES (?, 'cadre', ?, ?, ?, ?, ?)",
      )
      .bind(Y, cadreId, townshipCode, template!.id, status, grade)
      .run();
  await assess(c1.id, "county_signed", "excellent");
  await assess(c2.id, "county_signed", "competent");
  await assess(c3.id, "township_signed", "excellent");
  const inspect = async (target: Record<string, unknown>, deadline: string) =>
    json<{ id: number; problems: { id: number }[] }>(
      await api(A, "/inspections", {
        token: admin.token,
        json: {
          kind: "on_site",
          date: `${Y}-05-10`,
          groupName: "第一督查组",
          ...target,
          findings: "明察暗访",
          problems: [{ description: "台账不全", deadline }],
        },
      }),
      201,
    );
  await inspect({ targetKind: "team", villageCode: village.code }, `${Y}-06-30`);
  const ci = await inspect({ targetKind: "cadre", cadreId: c1.id }, "2099-06-30");
  await json(
    await api(A, `/problems/${ci.problems[0]!.id}/decision`, { token: admin.token, json: { decision: "confirmed" } }),
    200,
  );
  await json(
    await api(A, "/escalations", {
      token: admin.token,
      json: {
        targetKind: "cadre",
        cadreId: c1.id,
        period: Y,
        step: "notice",
        date: `${Y}-07-01`,
        record: "通报批评",
      },
    }),
    201,
  );
  await db
    .prepare(
      `INSERT INTO reviews (kind, year, village_id, township_code, subject_name, audience, meeting_date, opens_at, closes_at,
         attendance, paper_satisfied, paper_fairly_satisfied, paper_dissatisfied, status)
       VALUES ('team_report', ?, ?, ?, '驻村工作队', '党员村民代表会议', ?, 1780000000, 1780003600, 12, 8, 1, 1, 'published')`,
    )
    .bind(Y, village.id, townshipCode, `${Y}-11-01`)
    .run();
  return { admin, townshipCode, unit: u };
}

const FIGURES = {
  excellent: 1,
  competent: 1,
  basicallyCompetent: 0,
  incompetent: 0,
  ungraded: 1,
  notices: 1,
  interviews: 0,
  accountabilities: 0,
  referrals: 0,
  reviews: 1,
  ballots: 10,
  satisfactionPermille: 900,
};

describe("考核监督报表 by township and by unit", () => {
  it("counts grades, the ladder, problems and satisfaction per township from the records", async () => {
    const w = await world();
    const r = await json<Report>(await api(A, `/reports/oversight?year=${Y}`, { token: w.admin.token }), 200);
    expect(r.by).toBe("township");
    const row = r.rows.find((x) => x.key === w.townshipCode)!;
    expect(row).toEqual(expect.objectContaining({ ...FIGURES, problems: 2, open: 2, overdue: 1, rectified: 0 }));
  });

  it("counts per dispatching unit: its cadres' grades and escalations, problems of its cadres, its teams' ratings", async () => {
    const w = await world();
    const r = await json<Report>(await api(A, `/reports/oversight?year=${Y}&by=unit`, { token: w.admin.token }), 200);
    const row = r.rows.find((x) => x.key === String(w.unit.id))!;
    // The team inspection names no unit; the cadre's does (its problem is not overdue).
    expect(row).toEqual(expect.objectContaining({ ...FIGURES, problems: 1, open: 1, overdue: 0 }));

    const page = await call(`/t/${A}/admin/oversight-report?year=${Y}&by=unit`, {
      headers: { Cookie: w.admin.cookie },
    });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("<svg");
    expect(html).toContain("干部年度考核等次分布");
    expect(html).toContain("述职评议满意率");
    expect(html).toContain(`/admin/units/${w.unit.id}/record`);
  });

  it("exports the same figures as CSV, from the API and the admin page", async () => {
    const w = await world();
    const res = await api(A, `/reports/oversight/export?year=${Y}`, { token: w.admin.token });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    const csv = await res.text();
    expect(csv).toContain("满意率(%)");
    const name = (await TENANT_DB[A]!.prepare("SELECT name FROM townships WHERE code = ?")
      .bind(w.townshipCode)
      .first<{ name: string }>())!.name;
    expect(csv).toContain(`${name},1,1,0,0,1,1,0,0,0,2,2,1,0,1,10,90.0`);
    const page = await call(`/t/${A}/admin/oversight-report/export?year=${Y}&by=unit`, {
      headers: { Cookie: w.admin.cookie },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(w.unit.name);
  });

  it("limits a township officer to their township, refuses cadres, and answers bad input with 400", async () => {
    const w = await world();
    const other = await signIn(A, "township_officer", { townshipCode: await township(A) });
    const own = await signIn(A, "township_officer", { townshipCode: w.townshipCode });
    const theirs = await json<Report>(await api(A, `/reports/oversight?year=${Y}`, { token: other.token }), 200);
    expect(theirs.rows.map((x) => x.key)).not.toContain(w.townshipCode);
    const mine = await json<Report>(await api(A, `/reports/oversight?year=${Y}`, { token: own.token }), 200);
    expect(mine.rows.map((x) => x.key)).toEqual([w.townshipCode]);
    const byUnit = await json<Report>(
      await api(A, `/reports/oversight?year=${Y}&by=unit`, { token: other.token }),
      200,
    );
    expect(byUnit.rows.map((x) => x.key)).not.toContain(String(w.unit.id));

    const cadreUser = await signIn(A, "cadre", { cadreId: (await cadre(A)).id });
    expect((await api(A, `/reports/oversight?year=${Y}`, { token: cadreUser.token })).status).toBe(403);
    expect((await api(A, `/reports/oversight?year=${Y}&by=village`, { token: w.admin.token })).status).toBe(400);
    expect((await api(A, "/reports/oversight?year=1900", { token: w.admin.token })).status).toBe(400);
  });
});
