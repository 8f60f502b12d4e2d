import { describe, it, expect } from "vitest";
import {
  idCheckChar,
  idNumberBirthDate,
  idNumberSex,
  idNumberTail,
  makeIdNumber,
  validateIdNumber,
} from "../../workers/lib/id-number.ts";

const TODAY = "2026-11-23";
const check = (s: string | null | undefined) => validateIdNumber(s, { today: TODAY });

function messageOf(s: string): string {
  const r = check(s);
  expect(r, s).toMatchObject({ ok: false, message: expect.any(String) });
  return (r as { message: string }).message;
}

describe("idCheckChar / makeIdNumber", () => {
  it("computes the ISO 7064 MOD 11-2 check character of the GB 11643 example", () => {
    // The standard's own example number.
    expect(makeIdNumber("11010519491231002")).toBe("11010519491231002X");
    expect(idCheckChar("44052418800101001")).toBe("4");
  });

  it("produces every check character 0–9 and X", () => {
    const seen = new Set<string>();
    for (let seq = 0; seq < 200 && seen.size < 11; seq++) {
      seen.add(idCheckChar(`51011219900101${String(seq).padStart(3, "0")}`));
    }
    expect([...seen].sort()).toEqual(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "X"]);
  });

  it("agrees with the ISO 7064 formula written another way", () => {
    // Weight of position i (0-based) is 2^(17-i) mod 11; check value is (12 - sum mod 11) mod 11.
    const reference = (p: string) => {
      let sum = 0;
      for (let i = 0; i < 17; i++) sum += Number(p[i]) * (2 ** (17 - i) % 11);
      const v = (12 - (sum % 11)) % 11;
      return v === 10 ? "X" : String(v);
    };
    for (let seq = 0; seq < 1000; seq += 7) {
      const p = `5101121990010${String(seq).padStart(4, "0")}`;
      expect(idCheckChar(p), p).toBe(reference(p));
    }
  });

  it("rejects a prefix that is not 17 digits", () => {
    expect(() => makeIdNumber("1101051949123100")).toThrow(RangeError);
    expect(() => makeIdNumber("1101051949123100A")).toThrow(RangeError);
  });

  it("makes numbers that validate", () => {
    for (const prefix of ["51011219900101123", "62040320000229001", "53230119751130456"]) {
      expect(check(makeIdNumber(prefix))).toEqual({ ok: true, value: makeIdNumber(prefix) });
    }
  });
});

describe("validateIdNumber", () => {
  const valid = makeIdNumber("51011219900101123");

  it("accepts and normalises lowercase x, spaces and full-width characters", () => {
    expect(check("11010519491231002x")).toEqual({ ok: true, value: "11010519491231002X" });
    expect(check("  11010519491231002X \t")).toEqual({ ok: true, value: "11010519491231002X" });
    expect(check("１１０１０５１９４９１２３１００２Ｘ")).toEqual({ ok: true, value: "11010519491231002X" });
  });

  it("asks for a value when empty", () => {
    expect(check("")).toEqual({ ok: false, message: "请填写身份证号" });
    expect(check(null)).toEqual({ ok: false, message: "请填写身份证号" });
    expect(check("   ")).toEqual({ ok: false, message: "请填写身份证号" });
  });

  it("names the length when it is not 18", () => {
    expect(messageOf(valid.slice(0, 17))).toBe("身份证号应为18位，当前为17位");
    expect(messageOf(`${valid}1`)).toContain("当前为19位");
    expect(messageOf("510112900101123")).toContain("当前为15位"); // old 15-digit cards
  });

  it("names the format when characters are wrong", () => {
    expect(messageOf("5101121990010112X3")).toContain("格式");
    expect(messageOf("51011219900101123Y")).toContain("格式");
    expect(messageOf("51011219900-011234")).toContain("格式");
  });

  it("rejects invalid province codes", () => {
    for (const p of [
      "00",
      "10",
      "16",
      "20",
      "24",
      "30",
      "38",
      "40",
      "47",
      "55",
      "60",
      "66",
      "70",
      "72",
      "80",
      "84",
      "99",
    ]) {
      expect(messageOf(makeIdNumber(`${p}011219900101123`))).toContain("省级");
    }
  });

  it("accepts every listed province code", () => {
    const codes = [11, 15, 21, 23, 31, 37, 41, 46, 50, 54, 61, 65, 71, 81, 82, 83];
    for (const p of codes) expect(check(makeIdNumber(`${p}011219900101123`)).ok).toBe(true);
  });

  it("checks the birth date is a real date", () => {
    expect(messageOf(makeIdNumber("51011219900230123"))).toContain("出生日期");
    expect(messageOf(makeIdNumber("51011219901301123"))).toContain("出生日期");
    expect(messageOf(makeIdNumber("51011219900100123"))).toContain("出生日期");
    expect(messageOf(makeIdNumber("51011219010229123"))).toContain("出生日期"); // 1901 not leap
    expect(check(makeIdNumber("51011220000229123")).ok).toBe(true); // 2000 is leap
  });

  it("rejects birth years before 1900 and birth dates after today", () => {
    expect(messageOf(makeIdNumber("51011218991231123"))).toContain("1900");
    expect(check(makeIdNumber("51011219000101123")).ok).toBe(true);
    expect(check(makeIdNumber("51011220261123123")).ok).toBe(true); // born today
    expect(messageOf(makeIdNumber("51011220261124123"))).toContain("晚于今天");
  });

  it("uses today in China when no date is given", () => {
    expect(validateIdNumber(makeIdNumber("51011230000101123")).ok).toBe(false);
    expect(validateIdNumber(valid).ok).toBe(true);
  });

  it("names the check digit when one digit is mistyped", () => {
    const wrong = valid.slice(0, 17) + (valid[17] === "0" ? "1" : "0");
    expect(messageOf(wrong)).toContain("校验位");
    // A swapped pair of digits is caught too.
    const swapped = valid.slice(0, 14) + valid[15] + valid[14] + valid.slice(16);
    expect(swapped).not.toBe(valid);
    expect(check(swapped).ok).toBe(false);
  });
});

describe("idNumberTail", () => {
  it("returns the last n normalised characters", () => {
    expect(idNumberTail("11010519491231002x")).toBe("31002X");
    expect(idNumberTail("11010519491231002X", 4)).toBe("002X");
    expect(idNumberTail(" 123 ")).toBe("123");
  });

  it("tolerates null and empty", () => {
    expect(idNumberTail(null)).toBe("");
    expect(idNumberTail(undefined)).toBe("");
    expect(idNumberTail("")).toBe("");
  });

  it("rejects a non-positive length", () => {
    expect(() => idNumberTail("123456", 0)).toThrow(RangeError);
  });
});

describe("idNumberBirthDate / idNumberSex", () => {
  it("reads the birth date and sex", () => {
    expect(idNumberBirthDate("11010519491231002X")).toBe("1949-12-31");
    expect(idNumberSex("11010519491231002X")).toBe("female"); // 17th digit 2
    expect(idNumberSex(makeIdNumber("51011219900101123"))).toBe("male");
  });
});
