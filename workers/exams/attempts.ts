import { and, eq } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { examAttempts, type TakerKind } from "../../db/schema/tenant/training.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { AppError, type FieldError } from "../platform/errors/app-error.ts";
import { personalScopeSql, selfAsTaker, type Taker, takerOf } from "../training/takers.ts";
import { mustRetrain } from "../training/coverage.ts";
import { scoreOf } from "../lib/exam-score.ts";
import { getExam } from "./bank.ts";
import type { AttemptQueryInput, AttemptSubmitInput } from "./schemas.ts";

const SUMMARY_SQL = `SELECT x.id, x.exam_id AS examId, e.title AS examTitle, e.pass_score AS passScore,
  x.taker_kind AS takerKind, x.taker_id AS takerId, x.taker_name AS takerName, x.township_code AS townshipCode,
  x.status, x.score, x.correct_count AS correctCount, x.passed, x.started_by AS startedBy, x.started_at AS startedAt,
  x.submitted_at AS submittedAt, x.answers AS answersJson, e.question_ids AS questionIdsJson
  FROM exam_attempts x JOIN exams e ON e.id = x.exam_id`;
type Raw = {
  id: number;
  examId: number;
  examTitle: string;
  passScore: number;
  takerKind: TakerKind;
  takerId: number;
  takerName: string;
  townshipCode: string | null;
  status: "in_progress" | "submitted";
  score: number | null;
  correctCount: number | null;
  passed: number | null;
  startedBy: number;
  startedAt: number;
  submittedAt: number | null;
  answersJson: string | null;
  questionIdsJson: string;
};

function summary(r: Raw) {
  const { answersJson: _a, questionIdsJson: _q, passed, ...rest } = r;
  return { ...rest, passed: passed == null ? null : passed === 1 };
}
export type AttemptSummaryView = ReturnType<typeof summary>;

async function rawAttempt(ctx: ServiceContext, id: number): Promise<Raw> {
  const scope = personalScopeSql(ctx, "x");
  const r = await ctx.d1
    .prepare(`${SUMMARY_SQL} WHERE x.id = ? AND ${scope.sql}`)
    .bind(id, ...scope.args)
    .first<Raw>();
  if (!r) throw new AppError("not_found", "没有这次答卷，或不在您的查看范围内");
  return r;
}

/**
 * An attempt with its questions as the taker sees them. The correct options are never read here:
 * before submit nothing tells right from wrong; after submit only whether each answer was right
 * (the bank is reused for the retest after 回炉, so it is not handed out).
 */
export async function getAttempt(ctx: ServiceContext, id: number) {
  const r = await rawAttempt(ctx, id);
  const ids = JSON.parse(r.questionIdsJson) as number[];
  const answers = r.answersJson ? (JSON.parse(r.answersJson) as Record<string, number>) : null;
  const { results } = await ctx.d1
    .prepare(
      `SELECT q.id, q.stem, q.options, ${answers ? "q.correct_option" : "NULL"} AS k
       FROM json_each(?) j JOIN exam_questions q ON q.id = j.value ORDER BY j.key`,
    )
    .bind(JSON.stringify(ids))
    .all<{ id: number; stem: string; options: string; k: number | null }>();
  const questions = results.map((q) => {
    const chosen = answers ? (answers[String(q.id)] ?? null) : null;
    return {
      id: q.id,
      stem: q.stem,
      options: JSON.parse(q.options) as string[],
      chosen,
      correct: answers ? chosen === q.k : null,
    };
  });
  return { ...summary(r), questions };
}

export async function listAttempts(ctx: ServiceContext, q: AttemptQueryInput) {
  const scope = personalScopeSql(ctx, "x");
  const where = [scope.sql];
  const args = [...scope.args];
  if (q.examId) {
    where.push("x.exam_id = ?");
    args.push(q.examId);
  }
  if (q.status) {
    where.push("x.status = ?");
    args.push(q.status);
  }
  const { results } = await ctx.d1
    .prepare(`${SUMMARY_SQL} WHERE ${where.join(" AND ")} ORDER BY x.id DESC LIMIT 500`)
    .bind(...args)
    .all<Raw>();
  return { items: results.map(summary) };
}

/**
 * Starts (or resumes) the signed-in person's sitting of a test. Refused while they are in 回炉
 * (their latest test was below the pass mark and they have not been trained since), once they
 * have passed this test, and for a closed test. Two starts at once: the unique index on open
 * sittings lets one through; the other resumes it on the next try (409 meanwhile).
 */
export async function startAttempt(ctx: ServiceContext, examId: number) {
  const exam = await getExam(ctx, examId);
  return startFor(ctx, exam, await selfAsTaker(ctx), "您");
}

/**
 * 现场测试 of a village cadre (seed 004: 村干部应知应会): village cadres have no accounts, so a
 * township officer (their own township's cadres only; others are not found) or the county starts
 * the sitting on their own phone and hands it over; the officer submits it (started_by), the score
 * is the village cadre's. The same rules as a self-started sitting: 回炉, passed, closed.
 */
