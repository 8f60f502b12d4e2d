import { and, asc, count, eq, like, ne, sql, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { units } from "../../db/schema/tenant/people.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { offsetOf, type Page, type PageParams } from "../lib/paging.ts";
import { isUniqueViolation } from "../domain/db-errors.ts";
import type { UnitCreateInput, UnitFilterInput, UnitUpdateInput } from "./schemas.ts";

const now = () => Math.floor(Date.now() / 1000);
const nameTaken = () =>
  new AppError("conflict", "已有同名单位", { fields: [{ field: "name", message: "已有同名单位" }] });

const columns = {
  id: units.id,
  name: units.name,
  kind: units.kind,
  level: units.level,
  contact: units.contact,
  cadreCount: sql<number>`(SELECT count(*) FROM cadres c WHERE c.unit_id = units.id)`,
  createdAt: units.createdAt,
  updatedAt: units.updatedAt,
};
export type UnitView = {
  id: number;
  name: string;
  kind: (typeof units.$inferSelect)["kind"];
  level: (typeof units.$inferSelect)["level"];
  contact: string | null;
  cadreCount: number;
  createdAt: number;
  updatedAt: number;
};

/** Units are tenant-wide (a county department helps villages in many townships): every reader sees them all. */
function where(f: UnitFilterInput): SQL | undefined {
  return and(
    f.kind ? eq(units.kind, f.kind) : undefined,
    f.level ? eq(units.level, f.level) : undefined,
    f.q ? like(units.name, `%${f.q}%`) : undefined,
  );
}

export async function listUnits(ctx: ServiceContext, f: UnitFilterInput & PageParams): Promise<Page<UnitView>> {
  const w = where(f);
  const [items, total] = await Promise.all([
    ctx.db.select(columns).from(units).where(w).orderBy(asc(units.name)).limit(f.size).offset(offsetOf(f)).all(),
    ctx.db.select({ n: count() }).from(units).where(w).get(),
  ]);
  return { items, total: total?.n ?? 0, page: f.page, size: f.size };
}

export async function allUnits(ctx: ServiceContext, f: UnitFilterInput = {}): Promise<UnitView[]> {
  return ctx.db.select(columns).from(units).where(where(f)).orderBy(asc(units.name)).all();
}

/** id + name of every unit, for select boxes. */
export async function unitOptions(ctx: ServiceContext): Promise<{ id: number; name: string }[]> {
  return ctx.db.select({ id: units.id, name: units.name }).from(units).orderBy(asc(units.name)).all();
}

export async function getUnit(ctx: ServiceContext, id: number): Promise<UnitView> {
  const row = await ctx.db.select(columns).from(units).where(eq(units.id, id)).get();
  if (!row) throw new AppError("not_found", "没有这个单位");
  return row;
}

export async function createUnit(ctx: ServiceContext, input: UnitCreateInput): Promise<UnitView> {
  const db = ctx.db;
  if (await db.select({ id: units.id }).from(units).where(eq(units.name, input.name)).get()) throw nameTaken();
  const values = { name: input.name, kind: input.kind, level: input.level, contact: input.contact ?? null };
  let inserted: { id: number }[];
  try {
    [inserted] = (await new AuditedWrite(ctx)
      .add(db.insert(units).values(values).returning({ id: units.id }))
      .audit({ action: "unit.create", entity: "unit", entityId: input.name, after: values })
      .commit()) as [{ id: number }[]];
  } catch (err) {
    // Two officials entering the same unit at once: the unique index decides.
    if (isUniqueViolation(err, "units.name")) throw nameTaken();
    throw err;
  }
  return getUnit(ctx, inserted[0]!.id);
}

export async function updateUnit(ctx: ServiceContext, id: number, input: UnitUpdateInput): Promise<UnitView> {
  const before = await getUnit(ctx, id);
  const db = ctx.db;
  if (
    input.name &&
    input.name !== before.name &&
    (await db
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.name, input.name), ne(units.id, id)))
      .get())
  )
    throw nameTaken();
  const changes = {
    name: input.name ?? before.name,
    kind: input.kind ?? before.kind,
    level: input.level ?? before.level,
    contact: input.contact === undefined ? before.contact : input.contact,
  };
  await new AuditedWrite(ctx)
    .guarded(
      db
        .update(units)
        .set({ ...changes, updatedAt: now() })
        .where(and(eq(units.id, id), eq(units.updatedAt, before.updatedAt))),
      "该单位刚被他人修改，请刷新后重试",
    )
    .audit({
      action: "unit.update",
      entity: "unit",
      entityId: id,
      before: { name: before.name, kind: before.kind, level: before.level, contact: before.contact },
      after: changes,
    })
    .commit();
  return getUnit(ctx, id);
}
