import { sql } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { scopeOf, villageCondition } from "../domain/scope.ts";
import type { LaggingIndicator } from "../../db/schema/tenant/lagging.ts";
import { laggingScore, suggestedCount } from "../lib/lagging-score.ts";
import { satisfactionPermille } from "../lib/grades.ts";

export interface RankingRowView {
  villageId: number;
  villageCode: string;
  villageName: string;
  townshipCode: string;
  townshipName: string;
  incomeFen: number | null;
  openProblems: number;
  satisfactionPermille: number | null;
  coveragePermille: number | null;
  score: number;
  suggested: boolean;
  rectificationId: number | null;
}

export interface RankingView {
  year: number;
  indicators: LaggingIndicator[];
  villages: number;
  suggestedCount: number;
  listedCount: number;
  rows: RankingRowView[];
}

interface Facts {
  villageId: number;
  villageCode: string;
  villageName: string;
  townshipCode: string;
  townshipName: string | null;
  incomeFen: number | null;
  openProblems: number;
  sat: number;
  fair: number;
  dis: number;
  paired: number;
  visited: number;
  rectificationId: number | null;
}

/**
 * The year's facts of every village in the user's scope, computed from the records: the recorded
 * collective income, inspection problems of the village or its resident team not yet closed or
 * dismissed, the published 述职评议 ballots of the year, and the year's visits to paired households.
 * `onlyIds` narrows it (the confirmation snapshots the scores of the villages it lists).
 */
async function villageFacts(ctx: ServiceContext, year: number, onlyIds?: number[]): Promise<Facts[]> {
  const y0 = `${year}-01-01`;
  const y1 = `${year}-12-31`;
  const scope = villageCondition(scopeOf(ctx.user!));
  const only = onlyIds ? sql`AND villages.id IN (SELECT value FROM json_each(${JSON.stringify(onlyIds)}))` : sql``;
  return ctx.db.all<Facts>(sql`
    SELECT villages.id AS villageId, villages.code AS villageCode, villages.name AS villageName,
      villages.township_code AS townshipCode, t.name AS townshipName,
      (SELECT i.income_fen FROM village_incomes i WHERE i.village_id = villages.id AND i.year = ${year}) AS incomeFen,
      (SELECT count(*) FROM inspection_problems p JOIN inspections n ON n.id = p.inspection_id
        WHERE n.target_village_id = villages.id AND p.status IN ('open', 'confirmed', 'rectified') AND n.date <= ${y1}) AS openProblems,
      coalesce((SELECT sum(r.paper_satisfied + (SELECT count(*) FROM review_ballots b WHERE b.review_id = r.id AND b.rating = 'satisfied'))
        FROM reviews r WHERE r.village_id = villages.id AND r.year = ${year} AND r.status = 'published'), 0) AS sat,
      coalesce((SELECT sum(r.paper_fairly_satisfied + (SELECT count(*) FROM review_ballots b WHERE b.review_id = r.id AND b.rating = 'fairly_satisfied'))
        FROM reviews r WHERE r.village_id = villages.id AND r.year = ${year} AND r.status = 'published'), 0) AS fair,
      coalesce((SELECT sum(r.paper_dissatisfied + (SELECT count(*) FROM review_ballots b WHERE b.review_id = r.id AND b.rating = 'dissatisfied'))
        FROM reviews r WHERE r.village_id = villages.id AND r.year = ${year} AND r.status = 'published'), 0) AS dis,
      (SELECT count(*) FROM pairings p JOIN households h ON h.id = p.household_id
        WHERE h.village_id = villages.id AND p.kind = 'cadre_household' AND p.start_date <= ${y1} AND (p.end_date IS NULL OR p.end_date >= ${y0})) AS paired,
      (SELECT count(*) FROM pairings p JOIN households h ON h.id = p.household_id
        WHERE h.village_id = villages.id AND p.kind = 'cadre_household' AND p.start_date <= ${y1} AND (p.end_date IS NULL OR p.end_date >= ${y0})
          AND EXISTS (SELECT 1 FROM visits v WHERE v.household_id = p.household_id AND v.cadre_id = p.helper_cadre_id AND v.visit_date BETWEEN ${y0} AND ${y1})) AS visited,
      (SELECT r.id FROM village_rectifications r WHERE r.village_id = villages.id AND r.year = ${year}) AS rectificationId
    FROM villages LEFT JOIN townships t ON t.code = villages.township_code
    WHERE ${scope ?? sql`1`} ${only}
    ORDER BY villages.code`);
}

function toRow(f: Facts, indicators: LaggingIndicator[]): Omit<RankingRowView, "suggested"> {
  const facts = {
    incomeFen: f.incomeFen,
    openProblems: f.openProblems,
    satisfactionPermille: satisfactionPermille({ satisfied: f.sat, fairlySatisfied: f.fair, dissatisfied: f.dis }),
    coveragePermille: f.paired === 0 ? null : Math.floor((f.visited * 1000) / f.paired),
  };
  return {
    villageId: f.villageId,
    villageCode: f.villageCode,
    villageName: f.villageName,
    townshipCode: f.townshipCode,
    townshipName: f.townshipName ?? f.townshipCode,
    ...facts,
    score: laggingScore(facts, indicators),
    rectificationId: f.rectificationId,
  };
}

/** Villages ranked weakest first; the first ~10 % are suggested for the year's list. */
export async function ranking(ctx: ServiceContext, year: number, indicators: LaggingIndicator[]): Promise<RankingView> {
  const rows = (await villageFacts(ctx, year)).map((f) => toRow(f, indicators));
  rows.sort((a, b) => b.score - a.score || a.villageCode.localeCompare(b.villageCode));
  const n = suggestedCount(rows.length);
  return {
    year,
    indicators,
    villages: rows.length,
    suggestedCount: n,
    listedCount: rows.filter((r) => r.rectificationId !== null).length,
    rows: rows.map((r, i) => ({ ...r, suggested: i < n && r.score > 0 })),
  };
}

/** Scores and their indicators in words for the villages being listed (the confirmation's snapshot). */
export async function scoresOf(
  ctx: ServiceContext,
  year: number,
  indicators: LaggingIndicator[],
  villageIds: number[],
): Promise<Map<number, ReturnType<typeof toRow>>> {
  const rows = (await villageFacts(ctx, year, villageIds)).map((f) => toRow(f, indicators));
  return new Map(rows.map((r) => [r.villageId, r]));
}
