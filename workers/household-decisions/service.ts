import { and, count, desc, eq, max, sql } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import {
  householdDecisions,
  notices,
  type DECISION_KINDS,
  type DECISION_STATUSES,
} from "../../db/schema/tenant/notices.ts";
import { households, type HouseholdStatus, type MonitorKind } from "../../db/schema/tenant/households.ts";
import { villages } from "../../db/schema/tenant/places.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { todayInChina } from "../lib/dates.ts";
import { maskName } from "../lib/mask.ts";
import { offsetOf, type PageParams } from "../lib/paging.ts";
import { householdCondition, scopeOf } from "../domain/scope.ts";
import { latestNoticeId, publishNotice } from "../notices/publish.ts";
import { addStatusChange } from "../households/status.ts";
import { decisionKindFor } from "../households/proposals.ts";
import { DECISION_KIND_LABELS, HOUSEHOLD_STATUS_LABELS, MONITOR_KIND_LABELS } from "../../web/i18n/zh-CN.ts";

export type DecisionKind = (typeof DECISION_KINDS)[number];
const now = () => Math.floor(Date.now() / 1000);

/** The status each decision leads to; the household keeps its status until the decision takes effect. */
export const TARGET_STATUS: Record<DecisionKind, HouseholdStatus> = {
  identification: "poor",
  exit: "exited",
  monitoring: "monitored",
};
const NOTICE_KIND = {
  identification: "household_identification",
  exit: "household_exit",
  monitoring: "household_monitoring",
} as const;

export interface DecisionInput {
  kind: DecisionKind;
  toStatus?: HouseholdStatus | undefined;
  monitorKind?: MonitorKind | undefined;
  reason: string;
  noticeDays?: number | undefined;
}

const fieldError = (field: string, message: string) =>
  new AppError("validation_failed", message, { fields: [{ field, message }] });

/** A household in the user's scope (households.manage: county admins, township officers of its township). */
async function householdInScope(ctx: ServiceContext, id: number) {
  const row = await ctx.db
    .select({
      id: households.id,
      headName: households.headName,
      status: households.status,
      monitorKind: households.monitorKind,
      villageId: households.villageId,
      villageName: villages.name,
    })
    .from(households)
    .innerJoin(villages, eq(villages.id, households.villageId))
    .where(and(eq(households.id, id), householdCondition(scopeOf(ctx.user!))))
    .get();
  if (!row) throw new AppError("not_found", "没有这一户，或不在您的管辖范围内");
  return row;
}

function checkTransition(
  kind: DecisionKind,
  from: { status: HouseholdStatus; monitorKind: MonitorKind | null },
  to: { status: HouseholdStatus; monitorKind: MonitorKind | null },
) {
  // 脱贫退出 ends poverty; for a monitored household it is the 风险消除 that ends monitoring.
  if (kind === "exit" && from.status !== "poor" && from.status !== "monitored")
    throw new AppError(
      "conflict",
      `只有未脱贫户或监测对象可以申请脱贫退出（解除监测），该户当前为「${HOUSEHOLD_STATUS_LABELS[from.status]}」`,
    );
  if (from.status === to.status && from.monitorKind === to.monitorKind)
    throw new AppError("conflict", `该户当前已是「${HOUSEHOLD_STATUS_LABELS[from.status]}」`);
}

/**
 * 建档立卡 / 脱贫退出 / 纳入监测: records the decision and publishes its 公示 in one batch. The
 * notice's subject is the decision, whose id is chosen here (the next free id) because the
 * notice snapshot names it; a concurrent creation that took the same id makes us try again.
 */
