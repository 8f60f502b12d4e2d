import { and, count, desc, eq } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { examQuestions, exams } from "../../db/schema/tenant/training.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { AppError } from "../platform/errors/app-error.ts";
import type { ExamCreateInput, QuestionCreateInput } from "./schemas.ts";

/** The bank, newest first, with the correct answers: only for those who never take tests (exams.bank_read). */
export async function listQuestions(ctx: ServiceContext) {
  const [items, total] = await Promise.all([
    ctx.db
      .select({
        id: examQuestions.id,
        stem: examQuestions.stem,
        options: examQuestions.options,
        correctOption: examQuestions.correctOption,
        active: examQuestions.active,
        createdAt: examQuestions.createdAt,
      })
      .from(examQuestions)
      .orderBy(desc(examQuestions.active), desc(examQuestions.id))
      .limit(500)
      .all(),
    ctx.db.select({ n: count() }).from(examQuestions).get(),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function getQuestion(ctx: ServiceContext, id: number) {
  const q = await ctx.db.select().from(examQuestions).where(eq(examQuestions.id, id)).get();
  if (!q) throw new AppError("not_found", "没有这道题");
  const { createdBy: _, ...rest } = q;
  return rest;
}

export async function createQuestion(ctx: ServiceContext, input: QuestionCreateInput) {
  const row = { ...input, active: true, createdBy: ctx.user!.id, createdAt: ctx.now() };
  const [inserted] = (await new AuditedWrite(ctx)
    .add(ctx.db.insert(examQuestions).values(row).returning({ id: examQuestions.id }))
    .audit({ action: "exam_question.create", entity: "exam_question", after: row })
    .commit()) as [{ id: number }[]];
  return getQuestion(ctx, inserted[0]!.id);
}

/** A question is retired, never edited or deleted: attempts already scored keep pointing at it. */
export async function retireQuestion(ctx: ServiceContext, id: number) {
  await getQuestion(ctx, id);
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(examQuestions)
        .set({ active: false })
        .where(and(eq(examQuestions.id, id), eq(examQuestions.active, true))),
      "这道题已停用",
    )
    .audit({ action: "exam_question.retire", entity: "exam_question", entityId: id, after: { active: false } })
    .commit();
  return getQuestion(ctx, id);
}

const EXAM_SQL = `SELECT e.id, e.title, e.pass_score AS passScore, json_array_length(e.question_ids) AS questionCount, e.status,
  e.created_at AS createdAt,
  (SELECT count(*) FROM exam_attempts x WHERE x.exam_id = e.id AND x.status = 'submitted') AS attempts,
  (SELECT count(*) FROM exam_attempts x WHERE x.exam_id = e.id AND x.status = 'submitted' AND x.passed = 1) AS passedCount
  FROM exams e`;
export type ExamRow = {
  id: number;
  title: string;
  passScore: number;
  questionCount: number;
  status: "open" | "closed";
  createdAt: number;
  attempts: number;
  passedCount: number;
};

export async function listExams(ctx: ServiceContext) {
  const { results } = await ctx.d1.prepare(`${EXAM_SQL} ORDER BY e.status = 'open' DESC, e.id DESC LIMIT 200`).all();
  return { items: results as ExamRow[] };
}

export async function getExam(ctx: ServiceContext, id: number): Promise<ExamRow> {
  const row = await ctx.d1.prepare(`${EXAM_SQL} WHERE e.id = ?`).bind(id).first<ExamRow>();
  if (!row) throw new AppError("not_found", "没有这次测试");
  return row;
}

/** Draws the test's questions from the active bank once (at random), so every taker sits the same test. */
export async function createExam(ctx: ServiceContext, input: ExamCreateInput) {
  const { results } = await ctx.d1
    .prepare("SELECT id FROM exam_questions WHERE active = 1 ORDER BY random() LIMIT ?")
    .bind(input.questionCount)
    .all<{ id: number }>();
  if (results.length < input.questionCount)
    throw new AppError("validation_failed", `题库中只有 ${results.length} 道可用的题`, {
      fields: [{ field: "questionCount", message: `题库中只有 ${results.length} 道可用的题` }],
    });
  const row = {
    title: input.title,
    passScore: input.passScore,
    questionIds: results.map((r) => r.id).sort((a, b) => a - b),
    status: "open" as const,
    createdBy: ctx.user!.id,
    createdAt: ctx.now(),
  };
  const [inserted] = (await new AuditedWrite(ctx)
    .add(ctx.db.insert(exams).values(row).returning({ id: exams.id }))
    .audit({ action: "exam.create", entity: "exam", after: row })
    .commit()) as [{ id: number }[]];
  return getExam(ctx, inserted[0]!.id);
}

/** Closed tests can no longer be started; attempts already open can still be submitted. */
export async function closeExam(ctx: ServiceContext, id: number) {
  await getExam(ctx, id);
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(exams)
        .set({ status: "closed" })
        .where(and(eq(exams.id, id), eq(exams.status, "open"))),
      "这次测试已结束",
    )
    .audit({ action: "exam.close", entity: "exam", entityId: id, after: { status: "closed" } })
    .commit();
  return getExam(ctx, id);
}
