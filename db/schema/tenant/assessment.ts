import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { villages } from "./places.ts";
import { assignments, cadres, units } from "./people.ts";

/** 述职评议 (seed 003), 双向述职 of the three secretaries (seed 002), 双述双评 (seed 001). */
export const REVIEW_KINDS = ["team_report", "two_way", "dual"] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
export const REVIEW_STATUSES = ["open", "published"] as const;
/** 评议票: 满意 / 基本满意 / 不满意. */
export const RATINGS = ["satisfied", "fairly_satisfied", "dissatisfied"] as const;
export type Rating = (typeof RATINGS)[number];

/** Annual grades, best first. */
export const GRADES = ["excellent", "competent", "basically_competent", "incompetent"] as const;
export type Grade = (typeof GRADES)[number];
/** The caps a 一票否决 item can impose (never 优秀: that would cap nothing). */
export const VETO_CAPS = ["competent", "basically_competent", "incompetent"] as const;
/** Whose list a template is: per role (seed 000's 责任清单 per first secretary, team member, unit, township). */
export const TEMPLATE_ROLES = ["first_secretary", "team_member", "team", "unit", "township"] as const;
export type TemplateRole = (typeof TEMPLATE_ROLES)[number];
export const SUBJECT_KINDS = ["cadre", "team", "unit", "township"] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export const ASSESSMENT_STATUSES = ["draft", "village_signed", "township_signed", "county_signed"] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];
/**
 * Where an item's evidence comes from. The computed ones are a registry in
 * workers/assessments/evidence.ts: sources whose records do not exist yet (measures of letters,
 * inspection problems, exam scores) are listed there as not yet available and are scored by hand
 * until their module registers a computation. `manual`: scored by hand with a comment.
 */
export const EVIDENCE_SOURCES = [
  "resident_days",
  "visit_coverage",
  "diary_entries",
  "measures_done",
  "upheld_objections",
  "inspection_problems",
  "villager_rating",
  "test_score",
  "shell_village",
  "manual",
] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];
export const CONSEQUENCE_KINDS = [
  "commendation",
  "excellence",
  "reserve_nomination",
  "criticism",
  "recall",
  "term_extension",
] as const;
export type ConsequenceKind = (typeof CONSEQUENCE_KINDS)[number];

export const reviews = sqliteTable(
  "reviews",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: REVIEW_KINDS }).notNull(),
    year: integer("year").notNull(),
    villageId: integer("village_id")
      .notNull()
      .references(() => villages.id),
    townshipCode: text("township_code").notNull(),
    subjectName: text("subject_name").notNull(),
    subjectCadreId: integer("subject_cadre_id").references(() => cadres.id),
    audience: text("audience").notNull(),
    meetingDate: text("meeting_date").notNull(),
    opensAt: integer("opens_at").notNull(),
    closesAt: integer("closes_at").notNull(),
    writtenReport: text("written_report"),
    attendance: integer("attendance"),
    paperSatisfied: integer("paper_satisfied").notNull().default(0),
    paperFairlySatisfied: integer("paper_fairly_satisfied").notNull().default(0),
    paperDissatisfied: integer("paper_dissatisfied").notNull().default(0),
    status: text("status", { enum: REVIEW_STATUSES }).notNull().default("open"),
    publishedAt: integer("published_at"),
    createdBy: integer("created_by"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    index("reviews_village_idx").on(t.villageId, t.year),
    index("reviews_township_idx").on(t.townshipCode, t.year),
    index("reviews_cadre_idx").on(t.subjectCadreId, t.year),
  ],
);

export const reviewBallots = sqliteTable(
  "review_ballots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reviewId: integer("review_id")
      .notNull()
      .references(() => reviews.id),
    codeHash: text("code_hash").notNull(),
    /** The code, encrypted (v3, free context "review_ballots.code"), so a key rotation can re-hash it (0025). */
    codeEnc: text("code_enc"),
    rating: text("rating", { enum: RATINGS }),
    usedAt: integer("used_at"),
  },
  (t) => [
    uniqueIndex("review_ballots_code_uq").on(t.codeHash),
    index("review_ballots_review_idx").on(t.reviewId, t.usedAt),
  ],
);

export const assessmentTemplates = sqliteTable(
  "assessment_templates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    year: integer("year").notNull(),
    role: text("role", { enum: TEMPLATE_ROLES }).notNull(),
    name: text("name").notNull(),
    createdBy: integer("created_by"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [uniqueIndex("assessment_templates_year_role_uq").on(t.year, t.role)],
);

export const assessmentItems = sqliteTable(
  "assessment_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    templateId: integer("template_id")
      .notNull()
      .references(() => assessmentTemplates.id),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    source: text("source", { enum: EVIDENCE_SOURCES }).notNull(),
    weight: integer("weight").notNull(),
    target: integer("target"),
    vetoCap: text("veto_cap", { enum: VETO_CAPS }),
  },
  (t) => [uniqueIndex("assessment_items_position_uq").on(t.templateId, t.position)],
);

export const assessments = sqliteTable(
  "assessments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    year: integer("year").notNull(),
    subjectKind: text("subject_kind", { enum: SUBJECT_KINDS }).notNull(),
    cadreId: integer("cadre_id").references(() => cadres.id),
    villageId: integer("village_id").references(() => villages.id),
    unitId: integer("unit_id").references(() => units.id),
    townshipCode: text("township_code"),
    templateId: integer("template_id")
      .notNull()
      .references(() => assessmentTemplates.id),
    status: text("status", { enum: ASSESSMENT_STATUSES }).notNull().default("draft"),
    grade: text("grade", { enum: GRADES }),
    gradeNote: text("grade_note"),
    score: integer("score"),
    evidence: text("evidence"),
    villageSignedBy: integer("village_signed_by"),
    villageSignedAt: integer("village_signed_at"),
    villageSigner: text("village_signer"),
    townshipSignedBy: integer("township_signed_by"),
    townshipSignedAt: integer("township_signed_at"),
    countySignedBy: integer("county_signed_by"),
    countySignedAt: integer("county_signed_at"),
    createdBy: integer("created_by"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    index("assessments_cadre_idx").on(t.cadreId, t.year),
    index("assessments_township_idx").on(t.townshipCode, t.year),
  ],
);

export const assessmentScores = sqliteTable(
  "assessment_scores",
  {
    assessmentId: integer("assessment_id")
      .notNull()
      .references(() => assessments.id),
    itemId: integer("item_id")
      .notNull()
      .references(() => assessmentItems.id),
    points: integer("points"),
    triggered: integer("triggered", { mode: "boolean" }).notNull().default(false),
    comment: text("comment").notNull(),
    updatedBy: integer("updated_by"),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [primaryKey({ columns: [t.assessmentId, t.itemId] })],
);

export const assessmentConsequences = sqliteTable(
  "assessment_consequences",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    assessmentId: integer("assessment_id")
      .notNull()
      .references(() => assessments.id),
    kind: text("kind", { enum: CONSEQUENCE_KINDS }).notNull(),
    note: text("note").notNull(),
    assignmentId: integer("assignment_id").references(() => assignments.id),
    createdBy: integer("created_by"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [uniqueIndex("assessment_consequences_kind_uq").on(t.assessmentId, t.kind)],
);