export async function createDecision(ctx: ServiceContext, householdId: number, input: DecisionInput) {
  const target = TARGET_STATUS[input.kind];
  if (input.toStatus && input.toStatus !== target)
    throw fieldError(
      "toStatus",
      `「${DECISION_KIND_LABELS[input.kind]}」的目标状态只能是「${HOUSEHOLD_STATUS_LABELS[target]}」`,
    );
  if (input.kind === "monitoring" && !input.monitorKind) throw fieldError("monitorKind", "纳入监测须选择监测对象类别");
  const toMonitorKind = input.kind === "monitoring" ? input.monitorKind! : null;
  const hh = await householdInScope(ctx, householdId);
  checkTransition(input.kind, hh, { status: target, monitorKind: toMonitorKind });
  await assertNoneOpen(ctx, householdId);
  const db = ctx.db;
  for (let attempt = 1; ; attempt++) {
    const next =
      ((
        await db
          .select({ m: max(householdDecisions.id) })
          .from(householdDecisions)
          .get()
      )?.m ?? 0) + attempt;
    const w = new AuditedWrite(ctx);
    const notice = await noticeOf(ctx, w, hh, next, input.kind, toMonitorKind, input.reason, input.noticeDays);
    w.add(
      db.insert(householdDecisions).values({
        id: next,
        householdId,
        kind: input.kind,
        toStatus: target,
        toMonitorKind,
        reason: input.reason,
        noticeId: latestNoticeId(NOTICE_KIND[input.kind], next),
        createdBy: ctx.user!.id,
      }),
    );
    w.audit({
      action: "decision.create",
      entity: "household",
      entityId: householdId,
      before: { status: hh.status, monitorKind: hh.monitorKind },
      after: {
        decisionId: next,
        kind: input.kind,
        toStatus: target,
        toMonitorKind,
        reason: input.reason,
        noticeStart: notice.startDate,
        noticeEnd: notice.endDate,
        contentHash: notice.contentHash,
      },
    });
    try {
      await w.commit();
      return getDecision(ctx, next);
    } catch (err) {
      const text = String((err as Error)?.message ?? err) + String((err as Error)?.cause ?? "");
      if (text.includes("household_decisions.household_id")) throw new AppError("conflict", OPEN_MESSAGE);
      if ((text.includes("household_decisions.id") || text.includes("PRIMARY KEY")) && attempt < 5) continue;
      throw err;
    }
  }
}

/**
 * What used to be a direct status change (the household form, POST /households/{id}/status-changes):
 * every change of a household's poverty status is now a decision shown publicly first, so this
 * maps the status asked for to its decision and publishes it. `expected` is the status the user
 * saw: if the household has changed since, 409.
 */
export async function proposeStatusChange(
  ctx: ServiceContext,
  householdId: number,
  change: { toStatus: HouseholdStatus; monitorKind?: MonitorKind | null | undefined; reason: string },
  expected?: HouseholdStatus,
) {
  const kind = decisionKindFor(change.toStatus);
  if (!kind)
    throw fieldError("toStatus", `不能把户状态改回「${HOUSEHOLD_STATUS_LABELS[change.toStatus]}」，请提出认定`);
  const hh = await householdInScope(ctx, householdId);
  if (expected && expected !== hh.status) throw new AppError("conflict", "该户状态已被他人变更，请刷新后重试");
  return createDecision(ctx, householdId, {
    kind,
    toStatus: change.toStatus,
    monitorKind: change.monitorKind ?? undefined,
    reason: change.reason,
  });
}

const OPEN_MESSAGE = "该户已有一项正在公示的认定，须等其生效或撤回后再提交";
async function assertNoneOpen(ctx: ServiceContext, householdId: number) {
  const open = await ctx.db
    .select({ id: householdDecisions.id })
    .from(householdDecisions)
    .where(and(eq(householdDecisions.householdId, householdId), eq(householdDecisions.status, "noticed")))
    .get();
  if (open) throw new AppError("conflict", OPEN_MESSAGE);
}

/** Adds the decision's 公示 to `w` (subject: decision `decisionId`). */
async function noticeOf(
  ctx: ServiceContext,
  w: AuditedWrite,
  hh: { headName: string; villageId: number; villageName: string },
  decisionId: number,
  kind: DecisionKind,
  toMonitorKind: MonitorKind | null,
  reason: string,
  noticeDays: number | undefined,
) {
  const decisionLabel =
    kind === "monitoring"
      ? `${DECISION_KIND_LABELS.monitoring}（${MONITOR_KIND_LABELS[toMonitorKind!]}）`
      : DECISION_KIND_LABELS[kind];
  return publishNotice(ctx, w, {
    kind: NOTICE_KIND[kind],
    subjectId: decisionId,
    title: `${hh.villageName} ${maskName(hh.headName)}户 ${decisionLabel}公示`,
    villageIds: [hh.villageId],
    noticeDays: noticeDays ?? 7,
    summary: {
      household: maskName(hh.headName),
      village: hh.villageName,
      decision: kind,
      decisionLabel,
      toStatus: TARGET_STATUS[kind],
      toMonitorKind,
      reason,
    },
    lines: [{ no: 1, recipient: maskName(hh.headName), village: hh.villageName, purpose: decisionLabel }],
  });
}

