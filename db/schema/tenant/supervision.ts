import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { villages } from "./places.ts";
import { assignments, cadres, units } from "./people.ts";

/**
 * 六有 goals of a resident team (seed 003): 坚强有力的领导班子、本领过硬的骨干队伍、功能实用的服务场所、
 * 形式多样的服务载体、健全完善的制度机制、群众满意的服务业绩.
 */
export const SIX_GOALS = [
  "leadership",
  "backbone_team",
  "service_venue",
  "service_carriers",
  "institutions",
  "satisfaction",
] as const;
export type SixGoal = (typeof SIX_GOALS)[number];

/** A letter runs three calendar years (seed 003: 三年帮扶目标 with 年度帮扶计划). */
export const LETTER_TERM_YEARS = 3;

/** 目标责任书 between a dispatching unit and a village. */
export const responsibilityLetters = sqliteTable(
  "responsibility_letters",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    villageId: integer("village_id")
      .notNull()
      .references(() => villages.id),
    /** First year of the three-year term; the term ends with start + 2. */
    termStartYear: integer("term_start_year").notNull(),
    termEndYear: integer("term_end_year").notNull(),
    signedDate: text("signed_date").notNull(),
    /** 三年帮扶目标 (public on the village page). */
    termGoal: text("term_goal").notNull(),
    /** The village's target under each 六有 goal: `{ leadership: "…", … }`. */
    goals: text("goals", { mode: "json" }).$type<Partial<Record<SixGoal, string>>>().notNull().default(sql`'{}'`),
    /** The scanned, signed copy (kept in `letter_scan_chunks`); internal, never public. */
    scanName: text("scan_name"),
    scanType: text("scan_type"),
    scanBytes: integer("scan_bytes"),
    scanSha256: text("scan_sha256"),
    createdBy: integer("created_by").notNull(),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    uniqueIndex("responsibility_letters_term_uq").on(t.unitId, t.villageId, t.termStartYear),
    index("responsibility_letters_village_idx").on(t.villageId),
    check("responsibility_letters_term", sql`${t.termEndYear} = ${t.termStartYear} + 2`),
  ],
);

/** A scanned letter in base64 pieces (D1 caps a value at 2 MB; pieces keep each row small). */
export const letterScanChunks = sqliteTable(
  "letter_scan_chunks",
  {
    letterId: integer("letter_id")
      .notNull()
      .references(() => responsibilityLetters.id),
    chunkNo: integer("chunk_no").notNull(),
    text: text("text").notNull(),
  },
  (t) => [uniqueIndex("letter_scan_chunks_pk").on(t.letterId, t.chunkNo)],
);

export const MEASURE_STATUSES = ["planned", "in_progress", "completed"] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** 帮扶措施 of a letter: one line of the year's plan (年度帮扶计划), public with its progress. */
export const letterMeasures = sqliteTable(
  "letter_measures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    letterId: integer("letter_id")
      .notNull()
      .references(() => responsibilityLetters.id),
    /** The plan year, inside the letter's term. */
    year: integer("year").notNull(),
    title: text("title").notNull(),
    /** 责任人 (a name or a post, public). */
    owner: text("owner").notNull(),
    dueDate: text("due_date").notNull(),
    status: text("status", { enum: MEASURE_STATUSES }).notNull().default("planned"),
    /** Public progress note. */
    progress: text("progress"),
    /** What proves it done (internal: documents, photos, acceptance). Required for completed. */
    evidence: text("evidence"),
    completedDate: text("completed_date"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    index("letter_measures_letter_idx").on(t.letterId, t.year),
    check(
      "letter_measures_completed",
      sql`(${t.status} = 'completed') = (${t.completedDate} IS NOT NULL AND ${t.evidence} IS NOT NULL)`,
    ),
  ],
);

/** 督查 kinds (seeds 000, 001): 电话抽查, 随机检查, 实地督查（明察暗访）, 交叉督查. */
export const INSPECTION_KINDS = ["phone_check", "random_check", "on_site", "cross_inspection"] as const;
/** Who or what is inspected (and, for the ladder, who is escalated). */
export const TARGET_KINDS = ["cadre", "team", "unit", "township", "village"] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/**
 * A target's columns: `target_key` (`cadre:12`, `team:45` (village id), `unit:3`,
 * `township:510112001`, `village:45`) groups records of the same target for the ladder;
 * `township_code` is the township that sees it (null: the county's only, e.g. a unit).
 */
