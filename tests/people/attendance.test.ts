import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { assigned, cadreSession, createCadre, createUnit, township } from "./fixtures.ts";

describe("attendance (驻村天数)", () => {
  it("accepts 0..days-in-month, upserts, and refuses 32 days, 30 February and bad months with 400", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const unit = await createUnit("pingchuan", admin.token);
    const t = await township("pingchuan", admin.token, 1);
    const a = await createCadre("pingchuan", admin.token, unit.id);
    const x = await assigned("pingchuan", admin.token, a.id, t.villages[0]!.code, "first_secretary", "2024-01-15");
    const put = (month: string, days: unknown) =>
      api("pingchuan", `/assignments/${x.id}/attendance/${month}`, {
        method: "PUT",
        token: admin.token,
        json: { days },
      });
    expect((await put("2024-02", 29)).status).toBe(200); // leap year
    expect((await put("2024-03", 12)).status).toBe(200);
    expect((await put("2024-03", 22)).status).toBe(200); // corrected
    for (const [month, days, field] of [
      ["2024-05", 32, "days"],
      ["2025-02", 30, "days"],
      ["2025-02", 29, "days"],
      ["2024-04", 31, "days"],
      ["2024-05", -1, "days"],
      ["2024-05", 2.5, "days"],
      ["2024-13", 3, "month"],
      ["2024-5", 3, "month"],
      ["2023-12", 3, "month"], // before the assignment started
      ["2999-01", 3, "month"], // in the future
    ] as const) {
      const res = await put(month, days);
      expect(res.status, `${month} ${days}`).toBe(400);
      expect((await problem(res)).errors?.[0]?.field, `${month} ${days}`).toBe(field);
    }
    const list = (await (await api("pingchuan", `/assignments/${x.id}/attendance`, { token: admin.token })).json()) as {
      items: { month: string; days: number }[];
    };
    expect(list.items.map(({ month, days }) => ({ month, days }))).toEqual([
      { month: "2024-03", days: 22 },
      { month: "2024-02", days: 29 },
    ]);
    const finance = await signIn("pingchuan", "finance_officer");
    expect(
      (
        await api("pingchuan", `/assignments/${x.id}/attendance/2024-04`, {
          method: "PUT",
          token: finance.token,
          json: { days: 3 },
        })
      ).status,
    ).toBe(403);
  });

  it("lists who was rarely present in a month (fewer than N days, default 10; not recorded counts)", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const unit = await createUnit("pingchuan", admin.token);
    const t = await township("pingchuan", admin.token, 1);
    const v = t.villages[0]!.code;
    const cs = [];
    for (let i = 0; i < 5; i++) cs.push(await createCadre("pingchuan", admin.token, unit.id));
    const present = await assigned("pingchuan", admin.token, cs[0]!.id, v, "first_secretary", "2025-01-01");
    const rarely = await assigned("pingchuan", admin.token, cs[1]!.id, v, "team_member", "2025-01-01");
    const silent = await assigned("pingchuan", admin.token, cs[2]!.id, v, "team_member", "2025-01-01");
    const later = await assigned("pingchuan", admin.token, cs[3]!.id, v, "team_member", "2025-06-01");
    const gone = await assigned("pingchuan", admin.token, cs[4]!.id, v, "team_member", "2025-01-01");
    await api("pingchuan", `/assignments/${gone.id}/end`, {
      token: admin.token,
      json: { status: "recalled", date: "2025-02-15", reason: "unfit" },
    });
    const me = await cadreSession("pingchuan", admin.token, cs[1]!.id);
    expect(
      (
        await api("pingchuan", `/assignments/${rarely.id}/attendance/2025-03`, {
          method: "PUT",
          token: me.token,
          json: { days: 4 },
        })
      ).status,
    ).toBe(200);
    await api("pingchuan", `/assignments/${present.id}/attendance/2025-03`, {
      method: "PUT",
      token: admin.token,
      json: { days: 24 },
    });

    const low = (await (
      await api("pingchuan", `/attendance/low?month=2025-03&townshipCode=${t.code}`, { token: admin.token })
    ).json()) as { below: number; items: { id: number; days: number | null }[] };
    expect(low.below).toBe(10);
    expect(low.items.map((i) => [i.id, i.days])).toEqual([
      [silent.id, null],
      [rarely.id, 4],
    ]);
    const strict = (await (
      await api("pingchuan", `/attendance/low?month=2025-03&below=25&townshipCode=${t.code}`, { token: admin.token })
    ).json()) as { items: { id: number }[] };
    expect(strict.items.map((i) => i.id).sort((a, b) => a - b)).toEqual([present.id, rarely.id, silent.id]);
    const feb = (await (
      await api("pingchuan", `/attendance/low?month=2025-02&townshipCode=${t.code}`, { token: admin.token })
    ).json()) as { items: { id: number }[] };
    expect(feb.items.map((i) => i.id)).toContain(gone.id);
    expect(feb.items.map((i) => i.id)).not.toContain(later.id);
    expect((await api("pingchuan", "/attendance/low?month=2025-3", { token: admin.token })).status).toBe(400);
    expect((await api("pingchuan", "/attendance/low", { token: admin.token })).status).toBe(400);
    // A cadre sees only their own line.
    const own = (await (await api("pingchuan", "/attendance/low?month=2025-03", { token: me.token })).json()) as {
      items: { id: number }[];
    };
    expect(own.items.map((i) => i.id)).toEqual([rarely.id]);
  });
});
