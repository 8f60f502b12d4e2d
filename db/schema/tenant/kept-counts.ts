import { integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Counts kept by triggers (db/migrations/tenant/0022_kept_counts.sql) so the inboxes and the
 * tenant home do not count tables that grow with the county. The triggers are their only writers.
 */

/** Objections ('objections') and feedback ('feedback') per status. */
export const inboxCounts = sqliteTable(
  "inbox_counts",
  {
    inbox: text("inbox", { enum: ["objections", "feedback"] }).notNull(),
    status: text("status").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.inbox, t.status] })],
);

/** Active assignments per village ('village') and per cadre ('cadre'); feeds public_figures. */
export const assignmentPresence = sqliteTable(
  "assignment_presence",
  {
    kind: text("kind", { enum: ["village", "cadre"] }).notNull(),
    id: integer("id").notNull(),
    n: integer("n").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.kind, t.id] })],
);
