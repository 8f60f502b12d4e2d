import { and, asc, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { assignments, cadres, units } from "../../db/schema/tenant/people.ts";
import { townships, villages } from "../../db/schema/tenant/places.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { offsetOf, type Page, type PageParams } from "../lib/paging.ts";
import { assertTownshipInScope, scopeOf } from "../domain/scope.ts";
import { isUniqueViolation } from "../domain/db-errors.ts";
import { ASSIGNMENT_ROLE_LABELS } from "../../web/i18n/zh-CN.ts";
import { leaderRankRefusal } from "./rules.ts";
import type {
  AssignmentCreateInput,
  AssignmentEndInput,
  AssignmentFilterInput,
  AssignmentReplaceInput,
} from "./schemas.ts";

const now = () => Math.floor(Date.now() / 1000);
const fieldError = (field: string, message: string) =>
  new AppError("validation_failed", message, { fields: [{ field, message }] });

export const columns = {
  id: assignments.id,
  cadreId: assignments.cadreId,
  cadreName: cadres.name,
  unitName: units.name,
  villageId: assignments.villageId,
  villageCode: villages.code,
  villageName: villages.name,
  townshipCode: villages.townshipCode,
  townshipName: townships.name,
  role: assignments.role,
  startDate: assignments.startDate,
  endDate: assignments.endDate,
  status: assignments.status,
  endReason: assignments.endReason,
  endNote: assignments.endNote,
  replacedById: assignments.replacedById,
};
type Row = typeof assignments.$inferSelect;
export interface AssignmentView {
  id: number;
  cadreId: number;
  cadreName: string | null;
  unitName: string | null;
  villageId: number;
  villageCode: string | null;
  villageName: string | null;
  townshipCode: string | null;
  townshipName: string | null;
  role: Row["role"];
  startDate: string;
  endDate: string | null;
  status: Row["status"];
  endReason: Row["endReason"];
  endNote: string | null;
  replacedById: number | null;
}

/** The joined select every list and lookup shares. */
export function selectAssignments(ctx: ServiceContext) {
  return ctx.db
    .select(columns)
    .from(assignments)
    .leftJoin(cadres, eq(cadres.id, assignments.cadreId))
    .leftJoin(units, eq(units.id, cadres.unitId))
    .innerJoin(villages, eq(villages.id, assignments.villageId))
    .leftJoin(townships, eq(townships.code, villages.townshipCode));
}

/**
 * Which assignments a user sees: a cadre only their own (not colleagues' in the same village),
 * a township officer those in their township's villages, everyone else all of them.
 */
export function assignmentScope(ctx: ServiceContext): SQL | undefined {
  const scope = scopeOf(ctx.user!);
  if (scope.kind === "cadre") return scope.cadreId == null ? sql`0` : eq(assignments.cadreId, scope.cadreId);
  if (scope.kind === "township")
    return sql`${assignments.villageId} IN (SELECT id FROM villages WHERE township_code = ${scope.townshipCode})`;
  return undefined;
}

function whereOf(ctx: ServiceContext, f: AssignmentFilterInput): SQL | undefined {
  return and(
    assignmentScope(ctx),
    f.cadreId ? eq(assignments.cadreId, f.cadreId) : undefined,
    f.villageCode ? eq(villages.code, f.villageCode) : undefined,
    f.townshipCode ? eq(villages.townshipCode, f.townshipCode) : undefined,
    f.role ? eq(assignments.role, f.role) : undefined,
    f.status ? eq(assignments.status, f.status) : undefined,
  );
}

export async function listAssignments(
  ctx: ServiceContext,
  f: AssignmentFilterInput & PageParams,
): Promise<Page<AssignmentView>> {
  const where = whereOf(ctx, f);
  const [items, total] = await Promise.all([
    selectAssignments(ctx)
      .where(where)
      .orderBy(
        asc(sql`${assignments.status} <> 'active'`),
        asc(villages.code),
        asc(assignments.role),
        desc(assignments.startDate),
        desc(assignments.id),
      )
      .limit(f.size)
      .offset(offsetOf(f))
      .all(),
    ctx.db
      .select({ n: count() })
      .from(assignments)
      .innerJoin(villages, eq(villages.id, assignments.villageId))
      .where(where)
      .get(),
  ]);
  return { items, total: total?.n ?? 0, page: f.page, size: f.size };
}

export async function allAssignments(ctx: ServiceContext, f: AssignmentFilterInput = {}): Promise<AssignmentView[]> {
  return selectAssignments(ctx)
    .where(whereOf(ctx, f))
    .orderBy(asc(villages.code), asc(assignments.role), desc(assignments.startDate))
    .limit(20_000)
    .all();
}

/** An assignment in the user's scope, or 404 (other townships, other cadres, other tenants). */
export async function getAssignment(ctx: ServiceContext, id: number): Promise<AssignmentView> {
  const row = await selectAssignments(ctx)
    .where(and(eq(assignments.id, id), assignmentScope(ctx)))
    .get();
  if (!row) throw new AppError("not_found", "没有这个驻村任务，或不在您的管辖范围内");
  return row;
}

/** The assignment that replaced this one, shown as a link on its page (the successor may be outside a cadre's own scope). */
export async function successorOf(ctx: ServiceContext, a: AssignmentView): Promise<AssignmentView | undefined> {
  return a.replacedById ? selectAssignments(ctx).where(eq(assignments.id, a.replacedById)).get() : undefined;
}

async function activeFirstSecretary(ctx: ServiceContext, villageId: number) {
  return ctx.db
    .select({ id: assignments.id, cadreName: cadres.name })
    .from(assignments)
    .leftJoin(cadres, eq(cadres.id, assignments.cadreId))
    .where(
      and(
        eq(assignments.villageId, villageId),
        eq(assignments.role, "first_secretary"),
        eq(assignments.status, "active"),
      ),
    )
    .get();
}

/** Turns the partial unique indexes' refusals into the 409s a person can act on. */
function uniqueConflict(err: unknown): AppError | null {
  if (isUniqueViolation(err, "assignments.village_id"))
    return new AppError("conflict", "该村已有在岗第一书记，一个村同一时间只能有一名在岗第一书记");
  if (isUniqueViolation(err, "assignments.cadre_id, assignments.village_id"))
    return new AppError("conflict", "该干部在这个村已有在岗的驻村任务");
  return null;
}

/**
 * 驻村工作队 3–5 resident members per village (seed 000): at most five active assignments
 * (first secretary included); fewer than three is shown on the village's team screen
 * (settings.minResidentMembers) rather than refused, since a team is filled one by one.
 */
export const MAX_RESIDENT_MEMBERS = 5;
const teamFullMessage = (village: string, n: number) =>
  `${village}驻村工作队已有 ${n} 名在岗队员，每村驻村工作队 3–5 人，不能再增加；如需调整，请先结束某人的任务或使用“调整更换”`;

/** A cadre as an assignment needs them: with the rank and the level of the unit that sends them. */
async function cadreForAssignment(ctx: ServiceContext, cadreId: number) {
  return ctx.db
    .select({ id: cadres.id, name: cadres.name, rank: cadres.rank, unitLevel: units.level })
    .from(cadres)
    .innerJoin(units, eq(units.id, cadres.unitId))
    .where(eq(cadres.id, cadreId))
    .get();
}

/** 工作队队长的职级 (seed 003, workers/assignments/rules.ts): a 409 on the form's cadre field. */
function assertLeaderRank(
  cadre: { name: string; rank: (typeof cadres.$inferSelect)["rank"]; unitLevel: (typeof units.$inferSelect)["level"] },
  field: string,
) {
  const refusal = leaderRankRefusal(cadre.unitLevel, cadre.rank, cadre.name);
  if (refusal) throw new AppError("conflict", refusal, { fields: [{ field, message: refusal }] });
}

export async function activeTeamSize(ctx: ServiceContext, villageId: number): Promise<number> {
  const row = await ctx.db
    .select({ n: count() })
    .from(assignments)
    .where(and(eq(assignments.villageId, villageId), eq(assignments.status, "active")))
    .get();
  return row?.n ?? 0;
}

/** A new assignment that passed every rule, ready to be written by `addTo` into an audited batch. */
export interface PreparedAssignment {
  cadreId: number;
  cadreName: string;
  villageId: number;
  villageName: string;
  /** Adds the guarded insert and its audit entry; the insert's result is the batch's next result. */
  addTo(write: AuditedWrite): AuditedWrite;
}

/**
 * Checks a new assignment against every rule (scope, one first secretary, leader rank, no double
 * assignment, team of at most five) and returns its write. `createAssignment` commits it alone; a
 * rectification's dispatch commits it in its own batch, so there is one way of starting an assignment.
 */
export async function prepareAssignment(
  ctx: ServiceContext,
  input: AssignmentCreateInput,
): Promise<PreparedAssignment> {
  const db = ctx.db;
  const village = await db
    .select({ id: villages.id, townshipCode: villages.townshipCode, name: villages.name })
    .from(villages)
    .where(eq(villages.code, input.villageCode))
    .get();
  if (!village) throw fieldError("villageCode", "没有这个村（社区），请核对村级区划代码");
  assertTownshipInScope(scopeOf(ctx.user!), village.townshipCode);
  const cadre = await cadreForAssignment(ctx, input.cadreId);
  if (!cadre) throw fieldError("cadreId", "没有这名干部");
  if (input.role === "team_leader") assertLeaderRank(cadre, "cadreId");
  if (input.role === "first_secretary") {
    const fs = await activeFirstSecretary(ctx, village.id);
    if (fs)
      throw new AppError(
        "conflict",
        `${village.name}已有在岗第一书记（${fs.cadreName ?? ""}，驻村任务编号 ${fs.id}）；一个村同一时间只能有一名，请先结束其任务或使用“调整更换”`,
      );
  }
  const same = await db
    .select({ id: assignments.id })
    .from(assignments)
    .where(
      and(eq(assignments.cadreId, cadre.id), eq(assignments.villageId, village.id), eq(assignments.status, "active")),
    )
    .get();
  if (same) throw new AppError("conflict", `${cadre.name}在${village.name}已有在岗的驻村任务（编号 ${same.id}）`);
  const teamSize = await activeTeamSize(ctx, village.id);
  if (teamSize >= MAX_RESIDENT_MEMBERS) throw new AppError("conflict", teamFullMessage(village.name, teamSize));
  const values = { cadreId: cadre.id, villageId: village.id, role: input.role, startDate: input.startDate };
  return {
    cadreId: cadre.id,
    cadreName: cadre.name,
    villageId: village.id,
    villageName: village.name,
    addTo: (write) =>
      write
        // The cap is checked again inside the insert, so two concurrent requests cannot both take the last place.
        .guarded(
          db
            .insert(assignments)
            .select(
              sql`SELECT NULL, ${cadre.id}, ${village.id}, ${input.role}, ${input.startDate}, NULL, 'active', NULL, NULL, NULL, unixepoch(), unixepoch()
                WHERE (SELECT count(*) FROM assignments WHERE village_id = ${village.id} AND status = 'active') < ${MAX_RESIDENT_MEMBERS}`,
            )
            .returning({ id: assignments.id }),
          teamFullMessage(village.name, MAX_RESIDENT_MEMBERS),
        )
        .audit({
          action: "assignment.create",
          entity: "assignment",
          entityId: `${input.villageCode}:${cadre.id}`,
          after: { ...values, villageCode: input.villageCode, cadreName: cadre.name },
        }),
  };
}

/** The partial unique indexes' refusals as 409s, for callers that commit a prepared assignment in their own batch. */
export const assignmentConflict = (err: unknown): AppError | null => uniqueConflict(err);

export async function createAssignment(ctx: ServiceContext, input: AssignmentCreateInput): Promise<AssignmentView> {
  const prepared = await prepareAssignment(ctx, input);
  let rows: { id: number }[];
  try {
    [rows] = (await prepared.addTo(new AuditedWrite(ctx)).commit()) as [{ id: number }[]];
  } catch (err) {
    throw uniqueConflict(err) ?? err;
  }
  return getAssignment(ctx, rows[0]!.id);
}

function assertManageable(ctx: ServiceContext, a: AssignmentView) {
  // getAssignment already narrowed to the scope; a township officer's writes stay in their township.
  if (a.townshipCode) assertTownshipInScope(scopeOf(ctx.user!), a.townshipCode);
}

export async function endAssignment(
  ctx: ServiceContext,
  id: number,
  input: AssignmentEndInput,
): Promise<AssignmentView> {
  const before = await getAssignment(ctx, id);
  assertManageable(ctx, before);
  if (before.status !== "active") throw new AppError("conflict", "该驻村任务已经结束，不能再次结束");
  if (input.date < before.startDate) throw fieldError("date", `结束日期不能早于开始日期 ${before.startDate}`);
  const changes = {
    status: input.status,
    endDate: input.date,
    endReason: input.reason ?? (input.status === "completed" ? ("term_completed" as const) : null),
    endNote: input.note ?? null,
  };
  await new AuditedWrite(ctx)
    // Guarded: two officials ending the same assignment at once → the second gets 409.
    .guarded(
      ctx.db
        .update(assignments)
        .set({ ...changes, updatedAt: now() })
        .where(and(eq(assignments.id, id), eq(assignments.status, "active"))),
      "该驻村任务已经结束，不能再次结束",
    )
    .audit({
      action: "assignment.end",
      entity: "assignment",
      entityId: id,
      before: { status: before.status },
      after: changes,
    })
    .commit();
  return getAssignment(ctx, id);
}

/**
 * 调整更换 in one step: the old assignment ends as `replaced` (with the reason) and the successor
 * starts on the same day, same village and role, in ONE batch. The statements run in order:
 *  1. end the old row (guarded: it must still be active), which frees the first-secretary slot;
 *  2. insert the successor;
 *  3. point the old row at the successor, found through the partial unique index
 *     (cadre, village, active), which holds exactly one row after step 2.
 * If any step fails (e.g. the successor already serves in this village: the unique index refuses
 * step 2), D1 rolls the whole batch back and the old assignment stays active.
 */
export async function replaceAssignment(
  ctx: ServiceContext,
  id: number,
  input: AssignmentReplaceInput,
): Promise<{ replaced: AssignmentView; successor: AssignmentView }> {
  const db = ctx.db;
  const old = await getAssignment(ctx, id);
  assertManageable(ctx, old);
  if (old.status !== "active") throw new AppError("conflict", "该驻村任务已经结束，不能再调整更换");
  if (input.date < old.startDate) throw fieldError("date", `更换日期不能早于原任务开始日期 ${old.startDate}`);
  if (input.newCadreId === old.cadreId) throw fieldError("newCadreId", "接替的干部不能是原干部本人");
  const successor = await cadreForAssignment(ctx, input.newCadreId);
  if (!successor) throw fieldError("newCadreId", "没有这名干部");
  if (old.role === "team_leader") assertLeaderRank(successor, "newCadreId");
  const t = now();
  const ended = {
    status: "replaced" as const,
    endDate: input.date,
    endReason: input.reason,
    endNote: input.note ?? null,
  };
  const successorValues = { cadreId: successor.id, villageId: old.villageId, role: old.role, startDate: input.date };
  const successorId = sql`(SELECT id FROM assignments WHERE cadre_id = ${successor.id} AND village_id = ${old.villageId} AND status = 'active')`;
  try {
    await new AuditedWrite(ctx)
      .guarded(
        db
          .update(assignments)
          .set({ ...ended, updatedAt: t })
          .where(and(eq(assignments.id, id), eq(assignments.status, "active"))),
        "该驻村任务已经结束，不能再调整更换",
      )
      .add(db.insert(assignments).values(successorValues))
      .add(db.update(assignments).set({ replacedById: successorId }).where(eq(assignments.id, id)))
      .audit({
        action: "assignment.replace",
        entity: "assignment",
        entityId: id,
        before: { status: old.status, cadreId: old.cadreId, cadreName: old.cadreName },
        after: {
          ...ended,
          successor: { ...successorValues, cadreName: successor.name, role: ASSIGNMENT_ROLE_LABELS[old.role] },
        },
      })
      .commit();
  } catch (err) {
    const conflict = uniqueConflict(err);
    if (conflict) throw new AppError("conflict", `${successor.name}在该村已有在岗的驻村任务，不能接替；原任务保持在岗`);
    throw err;
  }
  const replaced = await getAssignment(ctx, id);
  const next = replaced.replacedById
    ? await selectAssignments(ctx).where(eq(assignments.id, replaced.replacedById)).get()
    : undefined;
  if (!next) throw new AppError("internal", "更换后未找到接替的驻村任务");
  return { replaced, successor: next };
}

/** For the cadre detail page: that cadre's assignments the user may see. */
export async function assignmentsOfCadre(ctx: ServiceContext, cadreId: number): Promise<AssignmentView[]> {
  return selectAssignments(ctx)
    .where(and(eq(assignments.cadreId, cadreId), assignmentScope(ctx)))
    .orderBy(asc(sql`${assignments.status} <> 'active'`), desc(assignments.startDate))
    .all();
}

/**
 * The cadres an assignment form may name: all of the tenant's for officers, only themselves
 * for a cadre (the same scope as the cadre list).
 */
export async function cadreOptions(
  ctx: ServiceContext,
): Promise<{ id: number; name: string; unitName: string | null }[]> {
  const scope = scopeOf(ctx.user!);
  return ctx.db
    .select({ id: cadres.id, name: cadres.name, unitName: units.name })
    .from(cadres)
    .leftJoin(units, eq(units.id, cadres.unitId))
    .where(scope.kind === "cadre" ? (scope.cadreId == null ? sql`0` : eq(cadres.id, scope.cadreId)) : undefined)
    .orderBy(asc(cadres.name))
    .limit(1000)
    .all();
}
