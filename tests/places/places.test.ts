import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { createTownship, createVillage, freshTownshipCode } from "../helpers/registry.ts";

describe("division codes", () => {
  it("accepts a 9-digit township under the county tenant's own code and refuses bad ones with a reason", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const code = freshTownshipCode("510112");
    await createTownship("longquanyi", admin.token, code, "洛带镇");
    // A duplicate is a conflict (409), like the loser of two identical creates; the others are 400.
    for (const [bad, hint, status] of [
      ["51011200", "9位", 400],
      ["5101120a1", "数字", 400],
      ["620403001", "510112", 400],
      [code, "已存在", 409],
    ] as const) {
      const res = await api("longquanyi", "/townships", { token: admin.token, json: { code: bad, name: "x" } });
      expect(res.status).toBe(status);
      const p = await problem(res);
      expect(p.errors?.[0]?.field).toBe("code");
      expect(p.errors?.[0]?.message).toContain(hint);
    }
  });

  it("requires a village code to start with a registered township's code", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const t = freshTownshipCode("510112");
    await createTownship("longquanyi", admin.token, t);
    await createVillage("longquanyi", admin.token, `${t}201`, "桃源村", ["poor"]);
    const orphan = await api("longquanyi", "/villages", {
      token: admin.token,
      json: { code: "510112999201", name: "无主村" },
    });
    expect(orphan.status).toBe(400);
    expect((await problem(orphan)).errors?.[0]?.message).toContain("不是本地区已登记的乡镇");
    const short = await api("longquanyi", "/villages", {
      token: admin.token,
      json: { code: `${t}20`, name: "短码村" },
    });
    expect(short.status).toBe(400);
    const dup = await api("longquanyi", "/villages", { token: admin.token, json: { code: `${t}201`, name: "重复村" } });
    expect(dup.status).toBe(409);
    const badTag = await api("longquanyi", "/villages", {
      token: admin.token,
      json: { code: `${t}202`, name: "x", tags: ["rich"] },
    });
    expect(badTag.status).toBe(400);
  });

  it("makes city tenants register counties first, and townships under them", async () => {
    const admin = await signIn("dazhou", "county_admin");
    const county = await api("dazhou", "/counties", { token: admin.token, json: { code: "511722", name: "宣汉县" } });
    expect(county.status).toBe(201);
    expect(
      (await api("dazhou", "/counties", { token: admin.token, json: { code: "510112", name: "外地" } })).status,
    ).toBe(400);
    expect(
      (await api("dazhou", "/townships", { token: admin.token, json: { code: "511722101", name: "东乡街道" } })).status,
    ).toBe(400);
    await createTownship("dazhou", admin.token, "511722101", "东乡街道", "511722");
    const wrongCounty = await api("dazhou", "/townships", {
      token: admin.token,
      json: { code: "511723101", name: "x", countyCode: "511722" },
    });
    expect(wrongCounty.status).toBe(400);
    const countyTenant = await signIn("pingchuan", "county_admin");
    expect(
      (await api("pingchuan", "/counties", { token: countyTenant.token, json: { code: "620402", name: "x" } })).status,
    ).toBe(409);
  });
});

