import { and, asc, count, desc, eq, gte, lte, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { visits } from "../../db/schema/tenant/pairings.ts";
import { households } from "../../db/schema/tenant/households.ts";
import { cadres } from "../../db/schema/tenant/people.ts";
import { villages } from "../../db/schema/tenant/places.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { offsetOf, type Page, type PageParams } from "../lib/paging.ts";
import { todayInChina } from "../lib/dates.ts";
import { scopeOf, villageCondition, type Scope } from "../domain/scope.ts";
import type { VisitCreateInput, VisitFilterInput } from "./schemas.ts";

const fieldError = (field: string, message: string) =>
  new AppError("validation_failed", message, { fields: [{ field, message }] });

const columns = {
  id: visits.id,
  cadreId: visits.cadreId,
  cadreName: cadres.name,
  villageId: visits.villageId,
  villageCode: villages.code,
  villageName: villages.name,
  householdId: visits.householdId,
  householdHeadName: households.headName,
  visitDate: visits.visitDate,
  occasion: visits.occasion,
  help: visits.help,
  notes: visits.notes,
  followUpDate: visits.followUpDate,
};

function selectVisits(ctx: ServiceContext) {
  return ctx.db
    .select(columns)
    .from(visits)
    .leftJoin(cadres, eq(cadres.id, visits.cadreId))
    .leftJoin(villages, eq(villages.id, visits.villageId))
    .leftJoin(households, eq(households.id, visits.householdId));
}
export type VisitView = Awaited<ReturnType<ReturnType<typeof selectVisits>["all"]>>[number];

/** A cadre sees their own diary; a township officer the visits in the township's villages. */
export function visitScope(scope: Scope): SQL | undefined {
  if (scope.kind === "cadre") return scope.cadreId == null ? sql`0` : eq(visits.cadreId, scope.cadreId);
  if (scope.kind === "township")
    return sql`${visits.villageId} IN (SELECT id FROM villages WHERE township_code = ${scope.townshipCode})`;
  return undefined;
}

function whereOf(ctx: ServiceContext, f: VisitFilterInput): SQL | undefined {
  return and(
    visitScope(scopeOf(ctx.user!)),
    f.cadreId ? eq(visits.cadreId, f.cadreId) : undefined,
    f.householdId ? eq(visits.householdId, f.householdId) : undefined,
    f.villageId ? eq(visits.villageId, f.villageId) : undefined,
    f.from ? gte(visits.visitDate, f.from) : undefined,
    f.to ? lte(visits.visitDate, f.to) : undefined,
  );
}

export async function listVisits(ctx: ServiceContext, f: VisitFilterInput & PageParams): Promise<Page<VisitView>> {
  const where = whereOf(ctx, f);
  const [items, total] = await Promise.all([
    selectVisits(ctx)
      .where(where)
      .orderBy(desc(visits.visitDate), desc(visits.id))
      .limit(f.size)
      .offset(offsetOf(f))
      .all(),
    ctx.db.select({ n: count() }).from(visits).where(where).get(),
  ]);
  return { items, total: total?.n ?? 0, page: f.page, size: f.size };
}

export async function allVisits(ctx: ServiceContext, f: VisitFilterInput): Promise<VisitView[]> {
  return selectVisits(ctx).where(whereOf(ctx, f)).orderBy(desc(visits.visitDate), desc(visits.id)).limit(20_000).all();
}

export async function getVisit(ctx: ServiceContext, id: number): Promise<VisitView> {
  const row = await selectVisits(ctx)
    .where(and(eq(visits.id, id), visitScope(scopeOf(ctx.user!))))
    .get();
  if (!row) throw new AppError("not_found", "没有这条走访记录，或不在您的管辖范围内");
  return row;
}

/** Households a cadre is the responsible person for, and villages they are resident in or paired with. */
const householdLinked = (cadreId: number, householdId: number, villageId: SQLWrapper) => sql`(
  EXISTS (SELECT 1 FROM pairings WHERE helper_cadre_id = ${cadreId} AND household_id = ${householdId} AND kind = 'cadre_household' AND status = 'active')
  OR EXISTS (SELECT 1 FROM assignments WHERE cadre_id = ${cadreId} AND village_id = ${villageId} AND status = 'active'))`;
const villageLinked = (cadreId: number, villageId: number) => sql`(
  EXISTS (SELECT 1 FROM assignments WHERE cadre_id = ${cadreId} AND village_id = ${villageId} AND status = 'active')
  OR EXISTS (SELECT 1 FROM pairings WHERE helper_cadre_id = ${cadreId} AND village_id = ${villageId} AND status = 'active')
  OR EXISTS (SELECT 1 FROM pairings p JOIN households h ON h.id = p.household_id WHERE p.helper_cadre_id = ${cadreId} AND h.village_id = ${villageId} AND p.kind = 'cadre_household' AND p.status = 'active'))`;

/**
 * Records a visit. The visit must be to a household the cadre is paired with (or in a village they
 * are resident in), or to a village they are resident in or paired with — also when an officer
 * enters it for the cadre (e.g. from a paper diary).
 */
export async function createVisit(ctx: ServiceContext, input: VisitCreateInput): Promise<VisitView> {
  const db = ctx.db;
  const scope = scopeOf(ctx.user!);
  let cadreId: number;
  if (scope.kind === "cadre") {
    if (scope.cadreId == null) throw new AppError("forbidden", "您的账号尚未关联干部档案，请联系帮扶办");
    if (input.cadreId !== undefined && input.cadreId !== scope.cadreId)
      throw new AppError("forbidden", "干部只能登记本人的走访");
    cadreId = scope.cadreId;
  } else {
    if (input.cadreId === undefined) throw fieldError("cadreId", "请选择走访干部");
    if (!(await db.select({ id: cadres.id }).from(cadres).where(eq(cadres.id, input.cadreId)).get()))
      throw fieldError("cadreId", "没有这名干部");
    cadreId = input.cadreId;
  }
  if (input.visitDate > todayInChina()) throw fieldError("visitDate", "走访日期不能晚于今天");
  const township = scope.kind === "township" ? scope.townshipCode : null;
  let villageId: number;
  let linked: boolean;
  if (input.householdId !== undefined) {
    const h = await db
      .select({
        id: households.id,
        villageId: households.villageId,
        townshipCode: villages.townshipCode,
        linked: householdLinked(cadreId, input.householdId, households.villageId).mapWith(Boolean),
      })
      .from(households)
      .innerJoin(villages, eq(villages.id, households.villageId))
      .where(eq(households.id, input.householdId))
      .get();
    if (!h || (township && h.townshipCode !== township))
      throw new AppError("not_found", "没有这个农户，或不在您的管辖范围内", {
        fields: [{ field: "householdId", message: "没有这个农户" }],
      });
    villageId = h.villageId;
    linked = h.linked;
  } else {
    const v = await db
      .select({
        id: villages.id,
        townshipCode: villages.townshipCode,
        linked: villageLinked(cadreId, input.villageId!).mapWith(Boolean),
      })
      .from(villages)
      .where(eq(villages.id, input.villageId!))
      .get();
    if (!v || (township && v.townshipCode !== township))
      throw new AppError("not_found", "没有这个村，或不在您的管辖范围内", {
        fields: [{ field: "villageId", message: "没有这个村" }],
      });
    villageId = v.id;
    linked = v.linked;
  }
  if (!linked) {
    const field = input.householdId !== undefined ? "householdId" : "villageId";
    const message =
      input.householdId !== undefined
        ? "该干部不是这户的帮扶责任人，也不驻这户所在的村，不能登记走访"
        : "该干部既不驻这个村，也没有与这个村（或村里的农户）结对，不能登记走访";
    if (scope.kind === "cadre") throw new AppError("forbidden", message, { fields: [{ field, message }] });
    throw fieldError(field, message);
  }
  const values = {
    cadreId,
    villageId,
    householdId: input.householdId ?? null,
    visitDate: input.visitDate,
    occasion: input.occasion,
    help: [...new Set(input.help ?? [])],
    notes: input.notes,
    followUpDate: input.followUpDate ?? null,
    createdBy: ctx.user!.id,
  };
  const [rows] = (await new AuditedWrite(ctx)
    .add(db.insert(visits).values(values).returning({ id: visits.id }))
    .audit({ action: "visit.create", entity: "visit", after: { ...values, notes: undefined } })
    .commit()) as [{ id: number }[]];
  return getVisit(ctx, rows[0]!.id);
}

/** What the "记录走访" form offers a cadre: their paired households and their villages. */
export async function visitTargets(ctx: ServiceContext, cadreId: number) {
  const d1 = ctx.d1;
  const [hs, vs] = await Promise.all([
    d1
      .prepare(
        `SELECT h.id, h.head_name AS headName, v.name AS villageName FROM pairings p JOIN households h ON h.id = p.household_id JOIN villages v ON v.id = h.village_id
         WHERE p.helper_cadre_id = ? AND p.kind = 'cadre_household' AND p.status = 'active' ORDER BY v.name, h.head_name`,
      )
      .bind(cadreId)
      .all<{ id: number; headName: string; villageName: string }>(),
    d1
      .prepare(
        `SELECT id, name, code FROM villages WHERE id IN (
           SELECT village_id FROM assignments WHERE cadre_id = ?1 AND status = 'active'
           UNION SELECT village_id FROM pairings WHERE helper_cadre_id = ?1 AND status = 'active' AND village_id IS NOT NULL
           UNION SELECT h.village_id FROM pairings p JOIN households h ON h.id = p.household_id WHERE p.helper_cadre_id = ?1 AND p.status = 'active')
         ORDER BY code`,
      )
      .bind(cadreId)
      .all<{ id: number; name: string; code: string }>(),
  ]);
  return { households: hs.results, villages: vs.results };
}

/** Cadres an officer may record for (all of them; a township officer's choice is narrowed by the target's township). */
export async function cadreChoices(ctx: ServiceContext) {
  return ctx.db.select({ id: cadres.id, name: cadres.name }).from(cadres).orderBy(asc(cadres.name)).all();
}

/** Villages the signed-in user may filter visits by (their scope's villages). */
export async function villageChoices(ctx: ServiceContext) {
  return ctx.db
    .select({ id: villages.id, name: villages.name })
    .from(villages)
    .where(villageCondition(scopeOf(ctx.user!)))
    .orderBy(asc(villages.code))
    .all();
}
