/** The text of an error and its causes (D1 wraps SQLite's message in one or two layers). */
export function errorChainText(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    parts.push(e instanceof Error ? e.message : String(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join(" | ");
}

/**
 * True when SQLite refused a write because of a UNIQUE index. `columns` narrows it to one index,
 * named as SQLite names it: "assignments.village_id" or "assignments.cadre_id, assignments.village_id".
 */
export function isUniqueViolation(err: unknown, columns?: string): boolean {
  const text = errorChainText(err);
  if (!text.includes("UNIQUE constraint failed")) return false;
  if (!columns) return true;
  const m = /UNIQUE constraint failed: ([a-z_.,\s]+)/.exec(text);
  return m ? m[1]!.trim().replace(/[:\s]+$/, "") === columns : false;
}

export { uniqueConflict, uniqueViolationColumns } from "../platform/errors/unique-conflict.ts";
