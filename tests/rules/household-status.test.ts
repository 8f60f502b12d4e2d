import { describe, expect, it } from "vitest";
import { api, postForm, problem } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { freshIdNumber, household, place, unit, cadre } from "../helpers/fixtures.ts";

/** Issue "Integrity holes", 公示 before effect for households: no status is set without a decision's notice. */
const T = "longquanyi";
type Household = { id: number; status: string };
type Decision = {
  id: number;
  status: string;
  kind: string;
  householdId: number;
  toStatus: string;
  noticeId: number | null;
};

async function decisionsOf(token: string, householdId: number) {
  const res = await api(T, `/decisions?householdId=${householdId}`, { token });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Decision[] }).items;
}

describe("a household's poverty status changes only through a decision and its 公示", () => {
  it("registers a new household as 待认定 and keeps the status asked for as a proposed decision", async () => {
    const admin = await signIn(T, "county_admin");
    const { village } = await place(T);
    const res = await api(T, "/households", {
      token: admin.token,
      json: { headName: "王认定", idNumber: freshIdNumber(T), villageCode: village.code, status: "poor" },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const h = (await res.json()) as Household;
    expect(h.status).toBe("registered");
    const [proposal] = await decisionsOf(admin.token, h.id);
    expect(proposal).toMatchObject({ kind: "identification", status: "proposed", toStatus: "poor", noticeId: null });
    // Publishing starts the notice; the status still waits for it to end.
    const published = await api(T, `/decisions/${proposal!.id}/publish`, { token: admin.token, json: {} });
    expect(published.status, await published.clone().text()).toBe(200);
    expect(await published.json()).toMatchObject({ status: "noticed", householdStatus: "registered" });
    const finalize = await api(T, `/decisions/${proposal!.id}/finalize`, { method: "POST", token: admin.token });
    expect(finalize.status).toBe(409);
    const after = (await (await api(T, `/households/${h.id}`, { token: admin.token })).json()) as Household;
    expect(after.status).toBe("registered");
  });

  it("refuses a registration as 已脱贫", async () => {
    const admin = await signIn(T, "county_admin");
    const { village } = await place(T);
    const res = await api(T, "/households", {
      token: admin.token,
      json: { headName: "王退出", idNumber: freshIdNumber(T), villageCode: village.code, status: "exited" },
    });
    expect(res.status).toBe(400);
    expect((await problem(res)).errors?.[0]?.field).toBe("status");
  });

  it("turns POST /households/{id}/status-changes into a noticed decision; the status and the pairing stay", async () => {
    const admin = await signIn(T, "county_admin");
    const { village } = await place(T);
    const h = await household(T, village.id, "poor");
    const c = await cadre(T);
    const pairing = await api(T, "/pairings", {
      token: admin.token,
      json: { kind: "cadre_household", helperCadreId: c.id, householdId: h.id, startDate: "2025-01-01" },
    });
    expect(pairing.status).toBe(201);
    const { id: pairingId } = (await pairing.json()) as { id: number };
    const res = await api(T, `/households/${h.id}/status-changes`, {
      token: admin.token,
      json: { toStatus: "exited", effectiveDate: "2025-06-01", reason: "两不愁三保障已实现" },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toMatchObject({ kind: "exit", status: "noticed", householdStatus: "poor" });
    const after = (await (await api(T, `/households/${h.id}`, { token: admin.token })).json()) as Household;
    expect(after.status).toBe("poor");
    const history = (await (await api(T, `/households/${h.id}/status-changes`, { token: admin.token })).json()) as {
      items: unknown[];
    };
    expect(history.items).toEqual([]);
    const end = await api(T, `/pairings/${pairingId}/end`, {
      token: admin.token,
      json: { date: "2025-07-01", reason: "已脱贫" },
    });
    expect(end.status).toBe(409);
  });

  it("turns the household page's status form into a decision too", async () => {
    const { village, townshipCode } = await place(T);
    const officer = await signIn(T, "township_officer", { townshipCode });
    const h = await household(T, village.id, "poor");
    const res = await postForm(
      `/t/${T}/admin/households/${h.id}/status-changes`,
      {
        _csrf: officer.csrfToken,
        toStatus: "monitored",
        monitorKind: "unstable",
        effectiveDate: "2025-06-01",
        reason: "因病",
      },
      { cookie: officer.cookie },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toContain("/decisions");
    const after = (await (await api(T, `/households/${h.id}`, { token: officer.token })).json()) as Household;
    expect(after.status).toBe("poor");
    expect((await decisionsOf(officer.token, h.id)).map((d) => [d.kind, d.status])).toEqual([
      ["monitoring", "noticed"],
    ]);
  });

  it("imports households as 待认定 with proposed decisions, and refuses 已脱贫 rows", async () => {
    const admin = await signIn(T, "county_admin");
    const { village } = await place(T);
    const [a, b] = [freshIdNumber(T), freshIdNumber(T)];
    const csv = `户主姓名,身份证号,村级区划代码,户类型/状态\n甲户,${a},${village.code},未脱贫\n乙户,${b},${village.code},边缘易致贫户\n`;
    const up = await api(T, "/imports/households", {
      token: admin.token,
      body: csv,
      headers: { "Content-Type": "text/csv" },
    });
    expect(up.status).toBe(201);
    const preview = (await up.json()) as { id: number; errorCount: number };
    expect(preview.errorCount).toBe(0);
    const commit = await api(T, `/imports/${preview.id}/commit`, { method: "POST", token: admin.token });
    expect(commit.status, await commit.clone().text()).toBe(200);
    const list = (await (await api(T, `/households?villageCode=${village.code}`, { token: admin.token })).json()) as {
      items: Household[];
    };
    expect(list.items.map((h) => h.status)).toEqual(["registered", "registered"]);
    const proposals = await Promise.all(list.items.map((h) => decisionsOf(admin.token, h.id)));
    expect(
      proposals
        .flat()
        .map((d) => [d.kind, d.status])
        .sort(),
    ).toEqual([
      ["identification", "proposed"],
      ["monitoring", "proposed"],
    ]);
    const bad = await api(T, "/imports/households", {
      token: admin.token,
      body: `户主姓名,身份证号,村级区划代码,户类型/状态\n丙户,${freshIdNumber(T)},${village.code},已脱贫\n`,
      headers: { "Content-Type": "text/csv" },
    });
    expect(((await bad.json()) as { errors: { column: string }[] }).errors.map((e) => e.column)).toEqual([
      "户类型/状态",
    ]);
  });
});

describe("a poor village's 单位包村 ends only by handover (不脱贫不脱钩)", () => {
  it("refuses to end it, hands it over to another unit in one step, and still ends a non-poor village's", async () => {
    const admin = await signIn(T, "county_admin");
    const poor = await place(T, ["poor"]);
    const other = await place(T, ["model"]);
    const [u1, u2] = [await unit(T), await unit(T)];
    const mk = async (villageId: number) => {
      const res = await api(T, "/pairings", {
        token: admin.token,
        json: { kind: "unit_village", helperUnitId: u1.id, villageId, startDate: "2025-01-01" },
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: number }).id;
    };
    const p = await mk(poor.village.id);
    const end = await api(T, `/pairings/${p}/end`, {
      token: admin.token,
      json: { date: "2025-06-01", reason: "到期" },
    });
    expect(end.status).toBe(409);
    expect((await problem(end)).detail).toContain("贫困村");
    const handover = await api(T, `/pairings/${p}/handover`, {
      token: admin.token,
      json: { toUnitId: u2.id, date: "2025-06-01", reason: "单位调整" },
    });
    expect(handover.status, await handover.clone().text()).toBe(200);
    expect(await handover.json()).toMatchObject({
      previous: { status: "handed_over" },
      current: { status: "active", helperUnitId: u2.id, villageId: poor.village.id },
    });
    const q = await mk(other.village.id);
    const ok = await api(T, `/pairings/${q}/end`, { token: admin.token, json: { date: "2025-06-01", reason: "到期" } });
    expect(ok.status).toBe(200);
  });
});
