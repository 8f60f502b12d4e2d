import type { ServiceContext } from "../domain/service-context.ts";
import type { Permission } from "../domain/permissions.ts";
import type { CsvColumn } from "../lib/csv.ts";
import type { BatchItem } from "drizzle-orm/batch";

export interface RowError {
  /** Excel row number (header = 1). */
  row: number;
  /** Column header as in the template (zh-CN). */
  column: string;
  message: string;
}

export type RowResult<V> = { ok: true; value: V } | { ok: false; errors: { column: string; message: string }[] };

/**
 * One importable entity (villages, households, …). `prepare` loads what validation needs to look
 * up (existing codes, names → ids) once per file; `validate` checks one row, including
 * duplicates within the file through the shared context; `statements` writes every row.
 */
export interface ImportDefinition<K extends string = string, V = unknown, X = unknown> {
  entity: string;
  /** zh-CN name of what is imported, e.g. "农户". */
  label: string;
  permission: Permission;
  columns: readonly CsvColumn<K>[];
  /** One or two example rows for the downloadable template. */
  example: readonly (readonly string[])[];
  /**
   * `target` is what the import writes into when the entity is targeted (e.g. the batch id of
   * "batch_lines:<id>"); undefined for plain entities.
   */
  prepare(ctx: ServiceContext, target?: string): Promise<X>;
  /**
   * Loads what the file's rows name (and only that: a 100,000-line file must not reload the whole
   * registry). Called once per slice of rows (20,000), before that slice's rows are validated;
   * what it loaded for earlier slices may be dropped.
   */
  lookup?(ctx: ServiceContext, prep: X, rows: Record<K, string>[]): Promise<void>;
  /** Rows one file may hold, when not MAX_IMPORT_ROWS. */
  maxRows?: number;
  /** `row` is the Excel row number (header = 1), e.g. for "same as row 5" messages. */
  validate(values: Record<K, string>, prep: X, ctx: ServiceContext, row: number): Promise<RowResult<V>> | RowResult<V>;
  statements(ctx: ServiceContext, rows: V[], prep: X): Promise<D1PreparedStatement[]> | D1PreparedStatement[];
  /** Guarded statements (must change a row, else 409 and nothing is written), e.g. "batch is still a draft". */
  guards?(ctx: ServiceContext, prep: X): { item: BatchItem<"sqlite">; message: string }[];
  /** Set when the import must name a target (entity stored as "<entity>:<target>"). */
  targeted?: boolean;
  /** Where the admin UI goes after a commit, relative to /admin (defaults to LIST_PATH). */
  listPath?(target: string | undefined): string;
  /** What the audit entry records of the commit (kept small: keys, not whole rows). */
  summary(rows: V[]): unknown;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds definitions of every row and preview type; each is used only with its own types
export type AnyImport = ImportDefinition<string, any, any>;