describe("villages", () => {
  it("computes the collective-economy bracket from the year's income", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const t = freshTownshipCode("620403");
    await createTownship("pingchuan", admin.token, t, "水泉镇");
    const v = await createVillage("pingchuan", admin.token, `${t}201`, "尾泉村");
    const cases: [number, string][] = [
      [0, "none"],
      [500_000, "weak"],
      [1_000_000, "from_10k"],
      [5_000_000, "from_30k"],
      [12_000_000, "over_100k"],
    ];
    for (const [incomeFen, bracket] of cases) {
      const res = await api("pingchuan", `/villages/${v.code}/incomes/2025`, {
        method: "PUT",
        token: admin.token,
        json: { incomeFen },
      });
      expect(await res.json()).toMatchObject({ year: 2025, incomeFen, bracket });
    }
    const detail = (await (await api("pingchuan", `/villages/${v.code}`, { token: admin.token })).json()) as {
      latestIncome: { bracket: string };
    };
    expect(detail.latestIncome.bracket).toBe("over_100k");
    const float = await api("pingchuan", `/villages/${v.code}/incomes/2025`, {
      method: "PUT",
      token: admin.token,
      json: { incomeFen: 12.5 },
    });
    expect(float.status).toBe(400);
  });

  it("filters by tag and township, and pages", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const t = freshTownshipCode("620403");
    await createTownship("pingchuan", admin.token, t);
    for (let i = 1; i <= 5; i++)
      await createVillage("pingchuan", admin.token, `${t}${200 + i}`, `甲${i}村`, i <= 2 ? ["weak_party_org"] : []);
    const tagged = (await (
      await api("pingchuan", `/villages?townshipCode=${t}&tag=weak_party_org`, { token: admin.token })
    ).json()) as { total: number };
    expect(tagged.total).toBe(2);
    const paged = (await (
      await api("pingchuan", `/villages?townshipCode=${t}&size=2&page=3`, { token: admin.token })
    ).json()) as { total: number; items: unknown[] };
    expect(paged.total).toBe(5);
    expect(paged.items.length).toBe(1);
    expect((await api("pingchuan", "/villages?size=5000", { token: admin.token })).status).toBe(400);
  });

  it("limits a township officer to their township, for reading and writing", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const mine = freshTownshipCode("510112");
    const other = freshTownshipCode("510112");
    await createTownship("longquanyi", admin.token, mine);
    await createTownship("longquanyi", admin.token, other);
    const inMine = await createVillage("longquanyi", admin.token, `${mine}201`, "本镇村");
    const inOther = await createVillage("longquanyi", admin.token, `${other}201`, "外镇村");
    const officer = await signIn("longquanyi", "township_officer", { townshipCode: mine });
    expect((await api("longquanyi", `/villages/${inMine.code}`, { token: officer.token })).status).toBe(200);
    expect((await api("longquanyi", `/villages/${inOther.code}`, { token: officer.token })).status).toBe(404);
    const list = (await (await api("longquanyi", "/villages?size=200", { token: officer.token })).json()) as {
      items: { code: string }[];
    };
    expect(list.items.every((v) => v.code.startsWith(mine))).toBe(true);
    expect(
      (await api("longquanyi", "/villages", { token: officer.token, json: { code: `${other}202`, name: "越界村" } }))
        .status,
    ).toBe(404);
    expect(
      (await api("longquanyi", "/villages", { token: officer.token, json: { code: `${mine}202`, name: "本镇新村" } }))
        .status,
    ).toBe(201);
  });

  it("shows a cadre with no assignment no villages", async () => {
    const cadre = await signIn("longquanyi", "cadre");
    const list = (await (await api("longquanyi", "/villages", { token: cadre.token })).json()) as { total: number };
    expect(list.total).toBe(0);
  });

  it("answers tenant A's village code in tenant B with 404", async () => {
    const a = await signIn("longquanyi", "county_admin");
    const t = freshTownshipCode("510112");
    await createTownship("longquanyi", a.token, t);
    const v = await createVillage("longquanyi", a.token, `${t}201`);
    const b = await signIn("pingchuan", "county_admin");
    expect((await api("pingchuan", `/villages/${v.code}`, { token: b.token })).status).toBe(404);
    expect(
      (await api("pingchuan", `/villages/${v.code}`, { method: "PATCH", token: b.token, json: { name: "抢占" } }))
        .status,
    ).toBe(404);
  });

  it("exports the list as CSV that Excel opens (UTF-8 with BOM)", async () => {
    const admin = await signIn("dazhou", "county_admin");
    await api("dazhou", "/counties", { token: admin.token, json: { code: "511703", name: "达川区" } });
    await createTownship("dazhou", admin.token, "511703101", "南外街道", "511703");
    await createVillage("dazhou", admin.token, "511703101201", "碑庙村", ["poor"]);
    const res = await api("dazhou", "/villages/export?townshipCode=511703101", { token: admin.token });
    expect(res.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("碑庙村");
    expect(text).toContain("贫困村");
  });
});
