import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { beijingDay, checkIn, checkedIn, lastBeijing, plusDays, residentCadre } from "./presence-fixtures.ts";

const T = "pingchuan";
const NEAR = { latitude: 36.7005, longitude: 104.8, accuracy: 20 };
type LeaveBody = { id: number; status: string; days: number; decidedBy: number | null; returnedOn: string | null };

const today = () => beijingDay(new Date());

async function requestLeave(token: string, json: Record<string, unknown>) {
  return api(T, "/leaves", { token, json: { kind: "personal", reason: "家中有事", ...json } });
}
async function requested(token: string, json: Record<string, unknown>): Promise<LeaveBody> {
  const res = await requestLeave(token, json);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as LeaveBody;
}
const post = (token: string, path: string, json: Record<string, unknown> = {}) => api(T, path, { token, json });

describe("leave (请假 / 销假)", () => {
  it("is requested by the cadre and approved by their township, never by another township or the cadre", async () => {
    const { cadre, officer } = await residentCadre(T);
    const other = await residentCadre(T);
    const l = await requested(cadre.token, { startDate: plusDays(today(), 2), endDate: plusDays(today(), 4) });
    expect(l).toMatchObject({ status: "pending", days: 3 });
    expect((await post(cadre.token, `/leaves/${l.id}/approve`)).status).toBe(403);
    expect((await post(other.officer.token, `/leaves/${l.id}/approve`)).status).toBe(404);
    expect((await api(T, `/leaves/${l.id}`, { token: other.cadre.token })).status).toBe(404);
    const ok = await post(officer.token, `/leaves/${l.id}/approve`, { note: "同意" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: "approved", decidedBy: officer.id, decisionNote: "同意" });
    expect((await post(officer.token, `/leaves/${l.id}/approve`)).status).toBe(409);
    expect((await post(officer.token, `/leaves/${l.id}/reject`, { note: "重复审批" })).status).toBe(409);
  });

  it("refuses a leave overlapping another pending or approved one, also when both arrive at once", async () => {
    const { cadre } = await residentCadre(T);
    const start = plusDays(today(), 5);
    await requested(cadre.token, { startDate: start, endDate: plusDays(start, 2) });
    const overlap = await requestLeave(cadre.token, { startDate: plusDays(start, 2), endDate: plusDays(start, 3) });
    expect(overlap.status).toBe(409);
    expect((await problem(overlap)).detail).toContain("重叠");
    const [a, b] = await Promise.all([
      requestLeave(cadre.token, { startDate: plusDays(start, 10), endDate: plusDays(start, 12) }),
      requestLeave(cadre.token, { startDate: plusDays(start, 11), endDate: plusDays(start, 11) }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const list = (await (await api(T, "/leaves", { token: cadre.token })).json()) as { total: number };
    expect(list.total).toBe(2);
  });

  it("refuses bad dates and kinds with 400, and a cadre without an active assignment with 409", async () => {
    const { cadre } = await residentCadre(T, { startDate: plusDays(today(), -3) });
    const cases: [Record<string, unknown>, string][] = [
      [{ startDate: plusDays(today(), 3), endDate: plusDays(today(), 1) }, "endDate"],
      [{ startDate: "2026-02-30", endDate: plusDays(today(), 1) }, "startDate"],
      [{ startDate: plusDays(today(), -10), endDate: plusDays(today(), -9) }, "startDate"], // before the assignment
      [{ startDate: plusDays(today(), 1), endDate: plusDays(today(), 200) }, "endDate"], // too long
      [{ startDate: plusDays(today(), 1), endDate: plusDays(today(), 2), kind: "holiday" }, "kind"],
      [{ startDate: plusDays(today(), 1), endDate: plusDays(today(), 2), reason: "" }, "reason"],
    ];
    for (const [json, field] of cases) {
      const res = await requestLeave(cadre.token, json);
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(
        (await problem(res)).errors?.map((e) => e.field),
        JSON.stringify(json),
      ).toContain(field);
    }
    const lone = await signIn(T, "cadre");
    expect(
      (await requestLeave(lone.token, { startDate: plusDays(today(), 1), endDate: plusDays(today(), 2) })).status,
    ).toBe(409);
    const officer = await signIn(T, "township_officer");
    expect(
      (await requestLeave(officer.token, { startDate: plusDays(today(), 1), endDate: plusDays(today(), 2) })).status,
    ).toBe(403);
  });

  it("blocks check-in during approved leave until 销假, which cannot be in the future", async () => {
    const { cadre, officer } = await residentCadre(T);
    const at = lastBeijing(9);
    const day = beijingDay(at);
    const l = await requested(cadre.token, { startDate: day, endDate: plusDays(day, 3), kind: "sick" });
    expect((await post(officer.token, `/leaves/${l.id}/approve`)).status).toBe(200);
    const blocked = await checkIn(T, cadre, { ...NEAR, checkedAt: at.toISOString() });
    expect(blocked.status).toBe(409);
    expect((await problem(blocked)).detail).toContain("销假");

    const future = await post(cadre.token, `/leaves/${l.id}/return`, { returnedOn: plusDays(today(), 1) });
    expect(future.status).toBe(400);
    expect((await problem(future)).errors?.[0]?.field).toBe("returnedOn");
    const finance = await signIn(T, "finance_officer");
    expect((await post(finance.token, `/leaves/${l.id}/return`, { returnedOn: day })).status).toBe(403);
    const back = await post(cadre.token, `/leaves/${l.id}/return`, { returnedOn: day });
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({ status: "returned", returnedOn: day, days: 0 });
    await checkedIn(T, cadre, { ...NEAR, checkedAt: at.toISOString() });
  });

  it("lets the township record 销假 for a cadre who reports back in person", async () => {
    const { cadre, officer } = await residentCadre(T);
    const day = plusDays(today(), -1);
    const l = await requested(cadre.token, { startDate: day, endDate: plusDays(day, 5) });
    expect((await post(officer.token, `/leaves/${l.id}/approve`)).status).toBe(200);
    const back = await post(officer.token, `/leaves/${l.id}/return`, { returnedOn: today() });
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({ status: "returned", days: 1 });
  });

  it("lets the requester withdraw a pending leave, after which it cannot be approved", async () => {
    const { cadre, officer } = await residentCadre(T);
    const l = await requested(cadre.token, { startDate: plusDays(today(), 20), endDate: plusDays(today(), 21) });
    expect((await post(officer.token, `/leaves/${l.id}/cancel`)).status).toBe(403);
    const res = await post(cadre.token, `/leaves/${l.id}/cancel`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "cancelled" });
    expect((await post(officer.token, `/leaves/${l.id}/approve`)).status).toBe(409);
    // A withdrawn leave does not block a new one for the same days.
    await requested(cadre.token, { startDate: plusDays(today(), 20), endDate: plusDays(today(), 21) });
  });

  it("excuses absence: a cadre on approved leave is not 长期不在岗; rejecting needs a reason", async () => {
    const away = await residentCadre(T);
    const l = await requested(away.cadre.token, {
      startDate: plusDays(today(), -2),
      endDate: plusDays(today(), 5),
      kind: "official",
    });
    expect((await post(away.officer.token, `/leaves/${l.id}/reject`, {})).status).toBe(400);
    expect((await post(away.officer.token, `/leaves/${l.id}/approve`)).status).toBe(200);
    const gap = (await (
      await api(T, `/coverage/cadre_long_absent?townshipCode=${away.townshipCode}`, { token: away.admin.token })
    ).json()) as { items: unknown[] };
    expect(gap.items).toEqual([]);
  });
});
