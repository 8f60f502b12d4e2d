/**
 * Annual grades and their caps, pure. Grades are ranked best first: 优秀 > 称职 > 基本称职 > 不称职.
 */
export type GradeKey = "excellent" | "competent" | "basically_competent" | "incompetent";
export const GRADE_ORDER: readonly GradeKey[] = ["excellent", "competent", "basically_competent", "incompetent"];

/** 3 for 优秀 … 0 for 不称职: higher is better. */
export function gradeRank(g: GradeKey): number {
  return GRADE_ORDER.length - 1 - GRADE_ORDER.indexOf(g);
}

/** The worst of the caps (the tightest one wins), or null when no 一票否决 item is triggered. */
export function tightestCap(caps: readonly GradeKey[]): GradeKey | null {
  if (caps.length === 0) return null;
  return caps.reduce((a, b) => (gradeRank(a) <= gradeRank(b) ? a : b));
}

/** Whether `grade` is allowed under `cap` (null: no cap). */
export function withinCap(grade: GradeKey, cap: GradeKey | null): boolean {
  return cap === null || gradeRank(grade) <= gradeRank(cap);
}

/**
 * The grade a total score suggests (out of 100): ≥ 90 优秀, ≥ 75 称职, ≥ 60 基本称职, below 不称职 —
 * the common bands of annual cadre assessments; the assessor may grade lower, never above a cap.
 */
export function suggestedGrade(score: number, cap: GradeKey | null): GradeKey {
  const g: GradeKey =
    score >= 90 ? "excellent" : score >= 75 ? "competent" : score >= 60 ? "basically_competent" : "incompetent";
  return cap && !withinCap(g, cap) ? cap : g;
}

export interface RatingCounts {
  satisfied: number;
  fairlySatisfied: number;
  dissatisfied: number;
}

/**
 * 满意率 as integer per mille: (满意 + 基本满意) / 全部. Counted the usual way of 群众满意度测评
 * (基本满意 counts as satisfied); null when nobody rated.
 */
export function satisfactionPermille(c: RatingCounts): number | null {
  const total = c.satisfied + c.fairlySatisfied + c.dissatisfied;
  if (total === 0) return null;
  return Math.round(((c.satisfied + c.fairlySatisfied) * 1000) / total);
}

/** Points an item earns: its weight times the evidence ratio (0..1000 per mille), rounded down. */
export function pointsOf(weight: number, ratioPermille: number): number {
  const r = Math.max(0, Math.min(1000, ratioPermille));
  return Math.floor((weight * r) / 1000);
}
