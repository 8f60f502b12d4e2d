import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { households, HOUSEHOLD_STATUSES, MONITOR_KINDS } from "./households.ts";

export const NOTICE_KINDS = [
  "batch",
  "household_identification",
  "household_exit",
  "household_monitoring",
  "reserve_nomination",
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/**
 * 公示: an immutable snapshot (masked) of what is to take effect, open for objections from
 * `start_date` to `end_date` inclusive (Asia/Shanghai). `content` and `content_hash` never change
 * (trigger); `status` moves open → closed, or open → withdrawn when an objection is upheld.
 */
export const notices = sqliteTable(
  "notices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: NOTICE_KINDS }).notNull(),
    subjectId: integer("subject_id").notNull(),
    title: text("title").notNull(),
    /** Villages the notice concerns (JSON array of ids), for the village pages. */
    villageIds: text("village_ids", { mode: "json" }).$type<number[]>().notNull().default(sql`'[]'`),
    startDate: text("start_date").notNull(),
    endDate: text("end_date").notNull(),
    status: text("status", { enum: ["open", "closed", "withdrawn"] })
      .notNull()
      .default("open"),
    /**
     * The canonical snapshot JSON, or "" when it is stored in `notice_chunks` (`chunk_count` > 0):
     * D1 caps a row at 2,000,000 bytes. Read it only through `readNoticeContent`
     * (workers/notices/content.ts); `content_hash` is always the SHA-256 of the whole snapshot.
     */
    content: text("content").notNull(),
    contentHash: text("content_hash").notNull(),
    /** Pieces in `notice_chunks`; 0 = the snapshot is in `content`. */
    chunkCount: integer("chunk_count").notNull().default(0),
    /** Lines in the snapshot (null on rows published before it existed: count `content`). */
    lineCount: integer("line_count"),
    ledgerSeq: integer("ledger_seq"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [index("notices_subject_idx").on(t.kind, t.subjectId), index("notices_status_idx").on(t.status, t.endDate)],
);

/**
 * A large notice's snapshot in consecutive pieces (chunk_no 0, 1, …; each at most
 * NOTICE_CHUNK_BYTES UTF-8 bytes, split on character boundaries) whose concatenation is the
 * canonical JSON `notices.content_hash` covers. Inserted in the notice's own batch; never
 * changed or deleted, and no piece beyond `notices.chunk_count` can be added (triggers).
 */
export const noticeChunks = sqliteTable(
  "notice_chunks",
  {
    noticeId: integer("notice_id")
      .notNull()
      .references(() => notices.id),
    chunkNo: integer("chunk_no").notNull(),
    text: text("text").notNull(),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.chunkNo] })],
);

/** 异议: anyone's challenge to a notice or one of its lines, answered publicly. */
export const objections = sqliteTable(
  "objections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    noticeId: integer("notice_id")
      .notNull()
      .references(() => notices.id),
    /** Line number in the notice snapshot (1-based), or null for the notice as a whole. */
    lineNo: integer("line_no"),
    trackingCode: text("tracking_code").notNull(),
    name: text("name"),
    /** Contact is personal data: encrypted, never shown publicly. */
    contactEnc: text("contact_enc"),
    text: text("text").notNull(),
    /** The version shown publicly, edited and published by an officer; the original stays private. */
    publicText: text("public_text"),
    status: text("status", { enum: ["open", "upheld", "rejected"] })
      .notNull()
      .default("open"),
    reply: text("reply"),
    answeredBy: integer("answered_by"),
    answeredAt: integer("answered_at"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    uniqueIndex("objections_tracking_uq").on(t.trackingCode),
    index("objections_notice_idx").on(t.noticeId, t.status),
  ],
);

export const DECISION_KINDS = ["identification", "exit", "monitoring"] as const;
export const DECISION_STATUSES = ["proposed", "noticed", "effective", "rejected"] as const;

/** A household decision the seeds require to be shown first (建档立卡, 脱贫退出, 防返贫监测). */
export const householdDecisions = sqliteTable(
  "household_decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    kind: text("kind", { enum: DECISION_KINDS }).notNull(),
    toStatus: text("to_status", { enum: HOUSEHOLD_STATUSES }).notNull(),
    toMonitorKind: text("to_monitor_kind", { enum: MONITOR_KINDS }),
    reason: text("reason").notNull(),
    /** `proposed`: registered by a new registration or an import, not yet shown publicly (no notice). */
    status: text("status", { enum: DECISION_STATUSES }).notNull().default("noticed"),
    noticeId: integer("notice_id"),
    decidedAt: integer("decided_at"),
    createdBy: integer("created_by").notNull(),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    index("household_decisions_household_idx").on(t.householdId),
    uniqueIndex("household_decisions_one_open").on(t.householdId).where(sql`${t.status} = 'noticed'`),
  ],
);

/**
 * The publication ledger: every notice, answer and correction, as a per-tenant hash chain that
 * anyone can verify offline (db/scripts/verify-ledger.mjs). Append-only (trigger).
 */
export const ledgerEntries = sqliteTable(
  "ledger_entries",
  {
    seq: integer("seq").primaryKey(),
    at: integer("at").notNull(),
    kind: text("kind").notNull(),
    ref: text("ref").notNull(),
    villageIds: text("village_ids", { mode: "json" }).$type<number[]>().notNull().default(sql`'[]'`),
    /** Canonical JSON of what was published (masked: it is public). */
    content: text("content").notNull(),
    contentHash: text("content_hash").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("ledger_kind_idx").on(t.kind, t.ref), index("ledger_kind_at_idx").on(t.kind, t.at)],
);

/** Anonymous public submissions (objections, feedback, self-queries), for per-client rate limits. */
export const publicSubmissions = sqliteTable(
  "public_submissions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind").notNull(),
    clientHash: text("client_hash").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [
    index("public_submissions_idx").on(t.kind, t.clientHash, t.at),
    check("public_submissions_kind", sql`length(${t.kind}) > 0`),
  ],
);
