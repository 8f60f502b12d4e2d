import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { villageGroups, villages } from "./places.ts";

/**
 * `registered` (待认定): a household entered in the registry whose poverty status has not been
 * decided yet. Every other status is reached only through a household decision shown publicly
 * first (workers/household-decisions/): registration and import only propose decisions.
 * The column is TEXT without a CHECK on its values, so adding a value needs no migration.
 */
export const HOUSEHOLD_STATUSES = ["poor", "exited", "monitored", "registered"] as const;
export const MONITOR_KINDS = ["unstable", "marginal", "sudden_hardship"] as const;
export const HOUSEHOLD_TYPES = ["general", "minimum_living", "extreme_hardship"] as const;
export const POVERTY_CAUSES = [
  "illness",
  "disability",
  "education",
  "disaster",
  "marriage",
  "lack_land",
  "lack_water",
  "lack_skills",
  "lack_labour",
  "lack_capital",
  "poor_transport",
  "lack_motivation",
  "other",
] as const;
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number];
export type MonitorKind = (typeof MONITOR_KINDS)[number];
export type PovertyCause = (typeof POVERTY_CAUSES)[number];

/**
 * 贫困户/农户. ID number and phone are personal data: stored only encrypted (AES-GCM, per-tenant
 * key) and as keyed hashes for lookup (`*_hash`), never in plain text.
 */
export const households = sqliteTable(
  "households",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    villageId: integer("village_id")
      .notNull()
      .references(() => villages.id),
    groupId: integer("group_id").references(() => villageGroups.id),
    headName: text("head_name").notNull(),
    idNumberEnc: text("id_number_enc").notNull(),
    idNumberHash: text("id_number_hash").notNull(),
    /** Keyed hash of head name + last six ID characters: the villager self-query looks this up. */
    selfQueryHash: text("self_query_hash").notNull(),
    /** Last four characters of the ID number, kept for masked display (5101**********1234). */
    idNumberLast4: text("id_number_last4").notNull(),
    idNumberFirst4: text("id_number_first4").notNull(),
    phoneEnc: text("phone_enc"),
    phoneHash: text("phone_hash"),
    phoneMasked: text("phone_masked"),
    memberCount: integer("member_count").notNull().default(1),
    type: text("type", { enum: HOUSEHOLD_TYPES }).notNull().default("general"),
    status: text("status", { enum: HOUSEHOLD_STATUSES }).notNull().default("poor"),
    monitorKind: text("monitor_kind", { enum: MONITOR_KINDS }),
    causes: text("causes", { mode: "json" }).$type<PovertyCause[]>().notNull().default(sql`'[]'`),
    yearIdentified: integer("year_identified"),
    exitYear: integer("exit_year"),
    notes: text("notes"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    uniqueIndex("households_id_number_uq").on(t.idNumberHash),
    index("households_village_idx").on(t.villageId, t.status),
    index("households_self_query_idx").on(t.selfQueryHash),
    index("households_status_idx").on(t.status),
    check("households_monitor_kind", sql`(${t.status} = 'monitored') = (${t.monitorKind} IS NOT NULL)`),
    check("households_members", sql`${t.memberCount} BETWEEN 1 AND 30`),
  ],
);

/** Members of a household besides the head (家庭成员). */
export const householdMembers = sqliteTable(
  "household_members",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    name: text("name").notNull(),
    relation: text("relation").notNull(),
    birthYear: integer("birth_year"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [index("household_members_household_idx").on(t.householdId)],
);

/** A status change is its own recorded event (from, to, date, reason, who), never an edit. */
export const householdStatusEvents = sqliteTable(
  "household_status_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    fromStatus: text("from_status", { enum: HOUSEHOLD_STATUSES }).notNull(),
    fromMonitorKind: text("from_monitor_kind", { enum: MONITOR_KINDS }),
    toStatus: text("to_status", { enum: HOUSEHOLD_STATUSES }).notNull(),
    toMonitorKind: text("to_monitor_kind", { enum: MONITOR_KINDS }),
    effectiveDate: text("effective_date").notNull(),
    reason: text("reason").notNull(),
    actorId: integer("actor_id"),
    actorName: text("actor_name").notNull(),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [index("household_status_events_household_idx").on(t.householdId, t.id)],
);
