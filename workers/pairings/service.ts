import { and, asc, count, desc, eq, inArray, getTableColumns, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { ServiceContext } from "../domain/service-context.ts";
import { pairings, type PairingKind } from "../../db/schema/tenant/pairings.ts";
import { households } from "../../db/schema/tenant/households.ts";
import { assignments, cadres, units } from "../../db/schema/tenant/people.ts";
import { townships, villages } from "../../db/schema/tenant/places.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { offsetOf, type Page, type PageParams } from "../lib/paging.ts";
import { scopeOf, type Scope } from "../domain/scope.ts";
import { isUniqueViolation } from "../domain/db-errors.ts";
import { getSettings } from "../settings/service.ts";

import { searchHashes } from "../lib/pii-crypto.ts";
import { validateIdNumber } from "../lib/id-number.ts";
import {
  HOUSEHOLD_STATUS_LABELS,
  PAIRING_KIND_LABELS,
  UNIT_KIND_LABELS,
  PAIRING_SIDE_LABELS,
  VILLAGE_TAG_LABELS,
} from "../../web/i18n/zh-CN.ts";
import {
  hasAnyTag,
  NOT_A_STRONG_VILLAGE,
  PAIRING_SIDES,
  POOR_VILLAGE_TAGS,
  STILL_POOR,
  type SideField,
} from "./rules.ts";
import type {
  PairingCreateInput,
  PairingEndInput,
  PairingFilterInput,
  PairingHandoverInput,
  PairingUpdateInput,
} from "./schemas.ts";

const now = () => Math.floor(Date.now() / 1000);
const fieldError = (field: string, message: string) =>
  new AppError("validation_failed", message, { fields: [{ field, message }] });

const helperVillage = alias(villages, "helper_village");
const helpedVillage = alias(villages, "helped_village");
const householdVillage = alias(villages, "household_village");

const columns = {
  id: pairings.id,
  kind: pairings.kind,
  status: pairings.status,
  helperUnitId: pairings.helperUnitId,
  helperUnitName: units.name,
  helperCadreId: pairings.helperCadreId,
  helperCadreName: cadres.name,
  helperCadreUnitName: sql<string | null>`(SELECT u.name FROM units u WHERE u.id = "cadres"."unit_id")`,
  helperVillageId: pairings.helperVillageId,
  helperVillageCode: helperVillage.code,
  helperVillageName: helperVillage.name,
  villageId: sql<number | null>`coalesce(${pairings.villageId}, ${households.villageId})`,
  villageCode: sql<string | null>`coalesce(${helpedVillage.code}, ${householdVillage.code})`,
  villageName: sql<string | null>`coalesce(${helpedVillage.name}, ${householdVillage.name})`,
  householdId: pairings.householdId,
  householdHeadName: households.headName,
  householdStatus: households.status,
  townshipCode: sql<string | null>`coalesce(${helpedVillage.townshipCode}, ${householdVillage.townshipCode})`,
  townshipName: townships.name,
  /** Tags of the helped village (internal: used by the rules, never shown publicly from here). */
  villageTags: helpedVillage.tags,
  startDate: pairings.startDate,
  endDate: pairings.endDate,
  letterRef: pairings.letterRef,
  notes: pairings.notes,
  endReason: pairings.endReason,
  handedOverToId: pairings.handedOverToId,
};

function selectPairings(ctx: ServiceContext) {
  return ctx.db
    .select(columns)
    .from(pairings)
    .leftJoin(units, eq(units.id, pairings.helperUnitId))
    .leftJoin(cadres, eq(cadres.id, pairings.helperCadreId))
    .leftJoin(helperVillage, eq(helperVillage.id, pairings.helperVillageId))
    .leftJoin(helpedVillage, eq(helpedVillage.id, pairings.villageId))
    .leftJoin(households, eq(households.id, pairings.householdId))
    .leftJoin(householdVillage, eq(householdVillage.id, households.villageId))
    .leftJoin(
      townships,
      sql`${townships.code} = coalesce(${helpedVillage.townshipCode}, ${householdVillage.townshipCode})`,
    );
}

export type PairingView = Awaited<ReturnType<ReturnType<typeof selectPairings>["all"]>>[number];

/** The township a pairing belongs to is that of the helped village or of the helped household's village. */
function inTownship(townshipCode: string): SQL {
  return sql`(${pairings.villageId} IN (SELECT id FROM villages WHERE township_code = ${townshipCode})
    OR ${pairings.householdId} IN (SELECT h.id FROM households h JOIN villages v ON v.id = h.village_id WHERE v.township_code = ${townshipCode}))`;
}

/** Which pairings a user sees: a cadre only their own, a township officer those in the township. */
export function pairingScope(scope: Scope): SQL | undefined {
  if (scope.kind === "cadre") return scope.cadreId == null ? sql`0` : eq(pairings.helperCadreId, scope.cadreId);
  if (scope.kind === "township") return inTownship(scope.townshipCode);
  return undefined;
}

function whereOf(ctx: ServiceContext, f: PairingFilterInput): SQL | undefined {
  return and(
    pairingScope(scopeOf(ctx.user!)),
    f.kind ? eq(pairings.kind, f.kind) : undefined,
    f.status ? eq(pairings.status, f.status) : undefined,
    f.cadreId ? eq(pairings.helperCadreId, f.cadreId) : undefined,
    // A unit's pairings include those of its cadres (1+N: the unit's cadres each take households).
    f.unitId
      ? sql`(${pairings.helperUnitId} = ${f.unitId} OR ${pairings.helperCadreId} IN (SELECT id FROM cadres WHERE unit_id = ${f.unitId}))`
      : undefined,
    f.villageId
      ? sql`(${pairings.villageId} = ${f.villageId} OR ${pairings.helperVillageId} = ${f.villageId} OR ${pairings.householdId} IN (SELECT id FROM households WHERE village_id = ${f.villageId}))`
      : undefined,
    f.householdId ? eq(pairings.householdId, f.householdId) : undefined,
  );
}

export async function listPairings(
  ctx: ServiceContext,
  f: PairingFilterInput & PageParams,
): Promise<Page<PairingView>> {
  const where = whereOf(ctx, f);
  const [items, total] = await Promise.all([
    selectPairings(ctx)
      .where(where)
      .orderBy(asc(pairings.status), desc(pairings.startDate), desc(pairings.id))
      .limit(f.size)
      .offset(offsetOf(f))
      .all(),
    ctx.db.select({ n: count() }).from(pairings).where(where).get(),
  ]);
  return { items, total: total?.n ?? 0, page: f.page, size: f.size };
}

export async function allPairings(ctx: ServiceContext, f: PairingFilterInput): Promise<PairingView[]> {
  return selectPairings(ctx)
    .where(whereOf(ctx, f))
    .orderBy(asc(pairings.kind), desc(pairings.startDate), desc(pairings.id))
    .all();
}

/** A pairing in the user's scope, or 404 (other tenants' ids are simply not in this database). */
export async function getPairing(ctx: ServiceContext, id: number): Promise<PairingView> {
  const row = await selectPairings(ctx)
    .where(and(eq(pairings.id, id), pairingScope(scopeOf(ctx.user!))))
    .get();
  if (!row) throw new AppError("not_found", "没有这个结对记录，或不在您的管辖范围内");
  return row;
}

// --- sides ---

const notFound = (field: SideField) => fieldError(field, `没有这个${PAIRING_SIDE_LABELS[field]}，或不在您的管辖范围内`);

/**
 * Villages a cadre may pair in: those they are resident in (active assignment). A cadre's own
 * pairings widen what they may read (workers/domain/scope.ts), so a write is checked against
 * this narrower, assignment-based scope: creating a record never widens what its creator sees.
 */
async function cadreResidentVillageIds(ctx: ServiceContext, cadreId: number | null): Promise<Set<number>> {
  if (cadreId == null) return new Set();
  const rows = await ctx.db
    .select({ villageId: assignments.villageId })
    .from(assignments)
    .where(and(eq(assignments.cadreId, cadreId), eq(assignments.status, "active")))
    .all();
  return new Set(rows.map((r) => r.villageId));
}

/** Checks that each side exists in this tenant (and, for the helped side, in the user's scope). */
async function checkSides(ctx: ServiceContext, input: PairingCreateInput, scope: Scope) {
  const db = ctx.db;
  const sides = PAIRING_SIDES[input.kind];
  const township = scope.kind === "township" ? scope.townshipCode : null;
  const resident = scope.kind === "cadre" ? await cadreResidentVillageIds(ctx, scope.cadreId) : null;
  if (input.helperUnitId !== undefined) {
    const unit = await db
      .select({ id: units.id, kind: units.kind, name: units.name })
      .from(units)
      .where(eq(units.id, input.helperUnitId))
      .get();
    if (!unit) throw notFound("helperUnitId");
    if (sides.unitKinds && !sides.unitKinds.includes(unit.kind)) {
      throw fieldError(
        "helperUnitId",
        `${PAIRING_KIND_LABELS[input.kind]}的帮扶方须是企业（${sides.unitKinds.map((k) => UNIT_KIND_LABELS[k]).join("或")}），“${unit.name}”是${UNIT_KIND_LABELS[unit.kind]}`,
      );
    }
  }
  if (input.helperCadreId !== undefined) {
    if (!(await db.select({ id: cadres.id }).from(cadres).where(eq(cadres.id, input.helperCadreId)).get()))
      throw notFound("helperCadreId");
  }
  if (input.helperVillageId !== undefined) {
    const helper = await db
      .select({ id: villages.id, name: villages.name, tags: villages.tags })
      .from(villages)
      .where(eq(villages.id, input.helperVillageId))
      .get();
    if (!helper) throw notFound("helperVillageId");
    if (input.kind === "village_village" && hasAnyTag(helper.tags, NOT_A_STRONG_VILLAGE))
      throw fieldError(
        "helperVillageId",
        `强村带弱村的帮扶村须是强村：“${helper.name}”被标记为${helper.tags
          .filter((t) => (NOT_A_STRONG_VILLAGE as readonly string[]).includes(t))
          .map((t) => VILLAGE_TAG_LABELS[t])
          .join("、")}，不能作为帮扶村`,
      );
    if (input.kind === "village_village" && input.helperVillageId === input.villageId)
      throw fieldError("helperVillageId", "帮扶村和被帮扶村不能是同一个村");
  }
  if (input.villageId !== undefined) {
    const v = await db
      .select({ id: villages.id, townshipCode: villages.townshipCode })
      .from(villages)
      .where(eq(villages.id, input.villageId))
      .get();
    if (!v || (township && v.townshipCode !== township) || (resident && !resident.has(v.id)))
      throw notFound("villageId");
  }
  let household: { id: number; status: string; headName: string } | undefined;
  if (input.householdId !== undefined) {
    const h = await db
      .select({
        id: households.id,
        status: households.status,
        headName: households.headName,
        villageId: households.villageId,
        townshipCode: villages.townshipCode,
      })
      .from(households)
      .innerJoin(villages, eq(villages.id, households.villageId))
      .where(eq(households.id, input.householdId))
      .get();
    if (!h || (township && h.townshipCode !== township) || (resident && !resident.has(h.villageId)))
      throw notFound("householdId");
    household = h;
  }
  return { household };
}

async function activeCount(ctx: ServiceContext, cadreId: number): Promise<number> {
  const row = await ctx.db
    .select({ n: count() })
    .from(pairings)
    .where(
      and(eq(pairings.helperCadreId, cadreId), eq(pairings.kind, "cadre_household"), eq(pairings.status, "active")),
    )
    .get();
  return row?.n ?? 0;
}

const ONE_STRONG_MESSAGE = (helper: string | null) =>
  `该村已有在结对的帮扶强村${helper ? `（${helper}）` : ""}：强村带弱村一强带一弱，一个村只能有一个帮扶强村；如需更换，请先结束原结对`;
const capMessage = (n: number, cap: number) =>
  `该干部已结对 ${n} 户，达到每名干部最多结对 ${cap} 户的上限（可在“设置”中调整）`;
const responsibleMessage = (name: string | null) =>
  `该户已有在结对的帮扶责任人${name ? `（${name}）` : ""}，一户只能有一名帮扶责任人；如需更换，请办理移交`;

async function responsibleOf(ctx: ServiceContext, householdId: number) {
  return ctx.db
    .select({ id: pairings.id, cadreName: cadres.name })
    .from(pairings)
    .leftJoin(cadres, eq(cadres.id, pairings.helperCadreId))
    .where(
      and(eq(pairings.householdId, householdId), eq(pairings.kind, "cadre_household"), eq(pairings.status, "active")),
    )
    .get();
}

/** SQL that is true while the cadre has fewer than `cap` active household pairings. */
const underCap = (cadreId: number, cap: number) =>
  sql`(SELECT count(*) FROM pairings WHERE helper_cadre_id = ${cadreId} AND kind = 'cadre_household' AND status = 'active') < ${cap}`;

type NewPairing = { kind: PairingKind; startDate: string; letterRef?: string | null; notes?: string | null } & Partial<
  Record<SideField, number | null>
>;

/**
 * `INSERT INTO pairings (…) SELECT … WHERE <condition>`: the household cap is checked inside the
 * very statement that inserts, so two concurrent requests cannot both take the last place.
 * Values are listed in the table's own column order (drizzle inserts every column).
 */
function insertPairingWhere(ctx: ServiceContext, values: NewPairing, condition: SQL) {
  const record = values as Record<string, string | number | null | undefined>;
  const list = Object.keys(getTableColumns(pairings)).map((key) => {
    if (key === "createdAt" || key === "updatedAt") return sql`unixepoch()`;
    if (key === "status") return sql`'active'`;
    const v = record[key];
    return v === undefined || v === null ? sql`NULL` : sql`${v}`;
  });
  return ctx.db
    .insert(pairings)
    .select(sql`SELECT ${sql.join(list, sql`, `)} WHERE ${condition}`)
    .returning({ id: pairings.id });
}

export async function createPairing(ctx: ServiceContext, input: PairingCreateInput): Promise<PairingView> {
  const scope = scopeOf(ctx.user!);
  if (scope.kind === "cadre" && (input.helperCadreId === undefined || input.helperCadreId !== scope.cadreId)) {
    throw new AppError("forbidden", "干部只能登记本人作为帮扶方的结对，不能为他人或单位登记结对");
  }
  const { household } = await checkSides(ctx, input, scope);
  const values: NewPairing = {
    kind: input.kind,
    helperUnitId: input.helperUnitId ?? null,
    helperCadreId: input.helperCadreId ?? null,
    helperVillageId: input.helperVillageId ?? null,
    villageId: input.villageId ?? null,
    householdId: input.householdId ?? null,
    startDate: input.startDate,
    letterRef: input.letterRef ?? null,
    notes: input.notes ?? null,
  };
  const w = new AuditedWrite(ctx);
  if (input.kind === "cadre_household") {
    const existing = await responsibleOf(ctx, household!.id);
    if (existing) throw new AppError("conflict", responsibleMessage(existing.cadreName));
    const { householdCapPerCadre: cap } = await getSettings(ctx);
    const n = await activeCount(ctx, input.helperCadreId!);
    if (n >= cap) throw new AppError("conflict", capMessage(n, cap));
    w.guarded(
      insertPairingWhere(ctx, values, underCap(input.helperCadreId!, cap)),
      `该干部结对户数已达到每名干部最多结对 ${cap} 户的上限（可在“设置”中调整）`,
    );
  } else {
    const sides = PAIRING_SIDES[input.kind];
    const helper = values[sides.helper] as number;
    const same = await ctx.db
      .select({ id: pairings.id })
      .from(pairings)
      .where(
        and(
          eq(pairings.kind, input.kind),
          eq(pairings.status, "active"),
          sql`${pairings[sides.helper]} = ${helper}`,
          eq(pairings.villageId, input.villageId!),
        ),
      )
      .get();
    if (same) throw new AppError("conflict", `已有相同的${PAIRING_KIND_LABELS[input.kind]}结对（编号 ${same.id}）`);
    if (input.kind === "village_village") {
      // 一强带一弱 (seed 004): checked again inside the insert, so two concurrent requests cannot both pass.
      const taken = await ctx.db
        .select({ id: pairings.id, helper: villages.name })
        .from(pairings)
        .leftJoin(villages, eq(villages.id, pairings.helperVillageId))
        .where(
          and(
            eq(pairings.kind, "village_village"),
            eq(pairings.status, "active"),
            eq(pairings.villageId, input.villageId!),
          ),
        )
        .get();
      if (taken) throw new AppError("conflict", ONE_STRONG_MESSAGE(taken.helper));
      w.guarded(
        insertPairingWhere(
          ctx,
          values,
          sql`NOT EXISTS (SELECT 1 FROM pairings WHERE kind = 'village_village' AND status = 'active' AND village_id = ${input.villageId!})`,
        ),
        ONE_STRONG_MESSAGE(null),
      );
    } else w.add(ctx.db.insert(pairings).values(values).returning({ id: pairings.id }));
  }
  let id: number;
  try {
    const [rows] = (await w.audit({ action: "pairing.create", entity: "pairing", after: values }).commit()) as [
      { id: number }[],
    ];
    id = rows[0]!.id;
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("conflict", responsibleMessage(null));
    throw err;
  }
  return getPairing(ctx, id);
}

export async function updatePairing(ctx: ServiceContext, id: number, input: PairingUpdateInput): Promise<PairingView> {
  const before = await getPairing(ctx, id);
  const changes = {
    letterRef: input.letterRef === undefined ? before.letterRef : input.letterRef,
    notes: input.notes === undefined ? before.notes : input.notes,
  };
  await new AuditedWrite(ctx)
    .add(
      ctx.db
        .update(pairings)
        .set({ ...changes, updatedAt: now() })
        .where(eq(pairings.id, id)),
    )
    .audit({
      action: "pairing.update",
      entity: "pairing",
      entityId: id,
      before: { letterRef: before.letterRef, notes: before.notes },
      after: changes,
    })
    .commit();
  return getPairing(ctx, id);
}

/** Why a still-poor household's cadre pairing cannot simply end (不脱贫不脱钩). */
export function cannotEndReason(
  p: Pick<PairingView, "kind" | "status" | "householdStatus" | "villageTags">,
): string | null {
  if (p.status !== "active") return "该结对已结束或已移交";
  if (p.kind === "unit_village" && hasAnyTag(p.villageTags, POOR_VILLAGE_TAGS))
    return "该村是贫困村，按“不脱贫不脱钩”的要求单位包村结对不能直接结束，只能移交给其他单位";
  if (
    p.kind === "cadre_household" &&
    p.householdStatus &&
    (STILL_POOR as readonly string[]).includes(p.householdStatus)
  ) {
    return `该户目前为“${HOUSEHOLD_STATUS_LABELS[p.householdStatus as keyof typeof HOUSEHOLD_STATUS_LABELS]}”，按“贫困户不脱贫、帮扶干部不脱钩”的要求不能直接结束结对，只能移交给其他干部`;
  }
  return null;
}

export async function endPairing(ctx: ServiceContext, id: number, input: PairingEndInput): Promise<PairingView> {
  const p = await getPairing(ctx, id);
  const reason = cannotEndReason(p);
  if (reason) throw new AppError("conflict", reason);
  if (input.date < p.startDate) throw fieldError("date", `结束日期不能早于开始日期 ${p.startDate}`);
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(pairings)
        .set({ status: "ended", endDate: input.date, endReason: input.reason, updatedAt: now() })
        // Guarded on the state *and* on the household: a household that became poor again
        // between the check above and this statement keeps its cadre.
        .where(
          and(
            eq(pairings.id, id),
            eq(pairings.status, "active"),
            sql`(${pairings.kind} <> 'cadre_household' OR ${pairings.householdId} IN (SELECT id FROM households WHERE status NOT IN ('poor', 'monitored')))`,
            sql`(${pairings.kind} <> 'unit_village' OR ${pairings.villageId} NOT IN (SELECT v.id FROM villages v, json_each(v.tags) t WHERE t.value IN ('poor', 'deeply_poor')))`,
          ),
        ),
      "该结对已结束或已移交，或该户尚未脱贫、该村仍是贫困村，不能结束",
    )
    .audit({
      action: "pairing.end",
      entity: "pairing",
      entityId: id,
      before: { status: "active" },
      after: { status: "ended", endDate: input.date, endReason: input.reason },
    })
    .commit();
  return getPairing(ctx, id);
}

