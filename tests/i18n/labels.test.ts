import { describe, expect, it } from "vitest";
import { getTableColumns, getTableName, is } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import * as schema from "../../db/schema/tenant/index.ts";
import * as zh from "../../web/i18n/zh-CN.ts";

/**
 * Every closed list (enum) of the tenant schema has its zh-CN labels in web/i18n/zh-CN.ts, keyed by
 * the English key, in the tuple's order (pages list select options in dictionary order).
 * A new tuple or an inline column enum without a dictionary fails here, naming what is missing.
 */
const TUPLE_LABELS: Record<string, Record<string, string>> = {
  ROLES: zh.ROLE_LABELS,
  VILLAGE_TAGS: zh.VILLAGE_TAG_LABELS,
  HOUSEHOLD_STATUSES: zh.HOUSEHOLD_STATUS_LABELS,
  MONITOR_KINDS: zh.MONITOR_KIND_LABELS,
  HOUSEHOLD_TYPES: zh.HOUSEHOLD_TYPE_LABELS,
  POVERTY_CAUSES: zh.POVERTY_CAUSE_LABELS,
  UNIT_KINDS: zh.UNIT_KIND_LABELS,
  UNIT_LEVELS: zh.UNIT_LEVEL_LABELS,
  CADRE_RANKS: zh.CADRE_RANK_LABELS,
  ASSIGNMENT_ROLES: zh.ASSIGNMENT_ROLE_LABELS,
  ASSIGNMENT_STATUSES: zh.ASSIGNMENT_STATUS_LABELS,
  ATTENDANCE_STATUSES: zh.ATTENDANCE_STATUS_LABELS,
  CHECK_IN_SLOTS: zh.CHECK_IN_SLOT_LABELS,
  CHECK_IN_FLAGS: zh.CHECK_IN_FLAG_LABELS,
  NO_LOCATION_REASONS: zh.NO_LOCATION_REASON_LABELS,
  LEAVE_KINDS: zh.LEAVE_KIND_LABELS,
  LEAVE_STATUSES: zh.LEAVE_STATUS_LABELS,
  TRAINING_AUDIENCES: zh.TRAINING_AUDIENCE_LABELS,
  SESSION_FORMATS: zh.SESSION_FORMAT_LABELS,
  TAKER_KINDS: zh.TAKER_KIND_LABELS,
  ATTEMPT_STATUSES: zh.ATTEMPT_STATUS_LABELS,
  EXAM_STATUSES: zh.EXAM_STATUS_LABELS,
  END_REASONS: zh.END_REASON_LABELS,
  PAIRING_KINDS: zh.PAIRING_KIND_LABELS,
  VISIT_OCCASIONS: zh.VISIT_OCCASION_LABELS,
  HELP_KINDS: zh.HELP_KIND_LABELS,
  PROGRAM_CATEGORIES: zh.PROGRAM_CATEGORY_LABELS,
  FUND_SOURCES: zh.FUND_SOURCE_LABELS,
  RECIPIENT_KINDS: zh.RECIPIENT_KIND_LABELS,
  RULE_KINDS: zh.RULE_KIND_LABELS,
  BATCH_STATUSES: zh.BATCH_STATUS_LABELS,
  LINE_STATUSES: zh.LINE_STATUS_LABELS,
  NOTICE_KINDS: zh.NOTICE_KIND_LABELS,
  DECISION_KINDS: zh.DECISION_KIND_LABELS,
  DECISION_STATUSES: zh.DECISION_STATUS_LABELS,
  PROJECT_STATUSES: zh.PROJECT_STATUS_LABELS,
  DECISION_STAGES: zh.DECISION_STAGE_LABELS,
  FEEDBACK_CATEGORIES: zh.FEEDBACK_CATEGORY_LABELS,
  SIX_GOALS: zh.SIX_GOAL_LABELS,
  MEASURE_STATUSES: zh.MEASURE_STATUS_LABELS,
  INSPECTION_KINDS: zh.INSPECTION_KIND_LABELS,
  TARGET_KINDS: zh.TARGET_KIND_LABELS,
  PROBLEM_STATUSES: zh.PROBLEM_STATUS_LABELS,
  ESCALATION_STEPS: zh.ESCALATION_STEP_LABELS,
  ACCOUNTABILITY_OUTCOMES: zh.ACCOUNTABILITY_OUTCOME_LABELS,
  REVIEW_KINDS: zh.REVIEW_KIND_LABELS,
  REVIEW_STATUSES: zh.REVIEW_STATUS_LABELS,
  RATINGS: zh.RATING_LABELS,
  GRADES: zh.GRADE_LABELS,
  VETO_CAPS: zh.VETO_CAP_LABELS,
  TEMPLATE_ROLES: zh.TEMPLATE_ROLE_LABELS,
  SUBJECT_KINDS: zh.SUBJECT_KIND_LABELS,
  ASSESSMENT_STATUSES: zh.ASSESSMENT_STATUS_LABELS,
  EVIDENCE_SOURCES: zh.EVIDENCE_SOURCE_LABELS,
  CONSEQUENCE_KINDS: zh.CONSEQUENCE_KIND_LABELS,
  RESERVE_POOL_KINDS: zh.RESERVE_POOL_KIND_LABELS,
  RESERVE_SOURCES: zh.RESERVE_SOURCE_LABELS,
  RESERVE_STATUSES: zh.RESERVE_STATUS_LABELS,
  RESERVE_OUTCOMES: zh.RESERVE_OUTCOME_LABELS,
  PII_ROTATION_STATUSES: zh.PII_ROTATION_STATUS_LABELS,
  RECTIFICATION_CATEGORIES: zh.RECTIFICATION_CATEGORY_LABELS,
  RECTIFICATION_STATUSES: zh.RECTIFICATION_STATUS_LABELS,
  DISPATCH_ROLES: zh.DISPATCH_ROLE_LABELS,
  RECTIFICATION_MEASURE_STATUSES: zh.RECTIFICATION_MEASURE_STATUS_LABELS,
  LAGGING_INDICATORS: zh.LAGGING_INDICATOR_LABELS,
  AWARD_KINDS: zh.AWARD_KIND_LABELS,
  AWARD_RECIPIENT_KINDS: zh.AWARD_RECIPIENT_KIND_LABELS,
  VILLAGE_OFFICIAL_POSTS: zh.VILLAGE_OFFICIAL_POST_LABELS,
  VILLAGE_OFFICIAL_SOURCES: zh.VILLAGE_OFFICIAL_SOURCE_LABELS,
  VILLAGE_OFFICIAL_STATUSES: zh.VILLAGE_OFFICIAL_STATUS_LABELS,
  HONOUR_LEVELS: zh.HONOUR_LEVEL_LABELS,
};

