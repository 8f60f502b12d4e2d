import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { assignments, attendance } from "../../db/schema/tenant/people.ts";
import { villages } from "../../db/schema/tenant/places.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { monthOf, todayInChina } from "../lib/dates.ts";
import { offsetOf } from "../lib/paging.ts";
import { scopeOf } from "../domain/scope.ts";
import { assignmentScope, getAssignment, selectAssignments, type AssignmentView } from "./service.ts";
import { checkDaysInMonth, type LowAttendanceInput } from "./schemas.ts";

const now = () => Math.floor(Date.now() / 1000);
const fieldError = (field: string, message: string) =>
  new AppError("validation_failed", message, { fields: [{ field, message }] });

export async function listAttendance(ctx: ServiceContext, assignmentId: number) {
  await getAssignment(ctx, assignmentId);
  const items = await ctx.db
    .select({
      month: attendance.month,
      days: attendance.days,
      status: attendance.status,
      reportedBy: attendance.reportedBy,
      confirmedBy: attendance.confirmedBy,
      confirmedByName: sql<string | null>`(SELECT u.display_name FROM users u WHERE u.id = ${attendance.confirmedBy})`,
      confirmedAt: attendance.confirmedAt,
      updatedAt: attendance.updatedAt,
      // The evidence beside the number: days of the month with a check-in (workers/check-ins).
      checkInDays: sql<number>`(SELECT count(DISTINCT ci.day) FROM check_ins ci WHERE ci.assignment_id = ${attendance.assignmentId} AND substr(ci.day, 1, 7) = ${attendance.month})`,
    })
    .from(attendance)
    .where(eq(attendance.assignmentId, assignmentId))
    .orderBy(desc(attendance.month))
    .all();
  return { assignmentId, items };
}

/**
 * 驻村天数 of one month, recorded or corrected (upsert). A cadre records only for their own
 * active assignments; officials may also correct months of ended ones. The month must lie
 * within the assignment (from its start month to its end month, and not in the future).
 * Every record or change is `reported`: it feeds no amount until it is confirmed
 * (`confirmAttendance`); a change after confirmation goes back to `reported`.
 */
export async function recordAttendance(ctx: ServiceContext, assignmentId: number, month: string, days: number) {
  const a = await getAssignment(ctx, assignmentId);
  if (scopeOf(ctx.user!).kind === "cadre" && a.status !== "active")
    throw new AppError("conflict", "该驻村任务已结束，不能再填报驻村天数");
  const tooMany = checkDaysInMonth(month, days);
  if (tooMany) throw fieldError("days", tooMany);
  if (month < monthOf(a.startDate)) throw fieldError("month", `${month} 早于驻村开始月份 ${monthOf(a.startDate)}`);
  if (a.endDate && month > monthOf(a.endDate))
    throw fieldError("month", `${month} 晚于驻村结束月份 ${monthOf(a.endDate)}`);
  if (month > monthOf(todayInChina())) throw fieldError("month", "不能填报未来月份的驻村天数");
  const before = await ctx.db
    .select({ days: attendance.days, status: attendance.status, confirmedBy: attendance.confirmedBy })
    .from(attendance)
    .where(and(eq(attendance.assignmentId, assignmentId), eq(attendance.month, month)))
    .get();
  const reported = {
    days,
    status: "reported" as const,
    reportedBy: ctx.user!.id,
    confirmedBy: null,
    confirmedAt: null,
  };
  await new AuditedWrite(ctx)
    .add(
      ctx.db
        .insert(attendance)
        .values({ assignmentId, month, ...reported })
        .onConflictDoUpdate({
          target: [attendance.assignmentId, attendance.month],
          set: { ...reported, updatedAt: now() },
        }),
    )
    .audit({
      action: "attendance.record",
      entity: "assignment",
      entityId: assignmentId,
      before: before ? { month, ...before } : undefined,
      after: { month, days, status: "reported" },
    })
    .commit();
  return { month, days, status: "reported" as const, updatedAt: now() };
}

