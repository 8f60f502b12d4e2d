import { describe, expect, it } from "vitest";
import { scoreOf } from "../../workers/lib/exam-score.ts";

const marks = (right: number, total: number) =>
  Array.from({ length: total }, (_, i) => ({ chosen: i < right ? 1 : 0, correct: 1 }));

describe("应知应会 score", () => {
  it("is the share right out of 100, rounded half up, passed at the mark", () => {
    expect(scoreOf(marks(9, 10), 90)).toEqual({ correct: 9, score: 90, passed: true });
    expect(scoreOf(marks(8, 10), 90)).toEqual({ correct: 8, score: 80, passed: false });
    expect(scoreOf(marks(2, 3), 60).score).toBe(67); // 66.67
    expect(scoreOf(marks(1, 8), 90).score).toBe(13); // 12.5 → 13
    expect(scoreOf(marks(29, 30), 90)).toMatchObject({ score: 97, passed: true });
    expect(scoreOf([], 90)).toEqual({ correct: 0, score: 0, passed: false });
  });
});
