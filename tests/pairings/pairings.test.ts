import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { cadre, freeId, household, moveId, place, setHouseholdStatus, unit, village } from "../helpers/fixtures.ts";

type P = {
  id: number;
  kind: string;
  status: string;
  helperCadreId: number | null;
  householdId: number | null;
  handedOverToId: number | null;
  villageCode: string | null;
  townshipCode: string | null;
};
const T = "longquanyi";

async function create(token: string, body: Record<string, unknown>) {
  return api(T, "/pairings", { token, json: { startDate: "2025-01-01", ...body } });
}
async function created(token: string, body: Record<string, unknown>): Promise<P> {
  const res = await create(token, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as P;
}

describe("pairing sides per kind", () => {
  it("creates each of the six kinds with the sides its kind uses", async () => {
    const admin = await signIn(T, "county_admin");
    const { village: v, townshipCode } = await place(T, ["poor"]);
    const strong = await village(T, townshipCode, ["model"]);
    const dept = await unit(T, "party_government");
    const firm = await unit(T, "private_enterprise");
    const c = await cadre(T, dept.id);
    const h = await household(T, v.id);
    const made = [
      await created(admin.token, {
        kind: "unit_village",
        helperUnitId: dept.id,
        villageId: v.id,
        letterRef: "龙组〔2025〕3号",
      }),
      await created(admin.token, { kind: "branch_branch", helperUnitId: dept.id, villageId: v.id }),
      await created(admin.token, { kind: "enterprise_village", helperUnitId: firm.id, villageId: v.id }),
      await created(admin.token, { kind: "cadre_household", helperCadreId: c.id, householdId: h.id }),
      await created(admin.token, { kind: "leader_village", helperCadreId: c.id, villageId: v.id }),
      await created(admin.token, { kind: "village_village", helperVillageId: strong.id, villageId: v.id }),
    ];
    expect(made.map((p) => p.status)).toEqual(Array(6).fill("active"));
    // The household's pairing belongs to the household's village and township.
    expect(made[3]).toMatchObject({ villageCode: v.code, townshipCode });
    const list = (await (await api(T, `/pairings?villageId=${v.id}`, { token: admin.token })).json()) as {
      total: number;
    };
    expect(list.total).toBe(6);
  });

  it("refuses sides a kind does not use, missing sides, and the same village twice, with field messages", async () => {
    const admin = await signIn(T, "county_admin");
    const { village: v } = await place(T);
    const u = await unit(T);
    const c = await cadre(T, u.id);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ kind: "unit_village", villageId: v.id }, "helperUnitId", "须选择帮扶单位"],
      [{ kind: "unit_village", helperUnitId: u.id, villageId: v.id, helperCadreId: c.id }, "helperCadreId", "不填写"],
      [{ kind: "cadre_household", helperCadreId: c.id, villageId: v.id }, "householdId", "须选择被帮扶户"],
      [{ kind: "village_village", helperVillageId: v.id, villageId: v.id }, "villageId", "两个不同的村"],
      [{ kind: "rich_poor", helperUnitId: u.id, villageId: v.id }, "kind", "结对类型"],
      [{ kind: "unit_village", helperUnitId: u.id, villageId: v.id, startDate: "2025-02-30" }, "startDate", "有效日期"],
    ];
    for (const [body, field, text] of cases) {
      const res = await create(admin.token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const p = await problem(res);
      expect(p.errors?.find((e) => e.field === field)?.message, JSON.stringify(p)).toContain(text);
    }
  });

  it("requires an enterprise for 村企联建", async () => {
    const admin = await signIn(T, "county_admin");
    const { village: v } = await place(T);
    const school = await unit(T, "school");
    const res = await create(admin.token, { kind: "enterprise_village", helperUnitId: school.id, villageId: v.id });
    expect(res.status).toBe(400);
    const p = await problem(res);
    expect(p.errors?.[0]).toMatchObject({ field: "helperUnitId" });
    expect(p.errors?.[0]?.message).toContain("企业");
    const stateFirm = await unit(T, "state_enterprise");
    expect(
      (await create(admin.token, { kind: "enterprise_village", helperUnitId: stateFirm.id, villageId: v.id })).status,
    ).toBe(201);
  });

  it("refuses units, cadres, villages and households of another tenant", async () => {
    const admin = await signIn(T, "county_admin");
    const { village: v } = await place(T);
    const u = await unit(T);
    const c = await cadre(T, u.id);
    // Real records of pingchuan, with ids that exist nowhere in longquanyi.
    const other = await place("pingchuan");
    const foreign = {
      unit: await freeId("units", T, "pingchuan"),
      cadre: await freeId("cadres", T, "pingchuan"),
      village: await freeId("villages", T, "pingchuan"),
      household: await freeId("households", T, "pingchuan"),
    };
    const otherUnit = await unit("pingchuan");
    await moveId("pingchuan", "units", otherUnit.id, foreign.unit);
    await moveId("pingchuan", "cadres", (await cadre("pingchuan", foreign.unit)).id, foreign.cadre);
    await moveId("pingchuan", "villages", (await village("pingchuan", other.townshipCode)).id, foreign.village);
    await moveId("pingchuan", "households", (await household("pingchuan", other.village.id)).id, foreign.household);
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: "unit_village", helperUnitId: foreign.unit, villageId: v.id }, "helperUnitId"],
      [{ kind: "unit_village", helperUnitId: u.id, villageId: foreign.village }, "villageId"],
      [{ kind: "cadre_household", helperCadreId: c.id, householdId: foreign.household }, "householdId"],
      [{ kind: "leader_village", helperCadreId: foreign.cadre, villageId: v.id }, "helperCadreId"],
    ];
    for (const [body, field] of cases) {
      const res = await create(admin.token, body);
      expect([400, 404]).toContain(res.status);
      expect((await problem(res)).errors?.[0]?.field).toBe(field);
    }
    // …while the same ids work in their own tenant.
    const b = await signIn("pingchuan", "county_admin");
    const theirs = await api("pingchuan", "/pairings", {
      token: b.token,
      json: { kind: "unit_village", helperUnitId: foreign.unit, villageId: foreign.village, startDate: "2025-01-01" },
    });
    expect(theirs.status).toBe(201);
    // A pairing of tenant B, under an id unused in tenant A, is not found in A — not even to end it.
    const theirId = await freeId("pairings", T, "pingchuan");
    await moveId("pingchuan", "pairings", ((await theirs.json()) as P).id, theirId);
    expect((await api("pingchuan", `/pairings/${theirId}`, { token: b.token })).status).toBe(200);
    expect((await api(T, `/pairings/${theirId}`, { token: admin.token })).status).toBe(404);
    expect(
      (await api(T, `/pairings/${theirId}/end`, { token: admin.token, json: { date: "2025-06-01", reason: "x" } }))
        .status,
    ).toBe(404);
    expect((await api(T, `/pairings/${theirId + 900_000}`, { token: admin.token })).status).toBe(404);
  });
});