export async function startVillageCadreAttempt(ctx: ServiceContext, examId: number, villageOfficialId: number) {
  const exam = await getExam(ctx, examId);
  const taker = await takerOf(ctx, "village_cadre", villageOfficialId);
  const u = ctx.user!;
  if (u.role === "township_officer" && taker.townshipCode !== u.townshipCode)
    throw new AppError("not_found", "没有这名在任村干部，或不在您的管辖范围内");
  return startFor(ctx, exam, taker, taker.name);
}

async function startFor(ctx: ServiceContext, exam: { id: number; status: string }, taker: Taker, who: string) {
  const examId = exam.id;
  const open = await ctx.db
    .select({ id: examAttempts.id })
    .from(examAttempts)
    .where(
      and(
        eq(examAttempts.examId, examId),
        eq(examAttempts.takerKind, taker.kind),
        eq(examAttempts.takerId, taker.id),
        eq(examAttempts.status, "in_progress"),
      ),
    )
    .get();
  if (open) return { attempt: await getAttempt(ctx, open.id), resumed: true };
  if (exam.status !== "open") throw new AppError("conflict", "这次测试已结束，不能再参加");
  const passed = await ctx.db
    .select({ id: examAttempts.id })
    .from(examAttempts)
    .where(
      and(
        eq(examAttempts.examId, examId),
        eq(examAttempts.takerKind, taker.kind),
        eq(examAttempts.takerId, taker.id),
        eq(examAttempts.passed, true),
      ),
    )
    .get();
  if (passed) throw new AppError("conflict", `${who}已通过这次测试，无需再考`);
  if (await mustRetrain(ctx, taker.kind, taker.id))
    throw new AppError("conflict", `${who}上次测试未达及格分，须先参加回炉培训，培训登记后才能重新测试`);
  const row = {
    examId,
    takerKind: taker.kind,
    takerId: taker.id,
    takerName: taker.name,
    townshipCode: taker.townshipCode,
    status: "in_progress" as const,
    startedBy: ctx.user!.id,
    startedAt: ctx.now(),
  };
  const [inserted] = (await new AuditedWrite(ctx)
    .add(ctx.db.insert(examAttempts).values(row).returning({ id: examAttempts.id }))
    .audit({ action: "exam_attempt.start", entity: "exam", entityId: examId, after: row })
    .commit()) as [{ id: number }[]];
  return { attempt: await getAttempt(ctx, inserted[0]!.id), resumed: false };
}

/**
 * 交卷: scores the answers once. Only the person who started the sitting submits it; every
 * question must be answered once with an option it has. The score is written by one guarded
 * statement (`WHERE status = 'in_progress'`), so of two submits sent at once exactly one scores
 * and the other gets 409; a scored attempt is immutable (trigger in migration 0018).
 */
export async function submitAttempt(ctx: ServiceContext, id: number, input: AttemptSubmitInput) {
  const r = await rawAttempt(ctx, id);
  if (r.startedBy !== ctx.user!.id) throw new AppError("forbidden", "只能提交本人的答卷");
  if (r.status !== "in_progress") throw new AppError("conflict", "这份答卷已经交过，不能重复提交");
  const ids = JSON.parse(r.questionIdsJson) as number[];
  const { results } = await ctx.d1
    .prepare(
      "SELECT q.id, json_array_length(q.options) AS n, q.correct_option AS k FROM json_each(?) j JOIN exam_questions q ON q.id = j.value",
    )
    .bind(JSON.stringify(ids))
    .all<{ id: number; n: number; k: number }>();
  const byId = new Map(results.map((q) => [q.id, q]));
  const errors: FieldError[] = [];
  const answers: Record<string, number> = {};
  for (const a of input.answers) {
    const q = byId.get(a.questionId);
    if (!q) errors.push({ field: `q${a.questionId}`, message: "这道题不在本次测试中" });
    else if (String(a.questionId) in answers)
      errors.push({ field: `q${a.questionId}`, message: "同一道题只能作答一次" });
    else if (a.option >= q.n) errors.push({ field: `q${a.questionId}`, message: "答案不在选项中" });
    else answers[String(a.questionId)] = a.option;
  }
  ids.forEach((qid, i) => {
    if (!(String(qid) in answers) && !errors.some((e) => e.field === `q${qid}`))
      errors.push({ field: `q${qid}`, message: `第 ${i + 1} 题未作答` });
  });
  if (errors.length > 0) throw new AppError("validation_failed", errors[0]!.message, { fields: errors });
  const result = scoreOf(
    ids.map((qid) => ({ chosen: answers[String(qid)]!, correct: byId.get(qid)!.k })),
    r.passScore,
  );
  const at = ctx.now();
  const changes = {
    status: "submitted" as const,
    answers,
    correctCount: result.correct,
    score: result.score,
    passed: result.passed,
    submittedAt: at,
  };
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(examAttempts)
        .set(changes)
        .where(and(eq(examAttempts.id, id), eq(examAttempts.status, "in_progress"))),
      "这份答卷已经交过，不能重复提交",
    )
    .audit({
      action: "exam_attempt.submit",
      entity: "exam_attempt",
      entityId: id,
      before: { status: r.status },
      after: { score: result.score, passed: result.passed, correctCount: result.correct, questions: ids.length },
    })
    .commit();
  return getAttempt(ctx, id);
}
