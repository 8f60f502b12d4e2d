import { z } from "@hono/zod-openapi";
import { ATTEMPT_STATUSES, EXAM_STATUSES, TAKER_KINDS } from "../../db/schema/tenant/training.ts";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
/** At most this many options per question (A–F). */
export const MAX_OPTIONS = 6;

/** 应知应会 question: a stem, 2–6 options, the index of the correct one. */
export const QuestionCreate = z
  .object({
    stem: z.string({ error: "请填写题目" }).trim().min(4, "请填写题目").max(500, "题目最多 500 个字"),
    options: z
      .array(z.string().trim().min(1, "选项不能为空").max(200, "每个选项最多 200 个字"), { error: "请填写选项" })
      .min(2, "至少 2 个选项")
      .max(MAX_OPTIONS, `最多 ${MAX_OPTIONS} 个选项`),
    correctOption: z.coerce
      .number({ error: "请选择正确答案" })
      .int("请选择正确答案")
      .min(0, "请选择正确答案")
      .max(MAX_OPTIONS - 1, "正确答案不在选项中"),
  })
  .refine((q) => q.correctOption < q.options.length, { path: ["correctOption"], message: "正确答案不在选项中" })
  .refine((q) => new Set(q.options).size === q.options.length, { path: ["options"], message: "选项不能重复" })
  .openapi("ExamQuestionCreate");
export type QuestionCreateInput = z.infer<typeof QuestionCreate>;

/** A test draws `questionCount` active questions from the bank once, at creation; every taker gets the same set. */
export const ExamCreate = z
  .object({
    title: z.string({ error: "请填写测试名称" }).trim().min(2, "请填写测试名称").max(100, "名称最多 100 个字"),
    questionCount: z.coerce
      .number({ error: "请填写题量" })
      .int("题量应为整数")
      .min(1, "至少 1 道题")
      .max(100, "最多 100 道题"),
    passScore: z.preprocess(
      blank,
      z.coerce.number().int("及格分应为整数").min(1, "及格分在 1–100 之间").max(100, "及格分在 1–100 之间").default(90),
    ),
  })
  .openapi("ExamCreate");
export type ExamCreateInput = z.infer<typeof ExamCreate>;

/** 现场测试 of a village cadre: whom (their number in the 村两委 roster). */
export const VillageCadreAttemptStart = z
  .object({
    villageOfficialId: z.coerce
      .number({ error: "请填写村干部编号" })
      .int("村干部编号为正整数")
      .positive("村干部编号为正整数")
      .max(2 ** 31, "村干部编号为正整数"),
  })
  .openapi("VillageCadreAttemptStart");

/** The answers of an attempt: every question once, an option index that exists. */
export const AttemptSubmit = z
  .object({
    answers: z
      .array(
        z.object({
          questionId: z.coerce
            .number({ error: "无效的题目" })
            .int("无效的题目")
            .positive("无效的题目")
            .max(2 ** 31),
          option: z.coerce
            .number({ error: "答案不在选项中" })
            .int("答案不在选项中")
            .min(0, "答案不在选项中")
            .max(MAX_OPTIONS - 1, "答案不在选项中"),
        }),
        { error: "请作答" },
      )
      .min(1, "请作答")
      .max(100, "最多 100 道题"),
  })
  .openapi("ExamAttemptSubmit");
export type AttemptSubmitInput = z.infer<typeof AttemptSubmit>;

export const AttemptQuery = z.object({
  examId: z.preprocess(
    blank,
    z.coerce
      .number()
      .int()
      .positive()
      .max(2 ** 31)
      .optional(),
  ),
  status: z.preprocess(blank, z.enum(ATTEMPT_STATUSES, "未知的状态").optional()),
});
export type AttemptQueryInput = z.infer<typeof AttemptQuery>;

export const Question = z
  .object({
    id: z.number().int(),
    stem: z.string(),
    options: z.array(z.string()),
    correctOption: z.number().int(),
    active: z.boolean(),
    createdAt: z.number().int(),
  })
  .openapi("ExamQuestion");
export const QuestionList = z.object({ items: z.array(Question), total: z.number().int() }).openapi("ExamQuestionList");

export const Exam = z
  .object({
    id: z.number().int(),
    title: z.string(),
    passScore: z.number().int(),
    questionCount: z.number().int(),
    status: z.enum(EXAM_STATUSES),
    attempts: z.number().int(),
    passedCount: z.number().int(),
    createdAt: z.number().int(),
  })
  .openapi("Exam");
export const ExamList = z.object({ items: z.array(Exam) }).openapi("ExamList");

/** A question as the taker sees it: never the correct option. */
export const AttemptQuestion = z
  .object({
    id: z.number().int(),
    stem: z.string(),
    options: z.array(z.string()),
    /** After submit: what the taker chose and whether it was right. */
    chosen: z.number().int().nullable(),
    correct: z.boolean().nullable(),
  })
  .openapi("ExamAttemptQuestion");
export const AttemptSummary = z
  .object({
    id: z.number().int(),
    examId: z.number().int(),
    examTitle: z.string(),
    passScore: z.number().int(),
    takerKind: z.enum(TAKER_KINDS),
    takerId: z.number().int(),
    takerName: z.string(),
    townshipCode: z.string().nullable(),
    status: z.enum(ATTEMPT_STATUSES),
    score: z.number().int().nullable(),
    correctCount: z.number().int().nullable(),
    passed: z.boolean().nullable(),
    startedBy: z.number().int(),
    startedAt: z.number().int(),
    submittedAt: z.number().int().nullable(),
  })
  .openapi("ExamAttemptSummary");
export const Attempt = AttemptSummary.extend({ questions: z.array(AttemptQuestion) }).openapi("ExamAttempt");
export const AttemptList = z.object({ items: z.array(AttemptSummary) }).openapi("ExamAttemptList");