/**
 * Confirms a month's reported days (township officer of the village's township, or the county):
 * only confirmed days feed the 100 元/天 amounts. The days the confirmer saw are part of the
 * guarded statement, so a change made in between is not confirmed unseen. Nobody confirms
 * days they reported themselves.
 */
export async function confirmAttendance(ctx: ServiceContext, assignmentId: number, month: string, days: number) {
  await getAssignment(ctx, assignmentId); // scope: another township's assignment is 404
  const row = await ctx.db
    .select({ days: attendance.days, status: attendance.status, reportedBy: attendance.reportedBy })
    .from(attendance)
    .where(and(eq(attendance.assignmentId, assignmentId), eq(attendance.month, month)))
    .get();
  if (!row) throw new AppError("not_found", `${month} 没有填报驻村天数`);
  if (row.status === "confirmed") throw new AppError("conflict", `${month} 的驻村天数已确认`);
  if (row.days !== days) throw new AppError("conflict", `${month} 的驻村天数已改为 ${row.days} 天，请刷新后核对再确认`);
  if (row.reportedBy === ctx.user!.id) throw new AppError("forbidden", "您填报了这些天数，须由其他人确认");
  const at = now();
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(attendance)
        .set({ status: "confirmed", confirmedBy: ctx.user!.id, confirmedAt: at, updatedAt: at })
        .where(
          and(
            eq(attendance.assignmentId, assignmentId),
            eq(attendance.month, month),
            eq(attendance.status, "reported"),
            eq(attendance.days, days),
          ),
        ),
      "驻村天数已被修改或已确认，请刷新后重试",
    )
    .audit({
      action: "attendance.confirm",
      entity: "assignment",
      entityId: assignmentId,
      before: { month, days, status: "reported", reportedBy: row.reportedBy },
      after: { month, days, status: "confirmed" },
    })
    .commit();
  return { month, days, status: "confirmed" as const, confirmedBy: ctx.user!.id, confirmedAt: at, updatedAt: at };
}

/**
 * Who is rarely present: assignments that were running during `month` (started by its end, not
 * ended before its start) with fewer than `below` resident days recorded; a month with no
 * record counts as nothing recorded (days null), which is what an inspector wants to see first.
 */
export async function lowAttendance(ctx: ServiceContext, q: LowAttendanceInput) {
  const first = `${q.month}-01`;
  const last = `${q.month}-31`;
  const days = sql<
    number | null
  >`(SELECT days FROM attendance t WHERE t.assignment_id = "assignments"."id" AND t.month = ${q.month})`;
  const where = and(
    assignmentScope(ctx),
    q.townshipCode ? eq(villages.townshipCode, q.townshipCode) : undefined,
    sql`${assignments.startDate} <= ${last}`,
    sql`(${assignments.endDate} IS NULL OR ${assignments.endDate} >= ${first})`,
    sql`coalesce(${days}, 0) < ${q.below}`,
  );
  const [rows, total] = await Promise.all([
    selectAssignments(ctx)
      .where(where)
      .orderBy(asc(sql`coalesce(${days}, -1)`), asc(villages.code), asc(assignments.id))
      .limit(q.size)
      .offset(offsetOf(q))
      .all(),
    ctx.db
      .select({ n: count() })
      .from(assignments)
      .innerJoin(villages, eq(villages.id, assignments.villageId))
      .where(where)
      .get(),
  ]);
  // The days column again, per row (a correlated subquery in the select list would be the same query twice).
  const ids = rows.map((r) => r.id);
  const recorded = ids.length
    ? await ctx.db
        .select({ id: attendance.assignmentId, days: attendance.days })
        .from(attendance)
        .where(
          and(
            eq(attendance.month, q.month),
            sql`${attendance.assignmentId} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
          ),
        )
        .all()
    : [];
  const byId = new Map(recorded.map((r) => [r.id, r.days]));
  const items: (AssignmentView & { days: number | null })[] = rows.map((r) => ({ ...r, days: byId.get(r.id) ?? null }));
  return { month: q.month, below: q.below, items, total: total?.n ?? 0, page: q.page, size: q.size };
}
