import { describe, expect, it } from "vitest";
import {
  consecutiveYears,
  incomeWeakness,
  laggingScore,
  sharePermille,
  suggestedCount,
  supplementFenPerMonth,
} from "../../workers/lib/lagging-score.ts";

describe("lagging ranking", () => {
  it("brackets collective income like the 楚雄 seed", () => {
    expect(incomeWeakness(0)).toBe(100);
    expect(incomeWeakness(999_999)).toBe(75);
    expect(incomeWeakness(1_000_000)).toBe(50);
    expect(incomeWeakness(5_000_000)).toBe(25);
    expect(incomeWeakness(10_000_000)).toBe(0);
  });

  it("averages only the chosen indicators", () => {
    const facts = { incomeFen: 0, openProblems: 2, satisfactionPermille: 800, coveragePermille: null };
    expect(laggingScore(facts, ["income"])).toBe(100);
    expect(laggingScore(facts, ["income", "problems"])).toBe(75);
    expect(laggingScore(facts, ["rating", "coverage"])).toBe(10);
    expect(laggingScore(facts, [])).toBe(0);
  });

  it("suggests about 10 % (seed 002: 101 of 1,093 villages is 9.24 %)", () => {
    expect(suggestedCount(1093)).toBe(110);
    expect(suggestedCount(5)).toBe(1);
    expect(suggestedCount(0)).toBe(0);
    expect(sharePermille(101, 1093)).toBe(92);
  });
});

describe("优秀村官 monthly supplement", () => {
  it("pays 100 元/月 after two consecutive years and 200 元/月 after three", () => {
    expect(supplementFenPerMonth([2025], 2026)).toBe(0);
    expect(supplementFenPerMonth([2024, 2025], 2026)).toBe(10_000);
    expect(supplementFenPerMonth([2023, 2024, 2025], 2026)).toBe(20_000);
    expect(supplementFenPerMonth([2022, 2023, 2025], 2026)).toBe(0);
    expect(supplementFenPerMonth([2024, 2025, 2026], 2026)).toBe(10_000);
    expect(consecutiveYears([2021, 2022, 2023, 2024, 2025], 2026)).toBe(5);
  });
});
