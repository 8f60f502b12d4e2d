import { sql, type SQL } from "drizzle-orm";

/**
 * The last day a leave really covers: its end date, or the day before 销假 when the cadre came
 * back early. Only approved (and returned) leaves excuse an absence.
 */
export const LEAVE_EFFECTIVE_END = `CASE WHEN l.status = 'returned' THEN min(l.end_date, date(l.returned_on, '-1 day')) ELSE l.end_date END`;
export const LEAVE_COUNTS = `l.status IN ('approved', 'returned')`;

/** SQL: days of approved leave of assignment `assignmentIdSql` inside [first, last]. */
export function leaveDaysIn(assignmentIdSql: SQL, first: string, last: string): SQL {
  return sql`(SELECT CAST(coalesce(sum(max(0, julianday(min(${sql.raw(LEAVE_EFFECTIVE_END)}, ${last})) - julianday(max(l.start_date, ${first})) + 1)), 0) AS INTEGER)
    FROM leaves l WHERE l.assignment_id = ${assignmentIdSql} AND ${sql.raw(LEAVE_COUNTS)})`;
}
