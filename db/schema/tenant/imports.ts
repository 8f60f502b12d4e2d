import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

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
    status: text("status", { enum: ["previewed", "committed", "discarded"] })
      .notNull()
      .default("previewed"),
    createdBy: integer("created_by").notNull(),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    committedAt: integer("committed_at"),
  },
  (t) => [index("csv_imports_created_idx").on(t.createdBy, t.id)],
);

/**
 * A staged file too large for one row (D1 caps a row at 2,000,000 bytes; the encrypted copy of
 * a 2 MB upload is about 2.7 MB): the sealed text in consecutive pieces, `csv_imports.content`
 * then being "". Deleted with the staged copy when the file is committed or discarded.
 */
export const csvImportChunks = sqliteTable(
  "csv_import_chunks",
  {
    importId: integer("import_id")
      .notNull()
      .references(() => csvImports.id),
    chunkNo: integer("chunk_no").notNull(),
    text: text("text").notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.chunkNo] })],
);
