import { describe, expect, it } from "vitest";
import { api } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { assignment, cadre, household, place } from "../helpers/fixtures.ts";
import { createDecision, householdSetup, objectOk } from "../notices/fixtures.ts";

/** Issue "Integrity holes", scope leaks: reads and writes stay inside the user's scope. */
const T = "longquanyi";

describe("objectors' names stay inside the township that answers them", () => {
  it("shows names on a notice of the officer's township, not on another township's", async () => {
    const admin = await signIn(T, "county_admin");
    const mine = await householdSetup(T);
    const theirs = await householdSetup(T);
    const officer = await signIn(T, "township_officer", { townshipCode: mine.township });
    const here = await createDecision(T, admin.token, mine.householdId);
    const there = await createDecision(T, admin.token, theirs.householdId);
    await objectOk(T, here.noticeId, { name: "李异议", text: "情况不实" });
    await objectOk(T, there.noticeId, { name: "赵异议", text: "情况不实" });
    const read = async (id: number) =>
      (
        (await (await api(T, `/notices/${id}`, { token: officer.token })).json()) as {
          objections: { name: string | null }[];
        }
      ).objections;
    expect((await read(here.noticeId)).map((o) => o.name)).toEqual(["李异议"]);
    expect((await read(there.noticeId)).map((o) => o.name)).toEqual([null]);
    const auditor = await signIn(T, "auditor");
    const all = (await (await api(T, `/notices/${there.noticeId}`, { token: auditor.token })).json()) as {
      objections: { name: string | null }[];
    };
    expect(all.objections.map((o) => o.name)).toEqual(["赵异议"]);
  });
});

describe("a write never widens what its author may see", () => {
  it("refuses a cadre's pairing with a household outside the villages they are resident in; it stays unreadable", async () => {
    const home = await place(T);
    const away = await place(T);
    const me = await cadre(T);
    await assignment(T, me.id, home.village.id);
    const session = await signIn(T, "cadre", { cadreId: me.id });
    const outside = await household(T, away.village.id);
    const res = await api(T, "/pairings", {
      token: session.token,
      json: { kind: "cadre_household", helperCadreId: me.id, householdId: outside.id, startDate: "2025-01-01" },
    });
    expect(res.status).toBe(400);
    expect((await api(T, `/households/${outside.id}`, { token: session.token })).status).toBe(404);
    const leader = await api(T, "/pairings", {
      token: session.token,
      json: { kind: "leader_village", helperCadreId: me.id, villageId: away.village.id, startDate: "2025-01-01" },
    });
    expect(leader.status).toBe(400);
    // Inside the village they are resident in, the same request is fine.
    const inside = await household(T, home.village.id);
    const ok = await api(T, "/pairings", {
      token: session.token,
      json: { kind: "cadre_household", helperCadreId: me.id, householdId: inside.id, startDate: "2025-01-01" },
    });
    expect(ok.status, await ok.clone().text()).toBe(201);
    expect((await api(T, `/households/${inside.id}`, { token: session.token })).status).toBe(200);
  });
});
