import { describe, it, expect } from "vitest";
import { fenSchema, parseYuanToFen, yuanInputSchema } from "../../workers/lib/money.ts";
import { formatFen, formatFenPlain, percentOf } from "../../web/components/format.ts";

const fen = (s: string, allowNegative = false) => {
  const r = parseYuanToFen(s, { allowNegative });
  expect(r, s).toMatchObject({ ok: true, fen: expect.any(Number) });
  return (r as { fen: number }).fen;
};
const rejects = (s: string | null, allowNegative = false) => {
  const r = parseYuanToFen(s, { allowNegative });
  expect(r, String(s)).toMatchObject({ ok: false, message: expect.any(String) });
  return (r as { message: string }).message;
};

describe("parseYuanToFen", () => {
  it("parses plain yuan amounts", () => {
    expect(fen("0")).toBe(0);
    expect(fen("500")).toBe(50_000);
    expect(fen("1234.5")).toBe(123_450);
    expect(fen("1234.56")).toBe(123_456);
    expect(fen("0.01")).toBe(1);
    expect(fen("007.10")).toBe(710);
  });

  it("has no floating-point error on amounts floats get wrong", () => {
    expect(fen("0.29")).toBe(29); // 0.29 * 100 = 28.999999999999996 in floats
    expect(fen("1.15")).toBe(115);
    expect(fen("4.35")).toBe(435);
    expect(fen("9007199254740.99")).toBe(900_719_925_474_099);
  });

  it("accepts symbols, units, thousands separators and full-width input", () => {
    expect(fen("¥500")).toBe(50_000);
    expect(fen("￥500")).toBe(50_000);
    expect(fen("500元")).toBe(50_000);
    expect(fen("¥ 1,234.56 元")).toBe(123_456);
    expect(fen("1,234,567")).toBe(123_456_700);
    expect(fen("１２３４．５")).toBe(123_450);
    expect(fen("1，234")).toBe(123_400);
  });

  it("parses 万 and 万元 (seed amounts)", () => {
    expect(fen("3万")).toBe(3_000_000);
    expect(fen("0.9万")).toBe(900_000);
    expect(fen("5.5万元")).toBe(5_500_000);
    expect(fen("100万元")).toBe(100_000_000);
    expect(fen("1.234567万")).toBe(1_234_567); // 12345.67 元
    expect(fen("¥1.5万")).toBe(1_500_000);
  });

  it("rejects more decimal places than whole fen", () => {
    expect(rejects("1.234")).toContain("两位小数");
    expect(rejects("1.2345678万")).toContain("6位小数");
  });

  it("rejects malformed amounts", () => {
    expect(rejects("")).toBe("请填写金额");
    expect(rejects(null)).toBe("请填写金额");
    for (const s of [
      "abc",
      "1.2.3",
      ".5",
      "5.",
      "1,5",
      "12,34",
      "1,2345",
      "1e5",
      "0x10",
      "5千",
      "NaN",
      "Infinity",
      "¥",
      "元",
      "万",
      "--5",
      "+5",
      "5-",
    ]) {
      expect(rejects(s), s).toContain("金额格式不正确");
    }
  });

  it("rejects negatives unless allowed", () => {
    expect(rejects("-5")).toBe("金额不能为负数");
    expect(fen("-5", true)).toBe(-500);
    expect(fen("-¥1,234.56", true)).toBe(-123_456);
    expect(fen("¥-0.9万", true)).toBe(-900_000);
    expect(fen("-0")).toBe(0);
  });

  it("rejects amounts above Number.MAX_SAFE_INTEGER fen", () => {
    expect(fen("90071992547409.91")).toBe(Number.MAX_SAFE_INTEGER);
    expect(rejects("90071992547409.92")).toBe("金额过大");
    expect(rejects("99999999999999999999")).toBe("金额过大");
    expect(rejects("9999999999999万")).toBe("金额过大");
  });
});

describe("formatFen / formatFenPlain", () => {
  it("formats with yuan sign, separators and two decimals", () => {
    expect(formatFen(123_456)).toBe("¥1,234.56");
    expect(formatFen(0)).toBe("¥0.00");
    expect(formatFen(5)).toBe("¥0.05");
    expect(formatFen(100_000_000)).toBe("¥1,000,000.00");
    expect(formatFen(-123_456)).toBe("-¥1,234.56");
    expect(formatFen(Number.MAX_SAFE_INTEGER)).toBe("¥90,071,992,547,409.91");
  });

  it("formats plain amounts for CSV", () => {
    expect(formatFenPlain(123_456)).toBe("1234.56");
    expect(formatFenPlain(50)).toBe("0.50");
    expect(formatFenPlain(-1)).toBe("-0.01");
  });

  it("round-trips through parseYuanToFen", () => {
    for (const v of [0, 1, 99, 100, 123_456, 900_000, Number.MAX_SAFE_INTEGER]) {
      expect(fen(formatFenPlain(v))).toBe(v);
      expect(fen(formatFen(v))).toBe(v);
    }
  });

  it("refuses non-integers", () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
    expect(() => formatFenPlain(Number.NaN)).toThrow(RangeError);
    expect(() => formatFen(2 ** 53)).toThrow(RangeError);
  });
});

describe("percentOf", () => {
  it("computes with basis points and trims zeros", () => {
    expect(percentOf(375, 1000)).toBe("37.5%");
    expect(percentOf(1, 3)).toBe("33.33%");
    expect(percentOf(2, 3)).toBe("66.67%");
    expect(percentOf(1000, 1000)).toBe("100%");
    expect(percentOf(0, 1000)).toBe("0%");
    expect(percentOf(1500, 1000)).toBe("150%");
    expect(percentOf(1, 20_000)).toBe("0.01%"); // 0.005 % rounds half up
    expect(percentOf(1, 20_001)).toBe("0%");
  });

  it("handles negatives, a zero whole and large amounts without overflow", () => {
    expect(percentOf(-375, 1000)).toBe("-37.5%");
    expect(percentOf(5, 0)).toBe("—");
    expect(percentOf(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)).toBe("100%");
    expect(percentOf(Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER)).toBe("100%");
  });

  it("refuses non-integers", () => {
    expect(() => percentOf(0.5, 1)).toThrow(RangeError);
  });
});

describe("fenSchema / yuanInputSchema", () => {
  it("accepts non-negative safe integers only", () => {
    expect(fenSchema.safeParse(0).success).toBe(true);
    expect(fenSchema.safeParse(Number.MAX_SAFE_INTEGER).success).toBe(true);
    expect(fenSchema.safeParse(-1).success).toBe(false);
    expect(fenSchema.safeParse(1.5).success).toBe(false);
    expect(fenSchema.safeParse(2 ** 53).success).toBe(false);
    expect(fenSchema.safeParse("100").success).toBe(false);
  });

  it("turns typed yuan into fen with zh-CN errors", () => {
    expect(yuanInputSchema.parse("0.9万")).toBe(900_000);
    const r = yuanInputSchema.safeParse("1.234");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain("两位小数");
  });
});
