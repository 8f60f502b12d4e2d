import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { villages } from "./places.ts";

export const PROGRAM_CATEGORIES = [
  "resident_allowance",
  "village_cadre_pay",
  "performance_subsidy",
  "award",
  "industry_support",
  "party_care_fund",
  "project_funds",
  "other",
] as const;
export const FUND_SOURCES = ["central", "provincial", "city", "county", "unit", "donation", "party_dues"] as const;
/**
 * `party_member`: a household member recorded as 党员 (workers/party-members; seed 004 care fund).
 * `village_official`: 村两委成员 and 组干部 (workers/village-cadres), paid by post from the rule.
 */
export const RECIPIENT_KINDS = [
  "household",
  "cadre",
  "village",
  "project",
  "party_member",
  "village_official",
] as const;
/** `per_year_served`: 离任补助, the amount per full year served (seed 002), years from the roster's term. */
export const RULE_KINDS = [
  "fixed_per_recipient",
  "per_month",
  "per_resident_day",
  "per_line",
  "per_year_served",
] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** 资金项目: what money is for, where it comes from, who receives it and how much. */
export const programs = sqliteTable(
  "programs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    category: text("category", { enum: PROGRAM_CATEGORIES }).notNull(),
    fundSource: text("fund_source", { enum: FUND_SOURCES }).notNull(),
    recipientKind: text("recipient_kind", { enum: RECIPIENT_KINDS }).notNull(),
    ruleKind: text("rule_kind", { enum: RULE_KINDS }).notNull(),
    /** Fen per recipient / per month / per resident day; null when entered per line. */
    ruleAmountFen: integer("rule_amount_fen"),
    /** Extra percent for honoured recipients (seed 002: +20 % for provincially honoured cadres). */
    honourUpliftPct: integer("honour_uplift_pct").notNull().default(0),
    noticeDays: integer("notice_days").notNull().default(7),
    allowRepeat: integer("allow_repeat", { mode: "boolean" }).notNull().default(false),
    seedRef: text("seed_ref"),
    notes: text("notes"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    uniqueIndex("programs_name_uq").on(t.name),
    check(
      "programs_rule",
      sql`(${t.ruleKind} = 'per_line') = (${t.ruleAmountFen} IS NULL) AND coalesce(${t.ruleAmountFen}, 0) >= 0`,
    ),
    check("programs_notice_days", sql`${t.noticeDays} BETWEEN 1 AND 60`),
    check("programs_uplift", sql`${t.honourUpliftPct} BETWEEN 0 AND 100`),
  ],
);

/**
 * 预算 per program and year. `committed_fen` = approved + paid − failed − reversed; the CHECK is
 * the last line of defence, the guarded UPDATE in approval gives the readable 409.
 */
export const budgets = sqliteTable(
  "budgets",
  {
    programId: integer("program_id")
      .notNull()
      .references(() => programs.id),
    year: integer("year").notNull(),
    budgetFen: integer("budget_fen").notNull(),
    committedFen: integer("committed_fen").notNull().default(0),
    paidFen: integer("paid_fen").notNull().default(0),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    primaryKey({ columns: [t.programId, t.year] }),
    check(
      "budgets_within",
      sql`${t.committedFen} >= 0 AND ${t.committedFen} <= ${t.budgetFen} AND ${t.paidFen} >= 0 AND ${t.paidFen} <= ${t.committedFen}`,
    ),
  ],
);

export const BATCH_STATUSES = ["draft", "noticed", "approved", "paid", "closed", "cancelled"] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/** 发放批次: a list of payments of one program and period, noticed publicly before approval. */
export const batches = sqliteTable(
  "batches",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    programId: integer("program_id")
      .notNull()
      .references(() => programs.id),
    /** Budget year the batch draws on. */
    year: integer("year").notNull(),
    /** "YYYY-MM" for monthly programs, "YYYY" for yearly or one-off. */
    period: text("period").notNull(),
    title: text("title").notNull(),
    status: text("status", { enum: BATCH_STATUSES }).notNull().default("draft"),
    totalFen: integer("total_fen").notNull().default(0),
    lineCount: integer("line_count").notNull().default(0),
    noticeId: integer("notice_id"),
    noticeStart: text("notice_start"),
    noticeEnd: text("notice_end"),
    /** Maker-checker: the approver is neither the creator nor the submitter; the payer may not be the approver. */
    submittedBy: integer("submitted_by"),
    approvedAt: integer("approved_at"),
    approvedBy: integer("approved_by"),
    paidDate: text("paid_date"),
    paymentRef: text("payment_ref"),
    paidBy: integer("paid_by"),
    closedAt: integer("closed_at"),
    createdBy: integer("created_by").notNull(),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [index("batches_program_idx").on(t.programId, t.year, t.status), index("batches_status_idx").on(t.status)],
);

