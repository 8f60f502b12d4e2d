import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * Who a training plan must reach (seed 004: every poor village's secretary by year end, every
 * village leader within two years; seed 001: resident cadres, township cadres). The first three are
 * counted from the cadre records (assignments), the last two from the village cadre roster
 * (village_officials, migration 0024); see workers/training/coverage.ts.
 */
export const TRAINING_AUDIENCES = [
  "first_secretaries",
  "resident_cadres",
  "poor_village_resident_cadres",
  "poor_village_secretaries",
  "village_leaders",
] as const;
export type TrainingAudience = (typeof TRAINING_AUDIENCES)[number];
/** 集中授课, 网上培训, 夜间大课堂, 集中轮训 (e.g. five days for every village party secretary, seed 001). */
export const SESSION_FORMATS = ["lecture", "online", "night_class", "rotation"] as const;
export type SessionFormat = (typeof SESSION_FORMATS)[number];
/**
 * Whom a training record or a test attempt is about, as (kind, id): a cadre (cadres.id), a user
 * (users.id, e.g. a township officer) or a village cadre of the roster (village_officials.id).
 */
export const TAKER_KINDS = ["cadre", "user", "village_cadre"] as const;
export type TakerKind = (typeof TAKER_KINDS)[number];
export const ATTEMPT_STATUSES = ["in_progress", "submitted"] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];
export const EXAM_STATUSES = ["open", "closed"] as const;
export type ExamStatus = (typeof EXAM_STATUSES)[number];

/** 培训计划: what, for whom, by when. */
export const trainingPlans = sqliteTable(
  "training_plans",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    year: integer("year").notNull(),
    audience: text("audience", { enum: TRAINING_AUDIENCES }).notNull(),
    deadline: text("deadline").notNull(),
    description: text("description"),
    createdBy: integer("created_by").notNull(),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [index("training_plans_year_idx").on(t.year, t.deadline)],
);

/** 培训班 / 一期课程 of a plan; held by the county (township_code null) or a township. */
export const trainingSessions = sqliteTable(
  "training_sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    planId: integer("plan_id")
      .notNull()
      .references(() => trainingPlans.id),
    title: text("title").notNull(),
    format: text("format", { enum: SESSION_FORMATS }).notNull(),
    startDate: text("start_date").notNull(),
    days: integer("days").notNull(),
    location: text("location"),
    townshipCode: text("township_code"),
    createdBy: integer("created_by").notNull(),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [index("training_sessions_plan_idx").on(t.planId, t.startDate)],
);

/** 签到 at a session: one row per person per session (人次). */
export const trainingAttendance = sqliteTable(
  "training_attendance",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sessionId: integer("session_id")
      .notNull()
      .references(() => trainingSessions.id),
    takerKind: text("taker_kind", { enum: TAKER_KINDS }).notNull(),
    takerId: integer("taker_id").notNull(),
    /** The person's township when recorded, for scope (null: county level). */
    townshipCode: text("township_code"),
    recordedBy: integer("recorded_by").notNull(),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    uniqueIndex("training_attendance_uq").on(t.sessionId, t.takerKind, t.takerId),
    index("training_attendance_taker_idx").on(t.takerKind, t.takerId, t.createdAt),
  ],
);

/** 应知应会题库: single-choice questions; retired, never edited (attempts keep pointing at them). */
export const examQuestions = sqliteTable("exam_questions", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  stem: text("stem").notNull(),
  /** JSON array of 2–6 option texts. */
  options: text("options", { mode: "json" }).$type<string[]>().notNull(),
  /** 0-based index into `options`; never leaves the server before an attempt is submitted. */
  correctOption: integer("correct_option").notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdBy: integer("created_by").notNull(),
  createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
});

/** 应知应会测试: a fixed set of questions from the bank and the pass mark (90 in seed 001). */
export const exams = sqliteTable("exams", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  title: text("title").notNull(),
  questionIds: text("question_ids", { mode: "json" }).$type<number[]>().notNull(),
  passScore: integer("pass_score").notNull().default(90),
  status: text("status", { enum: EXAM_STATUSES }).notNull().default("open"),
  createdBy: integer("created_by").notNull(),
  createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
});

/** One sitting of a test by one person; scored once, on submit. */
export const examAttempts = sqliteTable(
  "exam_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    examId: integer("exam_id")
      .notNull()
      .references(() => exams.id),
    takerKind: text("taker_kind", { enum: TAKER_KINDS }).notNull(),
    takerId: integer("taker_id").notNull(),
    takerName: text("taker_name").notNull(),
    townshipCode: text("township_code"),
    status: text("status", { enum: ATTEMPT_STATUSES }).notNull().default("in_progress"),
    /** JSON {questionId: chosen option index}, set on submit. */
    answers: text("answers", { mode: "json" }).$type<Record<string, number>>(),
    correctCount: integer("correct_count"),
    score: integer("score"),
    passed: integer("passed", { mode: "boolean" }),
    startedBy: integer("started_by").notNull(),
    startedAt: integer("started_at").notNull(),
    submittedAt: integer("submitted_at"),
  },
  (t) => [
    index("exam_attempts_taker_idx").on(t.takerKind, t.takerId, t.submittedAt),
    index("exam_attempts_exam_idx").on(t.examId, t.status),
    index("exam_attempts_township_idx").on(t.townshipCode),
  ],
);
