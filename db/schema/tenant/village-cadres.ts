import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { villages } from "./places.ts";
import { programs } from "./money.ts";

/** 村两委 posts: party branch (书记, 副书记), villagers' committee (主任, 副主任), 文书, 委员, 组干部. */
export const VILLAGE_OFFICIAL_POSTS = [
  "party_secretary",
  "committee_director",
  "deputy_secretary",
  "deputy_director",
  "clerk",
  "member",
  "group_leader",
] as const;
export type VillageOfficialPost = (typeof VILLAGE_OFFICIAL_POSTS)[number];

/** Where a village cadre came from (seeds 001, 002, 004). */
export const VILLAGE_OFFICIAL_SOURCES = [
  "college_graduate",
  "wealth_leader",
  "veteran",
  "returnee_entrepreneur",
  "township_dispatched",
  "other",
] as const;

/** 在任 / 正常离任 (离任补助 by years served) / 免职、罢免 (no 离任补助). */
export const VILLAGE_OFFICIAL_STATUSES = ["serving", "left", "removed"] as const;

/** Highest honour received; provincial or above lifts 基础补贴 by the program's uplift (seed 002: +20 %). */
export const HONOUR_LEVELS = ["none", "county", "city", "provincial", "national"] as const;

/**
 * 村两委成员 and 组干部 of a village. The ID number is personal data: encrypted bound to its row,
 * found through a keyed hash, shown masked (first 4 + last 4). Birth date and sex come from it.
 */
export const villageOfficials = sqliteTable(
  "village_officials",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    villageId: integer("village_id")
      .notNull()
      .references(() => villages.id),
    name: text("name").notNull(),
    idNumberEnc: text("id_number_enc").notNull(),
    idNumberHash: text("id_number_hash").notNull(),
    idNumberFirst4: text("id_number_first4").notNull(),
    idNumberLast4: text("id_number_last4").notNull(),
    birthDate: text("birth_date").notNull(),
    sex: text("sex", { enum: ["male", "female"] }).notNull(),
    post: text("post", { enum: VILLAGE_OFFICIAL_POSTS }).notNull(),
    /** 一肩挑: the party secretary is also the committee director. */
    concurrentDirector: integer("concurrent_director", { mode: "boolean" }).notNull().default(false),
    /** 专职书记: a full-time party secretary selected and paid as such (seed 001: 9 of them). */
    fullTimeSecretary: integer("full_time_secretary", { mode: "boolean" }).notNull().default(false),
    source: text("source", { enum: VILLAGE_OFFICIAL_SOURCES }).notNull(),
    partyMember: integer("party_member", { mode: "boolean" }).notNull().default(false),
    /** The 换届 (election year) the current post was won in; null when appointed between elections. */
    electionYear: integer("election_year"),
    termStart: text("term_start").notNull(),
    termEnd: text("term_end"),
    status: text("status", { enum: VILLAGE_OFFICIAL_STATUSES }).notNull().default("serving"),
    honourLevel: text("honour_level", { enum: HONOUR_LEVELS }).notNull().default("none"),
    honours: text("honours"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    index("village_officials_village_idx").on(t.villageId, t.status),
    uniqueIndex("village_officials_serving_person_uq").on(t.idNumberHash).where(sql`${t.status} = 'serving'`),
    uniqueIndex("village_officials_secretary_uq")
      .on(t.villageId)
      .where(sql`${t.status} = 'serving' AND ${t.post} = 'party_secretary'`),
    uniqueIndex("village_officials_director_uq")
      .on(t.villageId)
      .where(sql`${t.status} = 'serving' AND ${t.post} = 'committee_director'`),
    check(
      "village_officials_flags",
      sql`(${t.concurrentDirector} = 0 AND ${t.fullTimeSecretary} = 0) OR ${t.post} = 'party_secretary'`,
    ),
    check(
      "village_officials_term",
      sql`(${t.status} = 'serving') = (${t.termEnd} IS NULL) AND coalesce(${t.termEnd}, ${t.termStart}) >= ${t.termStart}`,
    ),
  ],
);

/**
 * 按岗位标准: a program's amount per post (seed 001: 3 万元/年 for village cadres, 0.9 万元 for
 * 组干部; seed 002: 560 / 540 元/月). A post without a rate is paid the program's own amount.
 */
export const villageOfficialPayRates = sqliteTable(
  "village_official_pay_rates",
  {
    programId: integer("program_id")
      .notNull()
      .references(() => programs.id),
    post: text("post", { enum: VILLAGE_OFFICIAL_POSTS }).notNull(),
    amountFen: integer("amount_fen").notNull(),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    primaryKey({ columns: [t.programId, t.post] }),
    check("village_official_pay_rates_amount", sql`${t.amountFen} > 0`),
  ],
);
