import { describe, expect, it } from "vitest";
import { api, call } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { place, village } from "../helpers/fixtures.ts";
import { idBorn, registerOfficial } from "./helpers.ts";

interface Reports {
  year: number;
  concurrent: { rows: { townshipCode: string; count: number; total: number }[]; count: number; total: number };
  youngInPoorVillages: {
    rows: { villageCode: string; young: number; members: number }[];
    villagesMeeting: number;
    villages: number;
  };
  newSecretaries: { rows: { source: string; count: number }[]; wealthLeaders: number; total: number };
}

describe("村两委 reports (seeds 001 and 004)", () => {
  it("counts 一肩挑, young members of poor villages and 致富能手 among new secretaries, inside the scope", async () => {
    const T = "dazhou";
    const admin = await signIn(T, "county_admin");
    const { townshipCode, village: v1 } = await place(T, ["poor"]);
    const v2 = await village(T, townshipCode, ["deeply_poor"]);
    const v3 = await village(T, townshipCode, ["model"]);
    await village(T, townshipCode);
    const reg = (body: Record<string, unknown>) =>
      registerOfficial(T, admin.token, { idNumber: idBorn(1975), ...body });
    await reg({
      villageCode: v1.code,
      name: "甲书记",
      post: "party_secretary",
      concurrentDirector: true,
      source: "wealth_leader",
      termStart: "2026-01-10",
    });
    await reg({ villageCode: v1.code, name: "甲委员", post: "member", idNumber: idBorn(1998) });
    await reg({ villageCode: v1.code, name: "甲组长", post: "group_leader", idNumber: idBorn(1999) });
    await reg({
      villageCode: v2.code,
      name: "乙书记",
      post: "party_secretary",
      source: "veteran",
      termStart: "2026-02-01",
    });
    await reg({ villageCode: v2.code, name: "乙主任", post: "committee_director" });
    await reg({
      villageCode: v3.code,
      name: "丙书记",
      post: "party_secretary",
      concurrentDirector: true,
      termStart: "2018-01-01",
    });
    // Another township's village does not count for this township's officer.
    const elsewhere = await place(T, ["poor"]);
    await reg({
      villageCode: elsewhere.village.code,
      name: "丁书记",
      post: "party_secretary",
      concurrentDirector: true,
      source: "wealth_leader",
      termStart: "2026-03-01",
    });

    const officer = await signIn(T, "township_officer", { townshipCode });
    const res = await api(T, "/village-officials/reports?year=2026", { token: officer.token });
    expect(res.status).toBe(200);
    const r = (await res.json()) as Reports;
    expect(r.concurrent).toMatchObject({ count: 2, total: 4 });
    expect(r.concurrent.rows).toEqual([expect.objectContaining({ townshipCode, count: 2, total: 4 })]);
    expect(r.youngInPoorVillages).toMatchObject({ villages: 2, villagesMeeting: 1 });
    // Group leaders are not 两委 members: v1 has two members, one of them young.
    expect(r.youngInPoorVillages.rows.find((x) => x.villageCode === v1.code)).toMatchObject({ young: 1, members: 2 });
    expect(r.youngInPoorVillages.rows.find((x) => x.villageCode === v2.code)).toMatchObject({ young: 0, members: 2 });
    expect(r.newSecretaries).toMatchObject({ wealthLeaders: 1, total: 2 });
    expect(r.newSecretaries.rows.find((x) => x.source === "veteran")?.count).toBe(1);

    // The county sees the other township too.
    const county = (await (
      await api(T, "/village-officials/reports?year=2026", { token: admin.token })
    ).json()) as Reports;
    expect(county.concurrent.count).toBeGreaterThanOrEqual(3);
    expect((await api(T, "/village-officials/reports?year=20x6", { token: admin.token })).status).toBe(400);

    const csv = await api(T, "/village-officials/reports/export?year=2026", { token: officer.token });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const text = await csv.text();
    expect(text).toContain("一肩挑");
    expect(text).toContain("致富能手");

    const html = await (
      await call(`/t/${T}/admin/village-officials/reports?year=2026`, { headers: { Cookie: officer.cookie } })
    ).text();
    expect(html).toContain("<svg");
    expect(html).toContain("“一肩挑”比例");
    expect(html).toContain("50%");
  });
});
