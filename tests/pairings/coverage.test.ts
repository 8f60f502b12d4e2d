import { describe, expect, it } from "vitest";
import { api, call } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import {
  assignment,
  cadre,
  endAssignment,
  household,
  setHouseholdStatus,
  township,
  village,
} from "../helpers/fixtures.ts";
import { todayInChina } from "../../workers/lib/dates.ts";

const T = "longquanyi";
type Item = { id: number; name: string; value: number | string | null; townshipCodes: string[] };
type Summary = { totals: Record<string, number>; townships: { code: string; counts: Record<string, number> }[] };

async function gap(token: string, name: string, townshipCode: string): Promise<Item[]> {
  const res = await api(T, `/coverage/${name}?townshipCode=${townshipCode}`, { token });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { items: Item[] }).items;
}
const ids = (items: Item[]) => items.map((i) => i.id);

describe("coverage report", () => {
  it("finds poor villages without a first secretary and understaffed teams, until they are fixed", async () => {
    const admin = await signIn(T, "county_admin");
    const t = await township(T);
    const poor = await village(T, t, ["poor"]);
    const deep = await village(T, t, ["deeply_poor"]);
    const ordinary = await village(T, t, []);
    expect(ids(await gap(admin.token, "no_first_secretary", t)).sort()).toEqual([poor.id, deep.id].sort());
    expect(ids(await gap(admin.token, "understaffed", t)).sort()).toEqual([poor.id, deep.id].sort());

    const fs = await assignment(T, (await cadre(T)).id, poor.id, "first_secretary");
    expect(ids(await gap(admin.token, "no_first_secretary", t))).toEqual([deep.id]);
    const under = await gap(admin.token, "understaffed", t);
    expect(under.find((i) => i.id === poor.id)?.value).toBe(1);
    await assignment(T, (await cadre(T)).id, poor.id, "team_leader");
    await assignment(T, (await cadre(T)).id, poor.id, "team_member");
    expect(ids(await gap(admin.token, "understaffed", t))).toEqual([deep.id]);
    // an ordinary village with a team of one is understaffed too
    await assignment(T, (await cadre(T)).id, ordinary.id, "team_member");
    expect(ids(await gap(admin.token, "understaffed", t)).sort()).toEqual([deep.id, ordinary.id].sort());
    await endAssignment(T, fs);
    expect(ids(await gap(admin.token, "no_first_secretary", t)).sort()).toEqual([poor.id, deep.id].sort());

    const summary = (await (await api(T, `/coverage?townshipCode=${t}`, { token: admin.token })).json()) as Summary;
    expect(summary.totals).toMatchObject({ no_first_secretary: 2, understaffed: 3 });
    expect(summary.townships).toEqual([
      expect.objectContaining({ code: t, counts: expect.objectContaining({ no_first_secretary: 2 }) }),
    ]);
  });

  it("follows minResidentMembers", async () => {
    const admin = await signIn(T, "county_admin");
    const t = await township(T);
    const v = await village(T, t, ["poor"]);
    for (const role of ["first_secretary", "team_leader"] as const)
      await assignment(T, (await cadre(T)).id, v.id, role);
    expect(ids(await gap(admin.token, "understaffed", t))).toEqual([v.id]);
    await api(T, "/settings", { method: "PUT", token: admin.token, json: { minResidentMembers: 2 } });
    try {
      expect(await gap(admin.token, "understaffed", t)).toEqual([]);
    } finally {
      await api(T, "/settings", { method: "PUT", token: admin.token, json: { minResidentMembers: 3 } });
    }
  });

  it("finds poor and monitored households without a responsible cadre", async () => {
    const admin = await signIn(T, "county_admin");
    const t = await township(T);
    const v = await village(T, t);
    const poor = await household(T, v.id, "poor");
    const monitored = await household(T, v.id, "monitored");
    await household(T, v.id, "exited");
    expect(ids(await gap(admin.token, "household_without_cadre", t)).sort()).toEqual([poor.id, monitored.id].sort());
    const c = await cadre(T);
    const res = await api(T, "/pairings", {
      token: admin.token,
      json: { kind: "cadre_household", helperCadreId: c.id, householdId: poor.id, startDate: "2025-01-01" },
    });
    expect(res.status).toBe(201);
    expect(ids(await gap(admin.token, "household_without_cadre", t))).toEqual([monitored.id]);
    await setHouseholdStatus(T, monitored.id, "exited");
    expect(await gap(admin.token, "household_without_cadre", t)).toEqual([]);
  });

  it("finds cadres over the household cap and cadres without a recent visit", async () => {
    const admin = await signIn(T, "county_admin");
    const t = await township(T);
    const v = await village(T, t);
    const busy = await cadre(T);
    const quiet = await cadre(T);
    await assignment(T, quiet.id, v.id, "team_member");
    for (let i = 0; i < 5; i++) {
      const h = await household(T, v.id);
      expect(
        (
          await api(T, "/pairings", {
            token: admin.token,
            json: { kind: "cadre_household", helperCadreId: busy.id, householdId: h.id, startDate: "2025-01-01" },
          })
        ).status,
      ).toBe(201);
    }
    expect(await gap(admin.token, "cadre_over_cap", t)).toEqual([]);
    await api(T, "/settings", { method: "PUT", token: admin.token, json: { householdCapPerCadre: 4 } });
    try {
      const over = await gap(admin.token, "cadre_over_cap", t);
      expect(over).toEqual([expect.objectContaining({ id: busy.id, value: 5, townshipCodes: [t] })]);
    } finally {
      await api(T, "/settings", { method: "PUT", token: admin.token, json: { householdCapPerCadre: 5 } });
    }
    expect(await gap(admin.token, "cadre_over_cap", t)).toEqual([]);

    expect(ids(await gap(admin.token, "cadre_no_recent_visit", t)).sort()).toEqual([busy.id, quiet.id].sort());
    const old = await api(T, "/visits", {
      token: admin.token,
      json: { cadreId: quiet.id, villageId: v.id, visitDate: "2020-01-01", occasion: "festival", notes: "春节慰问" },
    });
    expect(old.status).toBe(201);
    const stale = await gap(admin.token, "cadre_no_recent_visit", t);
    expect(stale.find((i) => i.id === quiet.id)?.value).toBe("2020-01-01");
    const recent = await api(T, "/visits", {
      token: admin.token,
      json: {
        cadreId: quiet.id,
        villageId: v.id,
        visitDate: todayInChina(),
        occasion: "hardship",
        notes: "了解灌溉困难",
      },
    });
    expect(recent.status).toBe(201);
    expect(ids(await gap(admin.token, "cadre_no_recent_visit", t))).toEqual([busy.id]);
  });

  it("shows a township officer their township only, and is closed to cadres", async () => {
    const admin = await signIn(T, "county_admin");
    const mine = await township(T);
    const theirs = await township(T);
    await village(T, mine, ["poor"]);
    await village(T, theirs, ["poor"]);
    const officer = await signIn(T, "township_officer", { townshipCode: mine });
    const s = (await (await api(T, "/coverage", { token: officer.token })).json()) as Summary;
    expect(s.townships.map((x) => x.code)).toEqual([mine]);
    expect(s.totals.no_first_secretary).toBe(1);
    expect((await api(T, `/coverage?townshipCode=${theirs}`, { token: officer.token })).status).toBe(404);
    expect((await api(T, `/coverage/no_first_secretary?townshipCode=${theirs}`, { token: officer.token })).status).toBe(
      404,
    );
    const all = (await (await api(T, "/coverage", { token: admin.token })).json()) as Summary;
    expect(all.townships.map((x) => x.code)).toEqual(expect.arrayContaining([mine, theirs]));
    const c = await signIn(T, "cadre");
    expect((await api(T, "/coverage", { token: c.token })).status).toBe(403);
    expect((await api(T, "/coverage/unknown_gap", { token: admin.token })).status).toBe(400);
  });

  it("renders the report and puts the headline numbers on the dashboard", async () => {
    const admin = await signIn(T, "county_admin");
    const t = await township(T);
    await village(T, t, ["poor"]);
    const page = await call(`/t/${T}/admin/coverage`, { headers: { Cookie: admin.cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("贫困村未派第一书记");
    expect(html).toContain(`gap=no_first_secretary&amp;townshipCode=${t}`);
    const list = await call(`/t/${T}/admin/coverage?gap=no_first_secretary&townshipCode=${t}`, {
      headers: { Cookie: admin.cookie },
    });
    expect(await list.text()).toContain("查看村");
    const dash = await (await call(`/t/${T}/admin`, { headers: { Cookie: admin.cookie } })).text();
    expect(dash).toContain("tile alert");
    expect(dash).toContain("/coverage?gap=no_first_secretary");
  });
});
