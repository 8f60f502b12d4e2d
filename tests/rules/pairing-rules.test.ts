import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { place, village } from "../helpers/fixtures.ts";

/** Issue "Integrity holes", 强村带弱村 (seed 004): the helper is a strong village, one per weak village. */
const T = "pingchuan";

const pair = (token: string, helperVillageId: number, villageId: number) =>
  api(T, "/pairings", {
    token,
    json: { kind: "village_village", helperVillageId, villageId, startDate: "2025-01-01" },
  });

describe("强村带弱村", () => {
  it("refuses a poor, weak or 空壳 village as the helper", async () => {
    const admin = await signIn(T, "county_admin");
    const weak = await place(T, ["weak_party_org"]);
    for (const tags of [["poor"], ["deeply_poor"], ["weak_party_org"], ["no_collective_income"]]) {
      const helper = await village(T, weak.townshipCode, tags);
      const res = await pair(admin.token, helper.id, weak.village.id);
      expect(res.status).toBe(400);
      expect((await problem(res)).errors?.[0]?.field).toBe("helperVillageId");
    }
  });

  it("gives a weak village one strong helper at a time, even when two requests race", async () => {
    const admin = await signIn(T, "county_admin");
    const weak = await place(T, ["weak_party_org"]);
    const [s1, s2, s3] = [
      await village(T, weak.townshipCode, ["model"]),
      await village(T, weak.townshipCode),
      await village(T, weak.townshipCode),
    ];
    expect((await pair(admin.token, s1.id, weak.village.id)).status).toBe(201);
    const second = await pair(admin.token, s2.id, weak.village.id);
    expect(second.status).toBe(409);
    expect((await problem(second)).detail).toContain("一个村只能有一个帮扶强村");
    const other = await place(T, ["no_collective_income"]);
    const raced = await Promise.all([
      pair(admin.token, s2.id, other.village.id),
      pair(admin.token, s3.id, other.village.id),
    ]);
    expect(raced.map((r) => r.status).sort()).toEqual([201, 409]);
  });
});
