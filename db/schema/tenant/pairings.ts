import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { villages } from "./places.ts";
import { households } from "./households.ts";
import { cadres, units } from "./people.ts";

export const PAIRING_KINDS = [
  "unit_village",
  "cadre_household",
  "village_village",
  "branch_branch",
  "enterprise_village",
  "leader_village",
] as const;
export type PairingKind = (typeof PAIRING_KINDS)[number];

/**
 * 结对帮扶: who helps whom. The helper is a unit, a cadre or a (strong) village; the helped side
 * is a village or a household. Which columns a kind uses is fixed by PAIRING_SIDES in
 * workers/pairings/rules.ts and by the CHECK below.
 */
export const pairings = sqliteTable(
  "pairings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: PAIRING_KINDS }).notNull(),
    helperUnitId: integer("helper_unit_id").references(() => units.id),
    helperCadreId: integer("helper_cadre_id").references(() => cadres.id),
    helperVillageId: integer("helper_village_id").references(() => villages.id),
    villageId: integer("village_id").references(() => villages.id),
    householdId: integer("household_id").references(() => households.id),
    startDate: text("start_date").notNull(),
    endDate: text("end_date"),
    status: text("status", { enum: ["active", "ended", "handed_over"] })
      .notNull()
      .default("active"),
    letterRef: text("letter_ref"),
    notes: text("notes"),
    endReason: text("end_reason"),
    handedOverToId: integer("handed_over_to_id"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    check(
      "pairings_sides",
      sql`CASE ${t.kind}
        WHEN 'unit_village' THEN ${t.helperUnitId} IS NOT NULL AND ${t.villageId} IS NOT NULL AND ${t.helperCadreId} IS NULL AND ${t.helperVillageId} IS NULL AND ${t.householdId} IS NULL
        WHEN 'branch_branch' THEN ${t.helperUnitId} IS NOT NULL AND ${t.villageId} IS NOT NULL AND ${t.helperCadreId} IS NULL AND ${t.helperVillageId} IS NULL AND ${t.householdId} IS NULL
        WHEN 'enterprise_village' THEN ${t.helperUnitId} IS NOT NULL AND ${t.villageId} IS NOT NULL AND ${t.helperCadreId} IS NULL AND ${t.helperVillageId} IS NULL AND ${t.householdId} IS NULL
        WHEN 'cadre_household' THEN ${t.helperCadreId} IS NOT NULL AND ${t.householdId} IS NOT NULL AND ${t.helperUnitId} IS NULL AND ${t.helperVillageId} IS NULL
        WHEN 'leader_village' THEN ${t.helperCadreId} IS NOT NULL AND ${t.villageId} IS NOT NULL AND ${t.helperUnitId} IS NULL AND ${t.helperVillageId} IS NULL AND ${t.householdId} IS NULL
        WHEN 'village_village' THEN ${t.helperVillageId} IS NOT NULL AND ${t.villageId} IS NOT NULL AND ${t.helperVillageId} <> ${t.villageId} AND ${t.helperUnitId} IS NULL AND ${t.helperCadreId} IS NULL AND ${t.householdId} IS NULL
        ELSE 0 END`,
    ),
    check("pairings_end", sql`(${t.status} = 'active') = (${t.endDate} IS NULL)`),
    // A household has one responsible cadre at a time.
    uniqueIndex("pairings_one_responsible_cadre")
      .on(t.householdId)
      .where(sql`${t.kind} = 'cadre_household' AND ${t.status} = 'active'`),
    index("pairings_village_idx").on(t.villageId, t.status),
    index("pairings_cadre_idx").on(t.helperCadreId, t.status),
    index("pairings_unit_idx").on(t.helperUnitId, t.status),
    index("pairings_household_idx").on(t.householdId, t.status),
    index("pairings_kind_idx").on(t.kind, t.status),
  ],
);

export const VISIT_OCCASIONS = [
  "festival",
  "busy_season",
  "hardship",
  "school_enrolment",
  "life_event",
  "dispute",
] as const;
export const HELP_KINDS = ["policy", "technology", "project", "funds", "sales", "livelihood"] as const;

/** 走访 / 帮扶日志: a cadre's visit to a paired household or village. */
export const visits = sqliteTable(
  "visits",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cadreId: integer("cadre_id")
      .notNull()
      .references(() => cadres.id),
    villageId: integer("village_id")
      .notNull()
      .references(() => villages.id),
    householdId: integer("household_id").references(() => households.id),
    visitDate: text("visit_date").notNull(),
    occasion: text("occasion", { enum: VISIT_OCCASIONS }).notNull(),
    help: text("help", { mode: "json" }).$type<(typeof HELP_KINDS)[number][]>().notNull().default(sql`'[]'`),
    notes: text("notes").notNull(),
    followUpDate: text("follow_up_date"),
    createdBy: integer("created_by"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    index("visits_cadre_idx").on(t.cadreId, t.visitDate),
    index("visits_household_idx").on(t.householdId, t.visitDate),
    index("visits_village_idx").on(t.villageId, t.visitDate),
  ],
);

/** Tenant-wide settings the seeds make configurable (minimum resident members, household cap, …). */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
});
