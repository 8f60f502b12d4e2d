import { and, desc, eq, isNull } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import {
  households,
  householdStatusEvents,
  type HouseholdStatus,
  type MonitorKind,
} from "../../db/schema/tenant/households.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { type AuditedWrite, actorOf } from "../domain/audited-write.ts";
import { getHousehold } from "./service.ts";

/**
 * A household's status changes only through a recorded event (from, to, date, reason, who),
 * never through an edit. Kept in its own module so that decisions shown publicly first (建档立卡,
 * 脱贫退出, 防返贫监测 after their notice period) can record their change the same way.
 */
export interface StatusChange {
  toStatus: HouseholdStatus;
  monitorKind?: MonitorKind | null | undefined;
  /** YYYY-MM-DD */
  effectiveDate: string;
  reason: string;
  /** 建档立卡 taking effect records the year of identification. */
  yearIdentified?: number | undefined;
}

export interface CurrentStatus {
  id: number;
  status: HouseholdStatus;
  monitorKind: MonitorKind | null;
}

/**
 * Adds the change to `w`: the households row is updated only if it still has the status it was
 * read with (`UPDATE … WHERE id = ? AND status = ? AND monitor_kind IS ?`, 409 otherwise), and the
 * event is inserted in the same batch. The caller adds its audit entry and commits.
 * An exit records the exit year (the year of the effective date); a return to `poor` clears it.
 */
export function addStatusChange(
  ctx: ServiceContext,
  w: AuditedWrite,
  current: CurrentStatus,
  change: StatusChange,
): AuditedWrite {
  const toMonitorKind = change.toStatus === "monitored" ? (change.monitorKind ?? null) : null;
  if (change.toStatus === "monitored" && !toMonitorKind) {
    throw new AppError("validation_failed", "纳入监测须选择监测类别", {
      fields: [{ field: "monitorKind", message: "纳入监测须选择监测类别" }],
    });
  }
  if (change.toStatus === current.status && toMonitorKind === current.monitorKind) {
    throw new AppError("validation_failed", "新状态与当前状态相同", {
      fields: [{ field: "toStatus", message: "新状态与当前状态相同，无需变更" }],
    });
  }
  const db = ctx.db;
  const actor = actorOf(ctx);
  const exitYear =
    change.toStatus === "exited"
      ? { exitYear: Number(change.effectiveDate.slice(0, 4)) }
      : change.toStatus === "poor"
        ? { exitYear: null }
        : {};
  const identified = change.yearIdentified !== undefined ? { yearIdentified: change.yearIdentified } : {};
  return w
    .guarded(
      db
        .update(households)
        .set({
          status: change.toStatus,
          monitorKind: toMonitorKind,
          ...exitYear,
          ...identified,
          updatedAt: Math.floor(Date.now() / 1000),
        })
        .where(
          and(
            eq(households.id, current.id),
            eq(households.status, current.status),
            current.monitorKind == null
              ? isNull(households.monitorKind)
              : eq(households.monitorKind, current.monitorKind),
          ),
        ),
      "该户状态已被他人变更，请刷新后重试",
    )
    .add(
      db.insert(householdStatusEvents).values({
        householdId: current.id,
        fromStatus: current.status,
        fromMonitorKind: current.monitorKind,
        toStatus: change.toStatus,
        toMonitorKind,
        effectiveDate: change.effectiveDate,
        reason: change.reason,
        actorId: actor.id,
        actorName: actor.name,
      }),
    );
}

export async function statusHistory(ctx: ServiceContext, householdId: number) {
  await getHousehold(ctx, householdId);
  return ctx.db
    .select({
      id: householdStatusEvents.id,
      fromStatus: householdStatusEvents.fromStatus,
      fromMonitorKind: householdStatusEvents.fromMonitorKind,
      toStatus: householdStatusEvents.toStatus,
      toMonitorKind: householdStatusEvents.toMonitorKind,
      effectiveDate: householdStatusEvents.effectiveDate,
      reason: householdStatusEvents.reason,
      actorName: householdStatusEvents.actorName,
      createdAt: householdStatusEvents.createdAt,
    })
    .from(householdStatusEvents)
    .where(eq(householdStatusEvents.householdId, householdId))
    .orderBy(desc(householdStatusEvents.id))
    .all();
}