/**
 * Publishes a proposed decision (from a registration or an import) for 公示: the same notice as
 * createDecision, and the decision moves from `proposed` to `noticed` by a guarded statement.
 */
export async function publishDecision(ctx: ServiceContext, id: number, input: { noticeDays?: number | undefined }) {
  const d = await getDecision(ctx, id);
  if (d.status !== "proposed") throw new AppError("conflict", "只有待公示的认定可以发布公示");
  const hh = await householdInScope(ctx, d.householdId);
  checkTransition(d.kind, hh, { status: d.toStatus, monitorKind: d.toMonitorKind });
  await assertNoneOpen(ctx, d.householdId);
  const w = new AuditedWrite(ctx);
  const notice = await noticeOf(ctx, w, hh, id, d.kind, d.toMonitorKind, d.reason, input.noticeDays);
  w.guarded(
    ctx.db
      .update(householdDecisions)
      .set({ status: "noticed", noticeId: latestNoticeId(NOTICE_KIND[d.kind], id) })
      .where(and(eq(householdDecisions.id, id), eq(householdDecisions.status, "proposed"))),
    "该认定已被他人发布或处理，请刷新后重试",
  ).audit({
    action: "decision.publish",
    entity: "household",
    entityId: d.householdId,
    before: { decisionId: id, status: "proposed" },
    after: { decisionId: id, status: "noticed", noticeStart: notice.startDate, noticeEnd: notice.endDate },
  });
  try {
    await w.commit();
  } catch (err) {
    const text = String((err as Error)?.message ?? err) + String((err as Error)?.cause ?? "");
    if (text.includes("household_decisions.household_id")) throw new AppError("conflict", OPEN_MESSAGE);
    throw err;
  }
  return getDecision(ctx, id);
}

const decisionColumns = {
  id: householdDecisions.id,
  householdId: householdDecisions.householdId,
  headName: households.headName,
  householdStatus: households.status,
  householdMonitorKind: households.monitorKind,
  villageId: households.villageId,
  villageName: villages.name,
  kind: householdDecisions.kind,
  toStatus: householdDecisions.toStatus,
  toMonitorKind: householdDecisions.toMonitorKind,
  reason: householdDecisions.reason,
  status: householdDecisions.status,
  noticeId: householdDecisions.noticeId,
  noticeStatus: notices.status,
  noticeStart: notices.startDate,
  noticeEnd: notices.endDate,
  openObjections: sql<number>`(SELECT count(*) FROM objections o WHERE o.notice_id = "household_decisions"."notice_id" AND o.status = 'open')`,
  upheldObjections: sql<number>`(SELECT count(*) FROM objections o WHERE o.notice_id = "household_decisions"."notice_id" AND o.status = 'upheld')`,
  decidedAt: householdDecisions.decidedAt,
  createdAt: householdDecisions.createdAt,
};

function base(ctx: ServiceContext) {
  return ctx.db
    .select(decisionColumns)
    .from(householdDecisions)
    .innerJoin(households, eq(households.id, householdDecisions.householdId))
    .innerJoin(villages, eq(villages.id, households.villageId))
    .leftJoin(notices, eq(notices.id, householdDecisions.noticeId));
}

export async function getDecision(ctx: ServiceContext, id: number) {
  const row = await base(ctx)
    .where(and(eq(householdDecisions.id, id), householdCondition(scopeOf(ctx.user!))))
    .get();
  if (!row) throw new AppError("not_found", "没有这项认定，或不在您的管辖范围内");
  return row;
}
export type DecisionView = Awaited<ReturnType<typeof getDecision>>;

