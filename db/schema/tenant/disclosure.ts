import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { villages } from "./places.ts";
import { FUND_SOURCES } from "./money.ts";

export const PROJECT_STATUSES = ["planned", "in_progress", "completed"] as const;

/** A village project (道路硬化, 产业基地 …) and its funds, shown on the village page. */
export const projects = sqliteTable(
  "projects",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    villageId: integer("village_id")
      .notNull()
      .references(() => villages.id),
    name: text("name").notNull(),
    description: text("description"),
    fundSource: text("fund_source", { enum: FUND_SOURCES }).notNull(),
    budgetFen: integer("budget_fen").notNull(),
    spentFen: integer("spent_fen").notNull().default(0),
    status: text("status", { enum: PROJECT_STATUSES }).notNull().default("planned"),
    startDate: text("start_date"),
    endDate: text("end_date"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    index("projects_village_idx").on(t.villageId),
    check("projects_money", sql`${t.budgetFen} >= 0 AND ${t.spentFen} >= 0`),
  ],
);

/** 四议两公开 stages, in order (seed 003 adds 乡镇审查 after the villagers' resolution). */
export const DECISION_STAGES = [
  "proposed",
  "discussed",
  "reviewed",
  "resolved",
  "township_reviewed",
  "resolution_published",
  "result_published",
] as const;
export type DecisionStage = (typeof DECISION_STAGES)[number];

/** A village decision taken through 四议两公开. */
export const villageDecisions = sqliteTable(
  "village_decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    villageId: integer("village_id")
      .notNull()
      .references(() => villages.id),
    title: text("title").notNull(),
    description: text("description").notNull(),
    amountFen: integer("amount_fen"),
    projectId: integer("project_id").references(() => projects.id),
    requiresTownshipReview: integer("requires_township_review", { mode: "boolean" }).notNull().default(false),
    stage: text("stage", { enum: DECISION_STAGES }).notNull().default("proposed"),
    /** The meeting whose vote missed its majority: the item ended there (workers/village-decisions/rules.ts). */
    failedStage: text("failed_stage", { enum: DECISION_STAGES }),
    createdBy: integer("created_by").notNull(),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [index("village_decisions_village_idx").on(t.villageId, t.stage)],
);

/** One meeting or publication of a decision: date, attendance, votes, attachments' descriptions. */
export const decisionStages = sqliteTable(
  "decision_stages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    decisionId: integer("decision_id")
      .notNull()
      .references(() => villageDecisions.id),
    stage: text("stage", { enum: DECISION_STAGES }).notNull(),
    date: text("date").notNull(),
    attendees: integer("attendees"),
    eligible: integer("eligible"),
    votesFor: integer("votes_for"),
    votesAgainst: integer("votes_against"),
    votesAbstain: integer("votes_abstain"),
    /** Public text: what was decided, the resolution, or the result. */
    summary: text("summary").notNull(),
    attachments: text("attachments", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    ledgerSeq: integer("ledger_seq"),
    recordedBy: integer("recorded_by").notNull(),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    uniqueIndex("decision_stages_uq").on(t.decisionId, t.stage),
    check(
      "decision_stages_votes",
      sql`coalesce(${t.votesFor}, 0) >= 0 AND coalesce(${t.votesAgainst}, 0) >= 0 AND coalesce(${t.votesAbstain}, 0) >= 0`,
    ),
  ],
);

export const FEEDBACK_CATEGORIES = ["suggestion", "complaint", "report", "inquiry"] as const;

/** 意见建议 / 举报 from villagers; answered publicly, contact kept encrypted. */
export const feedback = sqliteTable(
  "feedback",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    villageId: integer("village_id").references(() => villages.id),
    category: text("category", { enum: FEEDBACK_CATEGORIES }).notNull(),
    text: text("text").notNull(),
    /** The version shown publicly, edited and published by an officer; the original stays private. */
    publicText: text("public_text"),
    contactEnc: text("contact_enc"),
    trackingCode: text("tracking_code").notNull(),
    status: text("status", { enum: ["open", "answered"] })
      .notNull()
      .default("open"),
    reply: text("reply"),
    /** Whether the answer may be shown on the village page (a 举报 often may not). */
    replyPublic: integer("reply_public", { mode: "boolean" }).notNull().default(true),
    answeredBy: integer("answered_by"),
    answeredAt: integer("answered_at"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    uniqueIndex("feedback_tracking_uq").on(t.trackingCode),
    index("feedback_village_idx").on(t.villageId, t.status),
  ],
);
