import type { ServiceContext } from "../domain/service-context.ts";
import type { HouseholdStatus, MonitorKind } from "../../db/schema/tenant/households.ts";

/** The decision kind that leads to a status: every status change of a household is one of these. */
export function decisionKindFor(toStatus: HouseholdStatus): "identification" | "exit" | "monitoring" | null {
  if (toStatus === "poor") return "identification";
  if (toStatus === "exited") return "exit";
  if (toStatus === "monitored") return "monitoring";
  return null;
}

/**
 * A proposed decision (待公示) for a household being registered in the same batch, found by its
 * unique ID hash: a new registration or an import records the status it asks for this way and
 * never sets it. An officer then publishes it (publishDecision) and it takes effect after 公示.
 */
export function proposeForNewHousehold(
  ctx: ServiceContext,
  idNumberHash: string,
  proposal: { toStatus: HouseholdStatus; monitorKind: MonitorKind | null; reason: string },
): D1PreparedStatement | null {
  const kind = decisionKindFor(proposal.toStatus);
  if (!kind) return null;
  return ctx.d1
    .prepare(
      "INSERT INTO household_decisions (household_id, kind, to_status, to_monitor_kind, reason, status, created_by) SELECT id, ?, ?, ?, ?, 'proposed', ? FROM households WHERE id_number_hash = ?",
    )
    .bind(
      kind,
      proposal.toStatus,
      proposal.toStatus === "monitored" ? proposal.monitorKind : null,
      proposal.reason,
      ctx.user?.id ?? 0,
      idNumberHash,
    );
}
