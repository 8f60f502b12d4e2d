import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { villages } from "./places.ts";
import { assignments, cadres } from "./people.ts";
import { programs } from "./money.ts";
import { assessments } from "./assessment.ts";

/** Why a village is on the year's 整顿 list (seed 002: 后进村 and 软弱涣散 party organisations). */
export const RECTIFICATION_CATEGORIES = ["lagging", "weak_party_org"] as const;
export type RectificationCategory = (typeof RECTIFICATION_CATEGORIES)[number];
/** listed → exit_requested (all measures done) → exited (confirmed by someone other than the requester). */
export const RECTIFICATION_STATUSES = ["listed", "exit_requested", "exited"] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
/** Who is sent to the village: 选派第一书记 or a 指导员 (seed 002). */
export const DISPATCH_ROLES = ["secretary", "instructor"] as const;
export type DispatchRole = (typeof DISPATCH_ROLES)[number];
export const RECTIFICATION_MEASURE_STATUSES = ["planned", "in_progress", "completed"] as const;
/** The ranking indicators the county may choose from. */
export const LAGGING_INDICATORS = ["income", "problems", "rating", "coverage"] as const;
export type LaggingIndicator = (typeof LAGGING_INDICATORS)[number];

/** 后进村整顿: one village on one year's confirmed list, with its plan, dispatched cadre and exit. */
export const villageRectifications = sqliteTable(
  "village_rectifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    year: integer("year").notNull(),
    villageId: integer("village_id")
      .notNull()
      .references(() => villages.id),
    townshipCode: text("township_code").notNull(),
    category: text("category", { enum: RECTIFICATION_CATEGORIES }).notNull(),
    /** Ranking score (0–100, higher is weaker) at confirmation, and its indicators in words. */
    score: integer("score"),
    reason: text("reason").notNull(),
    status: text("status", { enum: RECTIFICATION_STATUSES }).notNull().default("listed"),
    dispatchedCadreId: integer("dispatched_cadre_id").references(() => cadres.id),
    dispatchRole: text("dispatch_role", { enum: DISPATCH_ROLES }),
    dispatchDate: text("dispatch_date"),
    /** The assignment the dispatch created (migration 0023); null for dispatches recorded before it. */
    dispatchedAssignmentId: integer("dispatched_assignment_id").references(() => assignments.id),
    exitNote: text("exit_note"),
    exitRequestedBy: integer("exit_requested_by"),
    exitRequestedAt: integer("exit_requested_at"),
    exitConfirmedBy: integer("exit_confirmed_by"),
    exitConfirmedAt: integer("exit_confirmed_at"),
    createdBy: integer("created_by").notNull(),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    uniqueIndex("village_rectifications_year_uq").on(t.villageId, t.year),
    index("village_rectifications_township_idx").on(t.townshipCode, t.year),
    check(
      "village_rectifications_exit",
      sql`(${t.status} = 'exited') = (${t.exitConfirmedBy} IS NOT NULL) AND coalesce(${t.exitConfirmedBy} <> ${t.exitRequestedBy}, 1)`,
    ),
  ],
);

/** 整顿措施: one commitment of a rectification plan, with owner, due date, status and evidence. */
export const rectificationMeasures = sqliteTable(
  "rectification_measures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    rectificationId: integer("rectification_id")
      .notNull()
      .references(() => villageRectifications.id),
    title: text("title").notNull(),
    owner: text("owner").notNull(),
    dueDate: text("due_date").notNull(),
    status: text("status", { enum: RECTIFICATION_MEASURE_STATUSES }).notNull().default("planned"),
    evidence: text("evidence"),
    completedDate: text("completed_date"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    index("rectification_measures_rect_idx").on(t.rectificationId),
    check(
      "rectification_measures_completed",
      sql`(${t.status} = 'completed') = (${t.completedDate} IS NOT NULL AND ${t.evidence} IS NOT NULL)`,
    ),
  ],
);

/** 表彰 kinds (seed 002): 优秀村官 (3,000 元, then a monthly supplement), 农村党员致富先锋 (1,500 元), 优秀驻村干部. */
export const AWARD_KINDS = ["excellent_village_official", "prosperity_pioneer", "excellent_cadre"] as const;
export type AwardKind = (typeof AWARD_KINDS)[number];
/**
 * Whom an award honours, as (kind, id): cadres now; village officials and party members are the
 * records of other modules and slot in by registering a resolver in workers/awards/recipients.ts.
 */
export const AWARD_RECIPIENT_KINDS = ["cadre", "village_official", "party_member"] as const;
export type AwardRecipientKind = (typeof AWARD_RECIPIENT_KINDS)[number];

/** 表彰: one honour of one recipient in one year, paid through its award program's batches. */
export const awards = sqliteTable(
  "awards",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    year: integer("year").notNull(),
    kind: text("kind", { enum: AWARD_KINDS }).notNull(),
    recipientKind: text("recipient_kind", { enum: AWARD_RECIPIENT_KINDS }).notNull(),
    recipientId: integer("recipient_id").notNull(),
    /** Snapshot: names change, honours do not. */
    recipientName: text("recipient_name").notNull(),
    villageId: integer("village_id").references(() => villages.id),
    /** The award program (category `award`) whose batches pay the one-off sum. */
    programId: integer("program_id")
      .notNull()
      .references(() => programs.id),
    /** The signed 优秀 assessment it follows from, when it does. */
    assessmentId: integer("assessment_id").references(() => assessments.id),
    citation: text("citation").notNull(),
    createdBy: integer("created_by").notNull(),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    // Awarding twice in one year is refused by the database too (a race is a 409, never two sums).
    uniqueIndex("awards_once_uq").on(t.kind, t.year, t.recipientKind, t.recipientId),
    index("awards_recipient_idx").on(t.recipientKind, t.recipientId, t.year),
    index("awards_program_idx").on(t.programId, t.year),
  ],
);
