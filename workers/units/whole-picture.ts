import type { ServiceContext } from "../domain/service-context.ts";
import { can } from "../domain/permissions.ts";

/**
 * Everything around one unit on its page: the villages it helps (its own pairings, and where its
 * cadres are resident), its cadres with where they serve, and money: the allowances paid to its
 * cadres and the money paid into its paired villages, by year (`money.read` roles only).
 * 目标责任书 (letters) have no data source yet: the page says so instead of inventing rows.
 * Units, villages and cadres are tenant-wide registry records every role may read; links to a
 * village outside a township officer's or cadre's scope answer 404 there, as everywhere.
 */
export interface UnitPicture {
  villages: { villageId: number; code: string; name: string; how: string; since: string }[];
  cadres: {
    cadreId: number;
    name: string;
    position: string | null;
    role: string | null;
    villageCode: string | null;
    villageName: string | null;
  }[];
  money: { year: string; cadreFen: number; villageFen: number }[] | null;
}

const LIMIT = 50;

export async function unitPicture(ctx: ServiceContext, unitId: number): Promise<UnitPicture> {
  const money = can(ctx.user!.role, "money.read");
  const d1 = ctx.d1;
  const [villages, cadres, moneyRows] = await d1.batch<Record<string, unknown>>([
    d1
      .prepare(
        `SELECT v.id AS villageId, v.code, v.name, p.kind AS how, p.start_date AS since
           FROM pairings p JOIN villages v ON v.id = p.village_id
          WHERE p.helper_unit_id = ?1 AND p.status = 'active'
         UNION ALL
         SELECT v.id, v.code, v.name, 'resident:' || a.role, min(a.start_date)
           FROM assignments a JOIN cadres c ON c.id = a.cadre_id JOIN villages v ON v.id = a.village_id
          WHERE c.unit_id = ?1 AND a.status = 'active'
          GROUP BY v.id, a.role
          ORDER BY 3, 4 LIMIT ${LIMIT}`,
      )
      .bind(unitId),
    d1
      .prepare(
        `SELECT c.id AS cadreId, c.name, c.position, a.role, v.code AS villageCode, v.name AS villageName
           FROM cadres c
           LEFT JOIN assignments a ON a.cadre_id = c.id AND a.status = 'active'
           LEFT JOIN villages v ON v.id = a.village_id
          WHERE c.unit_id = ?1 ORDER BY a.role IS NULL, c.name LIMIT ${LIMIT}`,
      )
      .bind(unitId),
    d1
      .prepare(
        `SELECT year, sum(cadre_fen) AS cadreFen, sum(village_fen) AS villageFen FROM (
           SELECT substr(l.paid_date, 1, 4) AS year, l.amount_fen - coalesce(r.amount_fen, 0) AS cadre_fen, 0 AS village_fen
             FROM batch_lines l LEFT JOIN reversals r ON r.line_id = l.id
            WHERE l.recipient_kind = 'cadre' AND l.status = 'paid'
              AND l.recipient_id IN (SELECT id FROM cadres WHERE unit_id = ?1)
           UNION ALL
           SELECT substr(l.paid_date, 1, 4), 0, l.amount_fen - coalesce(r.amount_fen, 0)
             FROM batch_lines l LEFT JOIN reversals r ON r.line_id = l.id
            WHERE l.status = 'paid' AND l.village_id IN
                  (SELECT village_id FROM pairings WHERE helper_unit_id = ?1 AND status = 'active')
         ) WHERE ?2 GROUP BY year ORDER BY year DESC LIMIT 20`,
      )
      .bind(unitId, money ? 1 : 0),
  ]);
  return {
    villages: villages!.results as UnitPicture["villages"],
    cadres: cadres!.results as UnitPicture["cadres"],
    money: money ? (moneyRows!.results as NonNullable<UnitPicture["money"]>) : null,
  };
}
