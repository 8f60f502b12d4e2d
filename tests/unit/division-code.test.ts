import { describe, it, expect } from "vitest";
import {
  checkDivisionCode,
  divisionKindOf,
  parentDivisionCode,
  tenantPrefix,
} from "../../workers/lib/division-code.ts";

const msg = (r: ReturnType<typeof checkDivisionCode>) => (r.ok ? "" : r.message);

describe("checkDivisionCode", () => {
  it("accepts well-formed codes and trims spreadsheet spaces", () => {
    expect(checkDivisionCode("county", "510112")).toEqual({ ok: true, value: "510112" });
    expect(checkDivisionCode("township", " 510112001 ")).toEqual({ ok: true, value: "510112001" });
    expect(checkDivisionCode("village", "510112001001")).toEqual({ ok: true, value: "510112001001" });
    expect(checkDivisionCode("village", "５１０１１２００１２０１")).toEqual({ ok: true, value: "510112001201" });
  });

  it("asks for a value when empty", () => {
    expect(msg(checkDivisionCode("village", ""))).toBe("请填写村（社区）区划代码");
    expect(msg(checkDivisionCode("county", null))).toBe("请填写区县区划代码");
  });

  it("rejects non-digits and wrong lengths with the expected length", () => {
    expect(msg(checkDivisionCode("county", "51011A"))).toContain("只能包含数字");
    expect(msg(checkDivisionCode("county", "5101-12"))).toContain("只能包含数字");
    expect(msg(checkDivisionCode("township", "510112"))).toBe("乡镇（街道）区划代码应为9位数字，当前为6位");
    expect(msg(checkDivisionCode("village", "510112001001000"))).toContain("应为12位");
  });

  it("rejects invalid province codes and all-zero own segments", () => {
    expect(msg(checkDivisionCode("county", "990112"))).toContain("省级");
    expect(msg(checkDivisionCode("county", "511700"))).toContain("末2位不能全为0"); // the city itself
    expect(msg(checkDivisionCode("township", "510112000"))).toContain("末3位不能全为0");
    expect(msg(checkDivisionCode("village", "510112001000"))).toContain("末3位不能全为0");
  });

  it("checks the parent prefix at every level", () => {
    expect(checkDivisionCode("county", "511702", tenantPrefix("city", "511700")).ok).toBe(true);
    expect(msg(checkDivisionCode("county", "510112", tenantPrefix("city", "511700")))).toBe(
      "区县区划代码 510112 不属于本地区（应以 5117 开头）",
    );
    expect(checkDivisionCode("county", "510112", tenantPrefix("county", "510112")).ok).toBe(true);
    expect(checkDivisionCode("county", "510113", tenantPrefix("county", "510112")).ok).toBe(false);
    expect(checkDivisionCode("township", "510112001", "510112").ok).toBe(true);
    expect(msg(checkDivisionCode("township", "510113001", "510112"))).toContain("不属于所属区县");
    expect(checkDivisionCode("village", "510112001001", "510112001").ok).toBe(true);
    expect(msg(checkDivisionCode("village", "510112002001", "510112001"))).toContain("不属于所属乡镇（街道）");
  });

  it("treats a malformed parent as a programming error", () => {
    expect(() => checkDivisionCode("village", "510112001001", "51-01")).toThrow(RangeError);
  });
});

describe("tenantPrefix", () => {
  it("uses 4 digits for a city tenant and 6 for a county tenant", () => {
    expect(tenantPrefix("city", "511700")).toBe("5117");
    expect(tenantPrefix("city", "532300")).toBe("5323");
    expect(tenantPrefix("county", "620403")).toBe("620403");
  });

  it("rejects a catalog code that is not 6 digits", () => {
    expect(() => tenantPrefix("city", "5117")).toThrow(RangeError);
    expect(() => tenantPrefix("county", "51011a")).toThrow(RangeError);
  });
});

describe("divisionKindOf / parentDivisionCode", () => {
  it("recognises the level from the length", () => {
    expect(divisionKindOf("510112")).toBe("county");
    expect(divisionKindOf("510112001")).toBe("township");
    expect(divisionKindOf("510112001001")).toBe("village");
    expect(divisionKindOf("5101")).toBeNull();
    expect(divisionKindOf("51011200100a")).toBeNull();
  });

  it("walks one level up", () => {
    expect(parentDivisionCode("510112001001")).toBe("510112001");
    expect(parentDivisionCode("510112001")).toBe("510112");
    expect(parentDivisionCode("510112")).toBeNull();
    expect(parentDivisionCode("x")).toBeNull();
  });
});