/**
 * Hands a household over to another cadre in one step: the old pairing ends (handed_over) and
 * the new one starts in the same batch, both guarded (old still active; new cadre under the cap).
 */
export async function handoverPairing(
  ctx: ServiceContext,
  id: number,
  input: PairingHandoverInput,
): Promise<{ previous: PairingView; current: PairingView }> {
  const scope = scopeOf(ctx.user!);
  if (scope.kind === "cadre") throw new AppError("forbidden", "移交结对须由帮扶办或乡镇办理");
  const p = await getPairing(ctx, id);
  if (p.kind === "unit_village") return handoverUnitPairing(ctx, p, input);
  if (p.kind !== "cadre_household")
    throw new AppError("conflict", "只有干部结对户和贫困村的单位包村可以移交；其他类型的结对请直接结束");
  if (p.status !== "active") throw new AppError("conflict", "该结对已结束或已移交");
  if (input.toCadreId === undefined) throw fieldError("toCadreId", "请选择接手干部");
  if (input.toCadreId === p.helperCadreId) throw fieldError("toCadreId", "接手干部不能是原帮扶干部");
  if (input.date < p.startDate) throw fieldError("date", `移交日期不能早于原结对开始日期 ${p.startDate}`);
  const to = await ctx.db
    .select({ id: cadres.id, name: cadres.name })
    .from(cadres)
    .where(eq(cadres.id, input.toCadreId))
    .get();
  if (!to) throw fieldError("toCadreId", "没有这名干部");
  const { householdCapPerCadre: cap } = await getSettings(ctx);
  const n = await activeCount(ctx, to.id);
  if (n >= cap) throw new AppError("conflict", `接手干部${to.name}：${capMessage(n, cap)}`);
  const db = ctx.db;
  const householdId = p.householdId!;
  const values: NewPairing = {
    kind: "cadre_household",
    helperCadreId: to.id,
    householdId,
    startDate: input.date,
    letterRef: p.letterRef,
    notes: null,
  };
  try {
    await new AuditedWrite(ctx)
      .guarded(
        db
          .update(pairings)
          .set({ status: "handed_over", endDate: input.date, endReason: input.reason, updatedAt: now() })
          .where(and(eq(pairings.id, id), eq(pairings.status, "active"))),
        "该结对已结束或已移交",
      )
      .guarded(insertPairingWhere(ctx, values, underCap(to.id, cap)), `接手干部结对户数已达到上限 ${cap} 户`)
      .add(
        db
          .update(pairings)
          .set({
            handedOverToId: sql`(SELECT id FROM pairings WHERE household_id = ${householdId} AND kind = 'cadre_household' AND status = 'active')`,
          })
          .where(eq(pairings.id, id)),
      )
      .audit({
        action: "pairing.handover",
        entity: "pairing",
        entityId: id,
        before: { helperCadreId: p.helperCadreId, status: "active" },
        after: { toCadreId: to.id, date: input.date, reason: input.reason },
      })
      .commit();
  } catch (err) {
    if (err instanceof AppError && err.code === "conflict") {
      // Two guards share one rollback: say which one failed.
      const [fresh, taken] = await Promise.all([getPairing(ctx, id), activeCount(ctx, to.id)]);
      throw new AppError(
        "conflict",
        fresh.status !== "active"
          ? "该结对已结束或已移交"
          : taken >= cap
            ? `接手干部${to.name}：${capMessage(taken, cap)}`
            : err.message,
      );
    }
    if (isUniqueViolation(err)) throw new AppError("conflict", "该户的结对已被他人修改，请刷新后重试");
    throw err;
  }
  const previous = await getPairing(ctx, id);
  const current = previous.handedOverToId ? await getPairing(ctx, previous.handedOverToId) : previous;
  return { previous, current };
}

