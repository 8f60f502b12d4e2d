/**
 * What an award program's batch is made of: the awards themselves. The batch page's "generate"
 * calls these (workers/batches/lines.ts), so awards pay only through the program's batch, its 公示,
 * approval and payment, like every other line.
 */
import type { ServiceContext } from "../domain/service-context.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { consecutiveYears, supplementFenPerMonth } from "../lib/lagging-score.ts";
import { AWARD_KIND_LABELS } from "../../web/i18n/zh-CN.ts";
import type { AwardKind } from "../../db/schema/tenant/lagging.ts";

export interface AwardCandidate {
  kind: string;
  id: number;
  name: string;
  villageId: number | null;
  /** Fen per month for the supplement (null: the program's fixed amount). */
  monthlyFen: number | null;
  purpose: string;
}

/** The year's awards recorded against this program (one line each; the claim refuses a second). */
export async function awardCandidates(
  ctx: ServiceContext,
  programId: number,
  recipientKind: string,
  period: string,
): Promise<AwardCandidate[]> {
  if (period.length !== 4)
    throw new AppError("validation_failed", "表彰奖励按年度发放，请用年度期间（如 2026）的批次", {
      fields: [{ field: "source", message: "须为年度期间的批次" }],
    });
  const rows = await ctx.d1
    .prepare(
      `SELECT recipient_id AS id, recipient_name AS name, village_id AS villageId, kind, year FROM awards
       WHERE program_id = ? AND year = ? AND recipient_kind = ? ORDER BY id`,
    )
    .bind(programId, Number(period), recipientKind)
    .all<{ id: number; name: string; villageId: number | null; kind: AwardKind; year: number }>();
  return rows.results.map((r) => ({
    kind: recipientKind,
    id: r.id,
    name: r.name,
    villageId: r.villageId,
    monthlyFen: null,
    purpose: `${AWARD_KIND_LABELS[r.kind]}（${r.year} 年）表彰奖励`,
  }));
}

/**
 * Seed 002's supplement of 优秀村官: +100 元/月 after two consecutive years, +200 元/月 after three,
 * computed from the award history up to the year before the period's year.
 */
export async function supplementCandidates(
  ctx: ServiceContext,
  recipientKind: string,
  period: string,
): Promise<AwardCandidate[]> {
  const year = Number(period.slice(0, 4));
  const rows = await ctx.d1
    .prepare(
      `SELECT recipient_id AS id, max(recipient_name) AS name, max(village_id) AS villageId, json_group_array(year) AS years
       FROM awards WHERE kind = 'excellent_village_official' AND recipient_kind = ?1 AND year BETWEEN ?2 - 3 AND ?2 - 1
       GROUP BY recipient_id ORDER BY recipient_id`,
    )
    .bind(recipientKind, year)
    .all<{ id: number; name: string; villageId: number | null; years: string }>();
  const out: AwardCandidate[] = [];
  for (const r of rows.results) {
    const years = JSON.parse(r.years) as number[];
    const monthly = supplementFenPerMonth(years, year);
    if (monthly === 0) continue;
    out.push({
      kind: recipientKind,
      id: r.id,
      name: r.name,
      villageId: r.villageId,
      monthlyFen: monthly,
      purpose: `连续 ${consecutiveYears(years, year)} 年获评优秀村官，每月补贴 ${monthly / 100} 元`,
    });
  }
  return out;
}
