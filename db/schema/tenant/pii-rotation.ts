import { sql } from "drizzle-orm";
import { check, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** running: pages left; done: every personal value is under the target key; superseded: a newer key took over. */
export const PII_ROTATION_STATUSES = ["running", "done", "superseded"] as const;
export type PiiRotationStatus = (typeof PII_ROTATION_STATUSES)[number];

/** 密钥轮换: progress of re-encrypting a tenant's personal data under one master key (migration 0021). */
export const piiRotations = sqliteTable(
  "pii_rotations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Id of the master key values are rewritten under (workers/lib/pii-crypto.ts `masterKeyId`). */
    targetKid: text("target_kid").notNull(),
    status: text("status", { enum: PII_ROTATION_STATUSES }).notNull().default("running"),
    /** Index of the table being rewritten (workers/pii-rotation/columns.ts). */
    step: integer("step").notNull().default(0),
    /** Last row id of that table already rewritten. */
    cursor: integer("cursor").notNull().default(0),
    rewritten: integer("rewritten").notNull().default(0),
    /** Values no key of the ring could decrypt (left as they are, logged by record). */
    unreadable: integer("unreadable").notNull().default(0),
    startedAt: integer("started_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    finishedAt: integer("finished_at"),
  },
  (t) => [
    uniqueIndex("pii_rotations_target_uq").on(t.targetKid),
    check("pii_rotations_status", sql`${t.status} IN ('running', 'done', 'superseded')`),
    check(
      "pii_rotations_progress",
      sql`${t.step} >= 0 AND ${t.cursor} >= 0 AND ${t.rewritten} >= 0 AND ${t.unreadable} >= 0`,
    ),
  ],
);

export type PiiRotationRow = typeof piiRotations.$inferSelect;
