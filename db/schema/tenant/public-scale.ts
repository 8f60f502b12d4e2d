import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Tables kept by triggers (db/migrations/tenant/0011_public_scale.sql) so public pages and the
 * growing lists stay cheap as a county grows. Nothing writes them directly: the triggers are their only writers.
 */

/** One row (id 1): bumped by every write that changes anything a public page shows. */
export const publicVersion = sqliteTable("public_version", {
  id: integer("id").primaryKey(),
  n: integer("n").notNull().default(0),
  ledgerSeq: integer("ledger_seq").notNull().default(0),
});

/** The villages a notice concerns (from notices.village_ids), indexed by village. */
export const noticeVillages = sqliteTable(
  "notice_villages",
  {
    noticeId: integer("notice_id").notNull(),
    villageId: integer("village_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.villageId, t.noticeId] })],
);

/** Paid money per year, village (0: none) and program; `lines`/`fen` leave reversed lines out. */
export const paidTotals = sqliteTable(
  "paid_totals",
  {
    year: text("year").notNull(),
    villageId: integer("village_id").notNull(),
    programId: integer("program_id").notNull(),
    lines: integer("lines").notNull().default(0),
    fen: integer("fen").notNull().default(0),
    allLines: integer("all_lines").notNull().default(0),
    paidFen: integer("paid_fen").notNull().default(0),
    reversedFen: integer("reversed_fen").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.year, t.villageId, t.programId] })],
);

/** Households per village and status (for the household list's total). */
export const householdCounts = sqliteTable(
  "household_counts",
  {
    villageId: integer("village_id").notNull(),
    status: text("status").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.villageId, t.status] })],
);

/** Each recipient's net paid lines per village, year and program (a recipient counts while n > 0). */
export const paidRecipients = sqliteTable(
  "paid_recipients",
  {
    villageId: integer("village_id").notNull(),
    year: text("year").notNull(),
    programId: integer("program_id").notNull(),
    recipientKind: text("recipient_kind").notNull(),
    recipientId: integer("recipient_id").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.villageId, t.year, t.programId, t.recipientKind, t.recipientId] })],
);

/** Counts the public home shows (key households_helped). */
export const publicFigures = sqliteTable("public_figures", {
  key: text("key").primaryKey(),
  n: integer("n").notNull().default(0),
});