describe("one responsible cadre per household and 不脱贫不脱钩", () => {
  it("allows one active responsible cadre per household", async () => {
    const admin = await signIn(T, "county_admin");
    const { village: v } = await place(T);
    const [a, b] = [await cadre(T), await cadre(T)];
    const h = await household(T, v.id);
    await created(admin.token, { kind: "cadre_household", helperCadreId: a.id, householdId: h.id });
    const second = await create(admin.token, { kind: "cadre_household", helperCadreId: b.id, householdId: h.id });
    expect(second.status).toBe(409);
    expect((await problem(second)).detail).toContain("帮扶责任人");
  });

  it("will not end a poor household's pairing, hands it over in one step, and ends it once the household exits", async () => {
    const admin = await signIn(T, "county_admin");
    const { village: v } = await place(T);
    const [a, b] = [await cadre(T), await cadre(T)];
    const h = await household(T, v.id, "poor");
    const p = await created(admin.token, { kind: "cadre_household", helperCadreId: a.id, householdId: h.id });
    const end = await api(T, `/pairings/${p.id}/end`, {
      token: admin.token,
      json: { date: "2025-06-01", reason: "工作调动" },
    });
    expect(end.status).toBe(409);
    expect((await problem(end)).detail).toContain("不脱钩");
    await setHouseholdStatus(T, h.id, "monitored");
    expect(
      (await api(T, `/pairings/${p.id}/end`, { token: admin.token, json: { date: "2025-06-01", reason: "工作调动" } }))
        .status,
    ).toBe(409);
    expect(((await (await api(T, `/pairings/${p.id}`, { token: admin.token })).json()) as P).status).toBe("active");

    const bad = await api(T, `/pairings/${p.id}/handover`, {
      token: admin.token,
      json: { toCadreId: a.id, date: "2025-06-01", reason: "x" },
    });
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.[0]?.field).toBe("toCadreId");

    const ho = await api(T, `/pairings/${p.id}/handover`, {
      token: admin.token,
      json: { toCadreId: b.id, date: "2025-06-01", reason: "原帮扶人调离" },
    });
    expect(ho.status, await ho.clone().text()).toBe(200);
    const { previous, current } = (await ho.json()) as { previous: P; current: P };
    expect(previous).toMatchObject({ status: "handed_over", handedOverToId: current.id });
    expect(current).toMatchObject({ status: "active", helperCadreId: b.id, householdId: h.id });
    const again = await api(T, `/pairings/${p.id}/handover`, {
      token: admin.token,
      json: { toCadreId: b.id, date: "2025-06-02", reason: "x" },
    });
    expect(again.status).toBe(409);
    const active = (await (
      await api(T, `/pairings?householdId=${h.id}&status=active`, { token: admin.token })
    ).json()) as { total: number };
    expect(active.total).toBe(1);

    await setHouseholdStatus(T, h.id, "exited");
    const ok = await api(T, `/pairings/${current.id}/end`, {
      token: admin.token,
      json: { date: "2025-12-31", reason: "该户已脱贫" },
    });
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect(((await ok.json()) as P).status).toBe("ended");
    expect(
      (
        await api(T, `/pairings/${current.id}/end`, {
          token: admin.token,
          json: { date: "2025-12-31", reason: "再次" },
        })
      ).status,
    ).toBe(409);
  });

  it("ends other kinds normally, once, and not before they started", async () => {
    const admin = await signIn(T, "county_admin");
    const { village: v } = await place(T);
    const u = await unit(T);
    const p = await created(admin.token, { kind: "unit_village", helperUnitId: u.id, villageId: v.id });
    const early = await api(T, `/pairings/${p.id}/end`, {
      token: admin.token,
      json: { date: "2024-12-31", reason: "x" },
    });
    expect(early.status).toBe(400);
    expect(
      (await api(T, `/pairings/${p.id}/end`, { token: admin.token, json: { date: "2025-12-31", reason: "任务完成" } }))
        .status,
    ).toBe(200);
    expect(
      (await api(T, `/pairings/${p.id}/end`, { token: admin.token, json: { date: "2025-12-31", reason: "任务完成" } }))
        .status,
    ).toBe(409);
    expect(
      (
        await api(T, `/pairings/${p.id}/handover`, {
          token: admin.token,
          json: { toCadreId: (await cadre(T)).id, date: "2025-12-31", reason: "x" },
        })
      ).status,
    ).toBe(409);
  });
});

