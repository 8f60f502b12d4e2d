import { describe, it, expect } from "vitest";
import {
  addDays,
  chinaDateOfUnix,
  daysBetween,
  daysInMonth,
  formatChineseDate,
  isValidDate,
  monthOf,
  todayInChina,
} from "../../workers/lib/dates.ts";

describe("todayInChina / chinaDateOfUnix", () => {
  it("switches date at midnight Beijing time (16:00 UTC)", () => {
    expect(todayInChina(Date.UTC(2026, 10, 22, 15, 59, 59, 999))).toBe("2026-11-22");
    expect(todayInChina(Date.UTC(2026, 10, 22, 16, 0, 0))).toBe("2026-11-23");
    expect(chinaDateOfUnix(Date.UTC(2026, 11, 31, 16) / 1000)).toBe("2027-01-01");
    expect(chinaDateOfUnix(Date.UTC(2026, 11, 31, 16) / 1000 - 1)).toBe("2026-12-31");
  });

  it("handles the epoch, times before it and leap days", () => {
    expect(chinaDateOfUnix(0)).toBe("1970-01-01");
    expect(chinaDateOfUnix(-8 * 3600)).toBe("1970-01-01");
    expect(chinaDateOfUnix(-8 * 3600 - 1)).toBe("1969-12-31");
    expect(chinaDateOfUnix(Date.UTC(2024, 1, 29, 12) / 1000)).toBe("2024-02-29");
    expect(chinaDateOfUnix(Date.UTC(1949, 9, 1, 2) / 1000)).toBe("1949-10-01");
  });

  it("agrees with Intl's Asia/Shanghai calendar over many instants", () => {
    const fmt = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Shanghai",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    // Steps of 267 h 1 min (about 11 days) so the time of day drifts through every hour;
    // from 1995, after China's last daylight saving time (1991).
    for (let ms = Date.UTC(1995, 0, 1); ms < Date.UTC(2040, 0, 1); ms += (7 * 60 + 13) * 60_000 * 37) {
      expect(todayInChina(ms)).toBe(fmt.format(ms));
    }
  });

  it("defaults to now", () => {
    expect(isValidDate(todayInChina())).toBe(true);
  });

  it("rejects a non-finite timestamp", () => {
    expect(() => chinaDateOfUnix(Number.NaN)).toThrow(RangeError);
  });
});

describe("isValidDate", () => {
  it("accepts real calendar dates in YYYY-MM-DD", () => {
    for (const d of ["2026-11-23", "2024-02-29", "2000-02-29", "1900-01-01", "0001-01-01", "9999-12-31"]) {
      expect(isValidDate(d), d).toBe(true);
    }
  });

  it("rejects impossible dates and other formats", () => {
    for (const d of [
      "2026-02-29",
      "1900-02-29",
      "2026-04-31",
      "2026-13-01",
      "2026-00-10",
      "2026-01-00",
      "0000-01-01",
      "2026-1-5",
      "2026/01/05",
      "20260105",
      "2026-01-05T00:00",
      " 2026-01-05",
      "",
    ]) {
      expect(isValidDate(d), d).toBe(false);
    }
    expect(isValidDate(null)).toBe(false);
    expect(isValidDate(20260105)).toBe(false);
  });

  it("knows month lengths", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2026, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
  });
});

describe("addDays / daysBetween", () => {
  it("adds across months, years and leap days", () => {
    expect(addDays("2026-11-23", 7)).toBe("2026-11-30"); // default notice period
    expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-01-01", 0)).toBe("2026-01-01");
    expect(addDays("2026-01-01", 365 * 400 + 97)).toBe("2426-01-01");
  });

  it("counts signed whole days", () => {
    expect(daysBetween("2026-01-01", "2026-01-08")).toBe(7);
    expect(daysBetween("2026-01-08", "2026-01-01")).toBe(-7);
    expect(daysBetween("2024-01-01", "2025-01-01")).toBe(366);
    expect(daysBetween("2026-11-23", "2026-11-23")).toBe(0);
    expect(daysBetween("1970-01-01", "2026-11-23")).toBe(Date.UTC(2026, 10, 23) / 86_400_000);
  });

  it("is consistent: addDays(a, daysBetween(a, b)) === b", () => {
    const pairs = [
      ["1999-12-31", "2000-03-01"],
      ["2026-11-23", "1949-10-01"],
      ["2100-02-28", "2100-03-01"],
    ] as const;
    for (const [a, b] of pairs) expect(addDays(a, daysBetween(a, b))).toBe(b);
  });

  it("throws on invalid input", () => {
    expect(() => addDays("2026-02-30", 1)).toThrow(RangeError);
    expect(() => addDays("2026-01-01", 1.5)).toThrow(RangeError);
    expect(() => daysBetween("2026-01-01", "soon")).toThrow(RangeError);
    expect(() => addDays("9999-12-31", 1)).toThrow(RangeError);
  });
});

describe("monthOf / formatChineseDate", () => {
  it("gives the month key", () => {
    expect(monthOf("2026-11-23")).toBe("2026-11");
    expect(monthOf("2026-01-05")).toBe("2026-01");
    expect(() => monthOf("2026-11")).toThrow(RangeError);
  });

  it("writes dates as official documents do", () => {
    expect(formatChineseDate("2026-11-23")).toBe("2026年11月23日");
    expect(formatChineseDate("2026-01-05")).toBe("2026年1月5日");
    expect(() => formatChineseDate("2026-02-30")).toThrow(RangeError);
  });
});
