import { and, asc, count, eq, inArray, isNull, like, ne, or, sql, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { phoneColumnsAt } from "../domain/pii-columns.ts";
import { cadres, units, type CadreRank } from "../../db/schema/tenant/people.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { offsetOf, type Page, type PageParams } from "../lib/paging.ts";
import { searchHashes, type PiiKeys, type PiiSlot } from "../lib/pii-crypto.ts";
import { isRowIdTaken, revealStored, withNewRowId } from "../domain/pii-fields.ts";

import { scopeOf } from "../domain/scope.ts";
import { isUniqueViolation } from "../domain/db-errors.ts";
import { normalizePhone, type CadreCreateInput, type CadreFilterInput, type CadreUpdateInput } from "./schemas.ts";

const now = () => Math.floor(Date.now() / 1000);
/** AES-GCM associated data: a phone ciphertext only decrypts in this column of this cadre's row. */
export const phoneSlot = (cadreId: number): PiiSlot => ({ table: "cadres", column: "phone", rowId: cadreId });

/** Encrypted form (bound to row `cadreId`), keyed hash and display mask of a normalised phone. */
export const phoneColumns = (keys: PiiKeys, cadreId: number, phone: string | null) =>
  phoneColumnsAt(phoneSlot(cadreId), keys, phone);

const columns = {
  id: cadres.id,
  name: cadres.name,
  unitId: cadres.unitId,
  unitName: units.name,
  position: cadres.position,
  rank: cadres.rank,
  phoneMasked: cadres.phoneMasked,
  officePhone: cadres.officePhone,
  partyMember: cadres.partyMember,
  reservePool: cadres.reservePool,
  activeAssignments: sql<number>`(SELECT count(*) FROM assignments a WHERE a.cadre_id = "cadres"."id" AND a.status = 'active')`,
  createdAt: cadres.createdAt,
  updatedAt: cadres.updatedAt,
};
export type CadreView = {
  id: number;
  name: string;
  unitId: number;
  unitName: string | null;
  position: string | null;
  rank: CadreRank | null;
  phoneMasked: string | null;
  officePhone: string | null;
  partyMember: boolean;
  reservePool: boolean;
  activeAssignments: number;
  createdAt: number;
  updatedAt: number;
};

/**
 * Who sees which cadre: a cadre-role user sees only their own record; everyone else with
 * registry.read sees the tenant's cadres (township officers pick cadres from county units
 * when they assign them to their villages).
 */
function scopeCondition(ctx: ServiceContext): SQL | undefined {
  const scope = scopeOf(ctx.user!);
  if (scope.kind === "cadre") return scope.cadreId == null ? sql`0` : eq(cadres.id, scope.cadreId);
  return undefined;
}

async function whereOf(ctx: ServiceContext, f: CadreFilterInput): Promise<SQL | undefined> {
  const parts: (SQL | undefined)[] = [scopeCondition(ctx)];
  if (f.unitId) parts.push(eq(cadres.unitId, f.unitId));
  if (f.reservePool !== undefined) parts.push(eq(cadres.reservePool, f.reservePool));
  if (f.partyMember !== undefined) parts.push(eq(cadres.partyMember, f.partyMember));
  if (f.q) {
    // A whole phone number finds its owner through the keyed hash; anything else is a name search.
    const phone = normalizePhone(f.q);
    parts.push(
      phone
        ? or(inArray(cadres.phoneHash, await searchHashes(await ctx.piiKeys(), phone)), like(cadres.name, `%${f.q}%`))
        : like(cadres.name, `%${f.q}%`),
    );
  }
  return and(...parts);
}

export async function listCadres(ctx: ServiceContext, f: CadreFilterInput & PageParams): Promise<Page<CadreView>> {
  const where = await whereOf(ctx, f);
  const db = ctx.db;
  const [items, total] = await Promise.all([
    db
      .select(columns)
      .from(cadres)
      .leftJoin(units, eq(units.id, cadres.unitId))
      .where(where)
      .orderBy(asc(units.name), asc(cadres.name), asc(cadres.id))
      .limit(f.size)
      .offset(offsetOf(f))
      .all(),
    db.select({ n: count() }).from(cadres).where(where).get(),
  ]);
  return { items, total: total?.n ?? 0, page: f.page, size: f.size };
}

export async function allCadres(ctx: ServiceContext, f: CadreFilterInput = {}): Promise<CadreView[]> {
  return ctx.db
    .select(columns)
    .from(cadres)
    .leftJoin(units, eq(units.id, cadres.unitId))
    .where(await whereOf(ctx, f))
    .orderBy(asc(units.name), asc(cadres.name), asc(cadres.id))
    .all();
}

/** A cadre the user may see, or 404 (also for other tenants' ids: they are not in this database). */
export async function getCadre(ctx: ServiceContext, id: number): Promise<CadreView> {
  const row = await ctx.db
    .select(columns)
    .from(cadres)
    .leftJoin(units, eq(units.id, cadres.unitId))
    .where(and(eq(cadres.id, id), scopeCondition(ctx)))
    .get();
  if (!row) throw new AppError("not_found", "没有这名干部，或不在您的查看范围内");
  return row;
}

async function assertUnit(ctx: ServiceContext, unitId: number) {
  const unit = await ctx.db.select({ id: units.id }).from(units).where(eq(units.id, unitId)).get();
  if (!unit)
    throw new AppError("validation_failed", "没有这个单位", {
      fields: [{ field: "unitId", message: "没有这个单位，请先登记单位" }],
    });
}

/** Duplicate detection: the same name in the same unit with the same phone (or both without one). */
async function assertNotDuplicate(
  ctx: ServiceContext,
  name: string,
  unitId: number,
  phoneHashes: string[] | null,
  exceptId?: number,
) {
  const existing = await ctx.db
    .select({ id: cadres.id })
    .from(cadres)
    .where(
      and(
        eq(cadres.name, name),
        eq(cadres.unitId, unitId),
        phoneHashes ? inArray(cadres.phoneHash, phoneHashes) : isNull(cadres.phoneHash),
        exceptId ? ne(cadres.id, exceptId) : undefined,
      ),
    )
    .get();
  if (existing) throw duplicate(existing.id);
}

function duplicate(id?: number) {
  const message = id
    ? `该干部已登记（干部编号 ${id}）：同一单位、同名、同手机号的记录已存在`
    : "该干部已登记：同一单位、同名、同手机号的记录已存在";
  return new AppError("conflict", message, { fields: [{ field: "name", message }] });
}

export async function createCadre(ctx: ServiceContext, input: CadreCreateInput): Promise<CadreView> {
  await assertUnit(ctx, input.unitId);
  const keys = await ctx.piiKeys();
  await assertNotDuplicate(ctx, input.name, input.unitId, input.phone ? await searchHashes(keys, input.phone) : null);
  // The phone's ciphertext names its row, so the row's id is reserved before the INSERT.
  const cadreId = await withNewRowId(ctx, "cadres", async (cadreId) => {
    const values = {
      id: cadreId,
      name: input.name,
      unitId: input.unitId,
      position: input.position ?? null,
      rank: input.rank ?? null,
      officePhone: input.officePhone ?? null,
      partyMember: input.partyMember ?? true,
      reservePool: input.reservePool ?? false,
      ...(await phoneColumns(keys, cadreId, input.phone ?? null)),
    };
    try {
      await new AuditedWrite(ctx)
        .add(ctx.db.insert(cadres).values(values))
        // The audit log keeps the mask, never the phone or its ciphertext.
        .audit({
          action: "cadre.create",
          entity: "cadre",
          entityId: input.name,
          after: { ...values, phoneEnc: undefined, phoneHash: undefined },
        })
        .commit();
    } catch (err) {
      if (isUniqueViolation(err) && !isRowIdTaken(err, "cadres")) throw duplicate();
      throw err;
    }
    return cadreId;
  });
  return getCadre(ctx, cadreId);
}

export async function updateCadre(ctx: ServiceContext, id: number, input: CadreUpdateInput): Promise<CadreView> {
  const before = await getCadre(ctx, id);
  const db = ctx.db;
  const raw = await db.select({ phoneHash: cadres.phoneHash }).from(cadres).where(eq(cadres.id, id)).get();
  const unitId = input.unitId ?? before.unitId;
  if (input.unitId !== undefined && input.unitId !== before.unitId) await assertUnit(ctx, input.unitId);
  const keys = await ctx.piiKeys();
  const phone = input.phone === undefined ? undefined : await phoneColumns(keys, id, input.phone);
  const name = input.name ?? before.name;
  const phoneHashes =
    input.phone === undefined
      ? raw?.phoneHash
        ? [raw.phoneHash]
        : null
      : input.phone
        ? await searchHashes(keys, input.phone)
        : null;
  await assertNotDuplicate(ctx, name, unitId, phoneHashes, id);
  const changes = {
    name,
    unitId,
    position: input.position === undefined ? before.position : input.position,
    rank: input.rank === undefined ? before.rank : input.rank,
    officePhone: input.officePhone === undefined ? before.officePhone : input.officePhone,
    partyMember: input.partyMember ?? before.partyMember,
    reservePool: input.reservePool ?? before.reservePool,
    ...(phone ?? {}),
  };
  try {
    await new AuditedWrite(ctx)
      .guarded(
        db
          .update(cadres)
          .set({ ...changes, updatedAt: now() })
          .where(and(eq(cadres.id, id), eq(cadres.updatedAt, before.updatedAt))),
        "该干部信息刚被他人修改，请刷新后重试",
      )
      .audit({
        action: "cadre.update",
        entity: "cadre",
        entityId: id,
        before: {
          name: before.name,
          unitId: before.unitId,
          position: before.position,
          rank: before.rank,
          phoneMasked: before.phoneMasked,
          officePhone: before.officePhone,
          partyMember: before.partyMember,
          reservePool: before.reservePool,
        },
        after: { ...changes, phoneEnc: undefined, phoneHash: undefined },
      })
      .commit();
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate();
    throw err;
  }
  return getCadre(ctx, id);
}

/**
 * The whole phone number, for roles allowed to see personal data. Every reveal is audited with
 * the reason the user gave; a ciphertext that does not belong to this row is refused (409).
 */
export async function revealPhone(
  ctx: ServiceContext,
  id: number,
  reason: string,
): Promise<{ id: number; phone: string | null }> {
  const c = await getCadre(ctx, id);
  const row = await ctx.db.select({ phoneEnc: cadres.phoneEnc }).from(cadres).where(eq(cadres.id, id)).get();
  const phone = row?.phoneEnc ? await revealStored(await ctx.piiKeys(), row.phoneEnc, phoneSlot(id)) : null;
  await new AuditedWrite(ctx)
    .audit({
      action: "cadre.reveal_phone",
      entity: "cadre",
      entityId: id,
      after: { name: c.name, phoneMasked: c.phoneMasked, reason },
    })
    .commit();
  return { id, phone };
}