export async function listDecisions(
  ctx: ServiceContext,
  f: { status?: (typeof DECISION_STATUSES)[number] | undefined; householdId?: number | undefined } & PageParams,
) {
  const where = and(
    f.status ? eq(householdDecisions.status, f.status) : undefined,
    f.householdId ? eq(householdDecisions.householdId, f.householdId) : undefined,
    householdCondition(scopeOf(ctx.user!)),
  );
  const [items, total] = await Promise.all([
    base(ctx)
      .where(where)
      .orderBy(sql`${householdDecisions.status} = 'noticed' DESC`, desc(householdDecisions.id))
      .limit(f.size)
      .offset(offsetOf(f))
      .all(),
    ctx.db
      .select({ n: count() })
      .from(householdDecisions)
      .innerJoin(households, eq(households.id, householdDecisions.householdId))
      .where(where)
      .get(),
  ]);
  return { items, total: total?.n ?? 0, page: f.page, size: f.size };
}

/**
 * The decision takes effect only after its notice period has ended with no objection open and
 * none upheld. Every condition is repeated inside the guarded statements, so an objection
 * answered or filed meanwhile makes the whole batch roll back: the household's status, its
 * status event, the notice and the ledger change together or not at all.
 */
export async function finalizeDecision(ctx: ServiceContext, id: number) {
  const d = await getDecision(ctx, id);
  const today = todayInChina();
  if (d.status !== "noticed")
    throw new AppError(
      "conflict",
      d.status === "effective"
        ? "该认定已经生效"
        : d.status === "proposed"
          ? "该认定尚未公示，须先发布公示，期满后才能生效"
          : "该认定因异议成立未通过，不能生效",
    );
  if (!d.noticeId || !d.noticeEnd || d.noticeStatus !== "open")
    throw new AppError("conflict", "该认定的公示已撤回或已结束，不能生效");
  if (today <= d.noticeEnd) throw new AppError("conflict", `公示期到 ${d.noticeEnd} 结束，期满后才能生效`);
  if (d.openObjections > 0) throw new AppError("conflict", `还有 ${d.openObjections} 条异议未答复，不能生效`);
  if (d.upheldObjections > 0) throw new AppError("conflict", "公示期内有异议成立，不能生效");
  const db = ctx.db;
  const at = now();
  const from = { status: d.householdStatus, monitorKind: d.householdMonitorKind };
  const to = { status: d.toStatus, monitorKind: d.toMonitorKind };
  checkTransition(d.kind, from, to);
  const year = Number(today.slice(0, 4));
  const noObjection = sql`NOT EXISTS (SELECT 1 FROM objections o WHERE o.notice_id = ${d.noticeId} AND o.status IN ('open', 'upheld'))`;
  const reason = `${DECISION_KIND_LABELS[d.kind]}：${d.reason}（公示 ${d.noticeStart} 至 ${d.noticeEnd}，无异议）`;
  const ref = `${NOTICE_KIND[d.kind]}:${d.id}`;
  const w = new AuditedWrite(ctx)
    .guarded(
      db
        .update(householdDecisions)
        .set({ status: "effective", decidedAt: at })
        .where(and(eq(householdDecisions.id, id), eq(householdDecisions.status, "noticed"), noObjection)),
      "该认定状态已变化或出现了新的异议，请刷新后重试",
    )
    .guarded(
      db
        .update(notices)
        .set({ status: "closed" })
        .where(and(eq(notices.id, d.noticeId), eq(notices.status, "open"), sql`${notices.endDate} < ${today}`)),
      "公示状态已变化，请刷新后重试",
    );
  // The one implementation of a status change (workers/households/status.ts): the household
  // changes only from the status it had when we read it (no lost update), with its event.
  addStatusChange(
    ctx,
    w,
    { id: d.householdId, status: from.status, monitorKind: from.monitorKind },
    {
      toStatus: to.status,
      monitorKind: to.monitorKind,
      effectiveDate: today,
      reason,
      ...(d.kind === "identification" ? { yearIdentified: year } : {}),
    },
  );
  await w
    .publish({
      kind: "decision.effective",
      ref,
      villageIds: [d.villageId],
      content: {
        decisionId: d.id,
        noticeId: d.noticeId,
        household: maskName(d.headName),
        village: d.villageName,
        decision: d.kind,
        toStatus: to.status,
        toMonitorKind: to.monitorKind,
        effectiveDate: today,
      },
    })
    .audit({
      action: "decision.finalize",
      entity: "household",
      entityId: d.householdId,
      before: from,
      after: { ...to, decisionId: d.id, effectiveDate: today },
    })
    .commit();
  return getDecision(ctx, id);
}
