import { describe, expect, it } from "vitest";
import {
  formatTable,
  groupByProvince,
  migrationNumber,
  parseBookmark,
  provinceOf,
  RequestBudget,
} from "../../workers/lib/fleet.ts";

describe("fleet helpers", () => {
  it("reads the number of a migration file and refuses a name without one", () => {
    expect(migrationNumber("0010_cadre_rank.sql")).toBe(10);
    expect(() => migrationNumber("cadre_rank.sql")).toThrow(/does not start with a number/);
  });

  it("names provinces by the first two digits and groups ordered rows", () => {
    expect(provinceOf("510112")).toEqual({ code: "51", name: "四川省" });
    expect(provinceOf("990101").name).toBe("其他（99）");
    const groups = groupByProvince([
      { divisionCode: "510112" },
      { divisionCode: "511700" },
      { divisionCode: "620403" },
    ]);
    expect(groups.map((g) => [g.province.name, g.items.length])).toEqual([
      ["四川省", 2],
      ["甘肃省", 1],
    ]);
  });

  it("pads table columns by display width (CJK counts double)", () => {
    const t = formatTable(["slug", "name"], [["lq", "龙泉驿区"]]).split("\n");
    expect(t[0]).toBe("slug  name");
    expect(t[2]).toBe("lq    龙泉驿区");
  });

  it("keeps requests within 1,200 per 5 minutes", () => {
    const b = new RequestBudget(1_200, 300_000);
    expect(b.delayFor(1_000, 0)).toBe(0);
    b.spend(1_000, 0);
    expect(b.delayFor(200, 1_000)).toBe(0);
    b.spend(200, 1_000);
    // The window is full: the next request waits until the first ones leave it.
    expect(b.delayFor(1, 2_000)).toBe(298_000);
    expect(b.delayFor(1, 300_000)).toBe(0);
    expect(() => b.delayFor(1_201, 0)).toThrow(/exceeds the budget/);
  });
});

describe("remote migration helpers", () => {
  it("takes the bookmark from wrangler's JSON and refuses an answer without one", () => {
    const out = 'chatter\n{"bookmark": "00000085-0000024c-00004e4f-8a3b", "timestamp": "2026-12-03T06:00:00Z"}';
    expect(parseBookmark(out)).toBe("00000085-0000024c-00004e4f-8a3b");
    expect(() => parseBookmark('{"timestamp": "x"}')).toThrow(/no Time Travel bookmark/);
    expect(() => parseBookmark("✘ [ERROR] not found")).toThrow(/not migrating/);
    expect(() => parseBookmark(`{"bookmark": "x'; DROP TABLE tenants; --"}`)).toThrow(/no Time Travel bookmark/);
  });

  it("paces a fleet-wide migration within 1,200 requests in any 5 minutes", () => {
    const b = new RequestBudget();
    const times: number[] = [];
    let now = 0;
    // 300 databases at 16 requests each, as fast as the budget lets them go.
    for (let i = 0; i < 300 * 4; i++) {
      const cost = 4;
      now += Math.max(0, b.delayFor(cost, now));
      b.spend(cost, now);
      for (let k = 0; k < cost; k++) times.push(now);
      now += 10;
    }
    let worst = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[j]! <= times[i]! - 300_000) j++;
      worst = Math.max(worst, i - j + 1);
    }
    expect(worst).toBeLessThanOrEqual(1_200);
    // 4,800 requests need at least three full windows of waiting.
    expect(now).toBeGreaterThanOrEqual(3 * 300_000);
  });
});
