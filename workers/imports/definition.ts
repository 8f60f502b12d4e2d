import type { Context } from "hono";
import type { AppEnv } from "../env.ts";
import type { Permission } from "../auth/permissions.ts";
import type { CsvColumn } from "../lib/csv.ts";

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
  prepare(c: Context<AppEnv>): Promise<X>;
  validate(values: Record<K, string>, ctx: X, c: Context<AppEnv>): Promise<RowResult<V>> | RowResult<V>;
  statements(c: Context<AppEnv>, rows: V[], ctx: X): Promise<D1PreparedStatement[]> | D1PreparedStatement[];
  /** What the audit entry records of the commit (kept small: keys, not whole rows). */
  summary(rows: V[]): unknown;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyImport = ImportDefinition<string, any, any>;
