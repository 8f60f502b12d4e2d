import { and, asc, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { assignments, cadres } from "../../db/schema/tenant/people.ts";
import { villages } from "../../db/schema/tenant/places.ts";
import { checkIns } from "../../db/schema/tenant/presence.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { isUniqueViolation } from "../domain/db-errors.ts";
import { assignmentScope } from "../assignments/service.ts";
import { addDays, chinaDateOfUnix, daysInMonth } from "../lib/dates.ts";
import { offsetOf } from "../lib/paging.ts";
import { placeCheck, slotOfUnix } from "../lib/check-in.ts";
import { LEAVE_EFFECTIVE_END, leaveDaysIn } from "./leave-days.ts";
import type { CheckInCreateInput, CheckInQueryInput, PresenceQueryInput } from "./schemas.ts";

/** How far back a phone that was offline may still send a check-in. */
const MAX_BACKDATE_SECONDS = 24 * 3600;
/** Phones' clocks drift; a few minutes ahead is not "the future". */
const CLOCK_SLACK_SECONDS = 300;

const fieldError = (field: string, message: string) =>
  new AppError("validation_failed", message, { fields: [{ field, message }] });

/** The signed-in cadre's active assignments (the ones they may check in or ask leave for). */
export async function myActiveAssignments(ctx: ServiceContext) {
  const cadreId = ctx.user?.role === "cadre" ? ctx.user.cadreId : null;
  if (cadreId == null) return [];
  return ctx.db
    .select({
      id: assignments.id,
      role: assignments.role,
      startDate: assignments.startDate,
      villageId: villages.id,
      villageCode: villages.code,
      villageName: villages.name,
      latitude: villages.latitude,
      longitude: villages.longitude,
    })
    .from(assignments)
    .innerJoin(villages, eq(villages.id, assignments.villageId))
    .where(and(eq(assignments.cadreId, cadreId), eq(assignments.status, "active")))
    .orderBy(asc(assignments.id))
    .all();
}

/**
 * The active assignment a cadre acts on: the one named, or their only one. Another cadre's
 * assignment, or an ended one, is 404 (nothing about it is revealed).
 */
export async function ownActiveAssignment(ctx: ServiceContext, assignmentId: number | undefined) {
  const mine = await myActiveAssignments(ctx);
  if (assignmentId !== undefined) {
    const a = mine.find((m) => m.id === assignmentId);
    if (!a) throw new AppError("not_found", "没有这个在岗的驻村任务，或不是您的任务");
    return a;
  }
  if (mine.length === 0) throw new AppError("conflict", "您当前没有在岗的驻村任务，不能签到或请假");
  if (mine.length > 1) throw fieldError("assignmentId", "您在多个村驻村，请选择驻村任务");
  return mine[0]!;
}

const columns = {
  id: checkIns.id,
  assignmentId: checkIns.assignmentId,
  cadreId: assignments.cadreId,
  cadreName: cadres.name,
  villageCode: villages.code,
  villageName: villages.name,
  townshipCode: villages.townshipCode,
  day: checkIns.day,
  slot: checkIns.slot,
  checkedAt: checkIns.checkedAt,
  latitude: checkIns.latitude,
  longitude: checkIns.longitude,
  accuracyM: checkIns.accuracyM,
  distanceM: checkIns.distanceM,
  flag: checkIns.flag,
  noLocationReason: checkIns.noLocationReason,
  note: checkIns.note,
};

function selectCheckIns(ctx: ServiceContext) {
  return ctx.db
    .select(columns)
    .from(checkIns)
    .innerJoin(assignments, eq(assignments.id, checkIns.assignmentId))
    .leftJoin(cadres, eq(cadres.id, assignments.cadreId))
    .innerJoin(villages, eq(villages.id, assignments.villageId));
}

/**
 * 签到. One per assignment, day and slot (上午 / 下午 by Beijing time); a far or unlocated check-in
 * is recorded with a flag, never refused. In the same batch the month's resident days are
 * re-counted from the check-ins and recorded as *reported* (by the cadre) when they rose, so the
 * township confirms them as before: nobody confirms their own days.
 */
export async function checkIn(ctx: ServiceContext, input: CheckInCreateInput) {
  const user = ctx.user!;
  const now = ctx.now();
  const at = input.checkedAt ? Math.floor(Date.parse(input.checkedAt) / 1000) : now;
  if (at > now + CLOCK_SLACK_SECONDS) throw fieldError("checkedAt", "签到时间不能晚于当前时间");
  if (at < now - MAX_BACKDATE_SECONDS) throw fieldError("checkedAt", "只能补报 24 小时内的签到");
  const a = await ownActiveAssignment(ctx, input.assignmentId);
  const day = chinaDateOfUnix(at);
  if (day < a.startDate) throw new AppError("conflict", `驻村任务自 ${a.startDate} 开始，此前不能签到`);
  const onLeave = await ctx.d1
    .prepare(
      `SELECT l.id, l.start_date AS startDate, l.end_date AS endDate FROM leaves l
       WHERE l.assignment_id = ?1 AND l.status = 'approved' AND l.start_date <= ?2 AND ${LEAVE_EFFECTIVE_END} >= ?2 LIMIT 1`,
    )
    .bind(a.id, day)
    .first<{ id: number; startDate: string; endDate: string }>();
  if (onLeave)
    throw new AppError(
      "conflict",
      `您 ${onLeave.startDate} 至 ${onLeave.endDate} 请假已获批准，回村后请先销假再签到（请假编号 ${onLeave.id}）`,
    );

  const located = input.latitude !== undefined && input.longitude !== undefined;
  const place = {
    latitude: located ? input.latitude! : null,
    longitude: located ? input.longitude! : null,
    accuracyM: located ? (input.accuracy ?? null) : null,
  };
  const { distanceM, flag } = placeCheck(place, a);
  const slot = slotOfUnix(at);
  const month = day.slice(0, 7);
  const row = {
    assignmentId: a.id,
    day,
    slot,
    checkedAt: at,
    ...place,
    distanceM,
    flag,
    noLocationReason: located ? null : input.noLocationReason!,
    note: input.note ?? null,
    createdBy: user.id,
  };
  try {
    await new AuditedWrite(ctx)
      .add(ctx.db.insert(checkIns).values(row))
      .addRaw(
        // Resident days of the month = days with a check-in; recorded as reported when they rose.
        ctx.d1
          .prepare(
            `INSERT INTO attendance (assignment_id, month, days, status, reported_by, updated_at)
             SELECT ?1, ?2, count(DISTINCT day), 'reported', ?3, ?4 FROM check_ins WHERE assignment_id = ?1 AND substr(day, 1, 7) = ?2
             ON CONFLICT (assignment_id, month) DO UPDATE SET days = excluded.days, status = 'reported',
               reported_by = excluded.reported_by, confirmed_by = NULL, confirmed_at = NULL, updated_at = excluded.updated_at
             WHERE attendance.days < excluded.days`,
          )
          .bind(a.id, month, user.id, now),
      )
      .audit({ action: "check_in.record", entity: "assignment", entityId: a.id, after: row })
      .commit();
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError("conflict", `${day} ${slot === "morning" ? "上午" : "下午"}已经签到过了`);
    throw err;
  }
  const monthDays = await ctx.db
    .select({ n: sql<number>`count(DISTINCT ${checkIns.day})` })
    .from(checkIns)
    .where(and(eq(checkIns.assignmentId, a.id), sql`substr(${checkIns.day}, 1, 7) = ${month}`))
    .get();
  const saved = await selectCheckIns(ctx)
    .where(and(eq(checkIns.assignmentId, a.id), eq(checkIns.day, day), eq(checkIns.slot, slot)))
    .get();
  return { ...saved!, monthDays: monthDays?.n ?? 0 };
}

function whereOf(ctx: ServiceContext, q: Omit<CheckInQueryInput, "page" | "size">): SQL | undefined {
  return and(
    assignmentScope(ctx),
    q.assignmentId ? eq(checkIns.assignmentId, q.assignmentId) : undefined,
    q.townshipCode ? eq(villages.townshipCode, q.townshipCode) : undefined,
    q.from ? sql`${checkIns.day} >= ${q.from}` : undefined,
    q.to ? sql`${checkIns.day} <= ${q.to}` : undefined,
    q.flag ? eq(checkIns.flag, q.flag) : undefined,
  );
}

/** Check-ins in scope: the cadre their own, the township officer their township's, the county all. */
export async function listCheckIns(ctx: ServiceContext, q: CheckInQueryInput) {
  const where = whereOf(ctx, q);
  const [items, total] = await Promise.all([
    selectCheckIns(ctx)
      .where(where)
      .orderBy(desc(checkIns.checkedAt), desc(checkIns.id))
      .limit(q.size)
      .offset(offsetOf(q))
      .all(),
    ctx.db
      .select({ n: count() })
      .from(checkIns)
      .innerJoin(assignments, eq(assignments.id, checkIns.assignmentId))
      .innerJoin(villages, eq(villages.id, assignments.villageId))
      .where(where)
      .get(),
  ]);
  return { items, total: total?.n ?? 0, page: q.page, size: q.size };
}

/**
 * The township's monthly view: per assignment running in the month, days with a check-in,
 * flagged check-ins, approved leave days and the resident days recorded (and whether confirmed).
 */
export async function presenceReport(ctx: ServiceContext, q: PresenceQueryInput) {
  const first = `${q.month}-01`;
  const last = `${q.month}-${String(daysInMonth(Number(q.month.slice(0, 4)), Number(q.month.slice(5, 7)))).padStart(2, "0")}`;
  const where = and(
    assignmentScope(ctx),
    q.townshipCode ? eq(villages.townshipCode, q.townshipCode) : undefined,
    sql`${assignments.startDate} <= ${last}`,
    sql`(${assignments.endDate} IS NULL OR ${assignments.endDate} >= ${first})`,
  );
  const inMonth = sql`substr(ci.day, 1, 7) = ${q.month}`;
  const [rows, total] = await Promise.all([
    ctx.db
      .select({
        assignmentId: assignments.id,
        cadreName: cadres.name,
        villageCode: villages.code,
        villageName: villages.name,
        townshipCode: villages.townshipCode,
        role: assignments.role,
        checkInDays: sql<number>`(SELECT count(DISTINCT ci.day) FROM check_ins ci WHERE ci.assignment_id = ${assignments.id} AND ${inMonth})`,
        flaggedCheckIns: sql<number>`(SELECT count(*) FROM check_ins ci WHERE ci.assignment_id = ${assignments.id} AND ${inMonth} AND ci.flag IS NOT NULL)`,
        leaveDays: leaveDaysIn(sql`${assignments.id}`, first, last).mapWith(Number),
        reportedDays: sql<
          number | null
        >`(SELECT t.days FROM attendance t WHERE t.assignment_id = ${assignments.id} AND t.month = ${q.month})`,
        attendanceStatus: sql<
          "reported" | "confirmed" | null
        >`(SELECT t.status FROM attendance t WHERE t.assignment_id = ${assignments.id} AND t.month = ${q.month})`,
      })
      .from(assignments)
      .leftJoin(cadres, eq(cadres.id, assignments.cadreId))
      .innerJoin(villages, eq(villages.id, assignments.villageId))
      .where(where)
      .orderBy(asc(villages.code), asc(assignments.id))
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
  return { month: q.month, items: rows, total: total?.n ?? 0, page: q.page, size: q.size };
}

/** The cadre's own recent check-ins (the phone page shows the last few days). */
export async function recentOwnCheckIns(ctx: ServiceContext, assignmentId: number, today: string) {
  return selectCheckIns(ctx)
    .where(and(eq(checkIns.assignmentId, assignmentId), sql`${checkIns.day} >= ${addDays(today, -6)}`))
    .orderBy(desc(checkIns.checkedAt))
    .limit(14)
    .all();
}
