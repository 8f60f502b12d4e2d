import type { ServiceContext } from "./service-context.ts";
import { scopeOf } from "./scope.ts";

// Who may open a team's or a unit's record. Kept here, below the resource folders, because the
// village and unit pages ask it to decide whether to show the link and the record service
// (workers/assessments) asks it before reading: in either folder it made a folder cycle.

/**
 * Whether the user may open a village's team record: a cadre only a team they serve (or served)
 * in, a township officer the teams of their township, everyone else all. The village page asks
 * it too, so it links the record only when it opens.
 */
export async function teamInScope(ctx: ServiceContext, v: { id: number; townshipCode: string }): Promise<boolean> {
  const scope = scopeOf(ctx.user!);
  if (scope.kind === "all") return true;
  if (scope.kind === "township") return scope.townshipCode === v.townshipCode;
  if (scope.cadreId == null) return false;
  const row = await ctx.d1
    .prepare("SELECT 1 AS ok FROM assignments WHERE cadre_id = ? AND village_id = ? LIMIT 1")
    .bind(scope.cadreId, v.id)
    .first();
  return row !== null;
}

/**
 * Whether the user may open a unit's record: county users and auditors always; a township officer
 * when the unit has cadres resident in (or a letter with) a village of their township; cadres never.
 */
export async function unitInScope(ctx: ServiceContext, unitId: number): Promise<boolean> {
  const scope = scopeOf(ctx.user!);
  if (scope.kind === "all") return true;
  if (scope.kind === "cadre") return false;
  const row = await ctx.d1
    .prepare(
      `SELECT 1 AS ok FROM assignments a JOIN cadres c ON c.id = a.cadre_id JOIN villages v ON v.id = a.village_id
       WHERE c.unit_id = ?1 AND v.township_code = ?2
       UNION ALL SELECT 1 FROM responsibility_letters l JOIN villages v ON v.id = l.village_id
       WHERE l.unit_id = ?1 AND v.township_code = ?2 LIMIT 1`,
    )
    .bind(unitId, scope.townshipCode)
    .first();
  return row !== null;
}
