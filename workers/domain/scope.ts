import { sql, type SQL } from "drizzle-orm";
import type { SessionUser } from "../platform/env.ts";
import { households } from "../../db/schema/tenant/households.ts";
import { villages } from "../../db/schema/tenant/places.ts";
import { AppError } from "../platform/errors/app-error.ts";

/**
 * What part of the tenant a user sees. County admins, finance officers and auditors see it all;
 * a township officer sees one township; a cadre sees the villages they are resident in or paired
 * with and the households paired with them. Every list and lookup of registry records goes
 * through these conditions, so a record outside the scope is simply not found (404).
 */
export type Scope =
  | { kind: "all" }
  | { kind: "township"; townshipCode: string }
  | { kind: "cadre"; cadreId: number | null };

export function scopeOf(user: SessionUser): Scope {
  if (user.role === "township_officer") return { kind: "township", townshipCode: user.townshipCode ?? "-" };
  if (user.role === "cadre") return { kind: "cadre", cadreId: user.cadreId };
  return { kind: "all" };
}

/** Villages a cadre is resident in or paired with (unit pairings excluded: those are the unit's). */
function cadreVillageIds(cadreId: number): SQL {
  return sql`(
    SELECT village_id FROM assignments WHERE cadre_id = ${cadreId} AND status = 'active'
    UNION SELECT village_id FROM pairings WHERE helper_cadre_id = ${cadreId} AND status = 'active' AND village_id IS NOT NULL
    UNION SELECT h.village_id FROM pairings p JOIN households h ON h.id = p.household_id
          WHERE p.helper_cadre_id = ${cadreId} AND p.status = 'active'
  )`;
}

/** Condition on `villages` (or undefined for everything). */
export function villageCondition(scope: Scope): SQL | undefined {
  switch (scope.kind) {
    case "all":
      return undefined;
    case "township":
      return sql`${villages.townshipCode} = ${scope.townshipCode}`;
    case "cadre":
      return scope.cadreId == null ? sql`0` : sql`${villages.id} IN ${cadreVillageIds(scope.cadreId)}`;
  }
}

/** Condition on any table's village id column. */
export function villageIdCondition(scope: Scope, villageIdColumn: SQL | { getSQL(): SQL }): SQL | undefined {
  switch (scope.kind) {
    case "all":
      return undefined;
    case "township":
      return sql`${villageIdColumn} IN (SELECT id FROM villages WHERE township_code = ${scope.townshipCode})`;
    case "cadre":
      return scope.cadreId == null ? sql`0` : sql`${villageIdColumn} IN ${cadreVillageIds(scope.cadreId)}`;
  }
}

/** Condition on `households`: a cadre sees only the households paired with them. */
export function householdCondition(scope: Scope): SQL | undefined {
  switch (scope.kind) {
    case "all":
      return undefined;
    case "township":
      return sql`${households.villageId} IN (SELECT id FROM villages WHERE township_code = ${scope.townshipCode})`;
    case "cadre":
      return scope.cadreId == null
        ? sql`0`
        : sql`${households.id} IN (SELECT household_id FROM pairings WHERE helper_cadre_id = ${scope.cadreId} AND kind = 'cadre_household' AND status = 'active')`;
  }
}

/** For writes: the township code of the target must be inside the user's scope. */
export function assertTownshipInScope(scope: Scope, townshipCode: string): void {
  if (scope.kind === "township" && scope.townshipCode !== townshipCode)
    throw new AppError("not_found", "不在您的管辖范围内");
}
