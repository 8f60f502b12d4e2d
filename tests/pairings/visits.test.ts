import { describe, expect, it } from "vitest";
import { api, call, postForm, problem } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { csrfOf } from "../helpers/html.ts";
import { assignment, cadre, household, place } from "../helpers/fixtures.ts";

const T = "pingchuan";
type V = {
  id: number;
  cadreId: number;
  villageId: number;
  householdId: number | null;
  help: string[];
  occasion: string;
};

async function pairedCadre(adminToken: string) {
  const { village: v, townshipCode } = await place(T, ["poor"]);
  const c = await cadre(T);
  const h = await household(T, v.id);
  const res = await api(T, "/pairings", {
    token: adminToken,
    json: { kind: "cadre_household", helperCadreId: c.id, householdId: h.id, startDate: "2025-01-01" },
  });
  expect(res.status).toBe(201);
  return { c, h, v, townshipCode };
}

const visit = (extra: Record<string, unknown>) => ({
  visitDate: "2025-09-01",
  occasion: "busy_season",
  help: ["technology", "sales"],
  notes: "帮助联系花椒收购商",
  ...extra,
});

describe("visits", () => {
  it("lets a cadre record visits to their paired household and resident village, and nothing else", async () => {
    const admin = await signIn(T, "county_admin");
    const { c, h, v } = await pairedCadre(admin.token);
    const resident = (await place(T)).village;
    await assignment(T, c.id, resident.id, "team_member");
    const stranger = await household(T, v.id);
    const elsewhere = (await place(T)).village;
    const me = await signIn(T, "cadre", { cadreId: c.id });

    const ok = await api(T, "/visits", {
      token: me.token,
      json: visit({ householdId: h.id, followUpDate: "2025-10-01" }),
    });
    expect(ok.status, await ok.clone().text()).toBe(201);
    expect(await ok.json()).toMatchObject({
      cadreId: c.id,
      householdId: h.id,
      villageId: v.id,
      help: ["technology", "sales"],
    });
    expect(
      (
        await api(T, "/visits", {
          token: me.token,
          json: visit({ villageId: resident.id, occasion: "festival", help: [] }),
        })
      ).status,
    ).toBe(201);
    // the village of a paired household counts as paired too
    expect((await api(T, "/visits", { token: me.token, json: visit({ villageId: v.id }) })).status).toBe(201);

    const notMine = await api(T, "/visits", { token: me.token, json: visit({ householdId: stranger.id }) });
    expect(notMine.status).toBe(403);
    expect((await api(T, "/visits", { token: me.token, json: visit({ villageId: elsewhere.id }) })).status).toBe(403);
    const forOther = await api(T, "/visits", {
      token: me.token,
      json: visit({ householdId: h.id, cadreId: (await cadre(T)).id }),
    });
    expect(forOther.status).toBe(403);
    expect((await api(T, "/visits", { token: me.token, json: visit({ householdId: 999_999 }) })).status).toBe(404);

    const mine = (await (await api(T, "/visits", { token: me.token })).json()) as { total: number; items: V[] };
    expect(mine.total).toBe(3);
    expect(mine.items.every((x) => x.cadreId === c.id)).toBe(true);
  });

  it("validates occasion, help, dates and notes with field messages", async () => {
    const admin = await signIn(T, "county_admin");
    const { c, h } = await pairedCadre(admin.token);
    const me = await signIn(T, "cadre", { cadreId: c.id });
    const cases: [Record<string, unknown>, string][] = [
      [visit({ householdId: h.id, occasion: "birthday" }), "occasion"],
      [visit({ householdId: h.id, help: ["money"] }), "help.0"],
      [visit({ householdId: h.id, visitDate: "2025-13-01" }), "visitDate"],
      [visit({ householdId: h.id, followUpDate: "2025-08-01" }), "followUpDate"],
      [visit({ householdId: h.id, notes: " " }), "notes"],
      [visit({}), "householdId"],
      [visit({ householdId: h.id, visitDate: "2999-01-01" }), "visitDate"],
    ];
    for (const [body, field] of cases) {
      const res = await api(T, "/visits", { token: me.token, json: body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(
        (await problem(res)).errors?.map((e) => e.field),
        JSON.stringify(body),
      ).toContain(field);
    }
  });

  it("lets an admin record for any cadre (to that cadre's places) and lists per cadre, household and village", async () => {
    const admin = await signIn(T, "county_admin");
    const { c, h, v } = await pairedCadre(admin.token);
    const noCadre = await api(T, "/visits", { token: admin.token, json: visit({ householdId: h.id }) });
    expect(noCadre.status).toBe(400);
    expect((await problem(noCadre)).errors?.[0]?.field).toBe("cadreId");
    for (const d of ["2025-07-01", "2025-08-01"])
      expect(
        (
          await api(T, "/visits", {
            token: admin.token,
            json: visit({ cadreId: c.id, householdId: h.id, visitDate: d }),
          })
        ).status,
      ).toBe(201);
    const unrelated = await api(T, "/visits", {
      token: admin.token,
      json: visit({ cadreId: (await cadre(T)).id, householdId: h.id }),
    });
    expect(unrelated.status).toBe(400);
    for (const q of [`cadreId=${c.id}`, `householdId=${h.id}`, `villageId=${v.id}`]) {
      const list = (await (await api(T, `/visits?${q}`, { token: admin.token })).json()) as {
        total: number;
        items: V[];
      };
      expect(list.total, q).toBe(2);
    }
    const paged = (await (await api(T, `/visits?cadreId=${c.id}&size=1&page=2`, { token: admin.token })).json()) as {
      items: V[];
      total: number;
    };
    expect(paged.items).toHaveLength(1);
    const ranged = (await (await api(T, `/visits?cadreId=${c.id}&from=2025-07-15`, { token: admin.token })).json()) as {
      total: number;
    };
    expect(ranged.total).toBe(1);
    const csv = await api(T, `/visits/export?cadreId=${c.id}`, { token: admin.token });
    expect(csv.headers.get("content-type")).toContain("text/csv");
  });

  it("keeps township officers and other tenants out", async () => {
    const admin = await signIn(T, "county_admin");
    const { c, h, townshipCode } = await pairedCadre(admin.token);
    const res = await api(T, "/visits", { token: admin.token, json: visit({ cadreId: c.id, householdId: h.id }) });
    const v = (await res.json()) as V;
    const other = await place(T);
    const officer = await signIn(T, "township_officer", { townshipCode: other.townshipCode });
    expect((await api(T, `/visits/${v.id}`, { token: officer.token })).status).toBe(404);
    expect(
      (await api(T, "/visits", { token: officer.token, json: visit({ cadreId: c.id, householdId: h.id }) })).status,
    ).toBe(404);
    const own = await signIn(T, "township_officer", { townshipCode });
    expect((await api(T, `/visits/${v.id}`, { token: own.token })).status).toBe(200);
    const auditor = await signIn(T, "auditor");
    expect(
      (await api(T, "/visits", { token: auditor.token, json: visit({ cadreId: c.id, householdId: h.id }) })).status,
    ).toBe(403);
    const foreign = await signIn("dazhou", "county_admin");
    const probe = await api("dazhou", `/visits/${v.id}`, { token: foreign.token });
    expect(probe.status).toBe(404);
  });

  it("records a visit from the phone form as the signed-in cadre", async () => {
    const admin = await signIn(T, "county_admin");
    const { c, h } = await pairedCadre(admin.token);
    const me = await signIn(T, "cadre", { cadreId: c.id });
    const form = await call(`/t/${T}/admin/visits/new`, { headers: { Cookie: me.cookie } });
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain(`value="h:${h.id}"`);
    const bad = await postForm(
      `/t/${T}/admin/visits`,
      { _csrf: csrfOf(html), target: `h:${h.id}`, visitDate: "2025-09-02", occasion: "", notes: "x" },
      { cookie: me.cookie },
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("请选择走访情形");
    const res = await postForm(
      `/t/${T}/admin/visits`,
      {
        _csrf: csrfOf(html),
        target: `h:${h.id}`,
        visitDate: "2025-09-02",
        occasion: "hardship",
        help: "funds",
        notes: "送去临时救助申请表",
      },
      { cookie: me.cookie },
    );
    expect(res.status, await res.clone().text()).toBe(303);
    const list = (await (await api(T, `/visits?householdId=${h.id}`, { token: me.token })).json()) as { items: V[] };
    expect(list.items[0]).toMatchObject({ occasion: "hardship", help: ["funds"] });
  });

  it("lets an officer pick the cadre first on the form, then that cadre's households", async () => {
    const admin = await signIn(T, "county_admin");
    const { c, h } = await pairedCadre(admin.token);
    const step1 = await (await call(`/t/${T}/admin/visits/new`, { headers: { Cookie: admin.cookie } })).text();
    expect(step1).toContain('name="cadreId"');
    expect(step1).not.toContain('name="target"');
    const step2 = await (
      await call(`/t/${T}/admin/visits/new?cadreId=${c.id}`, { headers: { Cookie: admin.cookie } })
    ).text();
    expect(step2).toContain(`value="h:${h.id}"`);
    const res = await postForm(
      `/t/${T}/admin/visits`,
      {
        _csrf: csrfOf(step2),
        cadreId: String(c.id),
        target: `h:${h.id}`,
        visitDate: "2025-09-03",
        occasion: "festival",
        notes: "中秋慰问",
      },
      { cookie: admin.cookie },
    );
    expect(res.status).toBe(303);
    const list = await (
      await call(`/t/${T}/admin/visits?cadreId=${c.id}`, { headers: { Cookie: admin.cookie } })
    ).text();
    expect(list).toContain("中秋慰问");
  });
});
