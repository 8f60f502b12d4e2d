import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const VILLAGE_TAGS = [
  "poor",
  "deeply_poor",
  "weak_party_org",
  "lagging",
  "disputes",
  "lagging_economy",
  "no_collective_income",
  "model",
] as const;
export type VillageTag = (typeof VILLAGE_TAGS)[number];

const stamps = {
  createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
};

/** 区/县 inside a city tenant (a county tenant has none: it is one). 6-digit code. */
export const counties = sqliteTable(
  "counties",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    ...stamps,
  },
  (t) => [check("counties_code", sql`length(${t.code}) = 6 AND ${t.code} NOT GLOB '*[^0-9]*'`)],
);

/** 乡镇/街道, 9-digit code; in a city tenant it names its county. */
export const townships = sqliteTable(
  "townships",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    countyCode: text("county_code"),
    ...stamps,
  },
  (t) => [
    check("townships_code", sql`length(${t.code}) = 9 AND ${t.code} NOT GLOB '*[^0-9]*'`),
    index("townships_county_idx").on(t.countyCode),
  ],
);

/** 村/社区, 12-digit code: the unit of public disclosure. Tags are a JSON array of VillageTag. */
export const villages = sqliteTable(
  "villages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull().unique(),
    name: text("name").notNull(),
    townshipCode: text("township_code").notNull(),
    tags: text("tags", { mode: "json" }).$type<VillageTag[]>().notNull().default(sql`'[]'`),
    notes: text("notes"),
    /** Registered location (WGS-84 degrees, migration 0015); check-ins far from it are flagged. */
    latitude: real("latitude"),
    longitude: real("longitude"),
    ...stamps,
  },
  (t) => [
    check(
      "villages_code",
      sql`length(${t.code}) = 12 AND ${t.code} NOT GLOB '*[^0-9]*' AND substr(${t.code}, 1, 9) = ${t.townshipCode}`,
    ),
    index("villages_township_idx").on(t.townshipCode, t.name),
  ],
);

/** 村民小组 / 自然村: optional sub-unit of a village. */
export const villageGroups = sqliteTable(
  "village_groups",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    villageId: integer("village_id")
      .notNull()
      .references(() => villages.id),
    name: text("name").notNull(),
    ...stamps,
  },
  (t) => [uniqueIndex("village_groups_name_uq").on(t.villageId, t.name)],
);

/** Collective-economy income per village and year, integer fen. The bracket is computed, not stored. */
export const villageIncomes = sqliteTable(
  "village_incomes",
  {
    villageId: integer("village_id")
      .notNull()
      .references(() => villages.id),
    year: integer("year").notNull(),
    incomeFen: integer("income_fen").notNull(),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [primaryKey({ columns: [t.villageId, t.year] }), check("village_incomes_nonneg", sql`${t.incomeFen} >= 0`)],
);
