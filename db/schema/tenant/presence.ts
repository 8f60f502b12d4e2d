import { sql } from "drizzle-orm";
import { check, index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { assignments } from "./people.ts";

/** 上午 / 下午签到: a resident cadre checks in twice a day (seed 001, as counties do with DingTalk). */
export const CHECK_IN_SLOTS = ["morning", "evening"] as const;
export type CheckInSlot = (typeof CHECK_IN_SLOTS)[number];
/** Why a check-in deserves a look; it is never refused for these. */
export const CHECK_IN_FLAGS = ["far", "no_location", "village_unlocated"] as const;
export type CheckInFlag = (typeof CHECK_IN_FLAGS)[number];
/** Why a phone gave no location (a cheap phone without JavaScript says "unsupported"). */
export const NO_LOCATION_REASONS = ["denied", "unavailable", "unsupported", "other"] as const;
export type NoLocationReason = (typeof NO_LOCATION_REASONS)[number];

/** 签到: evidence of presence; immutable (triggers in migration 0015). */
export const checkIns = sqliteTable(
  "check_ins",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    assignmentId: integer("assignment_id")
      .notNull()
      .references(() => assignments.id),
    /** China calendar date of `checkedAt`. */
    day: text("day").notNull(),
    slot: text("slot", { enum: CHECK_IN_SLOTS }).notNull(),
    checkedAt: integer("checked_at").notNull(),
    latitude: real("latitude"),
    longitude: real("longitude"),
    accuracyM: integer("accuracy_m"),
    /** Metres from the village's registered location; null without either location. */
    distanceM: integer("distance_m"),
    flag: text("flag", { enum: CHECK_IN_FLAGS }),
    noLocationReason: text("no_location_reason", { enum: NO_LOCATION_REASONS }),
    note: text("note"),
    createdBy: integer("created_by").notNull(),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    uniqueIndex("check_ins_slot_uq").on(t.assignmentId, t.day, t.slot),
    index("check_ins_day_idx").on(t.day),
    check("check_ins_slot", sql`${t.slot} IN ('morning', 'evening')`),
  ],
);

/** 事假, 病假, 公假 (training, meetings called by the county), 其他. */
export const LEAVE_KINDS = ["personal", "sick", "official", "other"] as const;
export type LeaveKind = (typeof LEAVE_KINDS)[number];
/** 待审批 → 已批准 / 未批准; the requester may withdraw a pending one; 销假 closes an approved one. */
export const LEAVE_STATUSES = ["pending", "approved", "rejected", "cancelled", "returned"] as const;
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];

/** 请假 / 销假 of a resident cadre, approved by the township (own township) or the county. */
export const leaves = sqliteTable(
  "leaves",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    assignmentId: integer("assignment_id")
      .notNull()
      .references(() => assignments.id),
    kind: text("kind", { enum: LEAVE_KINDS }).notNull(),
    startDate: text("start_date").notNull(),
    endDate: text("end_date").notNull(),
    reason: text("reason").notNull(),
    status: text("status", { enum: LEAVE_STATUSES }).notNull().default("pending"),
    requestedBy: integer("requested_by").notNull(),
    decidedBy: integer("decided_by"),
    decidedAt: integer("decided_at"),
    decisionNote: text("decision_note"),
    /** 销假: the day the cadre was back; the leave ends the day before. */
    returnedOn: text("returned_on"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    index("leaves_assignment_idx").on(t.assignmentId, t.startDate),
    index("leaves_status_idx").on(t.status, t.startDate),
  ],
);