const targetColumns = () => ({
  targetKind: text("target_kind", { enum: TARGET_KINDS }).notNull(),
  targetKey: text("target_key").notNull(),
  targetCadreId: integer("target_cadre_id").references(() => cadres.id),
  targetUnitId: integer("target_unit_id").references(() => units.id),
  targetVillageId: integer("target_village_id").references(() => villages.id),
  townshipCode: text("township_code"),
});

/** 督查: one check of one target by a group on a date, with its findings. */
export const inspections = sqliteTable(
  "inspections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: INSPECTION_KINDS }).notNull(),
    date: text("date").notNull(),
    /** 督查组, e.g. 第一督查组 (seed 001: 4 groups of 11 departments). */
    groupName: text("group_name"),
    /** 第几轮 (seed 001: three rounds). */
    round: integer("round"),
    ...targetColumns(),
    findings: text("findings").notNull(),
    createdBy: integer("created_by").notNull(),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    index("inspections_target_idx").on(t.targetKey, t.date),
    index("inspections_township_idx").on(t.townshipCode, t.date),
    index("inspections_cadre_idx").on(t.targetCadreId),
  ],
);

/** open → confirmed → rectified → closed (销号); open → dismissed (不成立). */
export const PROBLEM_STATUSES = ["open", "confirmed", "dismissed", "rectified", "closed"] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/** A problem found by an inspection, its rectification deadline, the rectification and its sign-off. */
export const inspectionProblems = sqliteTable(
  "inspection_problems",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    inspectionId: integer("inspection_id")
      .notNull()
      .references(() => inspections.id),
    description: text("description").notNull(),
    deadline: text("deadline").notNull(),
    status: text("status", { enum: PROBLEM_STATUSES }).notNull().default("open"),
    confirmedBy: integer("confirmed_by"),
    confirmedAt: integer("confirmed_at"),
    decisionNote: text("decision_note"),
    rectification: text("rectification"),
    evidence: text("evidence"),
    rectifiedBy: integer("rectified_by"),
    rectifiedDate: text("rectified_date"),
    signedOffBy: integer("signed_off_by"),
    signedOffAt: integer("signed_off_at"),
    signOffNote: text("sign_off_note"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    index("inspection_problems_inspection_idx").on(t.inspectionId, t.status),
    index("inspection_problems_status_idx").on(t.status, t.deadline),
  ],
);

/** 一次通报、二次约谈、三次问责 (seed 001), in order. */
export const ESCALATION_STEPS = ["notice", "interview", "accountability"] as const;
export type EscalationStep = (typeof ESCALATION_STEPS)[number];
/** 问责 outcomes: 批评教育, 退回原单位 / 召回 (ends the cadre's assignment), 移交纪委. */
export const ACCOUNTABILITY_OUTCOMES = ["criticism", "recall", "discipline_referral"] as const;
export type AccountabilityOutcome = (typeof ACCOUNTABILITY_OUTCOMES)[number];

/** One step of the ladder for one target in one year, grounded on a confirmed problem. */
export const escalations = sqliteTable(
  "escalations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ...targetColumns(),
    /** The calendar year whose confirmed problems count. */
    period: integer("period").notNull(),
    step: text("step", { enum: ESCALATION_STEPS }).notNull(),
    /** The confirmed problem that moved the target to this step. */
    problemId: integer("problem_id")
      .notNull()
      .references(() => inspectionProblems.id),
    date: text("date").notNull(),
    /** 通报 text, 约谈 record or 问责 decision. */
    record: text("record").notNull(),
    outcome: text("outcome", { enum: ACCOUNTABILITY_OUTCOMES }),
    /** The assignment ended by a 召回. */
    assignmentId: integer("assignment_id").references(() => assignments.id),
    createdBy: integer("created_by").notNull(),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    // One step once per target and year: a duplicate or a race is a 409, never a second 通报.
    uniqueIndex("escalations_step_uq").on(t.targetKey, t.period, t.step),
    uniqueIndex("escalations_problem_uq").on(t.problemId),
    index("escalations_township_idx").on(t.townshipCode, t.period),
    check("escalations_outcome", sql`(${t.step} = 'accountability') = (${t.outcome} IS NOT NULL)`),
    check("escalations_recall", sql`(${t.outcome} = 'recall') = (${t.assignmentId} IS NOT NULL)`),
  ],
);
