import { and, desc, eq, sql } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { scopeOf, villageIdCondition } from "../domain/scope.ts";
import { AppError } from "../platform/errors/app-error.ts";
import {
  rectificationMeasures,
  villageRectifications,
  type RectificationCategory,
} from "../../db/schema/tenant/lagging.ts";
import { villages } from "../../db/schema/tenant/places.ts";
import { cadres } from "../../db/schema/tenant/people.ts";
import { todayInChina } from "../lib/dates.ts";
import { sharePermille, USUAL_SHARE_PERMILLE, weaknesses } from "../lib/lagging-score.ts";
import { LAGGING_INDICATOR_LABELS } from "../../web/i18n/zh-CN.ts";
import { scoresOf } from "./ranking.ts";
import { assignmentConflict, prepareAssignment } from "../assignments/service.ts";
import type {
  ExitRequestInput,
  RectificationConfirmInput,
  RectificationDispatchInput,
  RectificationMeasureCreateInput,
  RectificationMeasureUpdateInput,
  RectificationQueryInput,
} from "./schemas.ts";

const fieldError = (field: string, message: string) =>
  new AppError("validation_failed", message, { fields: [{ field, message }] });
const NOT_FOUND = "没有这条整顿记录，或不在您的管辖范围内";

const summary = {
  id: villageRectifications.id,
  year: villageRectifications.year,
  villageId: villageRectifications.villageId,
  villageName: villages.name,
  villageCode: villages.code,
  townshipCode: villageRectifications.townshipCode,
  townshipName: sql<string>`coalesce((SELECT name FROM townships t WHERE t.code = ${villageRectifications.townshipCode}), ${villageRectifications.townshipCode})`,
  category: villageRectifications.category,
  score: villageRectifications.score,
  reason: villageRectifications.reason,
  status: villageRectifications.status,
  dispatchedCadreId: villageRectifications.dispatchedCadreId,
  dispatchedCadreName: sql<
    string | null
  >`(SELECT name FROM cadres c WHERE c.id = ${villageRectifications.dispatchedCadreId})`,
  dispatchRole: villageRectifications.dispatchRole,
  dispatchDate: villageRectifications.dispatchDate,
  dispatchedAssignmentId: villageRectifications.dispatchedAssignmentId,
  dispatchedAssignmentStatus: sql<
    string | null
  >`(SELECT status FROM assignments a WHERE a.id = ${villageRectifications.dispatchedAssignmentId})`,
  exitNote: villageRectifications.exitNote,
  exitRequestedBy: villageRectifications.exitRequestedBy,
  exitRequestedByName: sql<
    string | null
  >`(SELECT display_name FROM users u WHERE u.id = ${villageRectifications.exitRequestedBy})`,
  exitConfirmedByName: sql<
    string | null
  >`(SELECT display_name FROM users u WHERE u.id = ${villageRectifications.exitConfirmedBy})`,
  measuresTotal: sql<number>`(SELECT count(*) FROM rectification_measures m WHERE m.rectification_id = ${villageRectifications.id})`,
  measuresDone: sql<number>`(SELECT count(*) FROM rectification_measures m WHERE m.rectification_id = ${villageRectifications.id} AND m.status = 'completed')`,
};

export type RectificationSummary = Awaited<ReturnType<typeof listRectifications>>["items"][number];
export type RectificationView = Awaited<ReturnType<typeof getRectification>>;

/** Villages of the user's scope and how many of them are on the year's list (the ~10 % share). */
async function shareOf(ctx: ServiceContext, year: number) {
  const scope = villageIdCondition(scopeOf(ctx.user!), sql`v.id`);
  const r = await ctx.db.get<{ villages: number; listed: number }>(sql`
    SELECT count(*) AS villages,
      sum(EXISTS (SELECT 1 FROM village_rectifications r WHERE r.village_id = v.id AND r.year = ${year})) AS listed
    FROM villages v WHERE ${scope ?? sql`1`}`);
  const villagesCount = r?.villages ?? 0;
  const listed = r?.listed ?? 0;
  return { villages: villagesCount, listed, sharePermille: sharePermille(listed, villagesCount) };
}

export async function listRectifications(ctx: ServiceContext, q: RectificationQueryInput) {
  const year = q.year ?? Number(todayInChina(ctx.now() * 1000).slice(0, 4));
  const items = await ctx.db
    .select(summary)
    .from(villageRectifications)
    .innerJoin(villages, eq(villages.id, villageRectifications.villageId))
    .where(
      and(
        eq(villageRectifications.year, year),
        q.status ? eq(villageRectifications.status, q.status) : undefined,
        villageIdCondition(scopeOf(ctx.user!), villageRectifications.villageId),
      ),
    )
    .orderBy(desc(villageRectifications.score), villages.code)
    .all();
  return { year, ...(await shareOf(ctx, year)), items };
}

