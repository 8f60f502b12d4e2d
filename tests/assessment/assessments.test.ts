import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { assignment, cadre, place } from "../helpers/fixtures.ts";

const T = "pingchuan";
const O = "longquanyi";
let yearSeq = 2030;

const items = [
  { title: "驻村天数", source: "resident_days", weight: 40, target: 200 },
  { title: "组织评价", source: "manual", weight: 60 },
  { title: "集体经济空壳村", source: "shell_village", weight: 0, vetoCap: "competent" },
];

async function setup(tags: string[] = []) {
  const admin = await signIn(T, "county_admin");
  const year = ++yearSeq;
  const tpl = await api(T, "/assessment-templates", {
    token: admin.token,
    json: { year, role: "team_member", name: "队员考核清单", items },
  });
  expect(tpl.status, await tpl.clone().text()).toBe(201);
  const { village, townshipCode } = await place(T, tags);
  const c = await cadre(T);
  const assignmentId = await assignment(T, c.id, village.id, "team_member");
  // 4 × 25 confirmed days count; 20 reported (unconfirmed) days do not.
  await TENANT_DB[T]!.prepare(
    "INSERT INTO attendance (assignment_id, month, days, status) VALUES (?1, ?2 || '-03', 25, 'confirmed'), (?1, ?2 || '-04', 25, 'confirmed'), (?1, ?2 || '-05', 25, 'confirmed'), (?1, ?2 || '-06', 25, 'confirmed'), (?1, ?2 || '-07', 20, 'reported')",
  )
    .bind(assignmentId, String(year))
    .run();
  const res = await api(T, "/assessments", { token: admin.token, json: { year, subjectKind: "cadre", cadreId: c.id } });
  expect(res.status, await res.clone().text()).toBe(201);
  const a = (await res.json()) as {
    id: number;
    lines: { itemId: number; source: string; points: number | null; triggered: boolean }[];
  };
  const item = (source: string) => a.lines.find((l) => l.source === source)!.itemId;
  return { admin, year, a, item, cadreId: c.id, assignmentId, townshipCode };
}

describe("考核清单", () => {
  it("needs weights summing to 100, veto items weighted 0, one list per year and role", async () => {
    const admin = await signIn(T, "county_admin");
    const post = (body: unknown) => api(T, "/assessment-templates", { token: admin.token, json: body });
    const bad = await post({
      year: 2090,
      role: "unit",
      name: "x",
      items: [{ title: "a", source: "manual", weight: 90 }],
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await problem(bad))).toContain("合计应为 100 分");
    expect((await post({ year: 2090, role: "unit", name: "x", items: [] })).status).toBe(400);
    expect(
      (
        await post({
          year: 2090,
          role: "unit",
          name: "x",
          items: [{ title: "a", source: "shell_village", weight: 100 }],
        })
      ).status,
    ).toBe(400);
    const ok = { year: 2090, role: "unit", name: "单位考核", items: [{ title: "a", source: "manual", weight: 100 }] };
    expect((await post(ok)).status).toBe(201);
    expect((await post(ok)).status).toBe(409);
    const township = await signIn(T, "township_officer");
    expect((await api(T, "/assessment-templates", { token: township.token, json: ok })).status).toBe(403);
  });
});

