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

/**
 * The same for many households at once (CSV import): one statement per 500 proposals, the list
 * passed as one JSON parameter and read with json_each (D1 allows 100 bound parameters).
 */
export function proposeForNewHouseholds(
  ctx: ServiceContext,
  list: { idNumberHash: string; toStatus: HouseholdStatus; monitorKind: MonitorKind | null }[],
  reason: string,
): D1PreparedStatement[] {
  const items = list.flatMap((p) => {
    const kind = decisionKindFor(p.toStatus);
    return kind
      ? [{ h: p.idNumberHash, k: kind, s: p.toStatus, m: p.toStatus === "monitored" ? p.monitorKind : null }]
      : [];
  });
  const out: D1PreparedStatement[] = [];
  for (let i = 0; i < items.length; i += 500) {
    out.push(
      ctx.d1
        .prepare(
          `INSERT INTO household_decisions (household_id, kind, to_status, to_monitor_kind, reason, status, created_by)
           SELECT h.id, json_extract(j.value, '$.k'), json_extract(j.value, '$.s'), json_extract(j.value, '$.m'), ?, 'proposed', ?
           FROM json_each(?) j JOIN households h ON h.id_number_hash = json_extract(j.value, '$.h')`,
        )
        .bind(reason, ctx.user?.id ?? 0, JSON.stringify(items.slice(i, i + 500))),
    );
  }
  return out;
}