export async function getRectification(ctx: ServiceContext, id: number) {
  const row = await ctx.db
    .select(summary)
    .from(villageRectifications)
    .innerJoin(villages, eq(villages.id, villageRectifications.villageId))
    .where(
      and(eq(villageRectifications.id, id), villageIdCondition(scopeOf(ctx.user!), villageRectifications.villageId)),
    )
    .get();
  if (!row) throw new AppError("not_found", NOT_FOUND);
  const today = todayInChina(ctx.now() * 1000);
  const measures = (
    await ctx.db
      .select()
      .from(rectificationMeasures)
      .where(eq(rectificationMeasures.rectificationId, id))
      .orderBy(rectificationMeasures.dueDate, rectificationMeasures.id)
      .all()
  ).map((m) => ({
    id: m.id,
    title: m.title,
    owner: m.owner,
    dueDate: m.dueDate,
    status: m.status,
    evidence: m.evidence,
    completedDate: m.completedDate,
    overdue: m.status !== "completed" && m.dueDate < today,
  }));
  return { ...row, measures };
}

/**
 * The county confirms the year's list. Every village gets its ranking score and indicators as they
 * stood (the reason), so a later change of the records does not rewrite why it was listed. More
 * than the usual ~10 % of the county's villages needs `acceptOverShare` (a warning, not a ban).
 */
export async function confirmList(ctx: ServiceContext, input: RectificationConfirmInput) {
  const scores = await scoresOf(ctx, input.year, input.indicators, input.villageIds);
  const missing = input.villageIds.filter((id) => !scores.has(id));
  if (missing.length > 0) throw fieldError("villageIds", `村不存在或不在您的管辖范围内：${missing.join("、")}`);
  const already = [...scores.values()].filter((r) => r.rectificationId !== null);
  if (already.length > 0)
    throw new AppError(
      "conflict",
      `${already.map((r) => r.villageName).join("、")} 已在 ${input.year} 年整顿名单中，不能重复确定`,
    );
  const share = await shareOf(ctx, input.year);
  const after = sharePermille(share.listed + input.villageIds.length, share.villages);
  if (after > USUAL_SHARE_PERMILLE && !input.acceptOverShare)
    throw new AppError(
      "conflict",
      `确定后整顿村占全部 ${share.villages} 个村的 ${(after / 10).toFixed(1)}%，超过通常的 10%；如确需，请勾选“确认超过 10%”后再提交`,
    );
  const rows = input.villageIds.map((id) => {
    const r = scores.get(id)!;
    const w = weaknesses(r);
    const words = input.indicators.map((i) => `${LAGGING_INDICATOR_LABELS[i]} ${w[i]}`).join("，");
    return {
      v: id,
      t: r.townshipCode,
      s: r.score,
      r: `排名得分 ${r.score}（${words}）${input.note ? `；${input.note}` : ""}`,
    };
  });
  const insert = ctx.d1
    .prepare(
      `INSERT INTO village_rectifications (year, village_id, township_code, category, score, reason, created_by)
       SELECT ?1, json_extract(value, '$.v'), json_extract(value, '$.t'), ?2, json_extract(value, '$.s'), json_extract(value, '$.r'), ?3
       FROM json_each(?4)`,
    )
    .bind(input.year, input.category, ctx.user!.id, JSON.stringify(rows));
  await new AuditedWrite(ctx)
    .addRaw(insert)
    .addRaw(tagVillages(ctx, input.category, input.villageIds))
    .audit({
      action: "rectification.confirm",
      entity: "rectification",
      entityId: `year:${input.year}`,
      after: { category: input.category, indicators: input.indicators, villages: rows, villageTag: input.category },
    })
    .commit();
  const now = await shareOf(ctx, input.year);
  return { created: rows.length, ...now };
}

/**
 * The village's 后进 / 软弱涣散 tag (villages.tags, shown on the village page and list) follows the
 * list: confirming adds it, in the same batch.
 */
function tagVillages(ctx: ServiceContext, category: RectificationCategory, villageIds: number[]) {
  return ctx.d1
    .prepare(
      `UPDATE villages SET tags = json_insert(tags, '$[#]', ?1), updated_at = unixepoch()
       WHERE id IN (SELECT value FROM json_each(?2)) AND NOT EXISTS (SELECT 1 FROM json_each(villages.tags) WHERE value = ?1)`,
    )
    .bind(category, JSON.stringify(villageIds));
}

