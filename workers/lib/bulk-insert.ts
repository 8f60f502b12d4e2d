/**
 * Bulk inserts within D1's limits: instead of 100 bound parameters per statement (a handful of
 * rows), each statement binds ONE parameter, a JSON array of rows, and SQLite unpacks it:
 *   INSERT INTO t (a, b) SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)
 * A 5,000-row file becomes a few statements instead of hundreds.
 */
const MAX_JSON_BYTES = 256 * 1024;

export type BulkValue = string | number | boolean | null | readonly unknown[];

export function bulkInsert(
  d1: D1Database,
  table: string,
  columns: readonly string[],
  // Any iterable: a caller with 100,000 rows can make each one as it is written, not all first.
  rows: Iterable<readonly BulkValue[]>,
  opts: { orIgnore?: boolean } = {},
): D1PreparedStatement[] {
  if (!/^[a-z_]+$/.test(table) || columns.some((c) => !/^[a-z_0-9]+$/.test(c)))
    throw new Error("bulkInsert: bad identifier");
  const select = columns.map((_, i) => `json_extract(value, '$[${i}]')`).join(", ");
  const sql = `INSERT ${opts.orIgnore ? "OR IGNORE " : ""}INTO ${table} (${columns.join(", ")}) SELECT ${select} FROM json_each(?)`;
  const statements: D1PreparedStatement[] = [];
  let chunk: string[] = [];
  let bytes = 2;
  const flush = () => {
    if (chunk.length === 0) return;
    statements.push(d1.prepare(sql).bind(`[${chunk.join(",")}]`));
    chunk = [];
    bytes = 2;
  };
  for (const row of rows) {
    // JSON-typed columns (arrays) are stored as their JSON text.
    const json = JSON.stringify(row.map((v) => (Array.isArray(v) ? JSON.stringify(v) : v)));
    if (bytes + json.length > MAX_JSON_BYTES) flush();
    chunk.push(json);
    bytes += json.length + 1;
  }
  flush();
  return statements;
}
