import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { householdMembers, households } from "./households.ts";
import { villages } from "./places.ts";
import { cadres } from "./people.ts";

/**
 * Pool kinds (seeds 001, 002): 村党组织书记后备 (1–2 per village, seed 001: 476 in the pool),
 * 后备干部 (cadres from 年度考核优秀 or 墩苗, seed 000: 58), and seed 002's three village pools
 * 优秀村民库, 入党积极分子库, 重点培养对象库.
 */
export const RESERVE_POOL_KINDS = [
  "secretary_reserve",
  "cadre_reserve",
  "outstanding_villager",
  "party_activist",
  "key_candidate",
] as const;
export type ReservePoolKind = (typeof RESERVE_POOL_KINDS)[number];
/** Where a nomination comes from: 年度考核优秀, 墩苗历练, 村两委换届, 推优 (seed 002: 推优制). */
export const RESERVE_SOURCES = ["assessment_excellent", "dunmiao", "village_election", "recommendation"] as const;
/**
 * nominated → noticed (公示中) → training (培养中) → used (使用) | exited (退出);
 * an upheld objection ends the notice as withdrawn (公示未通过).
 */
export const RESERVE_STATUSES = ["nominated", "noticed", "training", "used", "exited", "withdrawn"] as const;
export type ReserveStatus = (typeof RESERVE_STATUSES)[number];
/** How a reserve was used (seed 000: 29 提拔使用 or 交流重用; seed 002: 村干部 → 乡镇). */
export const RESERVE_OUTCOMES = [
  "promoted",
  "reused",
  "village_secretary",
  "village_committee",
  "joined_party",
] as const;

/** 后备干部库 and the village pools: one nomination of one person into one pool. */
export const reserveNominations = sqliteTable(
  "reserve_nominations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    poolKind: text("pool_kind", { enum: RESERVE_POOL_KINDS }).notNull(),
    source: text("source", { enum: RESERVE_SOURCES }).notNull(),
    /** Name as nominated (a cadre's or a villager's). */
    name: text("name").notNull(),
    /** The cadre (后备干部) or the household member (village pools); a villager may also be named only. */
    cadreId: integer("cadre_id").references(() => cadres.id),
    householdMemberId: integer("household_member_id").references(() => householdMembers.id),
    /** The village a village pool belongs to (scope); for cadres the village they served in, if any. */
    villageId: integer("village_id").references(() => villages.id),
    birthYear: integer("birth_year"),
    reason: text("reason").notNull(),
    /** The 年度考核 whose 优秀 grade led here (one nomination per assessment). */
    assessmentId: integer("assessment_id"),
    status: text("status", { enum: RESERVE_STATUSES }).notNull().default("nominated"),
    noticeId: integer("notice_id"),
    outcome: text("outcome", { enum: RESERVE_OUTCOMES }),
    outcomeDate: text("outcome_date"),
    outcomeNote: text("outcome_note"),
    createdBy: integer("created_by").notNull(),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    index("reserve_nominations_village_idx").on(t.villageId, t.poolKind, t.status),
    index("reserve_nominations_status_idx").on(t.status, t.poolKind),
    uniqueIndex("reserve_nominations_assessment_uq").on(t.assessmentId),
    check("reserve_nominations_cadre", sql`(${t.poolKind} = 'cadre_reserve') = (${t.cadreId} IS NOT NULL)`),
    check("reserve_nominations_village", sql`${t.poolKind} = 'cadre_reserve' OR ${t.villageId} IS NOT NULL`),
  ],
);

/**
 * 党员: a household's head (household_member_id NULL) or one of its members who is a party member
 * (seed 004). `poor` marks 贫困党员 (the care fund's recipients); `pioneer_year` the year the person
 * was named 农村党员致富先锋 (seed 002; the award itself is paid through a program).
 */
export const partyMembers = sqliteTable(
  "party_members",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    householdMemberId: integer("household_member_id").references(() => householdMembers.id),
    /** Snapshot of the registry name, kept with the record (payments snapshot it again). */
    name: text("name").notNull(),
    villageId: integer("village_id")
      .notNull()
      .references(() => villages.id),
    joinedOn: text("joined_on"),
    poor: integer("poor", { mode: "boolean" }).notNull().default(false),
    pioneerYear: integer("pioneer_year"),
    pioneerNote: text("pioneer_note"),
    note: text("note"),
    createdBy: integer("created_by").notNull(),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    index("party_members_village_idx").on(t.villageId, t.poor),
    index("party_members_household_idx").on(t.householdId),
  ],
);