export const LINE_STATUSES = ["pending", "paid", "failed"] as const;

/** 发放明细: one payment to one recipient. Once paid it is never changed (trigger), only reversed. */
export const batchLines = sqliteTable(
  "batch_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    batchId: integer("batch_id")
      .notNull()
      .references(() => batches.id),
    programId: integer("program_id").notNull(),
    period: text("period").notNull(),
    recipientKind: text("recipient_kind", { enum: RECIPIENT_KINDS }).notNull(),
    recipientId: integer("recipient_id").notNull(),
    /** Snapshots at the time the line was made: names change, payments must not. */
    recipientName: text("recipient_name").notNull(),
    villageId: integer("village_id").references(() => villages.id),
    amountFen: integer("amount_fen").notNull(),
    purpose: text("purpose").notNull(),
    /** Days or months the amount was computed from (for rule-generated lines). */
    quantity: integer("quantity"),
    honoured: integer("honoured", { mode: "boolean" }).notNull().default(false),
    /** Per-day lines: who confirmed the resident days the quantity came from, and when (snapshot). */
    daysConfirmedBy: text("days_confirmed_by"),
    daysConfirmedAt: integer("days_confirmed_at"),
    status: text("status", { enum: LINE_STATUSES }).notNull().default("pending"),
    paidDate: text("paid_date"),
    bankRef: text("bank_ref"),
    failReason: text("fail_reason"),
    /** A failed line paid again later points back to it. */
    repaysLineId: integer("repays_line_id"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    index("batch_lines_batch_idx").on(t.batchId, t.id),
    index("batch_lines_recipient_idx").on(t.recipientKind, t.recipientId),
    index("batch_lines_village_idx").on(t.villageId, t.status),
    check("batch_lines_amount", sql`${t.amountFen} > 0`),
  ],
);

/**
 * One recipient once per program and period: a line of a program that does not allow repeats
 * holds a claim; the UNIQUE key refuses a second. A failed, reversed or cancelled line gives its
 * claim back, so the recipient can be paid (again) in a later batch.
 */
export const paymentClaims = sqliteTable(
  "payment_claims",
  {
    programId: integer("program_id").notNull(),
    period: text("period").notNull(),
    recipientKind: text("recipient_kind").notNull(),
    recipientId: integer("recipient_id").notNull(),
    lineId: integer("line_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.programId, t.period, t.recipientKind, t.recipientId] }),
    index("payment_claims_line_idx").on(t.lineId),
  ],
);

/**
 * The months a claim covers: one for "2026-11", twelve for "2026". Kept by triggers on
 * `payment_claims` (migration 0007), so a monthly and a yearly line never pay the same month.
 */
export const paymentMonthClaims = sqliteTable(
  "payment_month_claims",
  {
    programId: integer("program_id").notNull(),
    recipientKind: text("recipient_kind").notNull(),
    recipientId: integer("recipient_id").notNull(),
    month: text("month").notNull(),
    lineId: integer("line_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.programId, t.recipientKind, t.recipientId, t.month] }),
    index("payment_month_claims_line_idx").on(t.lineId),
  ],
);

/** 冲正: the only way to undo a paid line, a new opposite entry with its reason. */
export const reversals = sqliteTable(
  "reversals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    lineId: integer("line_id")
      .notNull()
      .references(() => batchLines.id),
    amountFen: integer("amount_fen").notNull(),
    reason: text("reason").notNull(),
    createdBy: integer("created_by").notNull(),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [uniqueIndex("reversals_line_uq").on(t.lineId), check("reversals_amount", sql`${t.amountFen} > 0`)],
);

/** Creating requests may carry `Idempotency-Key`; a retry finds the first result here. */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    key: text("key").notNull(),
    userId: integer("user_id").notNull(),
    route: text("route").notNull(),
    requestHash: text("request_hash").notNull(),
    resultRef: text("result_ref").notNull(),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