/** The exit takes the tag off, unless the village is still on a list of that category (another year's). */
function untagVillage(ctx: ServiceContext, category: RectificationCategory, villageId: number) {
  return ctx.d1
    .prepare(
      `UPDATE villages SET tags = (SELECT json_group_array(value) FROM json_each(villages.tags) WHERE value <> ?1), updated_at = unixepoch()
       WHERE id = ?2 AND NOT EXISTS (SELECT 1 FROM village_rectifications r WHERE r.village_id = ?2 AND r.category = ?1 AND r.status <> 'exited')`,
    )
    .bind(category, villageId);
}

/** A rectification still being worked on (its plan and dispatch may change). */
async function open(ctx: ServiceContext, id: number) {
  const r = await getRectification(ctx, id);
  if (r.status !== "listed") throw new AppError("conflict", "已申请销号或已退出的整顿不能再修改");
  return r;
}
const stillListed = (id: number) => and(eq(villageRectifications.id, id), eq(villageRectifications.status, "listed"));

export async function addMeasure(ctx: ServiceContext, id: number, input: RectificationMeasureCreateInput) {
  const r = await open(ctx, id);
  if (Number(input.dueDate.slice(0, 4)) < r.year) throw fieldError("dueDate", `完成时限不能早于 ${r.year} 年`);
  const values = { rectificationId: id, ...input };
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db.update(villageRectifications).set({ updatedAt: ctx.now() }).where(stillListed(id)),
      "已申请销号或已退出的整顿不能再修改",
    )
    .add(ctx.db.insert(rectificationMeasures).values(values))
    .audit({ action: "rectification.measure_create", entity: "rectification", entityId: id, after: values })
    .commit();
  return getRectification(ctx, id);
}

export async function updateMeasure(
  ctx: ServiceContext,
  id: number,
  measureId: number,
  input: RectificationMeasureUpdateInput,
) {
  const r = await open(ctx, id);
  const before = r.measures.find((m) => m.id === measureId);
  if (!before) throw new AppError("not_found", "没有这项整顿措施");
  if (input.completedDate && input.completedDate > todayInChina(ctx.now() * 1000))
    throw fieldError("completedDate", "完成日期不能晚于今天");
  const set = {
    status: input.status,
    evidence: input.evidence ?? before.evidence,
    completedDate: input.status === "completed" ? (input.completedDate ?? null) : null,
  };
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db.update(villageRectifications).set({ updatedAt: ctx.now() }).where(stillListed(id)),
      "已申请销号或已退出的整顿不能再修改",
    )
    .add(
      ctx.db
        .update(rectificationMeasures)
        .set({ ...set, updatedAt: ctx.now() })
        .where(and(eq(rectificationMeasures.id, measureId), eq(rectificationMeasures.rectificationId, id))),
    )
    .audit({
      action: "rectification.measure_update",
      entity: "rectification",
      entityId: id,
      before: { measureId, status: before.status, evidence: before.evidence },
      after: { measureId, ...set },
    })
    .commit();
  return getRectification(ctx, id);
}

/** The assignment role a dispatch starts: 选派第一书记 as first secretary, a 指导员 as a resident team member. */
const DISPATCH_ASSIGNMENT_ROLE = { secretary: "first_secretary", instructor: "team_member" } as const;

/**
 * 选派: an existing cadre of this tenant is sent as first secretary or instructor. The dispatch
 * starts a real assignment through the assignments service (its rules: one first secretary per
 * village, at most five resident members, no double assignment, scope) in the same audited batch
 * as the rectification's update, so neither exists without the other. A rectification whose
 * dispatched cadre is still serving is not dispatched again: a change goes through 调整更换.
 */
