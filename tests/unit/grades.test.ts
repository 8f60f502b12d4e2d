import { describe, expect, it } from "vitest";
import { pointsOf, satisfactionPermille, suggestedGrade, tightestCap, withinCap } from "../../workers/lib/grades.ts";
import { formatBallotCode, newBallotCode, normalizeBallotCode } from "../../workers/lib/ballot-code.ts";

describe("grades and caps", () => {
  it("suggests a grade from the score and never above the tightest 一票否决 cap", () => {
    expect(suggestedGrade(95, null)).toBe("excellent");
    expect(suggestedGrade(80, null)).toBe("competent");
    expect(suggestedGrade(60, null)).toBe("basically_competent");
    expect(suggestedGrade(59, null)).toBe("incompetent");
    expect(suggestedGrade(95, "competent")).toBe("competent");
    expect(suggestedGrade(50, "competent")).toBe("incompetent");
    expect(tightestCap(["competent", "basically_competent"])).toBe("basically_competent");
    expect(tightestCap([])).toBeNull();
    expect(withinCap("excellent", "competent")).toBe(false);
    expect(withinCap("basically_competent", "competent")).toBe(true);
  });

  it("counts 满意率 as (满意 + 基本满意) / 全部 in per mille, and points by weight", () => {
    expect(satisfactionPermille({ satisfied: 30, fairlySatisfied: 10, dissatisfied: 10 })).toBe(800);
    expect(satisfactionPermille({ satisfied: 0, fairlySatisfied: 0, dissatisfied: 0 })).toBeNull();
    expect(pointsOf(20, 800)).toBe(16);
    expect(pointsOf(20, 1500)).toBe(20);
    expect(pointsOf(15, -3)).toBe(0);
  });
});

describe("ballot codes", () => {
  it("makes 10-character codes of the alphabet, distinct, read back from any typing", () => {
    const codes = new Set(Array.from({ length: 500 }, newBallotCode));
    expect(codes.size).toBe(500);
    for (const c of codes) expect(normalizeBallotCode(formatBallotCode(c).toLowerCase())).toBe(c);
    expect(normalizeBallotCode("ABCDE-FGHI0")).toBeNull();
    expect(normalizeBallotCode("ABC")).toBeNull();
  });
});
