import type { ServiceContext } from "../domain/service-context.ts";
import { can } from "../domain/permissions.ts";
import { scopeOf } from "../domain/scope.ts";

/**
 * Everything around one household on one page: who is responsible for it (current and past),
 * the visits to it, the money it received, the decisions about it and the notices that showed
 * them. The caller has already found the household inside the user's scope (getHouseholdDetail
 * answers 404 otherwise); each list here is bounded, and visits follow the visit list's own scope
 * (a cadre sees their own diary). Payments are money: only roles with `money.read` get them (null
 * otherwise, and the page says so instead of showing an empty list).
 */
export interface HouseholdPicture {
  responsible: {
    pairingId: number;
    cadreId: number;
    cadreName: string;
    unitName: string | null;
    status: string;
    startDate: string;
    endDate: string | null;
  }[];
  visits: { id: number; visitDate: string; occasion: string; cadreName: string; notes: string }[];
  visitCount: number;
  payments:
    | {
        lineId: number;
        batchId: number;
        programName: string;
        period: string;
        paidDate: string | null;
        amountFen: number;
        reversedFen: number;
      }[]
    | null;
  decisions: {
    id: number;
    kind: string;
    toStatus: string;
    status: string;
    reason: string;
    noticeId: number | null;
    createdAt: number;
  }[];
  notices: { id: number; kind: string; title: string; startDate: string; endDate: string; status: string }[];
}

const LIMIT = 20;

export async function householdPicture(ctx: ServiceContext, householdId: number): Promise<HouseholdPicture> {
  const scope = scopeOf(ctx.user!);
  // The visit list's scope (workers/visits/service.ts visitScope), in SQL text for this batch.
  const ownVisits = scope.kind === "cadre" ? (scope.cadreId ?? -1) : null;
  const money = can(ctx.user!.role, "money.read");
  const d1 = ctx.d1;
  const [responsible, visits, visitCount, payments, decisions, notices] = await d1.batch<Record<string, unknown>>([
    d1
      .prepare(
        `SELECT p.id AS pairingId, c.id AS cadreId, c.name AS cadreName, u.name AS unitName, p.status,
                p.start_date AS startDate, p.end_date AS endDate
           FROM pairings p JOIN cadres c ON c.id = p.helper_cadre_id LEFT JOIN units u ON u.id = c.unit_id
          WHERE p.household_id = ?1 AND p.kind = 'cadre_household'
          ORDER BY p.status = 'active' DESC, p.start_date DESC, p.id DESC LIMIT ${LIMIT}`,
      )
      .bind(householdId),
    d1
      .prepare(
        `SELECT v.id, v.visit_date AS visitDate, v.occasion, c.name AS cadreName, v.notes
           FROM visits v JOIN cadres c ON c.id = v.cadre_id
          WHERE v.household_id = ?1 AND (?2 IS NULL OR v.cadre_id = ?2)
          ORDER BY v.visit_date DESC, v.id DESC LIMIT ${LIMIT}`,
      )
      .bind(householdId, ownVisits),
    d1
      .prepare("SELECT count(*) AS n FROM visits WHERE household_id = ?1 AND (?2 IS NULL OR cadre_id = ?2)")
      .bind(householdId, ownVisits),
    d1
      .prepare(
        `SELECT l.id AS lineId, l.batch_id AS batchId, p.name AS programName, l.period, l.paid_date AS paidDate,
                l.amount_fen AS amountFen, coalesce(r.amount_fen, 0) AS reversedFen
           FROM batch_lines l JOIN programs p ON p.id = l.program_id LEFT JOIN reversals r ON r.line_id = l.id
          WHERE l.recipient_kind = 'household' AND l.recipient_id = ?1 AND l.status = 'paid' AND ?2
          ORDER BY l.paid_date DESC, l.id DESC LIMIT 50`,
      )
      .bind(householdId, money ? 1 : 0),
    d1
      .prepare(
        `SELECT id, kind, to_status AS toStatus, status, reason, notice_id AS noticeId, created_at AS createdAt
           FROM household_decisions WHERE household_id = ?1 ORDER BY id DESC LIMIT ${LIMIT}`,
      )
      .bind(householdId),
    // Notices of its decisions, and of the subsidy batches that list it.
    d1
      .prepare(
        `SELECT id, kind, title, start_date AS startDate, end_date AS endDate, status FROM notices
          WHERE (kind IN ('household_identification', 'household_exit', 'household_monitoring')
                 AND subject_id IN (SELECT id FROM household_decisions WHERE household_id = ?1))
             OR (kind = 'batch' AND subject_id IN (SELECT batch_id FROM batch_lines
                                                    WHERE recipient_kind = 'household' AND recipient_id = ?1))
          ORDER BY start_date DESC, id DESC LIMIT ${LIMIT}`,
      )
      .bind(householdId),
  ]);
  return {
    responsible: responsible!.results as HouseholdPicture["responsible"],
    visits: visits!.results as HouseholdPicture["visits"],
    visitCount: Number((visitCount!.results[0] as { n: number } | undefined)?.n ?? 0),
    payments: money ? (payments!.results as NonNullable<HouseholdPicture["payments"]>) : null,
    decisions: decisions!.results as HouseholdPicture["decisions"],
    notices: notices!.results as HouseholdPicture["notices"],
  };
}
