/**
 * Collective-economy income brackets from the 楚雄 seed: ≥ 10 万, 3–10 万, 1–3 万,
 * < 1 万 (薄弱), 0 (空壳). Computed from the stored income, never stored themselves.
 */
export type IncomeBracket = "over_100k" | "from_30k" | "from_10k" | "weak" | "none";

const YUAN = 100;

export function incomeBracket(incomeFen: number): IncomeBracket {
  if (incomeFen <= 0) return "none";
  if (incomeFen >= 100_000 * YUAN) return "over_100k";
  if (incomeFen >= 30_000 * YUAN) return "from_30k";
  if (incomeFen >= 10_000 * YUAN) return "from_10k";
  return "weak";
}
