/**
 * The yearly ranking of villages for 后进村整顿, pure. Each chosen indicator gives a weakness of
 * 0–100 (higher is weaker); a village's score is their mean, rounded down. Seed 002 confirms about
 * 10 % of villages a year (101 villages, 9.24 %): `suggestedCount` is that share, rounded up.
 */
export type Indicator = "income" | "problems" | "rating" | "coverage";

export interface VillageFacts {
  /** The year's recorded collective income in fen; null when none is recorded. */
  incomeFen: number | null;
  /** Inspection problems not yet closed or dismissed. */
  openProblems: number;
  /** 群众评议 satisfaction in ‰ over the year's published reviews; null without reviews. */
  satisfactionPermille: number | null;
  /** Share of paired households visited in the year, ‰; null without pairings. */
  coveragePermille: number | null;
}

/** Share of villages a county usually confirms; above it the confirmation warns. */
export const USUAL_SHARE_PERMILLE = 100;

/** Collective-economy brackets (楚雄 seed): 0 空壳, < 1 万 薄弱, 1–3 万, 3–10 万, ≥ 10 万. */
export function incomeWeakness(incomeFen: number): number {
  if (incomeFen === 0) return 100;
  if (incomeFen < 1_000_000) return 75;
  if (incomeFen < 3_000_000) return 50;
  if (incomeFen < 10_000_000) return 25;
  return 0;
}

/**
 * Weakness per indicator. Missing records count against the village where missing is itself a
 * sign (no income recorded: as 薄弱; no published review: half), and not where there is nothing to
 * do (no paired households: 0).
 */
export function weaknesses(f: VillageFacts): Record<Indicator, number> {
  return {
    income: f.incomeFen === null ? 75 : incomeWeakness(f.incomeFen),
    problems: Math.min(100, f.openProblems * 25),
    rating: f.satisfactionPermille === null ? 50 : 100 - Math.floor(f.satisfactionPermille / 10),
    coverage: f.coveragePermille === null ? 0 : 100 - Math.floor(f.coveragePermille / 10),
  };
}

export function laggingScore(f: VillageFacts, chosen: readonly Indicator[]): number {
  if (chosen.length === 0) return 0;
  const w = weaknesses(f);
  return Math.floor(chosen.reduce((sum, i) => sum + w[i], 0) / chosen.length);
}

/** How many of `villages` the usual share suggests (at least one when there are any). */
export function suggestedCount(villages: number): number {
  return villages === 0 ? 0 : Math.max(1, Math.ceil((villages * USUAL_SHARE_PERMILLE) / 1000));
}

/** `listed` of `villages` in ‰, rounded down. */
export function sharePermille(listed: number, villages: number): number {
  return villages === 0 ? 0 : Math.floor((listed * 1000) / villages);
}

/**
 * The 优秀村官 monthly supplement (seed 002): +100 元/月 after two consecutive years honoured,
 * +200 元/月 after three. `years` are the years honoured; the streak counted is the one that ends
 * in the year before `year` (an honour is given at the end of its year and pays from the next).
 * Returns fen per month, 0 when no supplement is due.
 */
export function supplementFenPerMonth(years: readonly number[], year: number): number {
  const set = new Set(years);
  let streak = 0;
  while (set.has(year - 1 - streak)) streak++;
  if (streak >= 3) return 20_000;
  if (streak >= 2) return 10_000;
  return 0;
}

/** The streak used above, for the page that explains the amount. */
export function consecutiveYears(years: readonly number[], year: number): number {
  const set = new Set(years);
  let streak = 0;
  while (set.has(year - 1 - streak)) streak++;
  return streak;
}