export async function dispatch(ctx: ServiceContext, id: number, input: RectificationDispatchInput) {
  const r = await open(ctx, id);
  const cadre = await ctx.db
    .select({ id: cadres.id, name: cadres.name })
    .from(cadres)
    .where(eq(cadres.id, input.cadreId))
    .get();
  if (!cadre) throw fieldError("cadreId", "没有这名干部（或不属于本地区）");
  if (input.date < `${r.year}-01-01`) throw fieldError("date", `选派日期不能早于 ${r.year} 年`);
  if (r.dispatchedAssignmentStatus === "active")
    throw new AppError(
      "conflict",
      `已选派${r.dispatchedCadreName ?? ""}（驻村任务编号 ${r.dispatchedAssignmentId}）且仍在岗；如需更换，请在驻村任务中使用“调整更换”`,
    );
  const prepared = await prepareAssignment(ctx, {
    cadreId: cadre.id,
    villageCode: r.villageCode,
    role: DISPATCH_ASSIGNMENT_ROLE[input.role],
    startDate: input.date,
  });
  const set = { dispatchedCadreId: cadre.id, dispatchRole: input.role, dispatchDate: input.date };
  const write = new AuditedWrite(ctx).guarded(
    ctx.db
      .update(villageRectifications)
      .set({ ...set, updatedAt: ctx.now() })
      .where(and(stillListed(id), sql`${villageRectifications.dispatchedAssignmentId} IS ${r.dispatchedAssignmentId}`)),
    "已申请销号或已退出的整顿不能再修改，或已被他人同时选派",
  );
  prepared.addTo(write);
  // The assignment just inserted is the one active row of (cadre, village): the partial unique index holds exactly one.
  write
    .add(
      ctx.db
        .update(villageRectifications)
        .set({
          dispatchedAssignmentId: sql`(SELECT id FROM assignments WHERE cadre_id = ${cadre.id} AND village_id = ${r.villageId} AND status = 'active')`,
        })
        .where(eq(villageRectifications.id, id)),
    )
    .audit({
      action: "rectification.dispatch",
      entity: "rectification",
      entityId: id,
      before: { dispatchedCadreId: r.dispatchedCadreId, dispatchedAssignmentId: r.dispatchedAssignmentId },
      after: { ...set, cadreName: cadre.name, assignmentRole: DISPATCH_ASSIGNMENT_ROLE[input.role] },
    });
  try {
    await write.commit();
  } catch (err) {
    throw assignmentConflict(err) ?? err;
  }
  return getRectification(ctx, id);
}

/**
 * Asks for the exit: only when the plan has measures and every one is done (checked in the guarded
 * statement itself, so a measure reopened meanwhile stops it).
 */
export async function requestExit(ctx: ServiceContext, id: number, input: ExitRequestInput) {
  const r = await open(ctx, id);
  if (r.measuresTotal === 0) throw new AppError("conflict", "整顿方案还没有措施，不能申请销号");
  if (r.measuresDone < r.measuresTotal)
    throw new AppError("conflict", `还有 ${r.measuresTotal - r.measuresDone} 项整顿措施未完成，全部完成后才能申请销号`);
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(villageRectifications)
        .set({
          status: "exit_requested",
          exitNote: input.note,
          exitRequestedBy: ctx.user!.id,
          exitRequestedAt: ctx.now(),
          updatedAt: ctx.now(),
        })
        .where(
          and(
            stillListed(id),
            sql`EXISTS (SELECT 1 FROM rectification_measures m WHERE m.rectification_id = ${id})`,
            sql`NOT EXISTS (SELECT 1 FROM rectification_measures m WHERE m.rectification_id = ${id} AND m.status <> 'completed')`,
          ),
        ),
      "整顿措施须全部完成后才能申请销号",
    )
    .audit({ action: "rectification.exit_request", entity: "rectification", entityId: id, after: { note: input.note } })
    .commit();
  return getRectification(ctx, id);
}

/** The county confirms the exit; never the person who asked for it (also the table's CHECK). */
export async function confirmExit(ctx: ServiceContext, id: number) {
  const r = await getRectification(ctx, id);
  if (r.status !== "exit_requested") throw new AppError("conflict", "只有已申请销号的整顿才能确认退出");
  if (r.exitRequestedBy === ctx.user!.id) throw new AppError("conflict", "销号申请须由申请人以外的人确认");
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(villageRectifications)
        .set({ status: "exited", exitConfirmedBy: ctx.user!.id, exitConfirmedAt: ctx.now(), updatedAt: ctx.now() })
        .where(
          and(
            eq(villageRectifications.id, id),
            eq(villageRectifications.status, "exit_requested"),
            sql`${villageRectifications.exitRequestedBy} <> ${ctx.user!.id}`,
          ),
        ),
      "销号申请已被处理，或须由申请人以外的人确认",
    )
    .addRaw(untagVillage(ctx, r.category, r.villageId))
    .audit({
      action: "rectification.exit_confirm",
      entity: "rectification",
      entityId: id,
      after: { status: "exited", villageTagRemoved: r.category },
    })
    .commit();
  return getRectification(ctx, id);
}
