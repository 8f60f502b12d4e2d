import { and, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { reserveNominations, type ReservePoolKind } from "../../db/schema/tenant/reserve.ts";
import { notices } from "../../db/schema/tenant/notices.ts";
import { villages } from "../../db/schema/tenant/places.ts";
import { cadres } from "../../db/schema/tenant/people.ts";
import { householdMembers, households } from "../../db/schema/tenant/households.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { scopeOf, villageCondition, villageIdCondition } from "../domain/scope.ts";
import { mentionsUniqueConstraint } from "../platform/errors/unique-conflict.ts";
import { latestNoticeId, publishNotice } from "../notices/publish.ts";
import { maskName } from "../lib/mask.ts";
import { todayInChina } from "../lib/dates.ts";
import { offsetOf } from "../lib/paging.ts";
import { type RESERVE_OUTCOME_LABELS, RESERVE_POOL_KIND_LABELS, RESERVE_SOURCE_LABELS } from "../../web/i18n/zh-CN.ts";
import type { NominationCreateInput, NominationQueryInput } from "./schemas.ts";

const now = () => Math.floor(Date.now() / 1000);
const fieldError = (field: string, message: string) =>
  new AppError("validation_failed", message, { fields: [{ field, message }] });
const LIVE = ["nominated", "noticed", "training"] as const;

const columns = {
  id: reserveNominations.id,
  poolKind: reserveNominations.poolKind,
  source: reserveNominations.source,
  name: reserveNominations.name,
  cadreId: reserveNominations.cadreId,
  householdMemberId: reserveNominations.householdMemberId,
  villageId: reserveNominations.villageId,
  villageCode: villages.code,
  villageName: villages.name,
  townshipCode: villages.townshipCode,
  birthYear: reserveNominations.birthYear,
  reason: reserveNominations.reason,
  assessmentId: reserveNominations.assessmentId,
  status: reserveNominations.status,
  noticeId: reserveNominations.noticeId,
  noticeStatus: notices.status,
  noticeStart: notices.startDate,
  noticeEnd: notices.endDate,
  openObjections: sql<number>`(SELECT count(*) FROM objections o WHERE o.notice_id = "reserve_nominations"."notice_id" AND o.status = 'open')`,
  outcome: reserveNominations.outcome,
  outcomeDate: reserveNominations.outcomeDate,
  outcomeNote: reserveNominations.outcomeNote,
  createdAt: reserveNominations.createdAt,
  updatedAt: reserveNominations.updatedAt,
};

/**
 * Scope: township officers see the nominations of their township's villages (a cadre reserve
 * without a village is the county's); county admins and auditors see all.
 */
function scoped(ctx: ServiceContext): SQL | undefined {
  return villageIdCondition(scopeOf(ctx.user!), reserveNominations.villageId);
}

function base(ctx: ServiceContext) {
  return ctx.db
    .select(columns)
    .from(reserveNominations)
    .leftJoin(villages, eq(villages.id, reserveNominations.villageId))
    .leftJoin(notices, eq(notices.id, reserveNominations.noticeId));
}

export async function getNomination(ctx: ServiceContext, id: number) {
  const row = await base(ctx)
    .where(and(eq(reserveNominations.id, id), scoped(ctx)))
    .get();
  if (!row) throw new AppError("not_found", "没有这名后备人选，或不在您的管辖范围内");
  return row;
}
export type NominationView = Awaited<ReturnType<typeof getNomination>>;

export async function listNominations(ctx: ServiceContext, f: NominationQueryInput) {
  const common = and(
    scoped(ctx),
    f.poolKind ? eq(reserveNominations.poolKind, f.poolKind) : undefined,
    f.villageId ? eq(reserveNominations.villageId, f.villageId) : undefined,
    f.cadreId ? eq(reserveNominations.cadreId, f.cadreId) : undefined,
  );
  const where = and(common, f.status ? eq(reserveNominations.status, f.status) : undefined);
  const [items, total, statuses] = await Promise.all([
    base(ctx)
      .where(where)
      .orderBy(sql`${reserveNominations.status} IN ('nominated', 'noticed') DESC`, desc(reserveNominations.id))
      .limit(f.size)
      .offset(offsetOf(f))
      .all(),
    ctx.db.select({ n: count() }).from(reserveNominations).where(where).get(),
    ctx.db
      .select({ status: reserveNominations.status, n: count() })
      .from(reserveNominations)
      .where(common)
      .groupBy(reserveNominations.status)
      .all(),
  ]);
  return {
    items,
    total: total?.n ?? 0,
    page: f.page,
    size: f.size,
    byStatus: Object.fromEntries(statuses.map((s) => [s.status, s.n])),
  };
}

interface Person {
  name: string;
  cadreId: number | null;
  householdMemberId: number | null;
  villageId: number | null;
  birthYear: number | null;
}

/** Who is nominated, checked against the registry and the user's scope. */
async function personOf(ctx: ServiceContext, input: NominationCreateInput): Promise<Person> {
  const scope = scopeOf(ctx.user!);
  if (input.poolKind === "cadre_reserve") {
    // 后备干部 are the organisation department's (county) decision, not a township's.
    if (scope.kind !== "all") throw new AppError("forbidden", "后备干部由县（区）委组织部提名");
    const c = await ctx.db
      .select({
        name: cadres.name,
        villageId: sql<
          number | null
        >`(SELECT village_id FROM assignments a WHERE a.cadre_id = "cadres"."id" AND a.status = 'active' ORDER BY a.id LIMIT 1)`,
      })
      .from(cadres)
      .where(eq(cadres.id, input.cadreId!))
      .get();
    if (!c) throw fieldError("cadreId", "干部不存在（或不属于本地区）");
    return {
      name: c.name,
      cadreId: input.cadreId!,
      householdMemberId: null,
      villageId: c.villageId,
      birthYear: input.birthYear ?? null,
    };
  }
  if (input.householdMemberId !== undefined) {
    const m = await ctx.db
      .select({ name: householdMembers.name, birthYear: householdMembers.birthYear, villageId: households.villageId })
      .from(householdMembers)
      .innerJoin(households, eq(households.id, householdMembers.householdId))
      .where(and(eq(householdMembers.id, input.householdMemberId), villageIdCondition(scope, households.villageId)))
      .get();
    if (!m) throw fieldError("householdMemberId", "家庭成员不存在，或不在您的管辖范围内");
    return {
      name: m.name,
      cadreId: null,
      householdMemberId: input.householdMemberId,
      villageId: m.villageId,
      birthYear: input.birthYear ?? m.birthYear ?? null,
    };
  }
  const v = await ctx.db
    .select({ id: villages.id })
    .from(villages)
    .where(and(eq(villages.code, input.villageCode!), villageCondition(scope)))
    .get();
  if (!v) throw fieldError("villageCode", "村不存在，或不在您的管辖范围内");
  return {
    name: input.name!,
    cadreId: null,
    householdMemberId: null,
    villageId: v.id,
    birthYear: input.birthYear ?? null,
  };
}

/** 提名: the nominee enters the pool as 已提名; a person is in a pool at most once while live (409). */
export async function nominate(ctx: ServiceContext, input: NominationCreateInput, assessmentId?: number) {
  const p = await personOf(ctx, input);
  const values = {
    poolKind: input.poolKind,
    source: input.source,
    ...p,
    reason: input.reason,
    assessmentId: assessmentId ?? null,
    createdBy: ctx.user!.id,
  };
  try {
    const [inserted] = (await new AuditedWrite(ctx)
      .add(ctx.db.insert(reserveNominations).values(values).returning({ id: reserveNominations.id }))
      .audit({ action: "reserve.nominate", entity: "reserve_nomination", entityId: p.name, after: values })
      .commit()) as [{ id: number }[]];
    return getNomination(ctx, inserted[0]!.id);
  } catch (err) {
    if (mentionsUniqueConstraint(err))
      throw new AppError("conflict", `${p.name} 已在${RESERVE_POOL_KIND_LABELS[input.poolKind]}中（或已由该考核推荐）`);
    throw err;
  }
}

/**
 * 年度考核优秀 → 推荐纳入后备干部库 (workers/assessments/consequences.ts): the same nomination as
 * by hand, source assessment_excellent, linked to the assessment (one per assessment).
 */
export async function nominateFromAssessment(
  ctx: ServiceContext,
  a: { id: number; cadreId: number; year: number },
  note: string,
) {
  return nominate(
    ctx,
    {
      poolKind: "cadre_reserve",
      source: "assessment_excellent",
      cadreId: a.cadreId,
      reason: `${a.year} 年度考核优秀：${note}`,
    } as NominationCreateInput,
    a.id,
  );
}

/** 公示 of a nominee through the notice engine; objections go through workers/objections. */
export async function publishNomination(ctx: ServiceContext, id: number, input: { noticeDays?: number | undefined }) {
  const n = await getNomination(ctx, id);
  if (n.status !== "nominated") throw new AppError("conflict", "只有已提名、尚未公示的人选可以发布公示");
  const pool = RESERVE_POOL_KIND_LABELS[n.poolKind as ReservePoolKind];
  const w = new AuditedWrite(ctx);
  const notice = await publishNotice(ctx, w, {
    kind: "reserve_nomination",
    subjectId: id,
    title: `${n.villageName ?? ""}${pool}人选 ${maskName(n.name)} 公示`.trim(),
    villageIds: n.villageId ? [n.villageId] : [],
    noticeDays: input.noticeDays ?? 7,
    summary: {
      nominee: maskName(n.name),
      village: n.villageName,
      pool,
      source: RESERVE_SOURCE_LABELS[n.source],
      reason: n.reason,
    },
    lines: [
      {
        no: 1,
        recipient: maskName(n.name),
        village: n.villageName,
        purpose: `${pool}（${RESERVE_SOURCE_LABELS[n.source]}）`,
      },
    ],
  });
  await w
    .guarded(
      ctx.db
        .update(reserveNominations)
        .set({ status: "noticed", noticeId: latestNoticeId("reserve_nomination", id), updatedAt: now() })
        .where(and(eq(reserveNominations.id, id), eq(reserveNominations.status, "nominated"))),
      "该人选已被他人公示或处理，请刷新后重试",
    )
    .audit({
      action: "reserve.publish",
      entity: "reserve_nomination",
      entityId: id,
      before: { status: "nominated" },
      after: { status: "noticed", noticeStart: notice.startDate, noticeEnd: notice.endDate },
    })
    .commit();
  return getNomination(ctx, id);
}

/** 公示期满无异议 → 培养中. Repeats every condition in the guarded statements (no race with an objection). */
export async function finalizeNomination(ctx: ServiceContext, id: number) {
  const n = await getNomination(ctx, id);
  const today = todayInChina();
  if (n.status !== "noticed") throw new AppError("conflict", "只有公示中的人选可以在期满后纳入培养");
  if (!n.noticeId || !n.noticeEnd || n.noticeStatus !== "open")
    throw new AppError("conflict", "该人选的公示已撤回或已结束");
  if (today <= n.noticeEnd) throw new AppError("conflict", `公示期到 ${n.noticeEnd} 结束，期满后才能纳入培养`);
  if (n.openObjections > 0) throw new AppError("conflict", `还有 ${n.openObjections} 条异议未答复，不能纳入培养`);
  const noObjection = sql`NOT EXISTS (SELECT 1 FROM objections o WHERE o.notice_id = ${n.noticeId} AND o.status IN ('open', 'upheld'))`;
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(reserveNominations)
        .set({ status: "training", updatedAt: now() })
        .where(and(eq(reserveNominations.id, id), eq(reserveNominations.status, "noticed"), noObjection)),
      "该人选状态已变化或出现了新的异议，请刷新后重试",
    )
    .guarded(
      ctx.db
        .update(notices)
        .set({ status: "closed" })
        .where(and(eq(notices.id, n.noticeId), eq(notices.status, "open"), sql`${notices.endDate} < ${today}`)),
      "公示状态已变化，请刷新后重试",
    )
    .audit({
      action: "reserve.finalize",
      entity: "reserve_nomination",
      entityId: id,
      before: { status: "noticed" },
      after: { status: "training", noticeId: n.noticeId },
    })
    .commit();
  return getNomination(ctx, id);
}

