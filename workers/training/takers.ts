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

/** Looks a taker up; 404 when there is no such person. */
export async function takerOf(ctx: ServiceContext, kind: TakerKind, id: number): Promise<Taker> {
  const row = await ctx.d1
    .prepare(kind === "cadre" ? CADRE_SQL : USER_SQL)
    .bind(id)
    .first<{ name: string; townshipCode: string | null }>();
  if (!row) throw new AppError("not_found", kind === "cadre" ? "没有这名干部" : "没有这个用户");
  return { kind, id, name: row.name, townshipCode: row.townshipCode };
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
