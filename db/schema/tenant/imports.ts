import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * A CSV upload staged between preview and commit, so the admin UI can show the row errors and
 * commit exactly the file that was previewed. Committing is all-or-nothing (one D1 batch).
 */
export const csvImports = sqliteTable(
  "csv_imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    entity: text("entity").notNull(),
    fileName: text("file_name"),
    encoding: text("encoding").notNull(),
    content: text("content").notNull(),
    rowCount: integer("row_count").notNull(),
    errorCount: integer("error_count").notNull(),
    /** JSON array of { row, column, message } */
    errors: text("errors").notNull(),
    status: text("status", { enum: ["previewed", "committed", "discarded"] }).notNull().default("previewed"),
    createdBy: integer("created_by").notNull(),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    committedAt: integer("committed_at"),
  },
  (t) => [index("csv_imports_created_idx").on(t.createdBy, t.id)],
);