/** 使用 (提拔使用, 任村党组织书记…) of a reserve in training. */
export async function useNomination(
  ctx: ServiceContext,
  id: number,
  input: { outcome: keyof typeof RESERVE_OUTCOME_LABELS; date: string; note?: string | undefined },
) {
  const n = await getNomination(ctx, id);
  if (n.status !== "training") throw new AppError("conflict", "只有培养中的后备人选可以登记使用");
  if (input.date > todayInChina()) throw fieldError("date", "使用日期不能晚于今天");
  const after = {
    status: "used" as const,
    outcome: input.outcome,
    outcomeDate: input.date,
    outcomeNote: input.note ?? null,
  };
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(reserveNominations)
        .set({ ...after, updatedAt: now() })
        .where(and(eq(reserveNominations.id, id), eq(reserveNominations.status, "training"))),
      "该人选状态已变化，请刷新后重试",
    )
    .audit({ action: "reserve.use", entity: "reserve_nomination", entityId: id, before: { status: "training" }, after })
    .commit();
  return getNomination(ctx, id);
}

/** 退出 the pool, from any live status (a nominee in 公示 too: the notice stays as published). */
export async function exitNomination(ctx: ServiceContext, id: number, input: { date: string; note: string }) {
  const n = await getNomination(ctx, id);
  if (!(LIVE as readonly string[]).includes(n.status)) throw new AppError("conflict", "该人选已不在库中");
  if (input.date > todayInChina()) throw fieldError("date", "退出日期不能晚于今天");
  const after = { status: "exited" as const, outcomeDate: input.date, outcomeNote: input.note };
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(reserveNominations)
        .set({ ...after, updatedAt: now() })
        .where(and(eq(reserveNominations.id, id), eq(reserveNominations.status, n.status))),
      "该人选状态已变化，请刷新后重试",
    )
    .audit({ action: "reserve.exit", entity: "reserve_nomination", entityId: id, before: { status: n.status }, after })
    .commit();
  return getNomination(ctx, id);
}