/** 单位包村 of a (poor) village handed over to another unit in one step: old ends, new starts. */
async function handoverUnitPairing(
  ctx: ServiceContext,
  p: PairingView,
  input: PairingHandoverInput,
): Promise<{ previous: PairingView; current: PairingView }> {
  if (p.status !== "active") throw new AppError("conflict", "该结对已结束或已移交");
  if (input.toUnitId === undefined) throw fieldError("toUnitId", "请选择接手单位");
  if (input.toUnitId === p.helperUnitId) throw fieldError("toUnitId", "接手单位不能是原帮扶单位");
  if (input.date < p.startDate) throw fieldError("date", `移交日期不能早于原结对开始日期 ${p.startDate}`);
  const db = ctx.db;
  const to = await db.select({ id: units.id }).from(units).where(eq(units.id, input.toUnitId)).get();
  if (!to) throw fieldError("toUnitId", "没有这个单位");
  const villageId = p.villageId!;
  const values: NewPairing = {
    kind: "unit_village",
    helperUnitId: to.id,
    villageId,
    startDate: input.date,
    letterRef: p.letterRef,
    notes: null,
  };
  const notPaired = sql`NOT EXISTS (SELECT 1 FROM pairings WHERE kind = 'unit_village' AND status = 'active' AND helper_unit_id = ${to.id} AND village_id = ${villageId})`;
  await new AuditedWrite(ctx)
    .guarded(
      db
        .update(pairings)
        .set({ status: "handed_over", endDate: input.date, endReason: input.reason, updatedAt: now() })
        .where(and(eq(pairings.id, p.id), eq(pairings.status, "active"))),
      "该结对已结束或已移交",
    )
    .guarded(insertPairingWhere(ctx, values, notPaired), "接手单位已与该村结对")
    .add(
      db
        .update(pairings)
        .set({
          handedOverToId: sql`(SELECT max(id) FROM pairings WHERE kind = 'unit_village' AND status = 'active' AND helper_unit_id = ${to.id} AND village_id = ${villageId})`,
        })
        .where(eq(pairings.id, p.id)),
    )
    .audit({
      action: "pairing.handover",
      entity: "pairing",
      entityId: p.id,
      before: { helperUnitId: p.helperUnitId, status: "active" },
      after: { toUnitId: to.id, date: input.date, reason: input.reason },
    })
    .commit();
  const previous = await getPairing(ctx, p.id);
  const current = previous.handedOverToId ? await getPairing(ctx, previous.handedOverToId) : previous;
  return { previous, current };
}

