import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { beijingDay, checkIn, checkedIn, lastBeijing, residentCadre } from "./presence-fixtures.ts";

const T = "pingchuan";
// Metres per degree of latitude (the village sits at 36.7 N, 104.8 E).
const NEAR = { latitude: 36.7005, longitude: 104.8, accuracy: 20 };
const FAR = { latitude: 36.79, longitude: 104.8, accuracy: 30 };

describe("check-in (签到)", () => {
  it("records morning and evening by Beijing time, flags a far check-in without refusing it, and refuses a second tap", async () => {
    const { cadre } = await residentCadre(T);
    const morning = lastBeijing(9);
    const evening = lastBeijing(15);
    const m = await checkedIn(T, cadre, { ...NEAR, checkedAt: morning.toISOString() });
    expect(m).toMatchObject({ day: beijingDay(morning), slot: "morning", flag: null });
    expect(m.distanceM).toBeGreaterThan(40);
    expect(m.distanceM).toBeLessThan(70);
    const e = await checkedIn(T, cadre, { ...FAR, checkedAt: evening.toISOString() });
    expect(e).toMatchObject({ day: beijingDay(evening), slot: "evening", flag: "far" });
    expect(e.distanceM).toBeGreaterThan(9_900);
    expect(e.distanceM).toBeLessThan(10_100);

    const again = await checkIn(T, cadre, { ...NEAR, checkedAt: new Date(morning.getTime() + 60_000).toISOString() });
    expect(again.status).toBe(409);
    expect((await problem(again)).detail).toContain("上午已经签到过了");
    const rows = (await (await api(T, "/check-ins", { token: cadre.token })).json()) as { total: number };
    expect(rows.total).toBe(2);
  });

  it("takes a check-in without location when a reason is given (the page without JavaScript), and flags it", async () => {
    const { cadre } = await residentCadre(T);
    const at = lastBeijing(10);
    const c = await checkedIn(T, cadre, { noLocationReason: "unsupported", checkedAt: at.toISOString() });
    expect(c).toMatchObject({ flag: "no_location", noLocationReason: "unsupported", distanceM: null });
  });

  it("flags a check-in in a village without a registered location", async () => {
    const { cadre } = await residentCadre(T, { located: false });
    const c = await checkedIn(T, cadre, { ...NEAR, checkedAt: lastBeijing(9).toISOString() });
    expect(c).toMatchObject({ flag: "village_unlocated", distanceM: null });
  });

  it("refuses bad input with 400 naming the field, and records nothing", async () => {
    const { cadre } = await residentCadre(T);
    const now = Date.now();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...NEAR, checkedAt: new Date(now + 3_600_000).toISOString() }, "checkedAt"], // future
      [{ ...NEAR, checkedAt: new Date(now - 25 * 3_600_000).toISOString() }, "checkedAt"], // too old
      [{ ...NEAR, checkedAt: "yesterday" }, "checkedAt"],
      [{ latitude: 91, longitude: 104 }, "latitude"],
      [{ latitude: 36, longitude: -181 }, "longitude"],
      [{ latitude: 36 }, "longitude"],
      [{ latitude: "north", longitude: 104 }, "latitude"],
      [{}, "noLocationReason"],
      [{ noLocationReason: "lazy" }, "noLocationReason"],
      [{ ...NEAR, accuracy: -5 }, "accuracy"],
      [{ ...NEAR, note: "x".repeat(201) }, "note"],
    ];
    for (const [json, field] of cases) {
      const res = await checkIn(T, cadre, json);
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(
        (await problem(res)).errors?.map((e) => e.field),
        JSON.stringify(json),
      ).toContain(field);
    }
    const rows = (await (await api(T, "/check-ins", { token: cadre.token })).json()) as { total: number };
    expect(rows.total).toBe(0);
  });

  it("lets only a cadre check in, only into their own active assignment", async () => {
    const one = await residentCadre(T);
    const two = await residentCadre(T);
    expect((await checkIn(T, one.officer, NEAR)).status).toBe(403);
    expect((await checkIn(T, one.admin, NEAR)).status).toBe(403);
    // Another cadre's assignment is not found, not refused.
    expect((await checkIn(T, one.cadre, { ...NEAR, assignmentId: two.assignmentId })).status).toBe(404);
    // A cadre without an active assignment has nothing to check in to.
    const lone = await signIn(T, "cadre");
    expect((await checkIn(T, lone, NEAR)).status).toBe(409);
  });

  it("reports the month's check-in days as resident days, which the township confirms (never the cadre)", async () => {
    const { cadre, officer, assignmentId } = await residentCadre(T);
    const first = await checkedIn(T, cadre, { ...NEAR, checkedAt: lastBeijing(9).toISOString() });
    const second = await checkedIn(T, cadre, { ...NEAR, checkedAt: lastBeijing(15).toISOString() });
    const month = first.day.slice(0, 7);
    // The two may fall on one day or two (and even two months), depending on when the test runs.
    const expected = new Set([first.day, second.day].filter((d) => d.startsWith(month))).size;
    const list = (await (await api(T, `/assignments/${assignmentId}/attendance`, { token: officer.token })).json()) as {
      items: { month: string; days: number; status: string; reportedBy: number }[];
    };
    const row = list.items.find((r) => r.month === month)!;
    expect(row).toMatchObject({ days: expected, status: "reported", reportedBy: cadre.id });

    const confirm = (token: string) =>
      api(T, `/assignments/${assignmentId}/attendance/${month}/confirm`, { token, json: { days: row.days } });
    expect((await confirm(cadre.token)).status).toBe(403);
    expect((await confirm(officer.token)).status).toBe(200);
  });

  it("shows check-ins to the cadre, their township and the county only", async () => {
    const one = await residentCadre(T);
    const two = await residentCadre(T);
    await checkedIn(T, one.cadre, { ...NEAR, checkedAt: lastBeijing(9).toISOString() });
    const totalFor = async (token: string, q = "") =>
      ((await (await api(T, `/check-ins${q}`, { token })).json()) as { total: number }).total;
    expect(await totalFor(one.cadre.token)).toBe(1);
    expect(await totalFor(two.cadre.token)).toBe(0);
    expect(await totalFor(two.officer.token)).toBe(0);
    expect(await totalFor(one.officer.token)).toBe(1);
    expect(await totalFor(one.admin.token, `?townshipCode=${one.townshipCode}`)).toBe(1);
    const auditor = await signIn(T, "auditor");
    expect(await totalFor(auditor.token, `?townshipCode=${one.townshipCode}`)).toBe(1);
    const finance = await signIn(T, "finance_officer");
    expect((await api(T, "/check-ins", { token: finance.token })).status).toBe(403);
    // Another tenant's county admin sees nothing of this tenant.
    const other = await signIn("longquanyi", "county_admin");
    const there = await api("longquanyi", `/check-ins?townshipCode=${one.townshipCode}`, { token: other.token });
    expect(((await there.json()) as { total: number }).total).toBe(0);
  });

  it("sums the month for the township: check-in days, flagged check-ins, leave days and recorded days", async () => {
    const { cadre, officer, assignmentId } = await residentCadre(T);
    const m = await checkedIn(T, cadre, { ...FAR, checkedAt: lastBeijing(9).toISOString() });
    const res = await api(T, `/check-ins/summary?month=${m.day.slice(0, 7)}`, { token: officer.token });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      items: { assignmentId: number; checkInDays: number; flaggedCheckIns: number }[];
    };
    expect(body.items.find((r) => r.assignmentId === assignmentId)).toMatchObject({
      checkInDays: 1,
      flaggedCheckIns: 1,
      leaveDays: 0,
      reportedDays: 1,
      attendanceStatus: "reported",
    });
    expect((await api(T, "/check-ins/summary?month=2025-13", { token: officer.token })).status).toBe(400);
  });

  it("shows a resident cadre without a check-in for N days as 长期不在岗 on the coverage screen", async () => {
    const silent = await residentCadre(T);
    const present = await residentCadre(T);
    await checkedIn(T, present.cadre, { ...NEAR, checkedAt: lastBeijing(9).toISOString() });
    const gap = async (townshipCode: string) =>
      (await (
        await api(T, `/coverage/cadre_long_absent?townshipCode=${townshipCode}`, { token: silent.admin.token })
      ).json()) as { items: { id: number; value: string | null }[] };
    expect((await gap(silent.townshipCode)).items.map((i) => i.id)).toEqual([silent.cadreId]);
    expect((await gap(silent.townshipCode)).items[0]!.value).toBeNull();
    expect((await gap(present.townshipCode)).items).toEqual([]);
    const summary = (await (
      await api(T, `/coverage?townshipCode=${silent.townshipCode}`, { token: silent.officer.token })
    ).json()) as { totals: Record<string, number> };
    expect(summary.totals.cadre_long_absent).toBe(1);
  });

  it("records a village's location only as a valid pair of coordinates", async () => {
    const { admin, village } = await residentCadre(T, { located: false });
    const patch = (json: Record<string, unknown>) =>
      api(T, `/villages/${village.code}`, { method: "PATCH", token: admin.token, json });
    for (const [json, field] of [
      [{ latitude: 36.7 }, "longitude"],
      [{ latitude: 91, longitude: 104 }, "latitude"],
      [{ latitude: 36, longitude: 200 }, "longitude"],
    ] as const) {
      const res = await patch(json);
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect((await problem(res)).errors?.map((e) => e.field)).toContain(field);
    }
    expect((await patch({ latitude: 36.71, longitude: 104.81 })).status).toBe(200);
    const v = (await (await api(T, `/villages/${village.code}`, { token: admin.token })).json()) as {
      latitude: number;
      longitude: number;
    };
    expect(v).toMatchObject({ latitude: 36.71, longitude: 104.81 });
  });
});
