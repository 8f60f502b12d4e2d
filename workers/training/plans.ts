import { eq } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { trainingAttendance, trainingPlans, trainingSessions } from "../../db/schema/tenant/training.ts";
import type { TakerKind, TrainingAudience } from "../../db/schema/tenant/training.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { personalScopeSql, takerNameSql, takerOf } from "./takers.ts";
import type { AttendanceCreateInput, PlanCreateInput, SessionCreateInput } from "./schemas.ts";

const PLAN_SQL = `SELECT p.id, p.title, p.year, p.audience, p.deadline, p.description, p.created_at AS createdAt,
  (SELECT count(*) FROM training_sessions s WHERE s.plan_id = p.id) AS sessions,
  (SELECT count(*) FROM training_attendance t JOIN training_sessions s ON s.id = t.session_id WHERE s.plan_id = p.id) AS attendances
  FROM training_plans p`;
const SESSION_SQL = `SELECT s.id, s.plan_id AS planId, p.title AS planTitle, p.audience AS planAudience, s.title, s.format, s.start_date AS startDate, s.days,
  s.location, s.township_code AS townshipCode,
  (SELECT count(*) FROM training_attendance t WHERE t.session_id = s.id) AS attendances
  FROM training_sessions s JOIN training_plans p ON p.id = s.plan_id`;

type PlanRow = {
  id: number;
  title: string;
  year: number;
  audience: TrainingAudience;
  deadline: string;
  description: string | null;
  createdAt: number;
  sessions: number;
  attendances: number;
};
export type SessionRow = {
  id: number;
  planId: number;
  planTitle: string;
  planAudience: TrainingAudience;
  title: string;
  format: "lecture" | "online" | "night_class" | "rotation";
  startDate: string;
  days: number;
  location: string | null;
  townshipCode: string | null;
  attendances: number;
};

/** Plans, newest year and nearest deadline first (a plan is county-wide: everyone with the permission reads it). */
export async function listPlans(ctx: ServiceContext) {
  const { results } = await ctx.d1.prepare(`${PLAN_SQL} ORDER BY p.year DESC, p.deadline, p.id DESC LIMIT 200`).all();
  return { items: results as PlanRow[] };
}

export async function getPlanRow(ctx: ServiceContext, id: number): Promise<PlanRow> {
  const row = await ctx.d1.prepare(`${PLAN_SQL} WHERE p.id = ?`).bind(id).first<PlanRow>();
  if (!row) throw new AppError("not_found", "没有这个培训计划");
  return row;
}

export async function getPlan(ctx: ServiceContext, id: number) {
  const plan = await getPlanRow(ctx, id);
  const { results } = await ctx.d1
    .prepare(`${SESSION_SQL} WHERE s.plan_id = ? ORDER BY s.start_date, s.id`)
    .bind(id)
    .all();
  return { ...plan, sessionList: results as SessionRow[] };
}

export async function createPlan(ctx: ServiceContext, input: PlanCreateInput) {
  const row = { ...input, description: input.description ?? null, createdBy: ctx.user!.id, createdAt: ctx.now() };
  const [inserted] = (await new AuditedWrite(ctx)
    .add(ctx.db.insert(trainingPlans).values(row).returning({ id: trainingPlans.id }))
    .audit({ action: "training_plan.create", entity: "training_plan", after: row })
    .commit()) as [{ id: number }[]];
  return getPlan(ctx, inserted[0]!.id);
}

/** A session of a plan. A township officer holds sessions in their own township only. */
export async function createSession(ctx: ServiceContext, planId: number, input: SessionCreateInput) {
  await getPlanRow(ctx, planId);
  const u = ctx.user!;
  let townshipCode = input.townshipCode ?? null;
  if (u.role === "township_officer") {
    if (townshipCode && townshipCode !== u.townshipCode) throw new AppError("not_found", "不在您的管辖范围内");
    townshipCode = u.townshipCode;
  }
  if (townshipCode) {
    const t = await ctx.d1.prepare("SELECT 1 AS x FROM townships WHERE code = ?").bind(townshipCode).first();
    if (!t)
      throw new AppError("validation_failed", "没有这个乡镇", {
        fields: [{ field: "townshipCode", message: "没有这个乡镇" }],
      });
  }
  const row = {
    planId,
    title: input.title,
    format: input.format,
    startDate: input.startDate,
    days: input.days,
    location: input.location ?? null,
    townshipCode,
    createdBy: u.id,
    createdAt: ctx.now(),
  };
  const [inserted] = (await new AuditedWrite(ctx)
    .add(ctx.db.insert(trainingSessions).values(row).returning({ id: trainingSessions.id }))
    .audit({ action: "training_session.create", entity: "training_plan", entityId: planId, after: row })
    .commit()) as [{ id: number }[]];
  return getSession(ctx, inserted[0]!.id);
}

/** A session and the attendance the user may see (personal: the person, their township, the county). */
export async function getSession(ctx: ServiceContext, id: number) {
  const s = await ctx.d1.prepare(`${SESSION_SQL} WHERE s.id = ?`).bind(id).first<SessionRow>();
  if (!s) throw new AppError("not_found", "没有这期培训");
  const scope = personalScopeSql(ctx, "t");
  const { results } = await ctx.d1
    .prepare(
      `SELECT t.id, t.session_id AS sessionId, t.taker_kind AS takerKind, t.taker_id AS takerId,
         coalesce(${takerNameSql("t")}, '—') AS takerName,
         t.township_code AS townshipCode, t.created_at AS createdAt
       FROM training_attendance t WHERE t.session_id = ? AND ${scope.sql} ORDER BY t.id LIMIT 1000`,
    )
    .bind(id, ...scope.args)
    .all();
  return {
    ...s,
    attendance: results as {
      id: number;
      sessionId: number;
      takerKind: TakerKind;
      takerId: number;
      takerName: string;
      townshipCode: string | null;
      createdAt: number;
    }[],
  };
}

/**
 * Records that a person attended (一人次). A township officer records people of their township only
 * (anyone else is not found); the same person twice in one session is a 409 (unique index).
 */
export async function recordAttendance(ctx: ServiceContext, sessionId: number, input: AttendanceCreateInput) {
  const session = await ctx.db
    .select({ id: trainingSessions.id })
    .from(trainingSessions)
    .where(eq(trainingSessions.id, sessionId))
    .get();
  if (!session) throw new AppError("not_found", "没有这期培训");
  const taker = await takerOf(ctx, input.takerKind, input.takerId);
  const u = ctx.user!;
  if (u.role === "township_officer" && taker.townshipCode !== u.townshipCode)
    throw new AppError("not_found", "这名人员不在您的管辖范围内");
  const row = {
    sessionId,
    takerKind: taker.kind,
    takerId: taker.id,
    townshipCode: taker.townshipCode,
    recordedBy: u.id,
    createdAt: ctx.now(),
  };
  try {
    await new AuditedWrite(ctx)
      .add(ctx.db.insert(trainingAttendance).values(row))
      .audit({ action: "training_attendance.record", entity: "training_session", entityId: sessionId, after: row })
      .commit();
  } catch (err) {
    if (err instanceof AppError && err.code === "conflict")
      throw new AppError("conflict", `${taker.name} 已登记参加本期培训，不能重复登记`);
    throw err;
  }
  return getSession(ctx, sessionId);
}
