import { and, count, desc, eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { ServiceContext } from "../domain/service-context.ts";
import { assignments, cadres } from "../../db/schema/tenant/people.ts";
import { villages } from "../../db/schema/tenant/places.ts";
import { leaves } from "../../db/schema/tenant/presence.ts";
import { users } from "../../db/schema/tenant/users.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { assignmentScope } from "../assignments/service.ts";
import { ownActiveAssignment } from "../check-ins/service.ts";
import { LEAVE_EFFECTIVE_END } from "../check-ins/leave-days.ts";
import { addDays, chinaDateOfUnix, daysBetween } from "../lib/dates.ts";
import { offsetOf } from "../lib/paging.ts";
import type { LeaveCreateInput, LeaveQueryInput } from "./schemas.ts";

/** Sick leave is often written up afterwards; further back than this is a correction for the county. */
const MAX_BACKDATE_DAYS = 30;
const MAX_LEAVE_DAYS = 90;

const fieldError = (field: string, message: string) =>
  new AppError("validation_failed", message, { fields: [{ field, message }] });

const decider = alias(users, "decider");
const effectiveEnd = sql.raw(LEAVE_EFFECTIVE_END.replaceAll("l.", '"leaves".'));

const columns = {
  id: leaves.id,
  assignmentId: leaves.assignmentId,
  cadreId: assignments.cadreId,
  cadreName: cadres.name,
  villageCode: villages.code,
  villageName: villages.name,
  townshipCode: villages.townshipCode,
  kind: leaves.kind,
  startDate: leaves.startDate,
  endDate: leaves.endDate,
  days: sql<number>`CAST(julianday(${effectiveEnd}) - julianday(${leaves.startDate}) + 1 AS INTEGER)`.mapWith(Number),
  reason: leaves.reason,
  status: leaves.status,
  requestedBy: leaves.requestedBy,
  decidedBy: leaves.decidedBy,
  decidedByName: decider.displayName,
  decidedAt: leaves.decidedAt,
  decisionNote: leaves.decisionNote,
  returnedOn: leaves.returnedOn,
  createdAt: leaves.createdAt,
};

function selectLeaves(ctx: ServiceContext) {
  return ctx.db
    .select(columns)
    .from(leaves)
    .innerJoin(assignments, eq(assignments.id, leaves.assignmentId))
    .leftJoin(cadres, eq(cadres.id, assignments.cadreId))
    .innerJoin(villages, eq(villages.id, assignments.villageId))
    .leftJoin(decider, eq(decider.id, leaves.decidedBy));
}

export type LeaveView = Awaited<ReturnType<typeof getLeave>>;

/** A leave in scope (leave is personal: the cadre, their township and the county), or 404. */
export async function getLeave(ctx: ServiceContext, id: number) {
  const row = await selectLeaves(ctx)
    .where(and(eq(leaves.id, id), assignmentScope(ctx)))
    .get();
  if (!row) throw new AppError("not_found", "没有这条请假记录，或不在您的管辖范围内");
  return row;
}

function whereOf(ctx: ServiceContext, q: LeaveQueryInput): SQL | undefined {
  return and(
    assignmentScope(ctx),
    q.status ? eq(leaves.status, q.status) : undefined,
    q.townshipCode ? eq(villages.townshipCode, q.townshipCode) : undefined,
    q.assignmentId ? eq(leaves.assignmentId, q.assignmentId) : undefined,
  );
}

export async function listLeaves(ctx: ServiceContext, q: LeaveQueryInput) {
  const where = whereOf(ctx, q);
  const [items, total] = await Promise.all([
    selectLeaves(ctx)
      .where(where)
      .orderBy(sql`${leaves.status} = 'pending' DESC`, desc(leaves.startDate), desc(leaves.id))
      .limit(q.size)
      .offset(offsetOf(q))
      .all(),
    ctx.db
      .select({ n: count() })
      .from(leaves)
      .innerJoin(assignments, eq(assignments.id, leaves.assignmentId))
      .innerJoin(villages, eq(villages.id, assignments.villageId))
      .where(where)
      .get(),
  ]);
  return { items, total: total?.n ?? 0, page: q.page, size: q.size };
}

/**
 * 请假 by the resident cadre for their own active assignment. A leave may not overlap another
 * pending or approved one of the same assignment: checked inside the batch (a guarded statement
 * after the insert), so two requests sent at once cannot both pass.
 */
export async function requestLeave(ctx: ServiceContext, input: LeaveCreateInput) {
  const a = await ownActiveAssignment(ctx, input.assignmentId);
  const today = chinaDateOfUnix(ctx.now());
  if (input.startDate < a.startDate) throw fieldError("startDate", `驻村任务自 ${a.startDate} 开始，请假不能早于此日`);
  if (input.startDate < addDays(today, -MAX_BACKDATE_DAYS))
    throw fieldError("startDate", `只能补请 ${MAX_BACKDATE_DAYS} 天内的假，更早的请联系乡镇更正`);
  if (daysBetween(input.startDate, input.endDate) + 1 > MAX_LEAVE_DAYS)
    throw fieldError("endDate", `一次请假最多 ${MAX_LEAVE_DAYS} 天`);
  const at = ctx.now();
  const row = {
    assignmentId: a.id,
    kind: input.kind,
    startDate: input.startDate,
    endDate: input.endDate,
    reason: input.reason,
    status: "pending" as const,
    requestedBy: ctx.user!.id,
    createdAt: at,
    updatedAt: at,
  };
  const [inserted] = (await new AuditedWrite(ctx)
    .add(ctx.db.insert(leaves).values(row).returning({ id: leaves.id }))
    .guarded(
      ctx.db
        .update(leaves)
        .set({ updatedAt: at })
        .where(
          and(
            sql`${leaves.id} = last_insert_rowid()`,
            sql`NOT EXISTS (SELECT 1 FROM leaves l WHERE l.assignment_id = ${a.id} AND l.id <> last_insert_rowid()
              AND l.status IN ('pending', 'approved', 'returned')
              AND l.start_date <= ${input.endDate} AND ${sql.raw(LEAVE_EFFECTIVE_END)} >= ${input.startDate})`,
          ),
        ),
      "与您已提交或已批准的请假时间重叠",
    )
    .audit({ action: "leave.request", entity: "assignment", entityId: a.id, after: row })
    .commit()) as [{ id: number }[]];
  return getLeave(ctx, inserted[0]!.id);
}

type Decision = "approved" | "rejected";

/**
 * The township (own township) or the county decides; never the person who asked (maker-checker,
 * as for resident days). Guarded on `pending`, so two officers deciding at once cannot both win.
 */
export async function decideLeave(ctx: ServiceContext, id: number, decision: Decision, note: string | undefined) {
  const l = await getLeave(ctx, id);
  if (l.requestedBy === ctx.user!.id) throw new AppError("forbidden", "不能审批自己的请假");
  if (l.status !== "pending") throw new AppError("conflict", "这条请假已处理，不能再审批");
  const at = ctx.now();
  const changes = {
    status: decision,
    decidedBy: ctx.user!.id,
    decidedAt: at,
    decisionNote: note ?? null,
    updatedAt: at,
  };
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(leaves)
        .set(changes)
        .where(and(eq(leaves.id, id), eq(leaves.status, "pending"))),
      "这条请假已被他人处理，请刷新",
    )
    .audit({
      action: decision === "approved" ? "leave.approve" : "leave.reject",
      entity: "leave",
      entityId: id,
      before: { status: l.status },
      after: changes,
    })
    .commit();
  return getLeave(ctx, id);
}