/** Column enums written inline in a table (not an exported tuple), by `table.column`. */
const COLUMN_LABELS: Record<string, Record<string, string>> = {
  "users.status": zh.USER_STATUS_LABELS,
  "csv_imports.status": zh.IMPORT_STATUS_LABELS,
  "notices.status": zh.NOTICE_STATUS_LABELS,
  "objections.status": zh.OBJECTION_STATUS_LABELS,
  "pairings.status": zh.PAIRING_STATUS_LABELS,
  "feedback.status": zh.FEEDBACK_STATUS_LABELS,
  "village_officials.sex": zh.SEX_LABELS,
  "inbox_counts.inbox": zh.INBOX_LABELS,
  "assignment_presence.kind": zh.PRESENCE_KIND_LABELS,
};

const isStringTuple = (v: unknown): v is readonly string[] =>
  Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string");
const HAN = /\p{Script=Han}/u;

/** Values of `keys` that have no Chinese label in `dict`. */
const unlabelled = (keys: readonly string[], dict: Record<string, string> | undefined) =>
  keys.filter((k) => !dict || typeof dict[k] !== "string" || !HAN.test(dict[k]!) || dict[k] === k);

const exports: [string, unknown][] = Object.entries(schema);
const tuples = exports.filter((e): e is [string, readonly string[]] => isStringTuple(e[1]));
const tables = exports.map(([, v]) => v).filter((v): v is SQLiteTable => is(v, SQLiteTable));

describe("zh-CN dictionary covers every enum of the tenant schema", () => {
  it("finds the schema's enum tuples and tables (the walk itself works)", () => {
    expect(tuples.map(([name]) => name)).toEqual(expect.arrayContaining(["HOUSEHOLD_STATUSES", "PAIRING_KINDS"]));
    expect(tables.length).toBeGreaterThan(10);
  });

  it("has a dictionary for every exported enum tuple", () => {
    expect(tuples.map(([name]) => name).filter((name) => !TUPLE_LABELS[name])).toEqual([]);
  });

  it.each(tuples)("labels every value of %s, in the tuple's order", (name, values) => {
    expect(unlabelled(values, TUPLE_LABELS[name])).toEqual([]);
    expect(Object.keys(TUPLE_LABELS[name] ?? {})).toEqual([...values]);
  });

  it("labels every value of every column enum, inline ones included", () => {
    const tupleArrays = new Set<unknown>(tuples.map(([, v]) => v));
    const missing: string[] = [];
    for (const table of tables) {
      for (const column of Object.values(getTableColumns(table))) {
        const values = (column as { enumValues?: readonly string[] }).enumValues;
        if (!values || values.length === 0 || tupleArrays.has(values)) continue;
        const key = `${getTableName(table)}.${column.name}`;
        for (const v of unlabelled(values, COLUMN_LABELS[key])) missing.push(`${key}: ${v}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
