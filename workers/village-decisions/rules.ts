import type { DecisionStage } from "../../db/schema/tenant/disclosure.ts";

/**
 * Quorum and majority of the 四议 meetings that vote. A meeting below its quorum cannot decide:
 * nothing is recorded and the item waits for a meeting that has one. A vote that misses its
 * majority is recorded and ends the item (`failed_stage`), publicly: it is not sent back, because
 * a new proposal must start again from 党支部提议 with its own record.
 *
 * - 两委商议 (村党组织和村委会联席会议): more than half of the members present; passed by more
 *   than half of those present (少数服从多数, 中国共产党农村基层组织工作条例).
 * - 党员大会审议: more than half of the members entitled to vote present; passed when the votes for
 *   are more than half of the members *entitled* to vote (中国共产党支部工作条例（试行）第十八条:
 *   "赞成人数超过应到会有表决权党员的半数为通过").
 * - 村民(代表)会议决议: at least two thirds of the representatives present (村民委员会组织法第二十六条);
 *   passed by more than half of those present (同条: "所作决定应当经到会人员的过半数同意").
 */
export const VOTE_RULES: Partial<
  Record<DecisionStage, { quorum: (eligible: number, present: number) => boolean; basis: "present" | "eligible" }>
> = {
  discussed: { quorum: (e, p) => p * 2 > e, basis: "present" },
  reviewed: { quorum: (e, p) => p * 2 > e, basis: "eligible" },
  resolved: { quorum: (e, p) => p * 3 >= e * 2, basis: "present" },
};

export const QUORUM_TEXT: Partial<Record<DecisionStage, string>> = {
  discussed: "到会人数须超过应到人数的一半",
  reviewed: "到会有表决权的党员须超过应到会人数的一半",
  resolved: "到会人数须达到应到人数的三分之二",
};

export type VoteOutcome = { ok: true; passed: boolean; needed: number } | { ok: false; message: string };

/** Whether a meeting could decide (quorum) and whether the item passed (majority). */
export function voteOutcome(
  stage: DecisionStage,
  v: { eligible: number; attendees: number; votesFor: number },
): VoteOutcome {
  const rule = VOTE_RULES[stage];
  if (!rule) return { ok: true, passed: true, needed: 0 };
  if (!rule.quorum(v.eligible, v.attendees))
    return {
      ok: false,
      message: `未达到法定人数（应到 ${v.eligible} 人，实到 ${v.attendees} 人；${QUORUM_TEXT[stage]}），会议不能作出决定`,
    };
  const base = rule.basis === "eligible" ? v.eligible : v.attendees;
  const needed = Math.floor(base / 2) + 1;
  return { ok: true, passed: v.votesFor >= needed, needed };
}