describe("年度考核", () => {
  it("computes evidence from confirmed days only, takes hand scores in range, and caps the grade by 一票否决", async () => {
    const { admin, a, item } = await setup(["no_collective_income"]);
    const got = (await (await api(T, `/assessments/${a.id}`, { token: admin.token })).json()) as {
      lines: { source: string; points: number | null; triggered: boolean; computed: boolean }[];
      cap: string | null;
    };
    expect(got.lines.find((l) => l.source === "resident_days")!.points).toBe(20); // 100 confirmed of 200 → 20 of 40
    expect(got.lines.find((l) => l.source === "shell_village")!.triggered).toBe(true);
    expect(got.cap).toBe("competent");
    const score = (body: unknown) => api(T, `/assessments/${a.id}/scores`, { token: admin.token, json: body });
    expect((await score({ itemId: item("manual"), points: 61, comment: "超出" })).status).toBe(400);
    expect((await score({ itemId: item("manual"), points: 50 })).status).toBe(400);
    expect((await score({ itemId: item("resident_days"), points: 40, comment: "改分" })).status).toBe(409);
    expect((await score({ itemId: item("manual"), points: 58, comment: "组织部评价良好" })).status).toBe(200);
    const grade = (g: string) =>
      api(T, `/assessments/${a.id}/grade`, { method: "PUT", token: admin.token, json: { grade: g } });
    const vetoed = await grade("excellent");
    expect(vetoed.status).toBe(409);
    expect((await problem(vetoed)).detail).toContain("一票否决");
    expect((await grade("competent")).status).toBe(200);
  });

  it("signs 村 → 乡镇 → 县 in order, never two levels by one person, and freezes the record", async () => {
    const { admin, a, item, townshipCode } = await setup();
    await api(T, `/assessments/${a.id}/scores`, {
      token: admin.token,
      json: { itemId: item("manual"), points: 55, comment: "良好" },
    });
    const sign = (token: string, level: string) => api(T, `/assessments/${a.id}/sign`, { token, json: { level } });
    expect((await sign(admin.token, "village")).status).toBe(409); // no grade yet
    await api(T, `/assessments/${a.id}/grade`, { method: "PUT", token: admin.token, json: { grade: "competent" } });
    expect((await api(T, `/assessments/${a.id}/approve`, { method: "POST", token: admin.token })).status).toBe(409);
    expect((await sign(admin.token, "village")).status).toBe(200);
    expect((await sign(admin.token, "township")).status).toBe(403);
    const officer = await signIn(T, "township_officer", { townshipCode });
    expect((await api(T, `/assessments/${a.id}/approve`, { method: "POST", token: officer.token })).status).toBe(403);
    expect((await sign(officer.token, "township")).status).toBe(200);
    expect((await api(T, `/assessments/${a.id}/approve`, { method: "POST", token: admin.token })).status).toBe(403);
    const admin2 = await signIn(T, "county_admin");
    const approved = await api(T, `/assessments/${a.id}/approve`, { method: "POST", token: admin2.token });
    expect(approved.status).toBe(200);
    expect(((await approved.json()) as { score: number }).score).toBe(75);
    expect(
      (
        await api(T, `/assessments/${a.id}/scores`, {
          token: admin.token,
          json: { itemId: item("manual"), points: 60, comment: "改" },
        })
      ).status,
    ).toBe(409);
    const c1 = await api(T, `/assessments/${a.id}/consequences`, {
      token: admin2.token,
      json: { kind: "criticism", note: "x" },
    });
    expect(c1.status).toBe(409);
    const c2 = await api(T, `/assessments/${a.id}/consequences`, {
      token: admin2.token,
      json: { kind: "commendation", note: "全区通报表扬" },
    });
    expect(c2.status).toBe(200);
  });

  it("recalls an 不称职 cadre through the existing recall", async () => {
    const { admin, a, item, assignmentId, townshipCode } = await setup();
    await api(T, `/assessments/${a.id}/scores`, {
      token: admin.token,
      json: { itemId: item("manual"), points: 5, comment: "长期不在岗" },
    });
    await api(T, `/assessments/${a.id}/grade`, { method: "PUT", token: admin.token, json: { grade: "incompetent" } });
    await api(T, `/assessments/${a.id}/sign`, { token: admin.token, json: { level: "village" } });
    const officer = await signIn(T, "township_officer", { townshipCode });
    await api(T, `/assessments/${a.id}/sign`, { token: officer.token, json: { level: "township" } });
    const admin2 = await signIn(T, "county_admin");
    expect((await api(T, `/assessments/${a.id}/approve`, { method: "POST", token: admin2.token })).status).toBe(200);
    const r = await api(T, `/assessments/${a.id}/consequences`, {
      token: admin2.token,
      json: { kind: "recall", note: "考核不称职" },
    });
    expect(r.status, await r.clone().text()).toBe(200);
    const row = await TENANT_DB[T]!.prepare("SELECT status, end_reason AS reason FROM assignments WHERE id = ?")
      .bind(assignmentId)
      .first();
    expect(row).toEqual({ status: "recalled", reason: "unfit" });
  });

  it("shows a cadre their own assessment and record, nobody else's; scope and tenants hold", async () => {
    const { a, cadreId, townshipCode } = await setup();
    const me = await signIn(T, "cadre", { cadreId });
    const other = await signIn(T, "cadre", { cadreId: (await cadre(T)).id });
    expect((await api(T, `/assessments/${a.id}`, { token: me.token })).status).toBe(200);
    expect((await api(T, `/cadres/${cadreId}/record`, { token: me.token })).status).toBe(200);
    expect((await api(T, `/assessments/${a.id}`, { token: other.token })).status).toBe(404);
    expect((await api(T, `/cadres/${cadreId}/record`, { token: other.token })).status).toBe(404);
    const own = await signIn(T, "township_officer", { townshipCode });
    const far = await signIn(T, "township_officer", { townshipCode: (await place(T)).townshipCode });
    expect((await api(T, `/assessments/${a.id}`, { token: own.token })).status).toBe(200);
    expect((await api(T, `/assessments/${a.id}`, { token: far.token })).status).toBe(404);
    expect((await api(T, `/cadres/${cadreId}/record`, { token: far.token })).status).toBe(404);
    const foreign = await signIn(O, "county_admin");
    expect((await api(O, `/assessments/${a.id}`, { token: foreign.token })).status).toBe(404);
    const list = (await (await api(T, "/assessments", { token: other.token })).json()) as { total: number };
    expect(list.total).toBe(0);
  });
});
