import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { villages } from "./places.ts";

export const UNIT_KINDS = [
  "party_government",
  "public_institution",
  "state_enterprise",
  "private_enterprise",
  "school",
  "hospital",
  "other",
] as const;
export const UNIT_LEVELS = ["province", "city", "county", "township", "village"] as const;

/** 派出单位 / 帮扶单位: departments, institutions and enterprises that send cadres or pair. */
export const units = sqliteTable(
  "units",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    kind: text("kind", { enum: UNIT_KINDS }).notNull(),
    level: text("level", { enum: UNIT_LEVELS }).notNull(),
    contact: text("contact"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [uniqueIndex("units_name_uq").on(t.name)],
);

/**
 * 职级, lowest first (the order matters: a rank is "at least" another by its index).
 * 科员及以下, 副科级, 正科级, 副处级, 正处级, 副厅级及以上.
 */
export const CADRE_RANKS = [
  "clerk",
  "deputy_section",
  "section",
  "deputy_division",
  "division",
  "deputy_bureau",
] as const;
export type CadreRank = (typeof CADRE_RANKS)[number];

/** 帮扶干部. Phone is personal data (encrypted, keyed hash for duplicate detection). */
export const cadres = sqliteTable(
  "cadres",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
    position: text("position"),
    /** 职级; null when not recorded (such a cadre cannot be made team leader). */
    rank: text("rank", { enum: CADRE_RANKS }),
    phoneEnc: text("phone_enc"),
    phoneHash: text("phone_hash"),
    phoneMasked: text("phone_masked"),
    /** Office phone, public on the village page (not personal data). */
    officePhone: text("office_phone"),
    partyMember: integer("party_member", { mode: "boolean" }).notNull().default(true),
    reservePool: integer("reserve_pool", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    // Duplicate detection: the same person cannot be entered twice for a unit.
    uniqueIndex("cadres_identity_uq").on(t.name, t.unitId, t.phoneHash),
    index("cadres_unit_idx").on(t.unitId),
  ],
);

export const ATTENDANCE_STATUSES = ["reported", "confirmed"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const ASSIGNMENT_ROLES = ["first_secretary", "team_leader", "team_member"] as const;
export const ASSIGNMENT_STATUSES = ["active", "completed", "recalled", "replaced"] as const;
export const END_REASONS = ["term_completed", "unfit", "long_absent", "wrong_unit", "other"] as const;

/** 驻村: a cadre resident in a village. One active first secretary per village (partial unique index). */
export const assignments = sqliteTable(
  "assignments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cadreId: integer("cadre_id")
      .notNull()
      .references(() => cadres.id),
    villageId: integer("village_id")
      .notNull()
      .references(() => villages.id),
    role: text("role", { enum: ASSIGNMENT_ROLES }).notNull(),
    startDate: text("start_date").notNull(),
    endDate: text("end_date"),
    status: text("status", { enum: ASSIGNMENT_STATUSES }).notNull().default("active"),
    endReason: text("end_reason", { enum: END_REASONS }),
    endNote: text("end_note"),
    replacedById: integer("replaced_by_id"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    uniqueIndex("assignments_one_first_secretary")
      .on(t.villageId)
      .where(sql`${t.role} = 'first_secretary' AND ${t.status} = 'active'`),
    uniqueIndex("assignments_one_active_per_cadre_village")
      .on(t.cadreId, t.villageId)
      .where(sql`${t.status} = 'active'`),
    index("assignments_village_idx").on(t.villageId, t.status),
    index("assignments_cadre_idx").on(t.cadreId, t.status),
    check("assignments_end", sql`(${t.status} = 'active') = (${t.endDate} IS NULL)`),
  ],
);

/** 驻村天数: resident days per assignment and month (feeds the 100 元/天 allowance). */
export const attendance = sqliteTable(
  "attendance",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    assignmentId: integer("assignment_id")
      .notNull()
      .references(() => assignments.id),
    month: text("month").notNull(),
    days: integer("days").notNull(),
    /** Reported days feed no amount until the township (own township) or the county confirms them. */
    status: text("status", { enum: ATTENDANCE_STATUSES }).notNull().default("reported"),
    reportedBy: integer("reported_by"),
    confirmedBy: integer("confirmed_by"),
    confirmedAt: integer("confirmed_at"),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    uniqueIndex("attendance_month_uq").on(t.assignmentId, t.month),
    check("attendance_days", sql`${t.days} BETWEEN 0 AND 31`),
    check("attendance_status", sql`${t.status} IN ('reported', 'confirmed')`),
  ],
);