// --- choices for the admin forms ---

export async function formChoices(ctx: ServiceContext) {
  const db = ctx.db;
  const scope = scopeOf(ctx.user!);
  const [unitRows, cadreRows, villageRows] = await Promise.all([
    db.select({ id: units.id, name: units.name, kind: units.kind }).from(units).orderBy(asc(units.name)).all(),
    db
      .select({ id: cadres.id, name: cadres.name, unitName: units.name })
      .from(cadres)
      .leftJoin(units, eq(units.id, cadres.unitId))
      .orderBy(asc(cadres.name))
      .all(),
    db
      .select({ id: villages.id, code: villages.code, name: villages.name, townshipCode: villages.townshipCode })
      .from(villages)
      .orderBy(asc(villages.code))
      .all(),
  ]);
  return {
    units: unitRows,
    cadres: scope.kind === "cadre" ? cadreRows.filter((r) => r.id === scope.cadreId) : cadreRows,
    villages: villageRows,
    // Helped villages a township officer may pick: their own township only.
    helpedVillages:
      scope.kind === "township" ? villageRows.filter((v) => v.townshipCode === scope.townshipCode) : villageRows,
  };
}

/**
 * The household a form names: its number (编号) or the head's ID number, found through the keyed
 * hash (ID numbers are stored only encrypted). Returns the id as text for the schema, or null.
 */
export async function resolveHouseholdRef(
  ctx: ServiceContext,
  text: string | undefined,
): Promise<string | null | undefined> {
  const t = (text ?? "").trim();
  if (t === "" || /^\d{1,9}$/.test(t)) return t;
  const id = validateIdNumber(t);
  if (!id.ok) return null;
  const hashes = await searchHashes(await ctx.piiKeys(), id.value);
  const row = await ctx.db
    .select({ id: households.id })
    .from(households)
    .where(inArray(households.idNumberHash, hashes))
    .get();
  return row ? String(row.id) : null;
}
