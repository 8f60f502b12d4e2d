import { and, asc, count, desc, eq, isNull, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import {
  DECISION_STAGES,
  decisionStages,
  projects,
  villageDecisions,
  type DecisionStage,
} from "../../db/schema/tenant/disclosure.ts";
import { villages } from "../../db/schema/tenant/places.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { offsetOf, type PageParams } from "../lib/paging.ts";
import { scopeOf, villageIdCondition } from "../domain/scope.ts";
import { villageInScope } from "../projects/service.ts";
import { DECISION_STAGE_LABELS } from "../../web/i18n/zh-CN.ts";
import type { StageInput } from "./schemas.ts";
import { voteOutcome } from "./rules.ts";

const now = () => Math.floor(Date.now() / 1000);

/** The two 公开 stages: recorded on the public ledger and shown on the village page. */
export const PUBLISHED_STAGES: readonly DecisionStage[] = ["resolution_published", "result_published"];
/** Meetings whose attendance and votes must be recorded. */
const VOTING_STAGES: readonly DecisionStage[] = ["discussed", "reviewed", "resolved"];

/** The stages this decision goes through, in order (乡镇审查 only when the decision requires it). */
export function stagesOf(requiresTownshipReview: boolean): DecisionStage[] {
  return DECISION_STAGES.filter((s) => s !== "township_reviewed" || requiresTownshipReview);
}

export function nextStage(current: DecisionStage, requiresTownshipReview: boolean): DecisionStage | null {
  const order = stagesOf(requiresTownshipReview);
  return order[order.indexOf(current) + 1] ?? null;
}

const listColumns = {
  id: villageDecisions.id,
  villageId: villageDecisions.villageId,
  villageCode: villages.code,
  villageName: villages.name,
  title: villageDecisions.title,
  description: villageDecisions.description,
  amountFen: villageDecisions.amountFen,
  projectId: villageDecisions.projectId,
  requiresTownshipReview: villageDecisions.requiresTownshipReview,
  stage: villageDecisions.stage,
  failedStage: villageDecisions.failedStage,
};

function scoped(ctx: ServiceContext, extra: (SQL | undefined)[] = []) {
  return and(villageIdCondition(scopeOf(ctx.user!), villageDecisions.villageId), ...extra);
}

export async function listDecisions(
  ctx: ServiceContext,
  f: PageParams & { villageCode?: string | undefined; stage?: DecisionStage | undefined },
) {
  const where = scoped(ctx, [
    f.villageCode ? eq(villages.code, f.villageCode) : undefined,
    f.stage ? eq(villageDecisions.stage, f.stage) : undefined,
  ]);
  const db = ctx.db;
  const [rows, total] = await Promise.all([
    db
      .select(listColumns)
      .from(villageDecisions)
      .innerJoin(villages, eq(villages.id, villageDecisions.villageId))
      .where(where)
      .orderBy(desc(villageDecisions.id))
      .limit(f.size)
      .offset(offsetOf(f))
      .all(),
    db
      .select({ n: count() })
      .from(villageDecisions)
      .innerJoin(villages, eq(villages.id, villageDecisions.villageId))
      .where(where)
      .get(),
  ]);
  return {
    items: rows.map(({ villageId: _v, ...r }) => ({ ...r, nextStage: nextStage(r.stage, r.requiresTownshipReview) })),
    total: total?.n ?? 0,
    page: f.page,
    size: f.size,
  };
}

export async function getDecision(ctx: ServiceContext, id: number) {
  const row = await ctx.db
    .select(listColumns)
    .from(villageDecisions)
    .innerJoin(villages, eq(villages.id, villageDecisions.villageId))
    .where(scoped(ctx, [eq(villageDecisions.id, id)]))
    .get();
  if (!row) throw new AppError("not_found", "没有这个事项，或不在您的管辖范围内");
  const stages = await ctx.db
    .select({
      stage: decisionStages.stage,
      date: decisionStages.date,
      eligible: decisionStages.eligible,
      attendees: decisionStages.attendees,
      votesFor: decisionStages.votesFor,
      votesAgainst: decisionStages.votesAgainst,
      votesAbstain: decisionStages.votesAbstain,
      summary: decisionStages.summary,
      attachments: decisionStages.attachments,
      ledgerSeq: decisionStages.ledgerSeq,
    })
    .from(decisionStages)
    .where(eq(decisionStages.decisionId, id))
    .orderBy(asc(decisionStages.id))
    .all();
  const { villageId, ...rest } = row;
  return {
    ...rest,
    villageId,
    nextStage: row.failedStage ? null : nextStage(row.stage, row.requiresTownshipReview),
    stages,
  };
}
export type DecisionView = Awaited<ReturnType<typeof getDecision>>;

/** A voting meeting records entitled, present and votes; below quorum it cannot decide (nothing recorded). */
function checkStage(stage: DecisionStage, input: StageInput): { passed: boolean; needed: number } {
  if (!VOTING_STAGES.includes(stage)) return { passed: true, needed: 0 };
  const fields = [];
  if (input.eligible == null) fields.push({ field: "eligible", message: "会议须填写应到人数" });
  if (input.attendees == null) fields.push({ field: "attendees", message: "会议须填写实到人数" });
  if (input.votesFor == null) fields.push({ field: "votesFor", message: "会议须填写表决结果（赞成票）" });
  if (fields.length)
    throw new AppError("validation_failed", `${DECISION_STAGE_LABELS[stage]}须记录出席和表决情况`, { fields });
  const outcome = voteOutcome(stage, {
    eligible: input.eligible!,
    attendees: input.attendees!,
    votesFor: input.votesFor!,
  });
  if (!outcome.ok)
    throw new AppError("validation_failed", outcome.message, {
      fields: [{ field: "attendees", message: outcome.message }],
    });
  return outcome;
}

function stageValues(stage: DecisionStage, input: StageInput, userId: number) {
  return {
    stage,
    date: input.date,
    eligible: input.eligible ?? null,
    attendees: input.attendees ?? null,
    votesFor: input.votesFor ?? null,
    votesAgainst: input.votesAgainst ?? null,
    votesAbstain: input.votesAbstain ?? null,
    summary: input.summary,
    attachments: input.attachments,
    recordedBy: userId,
  };
}

export async function createDecision(
  ctx: ServiceContext,
  input: {
    villageCode: string;
    title: string;
    description: string;
    amountFen?: number | null | undefined;
    projectId?: number | null | undefined;
    requiresTownshipReview: boolean;
    proposed: StageInput;
  },
) {
  const village = await villageInScope(ctx, input.villageCode);
  if (input.projectId) {
    const p = await ctx.db
      .select({ villageId: projects.villageId })
      .from(projects)
      .where(eq(projects.id, input.projectId))
      .get();
    if (!p || p.villageId !== village.id)
      throw new AppError("validation_failed", "关联项目须是本村的项目", {
        fields: [{ field: "projectId", message: "关联项目须是本村的项目" }],
      });
  }
  checkStage("proposed", input.proposed);
  const user = ctx.user!;
  const values = {
    villageId: village.id,
    title: input.title,
    description: input.description,
    amountFen: input.amountFen ?? null,
    projectId: input.projectId ?? null,
    requiresTownshipReview: input.requiresTownshipReview,
    stage: "proposed" as const,
    createdBy: user.id,
  };
  const stage = stageValues("proposed", input.proposed, user.id);
  const d1 = ctx.d1;
  const [rows] = (await new AuditedWrite(ctx)
    .add(ctx.db.insert(villageDecisions).values(values).returning({ id: villageDecisions.id }))
    // The stage row refers to the decision inserted by the statement just before it, in the same batch.
    .addRaw(
      d1
        .prepare(
          "INSERT INTO decision_stages (decision_id, stage, date, eligible, attendees, votes_for, votes_against, votes_abstain, summary, attachments, recorded_by) VALUES (last_insert_rowid(), 'proposed', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(
          stage.date,
          stage.eligible,
          stage.attendees,
          stage.votesFor,
          stage.votesAgainst,
          stage.votesAbstain,
          stage.summary,
          JSON.stringify(stage.attachments),
          user.id,
        ),
    )
    .audit({
      action: "village_decision.create",
      entity: "village_decision",
      entityId: input.title,
      after: { ...values, proposed: stage },
    })
    .commit()) as [{ id: number }[]];
  return getDecision(ctx, rows[0]!.id);
}

/**
 * Records the next stage. Stages go strictly in order: recording any other stage (skipping one,
 * repeating one, or 乡镇审查 for a decision that does not require it) is a 409 that changes
 * nothing. The state change is one guarded statement, so two officers recording the same stage
 * at once cannot both succeed. The two 公开 stages are published on the ledger in the same batch.
 */
export async function recordStage(ctx: ServiceContext, id: number, stage: DecisionStage, input: StageInput) {
  const d = await getDecision(ctx, id);
  const expected = d.nextStage;
  if (d.failedStage)
    throw new AppError(
      "conflict",
      `该事项在「${DECISION_STAGE_LABELS[d.failedStage]}」表决未通过，已终止；如需再议须重新提议`,
    );
  if (expected === null) throw new AppError("conflict", "该事项的全部环节已完成");
  if (stage !== expected) {
    const done = d.stages.some((s) => s.stage === stage);
    const message = done
      ? `「${DECISION_STAGE_LABELS[stage]}」已经记录过，不能重复记录`
      : stage === "township_reviewed" && !d.requiresTownshipReview
        ? "该事项不需要乡镇审查"
        : `须按顺序进行：下一步应为「${DECISION_STAGE_LABELS[expected]}」`;
    throw new AppError("conflict", message);
  }
  const last = d.stages[d.stages.length - 1];
  if (last && input.date < last.date)
    throw new AppError("validation_failed", `日期不能早于上一环节（${last.date}）`, {
      fields: [{ field: "date", message: `日期不能早于上一环节（${last.date}）` }],
    });
  const { passed, needed } = checkStage(stage, input);
  const user = ctx.user!;
  const values = stageValues(stage, input, user.id);
  const db = ctx.db;
  const w = new AuditedWrite(ctx).guarded(
    db
      .update(villageDecisions)
      .set({ stage, ...(passed ? {} : { failedStage: stage }), updatedAt: now() })
      .where(
        and(eq(villageDecisions.id, id), eq(villageDecisions.stage, d.stage), isNull(villageDecisions.failedStage)),
      ),
    "该事项的环节已被他人更新，请刷新后重试",
  );
  // A vote that misses its majority ends the item: recorded and published like a 公开 stage.
  const published = PUBLISHED_STAGES.includes(stage) || !passed;
  if (published) {
    w.publish({
      kind: passed ? `village_decision.${stage}` : "village_decision.failed",
      ref: `village_decision:${id}`,
      villageIds: [d.villageId],
      content: {
        decisionId: id,
        village: { code: d.villageCode, name: d.villageName },
        title: d.title,
        description: d.description,
        amountFen: d.amountFen,
        stage,
        ...(passed
          ? {}
          : {
              outcome: "failed",
              vote: {
                eligible: input.eligible,
                attendees: input.attendees,
                votesFor: input.votesFor,
                votesAgainst: input.votesAgainst ?? 0,
                votesAbstain: input.votesAbstain ?? 0,
                needed,
              },
            }),
        date: input.date,
        summary: input.summary,
        attachments: input.attachments,
        // The meetings before it, so the entry alone shows the decision went through 四议.
        meetings: d.stages.map((s) => ({
          stage: s.stage,
          date: s.date,
          eligible: s.eligible,
          attendees: s.attendees,
          votesFor: s.votesFor,
          votesAgainst: s.votesAgainst,
          votesAbstain: s.votesAbstain,
        })),
      },
    });
  }
  w.add((pos) =>
    db
      .insert(decisionStages)
      .values({ decisionId: id, ...values, ledgerSeq: published ? (pos.ledgerSeqs[0] ?? null) : null }),
  );
  await w
    .audit({
      action: "village_decision.stage",
      entity: "village_decision",
      entityId: id,
      before: { stage: d.stage },
      after: { ...values, passed },
    })
    .commit()
    .catch((err) => {
      if (String(err?.message ?? err).includes("decision_stages"))
        throw new AppError("conflict", `「${DECISION_STAGE_LABELS[stage]}」已经记录过，不能重复记录`);
      throw err;
    });
  return getDecision(ctx, id);
}
