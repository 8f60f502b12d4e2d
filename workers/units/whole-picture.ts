import type { ServiceContext } from "../domain/service-context.ts";
import { and, desc, eq, sql } from "drizzle-orm";
import { can } from "../domain/permissions.ts";
import { scopeOf, villageIdCondition } from "../domain/scope.ts";
import { letterMeasures, responsibilityLetters } from "../../db/schema/tenant/supervision.ts";
import { villages as villageTable } from "../../db/schema/tenant/places.ts";

/**
 * Everything around one unit on its page: the villages it helps (its own pairings, and where its
 * cadres are resident), its cadres with where they serve, and money: the allowances paid to its
 * cadres and the money paid into its paired villages, by year (`money.read` roles only).
 * 目标责任书: the unit's letters with each village, with how many of their measures are done, for
 * `supervision.read` roles inside their village scope (as the letters list).
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
  /** null: the user may not read supervision records. */
  letters:
    | {
        id: number;
        villageCode: string;
        villageName: string;
        termStartYear: number;
        termEndYear: number;
        signedDate: string;
        measureCount: number;
        completedCount: number;
      }[]
    | null;
}

const LIMIT = 50;

export async function unitPicture(ctx: ServiceContext, unitId: number): Promise<UnitPicture> {
  const money = can(ctx.user!.role, "money.read");
  const d1 = ctx.d1;
  const letters = can(ctx.user!.role, "supervision.read") ? await unitLetters(ctx, unitId) : null;
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
    letters,
  };
}

function unitLetters(ctx: ServiceContext, unitId: number) {
  const l = responsibilityLetters;
  const measures = (done: boolean) =>
    sql<number>`(SELECT count(*) FROM ${letterMeasures} m WHERE m.letter_id = ${l.id}${done ? sql` AND m.status = 'completed'` : sql``})`;
  return ctx.db
    .select({
      id: l.id,
      villageCode: villageTable.code,
      villageName: villageTable.name,
      termStartYear: l.termStartYear,
      termEndYear: l.termEndYear,
      signedDate: l.signedDate,
      measureCount: measures(false),
      completedCount: measures(true),
    })
    .from(l)
    .innerJoin(villageTable, eq(villageTable.id, l.villageId))
    .where(and(eq(l.unitId, unitId), villageIdCondition(scopeOf(ctx.user!), l.villageId)))
    .orderBy(desc(l.termStartYear), villageTable.code)
    .limit(LIMIT)
    .all();
}