/** The requester withdraws a leave nobody has decided yet. */
export async function cancelLeave(ctx: ServiceContext, id: number) {
  const l = await getLeave(ctx, id);
  if (l.requestedBy !== ctx.user!.id) throw new AppError("forbidden", "只有请假人本人可以撤回");
  if (l.status !== "pending") throw new AppError("conflict", "只能撤回尚未审批的请假");
  const at = ctx.now();
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(leaves)
        .set({ status: "cancelled", updatedAt: at })
        .where(and(eq(leaves.id, id), eq(leaves.status, "pending"))),
      "这条请假已被处理，请刷新",
    )
    .audit({
      action: "leave.cancel",
      entity: "leave",
      entityId: id,
      before: { status: l.status },
      after: { status: "cancelled" },
    })
    .commit();
  return getLeave(ctx, id);
}

/**
 * 销假: the cadre is back on `returnedOn` (not in the future); the leave then ends the day before.
 * The cadre records it, or the township (own township) or the county when the cadre reports back
 * in person; scope decides (a cadre sees only their own leaves).
 */
export async function returnFromLeave(ctx: ServiceContext, id: number, returnedOn: string) {
  const l = await getLeave(ctx, id);
  if (l.status !== "approved") throw new AppError("conflict", "只有已批准的请假可以销假");
  if (returnedOn < l.startDate) throw fieldError("returnedOn", `销假日期不能早于请假开始日期 ${l.startDate}`);
  if (returnedOn > chinaDateOfUnix(ctx.now())) throw fieldError("returnedOn", "销假日期不能晚于今天");
  const at = ctx.now();
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(leaves)
        .set({ status: "returned", returnedOn, updatedAt: at })
        .where(and(eq(leaves.id, id), eq(leaves.status, "approved"))),
      "这条请假的状态已变化，请刷新",
    )
    .audit({
      action: "leave.return",
      entity: "leave",
      entityId: id,
      before: { status: l.status },
      after: { status: "returned", returnedOn },
    })
    .commit();
  return getLeave(ctx, id);
}
