import type { ServiceContext } from "../domain/service-context.ts";
import type { TakerKind } from "../../db/schema/tenant/training.ts";
import { AppError } from "../platform/errors/app-error.ts";

/** A person who is trained and tested, as (kind, id), with what scope needs to know. */
export interface Taker {
  kind: TakerKind;
  id: number;
  name: string;
  /** Their township (a cadre: the village of their active assignment); null at county level. */
  townshipCode: string | null;
}

/** The signed-in user as a taker: a cadre account is its cadre, anyone else is themself. */
export async function selfAsTaker(ctx: ServiceContext): Promise<Taker> {
  const u = ctx.user!;
  if (u.role === "cadre") {
    if (u.cadreId == null) throw new AppError("forbidden", "您的账号未关联干部档案，请联系县级管理员");
    return takerOf(ctx, "cadre", u.cadreId);
  }
  return { kind: "user", id: u.id, name: u.displayName, townshipCode: u.townshipCode };
}

const CADRE_SQL = `SELECT c.name AS name, (SELECT v.township_code FROM assignments a JOIN villages v ON v.id = a.village_id
  WHERE a.cadre_id = c.id AND a.status = 'active' ORDER BY a.start_date DESC, a.id DESC LIMIT 1) AS townshipCode
  FROM cadres c WHERE c.id = ?`;
const USER_SQL = "SELECT display_name AS name, township_code AS townshipCode FROM users WHERE id = ?";

/** A village cadre of the roster, serving: their township is their village's. */
const VILLAGE_CADRE_SQL = `SELECT o.name AS name, v.township_code AS townshipCode
  FROM village_officials o JOIN villages v ON v.id = o.village_id WHERE o.id = ? AND o.status = 'serving'`;
const LOOKUP: Record<TakerKind, { sql: string; missing: string }> = {
  cadre: { sql: CADRE_SQL, missing: "没有这名干部" },
  user: { sql: USER_SQL, missing: "没有这个用户" },
  village_cadre: { sql: VILLAGE_CADRE_SQL, missing: "没有这名在任村干部" },
};

/** Looks a taker up; 404 when there is no such person (for a village cadre: none serving). */
export async function takerOf(ctx: ServiceContext, kind: TakerKind, id: number): Promise<Taker> {
  const row = await ctx.d1.prepare(LOOKUP[kind].sql).bind(id).first<{ name: string; townshipCode: string | null }>();
  if (!row) throw new AppError("not_found", LOOKUP[kind].missing);
  return { kind, id, name: row.name, townshipCode: row.townshipCode };
}

/** SQL for a taker's name from (alias).taker_kind / (alias).taker_id, for lists that do not store it. */
export function takerNameSql(alias: string): string {
  return `CASE ${alias}.taker_kind WHEN 'cadre' THEN (SELECT name FROM cadres WHERE id = ${alias}.taker_id)
    WHEN 'village_cadre' THEN (SELECT name FROM village_officials WHERE id = ${alias}.taker_id)
    ELSE (SELECT display_name FROM users WHERE id = ${alias}.taker_id) END`;
}

/**
 * A person's records (attendance, scores) are seen by the person, their township and the county:
 * SQL on a table with `taker_kind`, `taker_id` and `township_code` columns (alias `alias`).
 */
export function personalScopeSql(ctx: ServiceContext, alias: string): { sql: string; args: unknown[] } {
  const u = ctx.user!;
  if (u.role === "township_officer")
    return {
      sql: `(${alias}.township_code = ? OR (${alias}.taker_kind = 'user' AND ${alias}.taker_id = ?))`,
      args: [u.townshipCode ?? "-", u.id],
    };
  if (u.role === "cadre")
    return { sql: `(${alias}.taker_kind = 'cadre' AND ${alias}.taker_id = ?)`, args: [u.cadreId ?? -1] };
  return { sql: "1", args: [] };
}