describe("household cap per cadre", () => {
  it("enforces the cap on create and handover, and follows the setting", async () => {
    const admin = await signIn(T, "county_admin");
    const { village: v } = await place(T);
    const busy = await cadre(T);
    const other = await cadre(T);
    for (let i = 0; i < 5; i++)
      await created(admin.token, {
        kind: "cadre_household",
        helperCadreId: busy.id,
        householdId: (await household(T, v.id)).id,
      });
    const sixth = await create(admin.token, {
      kind: "cadre_household",
      helperCadreId: busy.id,
      householdId: (await household(T, v.id)).id,
    });
    expect(sixth.status).toBe(409);
    expect((await problem(sixth)).detail).toContain("5 户");
    const theirs = await created(admin.token, {
      kind: "cadre_household",
      helperCadreId: other.id,
      householdId: (await household(T, v.id)).id,
    });
    const ho = await api(T, `/pairings/${theirs.id}/handover`, {
      token: admin.token,
      json: { toCadreId: busy.id, date: "2025-03-01", reason: "调整" },
    });
    expect(ho.status).toBe(409);
    expect((await problem(ho)).detail).toContain("上限");
    expect(((await (await api(T, `/pairings/${theirs.id}`, { token: admin.token })).json()) as P).status).toBe(
      "active",
    );

    const put = await api(T, "/settings", { method: "PUT", token: admin.token, json: { householdCapPerCadre: 6 } });
    expect(put.status).toBe(200);
    try {
      expect(
        (
          await api(T, `/pairings/${theirs.id}/handover`, {
            token: admin.token,
            json: { toCadreId: busy.id, date: "2025-03-01", reason: "调整" },
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await create(admin.token, {
            kind: "cadre_household",
            helperCadreId: busy.id,
            householdId: (await household(T, v.id)).id,
          })
        ).status,
      ).toBe(409);
    } finally {
      await api(T, "/settings", { method: "PUT", token: admin.token, json: { householdCapPerCadre: 5 } });
    }
  });

  it("lets exactly one of two concurrent creates take the last place", async () => {
    const admin = await signIn(T, "county_admin");
    const { village: v } = await place(T);
    const c = await cadre(T);
    for (let i = 0; i < 4; i++)
      await created(admin.token, {
        kind: "cadre_household",
        helperCadreId: c.id,
        householdId: (await household(T, v.id)).id,
      });
    const [h1, h2] = [await household(T, v.id), await household(T, v.id)];
    const results = await Promise.all(
      [h1, h2].map((h) => create(admin.token, { kind: "cadre_household", helperCadreId: c.id, householdId: h.id })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const list = (await (await api(T, `/pairings?cadreId=${c.id}&status=active`, { token: admin.token })).json()) as {
      total: number;
    };
    expect(list.total).toBe(5);
  });
});

describe("scope", () => {
  it("shows a cadre only their own pairings; they may edit notes but not create for others or hand over", async () => {
    const admin = await signIn(T, "county_admin");
    const { village: v } = await place(T);
    const me = await cadre(T);
    const colleague = await cadre(T);
    const mine = await created(admin.token, {
      kind: "cadre_household",
      helperCadreId: me.id,
      householdId: (await household(T, v.id)).id,
    });
    const theirs = await created(admin.token, {
      kind: "cadre_household",
      helperCadreId: colleague.id,
      householdId: (await household(T, v.id)).id,
    });
    const session = await signIn(T, "cadre", { cadreId: me.id });
    const list = (await (await api(T, "/pairings", { token: session.token })).json()) as { items: P[]; total: number };
    expect(list.items.map((p) => p.id)).toEqual([mine.id]);
    expect((await api(T, `/pairings/${theirs.id}`, { token: session.token })).status).toBe(404);
    expect(
      (await api(T, `/pairings/${theirs.id}`, { method: "PATCH", token: session.token, json: { notes: "x" } })).status,
    ).toBe(404);
    const edit = await api(T, `/pairings/${mine.id}`, {
      method: "PATCH",
      token: session.token,
      json: { notes: "每月走访一次", letterRef: "责任书-7" },
    });
    expect(edit.status).toBe(200);
    expect(await edit.json()).toMatchObject({ notes: "每月走访一次", letterRef: "责任书-7" });
    const forOther = await create(session.token, {
      kind: "cadre_household",
      helperCadreId: colleague.id,
      householdId: (await household(T, v.id)).id,
    });
    expect(forOther.status).toBe(403);
    const unitPair = await create(session.token, { kind: "unit_village", helperUnitId: me.unitId, villageId: v.id });
    expect(unitPair.status).toBe(403);
    expect(
      (
        await api(T, `/pairings/${mine.id}/handover`, {
          token: session.token,
          json: { toCadreId: colleague.id, date: "2025-05-01", reason: "x" },
        })
      ).status,
    ).toBe(403);
    const auditor = await signIn(T, "auditor");
    expect(
      (await create(auditor.token, { kind: "unit_village", helperUnitId: me.unitId, villageId: v.id })).status,
    ).toBe(403);
  });

  it("keeps township officers to pairings in their township", async () => {
    const admin = await signIn(T, "county_admin");
    const here = await place(T);
    const there = await place(T);
    const u = await unit(T);
    const c = await cadre(T, u.id);
    const inside = await created(admin.token, { kind: "unit_village", helperUnitId: u.id, villageId: here.village.id });
    const outside = await created(admin.token, {
      kind: "unit_village",
      helperUnitId: u.id,
      villageId: there.village.id,
    });
    const outsideHousehold = await created(admin.token, {
      kind: "cadre_household",
      helperCadreId: c.id,
      householdId: (await household(T, there.village.id)).id,
    });
    const officer = await signIn(T, "township_officer", { townshipCode: here.townshipCode });
    const list = (await (await api(T, `/pairings?unitId=${u.id}`, { token: officer.token })).json()) as { items: P[] };
    expect(list.items.map((p) => p.id)).toEqual([inside.id]);
    for (const p of [outside, outsideHousehold]) {
      expect((await api(T, `/pairings/${p.id}`, { token: officer.token })).status).toBe(404);
      expect(
        (await api(T, `/pairings/${p.id}/end`, { token: officer.token, json: { date: "2025-06-01", reason: "x" } }))
          .status,
      ).toBe(404);
    }
    const res = await create(officer.token, { kind: "unit_village", helperUnitId: u.id, villageId: there.village.id });
    expect(res.status).toBe(400);
    expect((await problem(res)).errors?.[0]?.field).toBe("villageId");
    const outHousehold = await create(officer.token, {
      kind: "cadre_household",
      helperCadreId: c.id,
      householdId: (await household(T, there.village.id)).id,
    });
    expect(outHousehold.status).toBe(400);
    expect(
      (
        await create(officer.token, {
          kind: "cadre_household",
          helperCadreId: c.id,
          householdId: (await household(T, here.village.id)).id,
        })
      ).status,
    ).toBe(201);
  });
});

describe("settings", () => {
  it("has the seed defaults, validates input and is only changed by county admins", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const s = await (await api("pingchuan", "/settings", { token: admin.token })).json();
    expect(s).toEqual({
      minResidentMembers: 3,
      householdCapPerCadre: 5,
      visitGapDays: 30,
      absenceGapDays: 7,
      batchesSeparatePayer: 1,
    });
    const bad = await api("pingchuan", "/settings", {
      method: "PUT",
      token: admin.token,
      json: { householdCapPerCadre: 0, visitGapDays: 2.5 },
    });
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.map((e) => e.field).sort()).toEqual(["householdCapPerCadre", "visitGapDays"]);
    const officer = await signIn("pingchuan", "township_officer");
    expect(
      (await api("pingchuan", "/settings", { method: "PUT", token: officer.token, json: { visitGapDays: 10 } })).status,
    ).toBe(403);
    const ok = await api("pingchuan", "/settings", { method: "PUT", token: admin.token, json: { visitGapDays: 45 } });
    expect(await ok.json()).toEqual({
      minResidentMembers: 3,
      householdCapPerCadre: 5,
      visitGapDays: 45,
      absenceGapDays: 7,
      batchesSeparatePayer: 1,
    });
  });
});
