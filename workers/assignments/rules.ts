import { CADRE_RANKS, type CadreRank, type UNIT_LEVELS } from "../../db/schema/tenant/people.ts";
import { CADRE_RANK_LABELS, UNIT_LEVEL_LABELS } from "../../web/i18n/zh-CN.ts";

type UnitLevel = (typeof UNIT_LEVELS)[number];

/**
 * 工作队队长须为副处级（市直单位）或副科级（县直单位）以上干部 (seed 003): the lowest rank a
 * resident team leader may hold, by the level of the unit that sends them. The seed names city and
 * county units; a provincial unit is held to the city rule, a township or village unit to the
 * county rule (the lowest bar the seed sets).
 */
export const LEADER_MIN_RANK: Record<UnitLevel, CadreRank> = {
  province: "deputy_division",
  city: "deputy_division",
  county: "deputy_section",
  township: "deputy_section",
  village: "deputy_section",
};

export const LEADER_RANK_RULE = "驻村工作队队长须为副处级以上（市直单位）或副科级以上（县直单位）干部";

/** Whether `rank` is `min` or higher (CADRE_RANKS is ordered, lowest first). */
export const rankAtLeast = (rank: CadreRank, min: CadreRank) => CADRE_RANKS.indexOf(rank) >= CADRE_RANKS.indexOf(min);

/**
 * Why a cadre of this rank, sent by a unit of this level, cannot lead a resident team, or null when
 * they can. A cadre without a recorded rank is refused until it is recorded.
 */
export function leaderRankRefusal(unitLevel: UnitLevel, rank: CadreRank | null, cadreName = "该干部"): string | null {
  const min = LEADER_MIN_RANK[unitLevel];
  const unit = `${UNIT_LEVEL_LABELS[unitLevel]}单位`;
  if (rank === null) return `${LEADER_RANK_RULE}：${cadreName}（${unit}）未登记职级，请先在干部信息中登记职级`;
  if (rankAtLeast(rank, min)) return null;
  return `${LEADER_RANK_RULE}：${cadreName}（${unit}）为${CADRE_RANK_LABELS[rank]}，须${CADRE_RANK_LABELS[min]}以上`;
}
