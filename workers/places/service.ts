import { and, asc, count, desc, eq, like, or, sql, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import {
  counties,
  townships,
  villageGroups,
  villageIncomes,
  villages,
  type VillageTag,
} from "../../db/schema/tenant/places.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { checkDivisionCode, tenantPrefix } from "../lib/division-code.ts";
import { offsetOf, type Page, type PageParams } from "../lib/paging.ts";
import { assertTownshipInScope, scopeOf, villageCondition } from "../domain/scope.ts";
import { incomeBracket } from "./income-bracket.ts";

const now = () => Math.floor(Date.now() / 1000);
const fieldError = (field: string, message: string) =>
  new AppError("validation_failed", message, { fields: [{ field, message }] });
/** A duplicate is a conflict with what is stored (409), as when two identical creates race. */
const duplicate = (field: string, message: string) =>
  new AppError("conflict", message, { fields: [{ field, message }] });

// --- counties (city tenants only) ---

export async function listCounties(ctx: ServiceContext) {
  return ctx.db
    .select({ id: counties.id, code: counties.code, name: counties.name })
    .from(counties)
    .orderBy(asc(counties.code))
    .all();
}

export async function createCounty(ctx: ServiceContext, input: { code: string; name: string }) {
  const tenant = ctx.tenant;
  if (tenant.level !== "city") throw new AppError("conflict", "区（县）级地区本身就是一个区县，不能再添加下辖区县");
  const code = checkDivisionCode("county", input.code, tenantPrefix(tenant.level, tenant.divisionCode));
  if (!code.ok) throw fieldError("code", code.message);
  if (code.value === tenant.divisionCode) throw fieldError("code", "这是本市（州）自身的代码");
  const exists = await ctx.db.select({ id: counties.id }).from(counties).where(eq(counties.code, code.value)).get();
  if (exists) throw duplicate("code", "该区划代码已存在");
  const [rows] = (await new AuditedWrite(ctx)
    .add(
      ctx.db
        .insert(counties)
        .values({ code: code.value, name: input.name })
        .returning({ id: counties.id, code: counties.code, name: counties.name }),
    )
    .audit({
      action: "county.create",
      entity: "county",
      entityId: code.value,
      after: { code: code.value, name: input.name },
    })
    .commit()) as [{ id: number; code: string; name: string }[]];
  return rows[0]!;
}

// --- townships ---

export async function listTownships(ctx: ServiceContext) {
  const scope = scopeOf(ctx.user!);
  const where = scope.kind === "township" ? eq(townships.code, scope.townshipCode) : undefined;
  return ctx.db
    .select({
      id: townships.id,
      code: townships.code,
      name: townships.name,
      countyCode: townships.countyCode,
      villageCount: sql<number>`(SELECT count(*) FROM villages v WHERE v.township_code = townships.code)`,
    })
    .from(townships)
    .where(where)
    .orderBy(asc(townships.code))
    .all();
}

export async function getTownship(ctx: ServiceContext, code: string) {
  assertTownshipInScope(scopeOf(ctx.user!), code);
  const row = await ctx.db.select().from(townships).where(eq(townships.code, code)).get();
  if (!row) throw new AppError("not_found", "没有这个乡镇");
  return row;
}

export async function createTownship(
  ctx: ServiceContext,
  input: { code: string; name: string; countyCode?: string | undefined },
) {
  const tenant = ctx.tenant;
  const db = ctx.db;
  let parent = tenant.divisionCode;
  let countyCode: string | null = null;
  if (tenant.level === "city") {
    if (!input.countyCode) throw fieldError("countyCode", "市（州）级地区的乡镇须指定所属区县");
    const county = await db.select().from(counties).where(eq(counties.code, input.countyCode)).get();
    if (!county) throw fieldError("countyCode", "没有这个区县，请先添加区县");
    parent = county.code;
    countyCode = county.code;
  }
  const code = checkDivisionCode("township", input.code, parent);
  if (!code.ok) throw fieldError("code", code.message);
  if (await db.select({ id: townships.id }).from(townships).where(eq(townships.code, code.value)).get())
    throw duplicate("code", "该区划代码已存在");
  const values = { code: code.value, name: input.name, countyCode };
  const [rows] = (await new AuditedWrite(ctx)
    .add(db.insert(townships).values(values).returning())
    .audit({ action: "township.create", entity: "township", entityId: code.value, after: values })
    .commit()) as [(typeof townships.$inferSelect)[]];
  return rows[0]!;
}

export async function renameTownship(ctx: ServiceContext, code: string, name: string) {
  const before = await getTownship(ctx, code);
  await new AuditedWrite(ctx)
    .add(ctx.db.update(townships).set({ name, updatedAt: now() }).where(eq(townships.code, code)))
    .audit({
      action: "township.update",
      entity: "township",
      entityId: code,
      before: { name: before.name },
      after: { name },
    })
    .commit();
  return { ...before, name };
}

// --- villages ---

const villageColumns = {
  id: villages.id,
  code: villages.code,
  name: villages.name,
  townshipCode: villages.townshipCode,
  townshipName: townships.name,
  tags: villages.tags,
  notes: villages.notes,
  latitude: villages.latitude,
  longitude: villages.longitude,
  latestYear: sql<number | null>`(SELECT max(year) FROM village_incomes i WHERE i.village_id = "villages"."id")`,
  latestIncomeFen: sql<
    number | null
  >`(SELECT income_fen FROM village_incomes i WHERE i.village_id = "villages"."id" ORDER BY year DESC LIMIT 1)`,
};

type VillageRow = {
  id: number;
  code: string;
  name: string;
  townshipCode: string;
  townshipName: string | null;
  tags: VillageTag[];
  notes: string | null;
  latitude: number | null;
  longitude: number | null;
  latestYear: number | null;
  latestIncomeFen: number | null;
};

function present(r: VillageRow) {
  const { latestYear, latestIncomeFen, ...rest } = r;
  return {
    ...rest,
    latestIncome:
      latestYear != null && latestIncomeFen != null
        ? { year: latestYear, incomeFen: latestIncomeFen, bracket: incomeBracket(latestIncomeFen) }
        : null,
  };
}

export type VillageView = ReturnType<typeof present>;

export interface VillageFilter {
  townshipCode?: string | undefined;
  tag?: VillageTag | undefined;
  q?: string | undefined;
}

function villageWhere(ctx: ServiceContext, f: VillageFilter): SQL | undefined {
  const where: (SQL | undefined)[] = [villageCondition(scopeOf(ctx.user!))];
  if (f.townshipCode) where.push(eq(villages.townshipCode, f.townshipCode));
  if (f.tag) where.push(sql`EXISTS (SELECT 1 FROM json_each(${villages.tags}) WHERE value = ${f.tag})`);
  if (f.q) where.push(or(like(villages.name, `%${f.q}%`), like(villages.code, `${f.q}%`)));
  return and(...where);
}

export async function listVillages(ctx: ServiceContext, f: VillageFilter & PageParams): Promise<Page<VillageView>> {
  const where = villageWhere(ctx, f);
  const db = ctx.db;
  const [rows, total] = await Promise.all([
    db
      .select(villageColumns)
      .from(villages)
      .leftJoin(townships, eq(townships.code, villages.townshipCode))
      .where(where)
      .orderBy(asc(villages.code))
      .limit(f.size)
      .offset(offsetOf(f))
      .all(),
    db.select({ n: count() }).from(villages).where(where).get(),
  ]);
  return { items: rows.map(present), total: total?.n ?? 0, page: f.page, size: f.size };
}

/** Every village in scope matching the filter, for CSV export. */
export async function allVillages(ctx: ServiceContext, f: VillageFilter): Promise<VillageView[]> {
  const rows = await ctx.db
    .select(villageColumns)
    .from(villages)
    .leftJoin(townships, eq(townships.code, villages.townshipCode))
    .where(villageWhere(ctx, f))
    .orderBy(asc(villages.code))
    .all();
  return rows.map(present);
}

/** A village in the user's scope, or 404 (also for other tenants' codes: they are not in this database). */
export async function getVillage(ctx: ServiceContext, code: string) {
  const db = ctx.db;
  const row = await db
    .select(villageColumns)
    .from(villages)
    .leftJoin(townships, eq(townships.code, villages.townshipCode))
    .where(and(eq(villages.code, code), villageCondition(scopeOf(ctx.user!))))
    .get();
  if (!row) throw new AppError("not_found", "没有这个村（社区），或不在您的管辖范围内");
  const [groups, incomes] = await Promise.all([
    db
      .select({ id: villageGroups.id, name: villageGroups.name })
      .from(villageGroups)
      .where(eq(villageGroups.villageId, row.id))
      .orderBy(asc(villageGroups.name))
      .all(),
    db
      .select({ year: villageIncomes.year, incomeFen: villageIncomes.incomeFen })
      .from(villageIncomes)
      .where(eq(villageIncomes.villageId, row.id))
      .orderBy(desc(villageIncomes.year))
      .all(),
  ]);
  return { ...present(row), groups, incomes: incomes.map((i) => ({ ...i, bracket: incomeBracket(i.incomeFen) })) };
}

export async function createVillage(
  ctx: ServiceContext,
  input: {
    code: string;
    name: string;
    tags?: VillageTag[] | undefined;
    notes?: string | undefined;
    latitude?: number | null | undefined;
    longitude?: number | null | undefined;
  },
) {
  const db = ctx.db;
  const raw = input.code.trim();
  const township = /^\d{12}$/.test(raw)
    ? await db
        .select()
        .from(townships)
        .where(eq(townships.code, raw.slice(0, 9)))
        .get()
    : undefined;
  const code = checkDivisionCode("village", raw, township?.code ?? raw.slice(0, 9));
  if (!code.ok) throw fieldError("code", code.message);
  if (!township) throw fieldError("code", `村代码的前 9 位 ${raw.slice(0, 9)} 不是本地区已登记的乡镇`);
  assertTownshipInScope(scopeOf(ctx.user!), township.code);
  if (await db.select({ id: villages.id }).from(villages).where(eq(villages.code, code.value)).get())
    throw duplicate("code", "该区划代码已存在");
  const values = {
    code: code.value,
    name: input.name,
    townshipCode: township.code,
    tags: [...new Set(input.tags ?? [])],
    notes: input.notes ?? null,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
  };
  await new AuditedWrite(ctx)
    .add(db.insert(villages).values(values))
    .audit({ action: "village.create", entity: "village", entityId: code.value, after: values })
    .commit();
  return getVillage(ctx, code.value);
}

export async function updateVillage(
  ctx: ServiceContext,
  code: string,
  input: {
    name?: string | undefined;
    tags?: VillageTag[] | undefined;
    notes?: string | null | undefined;
    latitude?: number | null | undefined;
    longitude?: number | null | undefined;
  },
) {
  const before = await getVillage(ctx, code);
  // Coordinates change together (the schema requires both or neither); absent keeps them.
  const located = input.latitude !== undefined || input.longitude !== undefined;
  const changes = {
    name: input.name ?? before.name,
    tags: input.tags ? [...new Set(input.tags)] : before.tags,
    notes: input.notes === undefined ? before.notes : input.notes,
    latitude: located ? (input.latitude ?? null) : before.latitude,
    longitude: located ? (input.longitude ?? null) : before.longitude,
    updatedAt: now(),
  };
  await new AuditedWrite(ctx)
    .add(ctx.db.update(villages).set(changes).where(eq(villages.code, code)))
    .audit({
      action: "village.update",
      entity: "village",
      entityId: code,
      before: {
        name: before.name,
        tags: before.tags,
        notes: before.notes,
        latitude: before.latitude,
        longitude: before.longitude,
      },
      after: changes,
    })
    .commit();
  return getVillage(ctx, code);
}

export async function setVillageIncome(ctx: ServiceContext, code: string, year: number, incomeFen: number) {
  const village = await getVillage(ctx, code);
  const before = village.incomes.find((i) => i.year === year);
  await new AuditedWrite(ctx)
    .add(
      ctx.db
        .insert(villageIncomes)
        .values({ villageId: village.id, year, incomeFen })
        .onConflictDoUpdate({
          target: [villageIncomes.villageId, villageIncomes.year],
          set: { incomeFen, updatedAt: now() },
        }),
    )
    .audit({
      action: "village.income",
      entity: "village",
      entityId: code,
      before: before ? { year, incomeFen: before.incomeFen } : undefined,
      after: { year, incomeFen },
    })
    .commit();
  return { year, incomeFen, bracket: incomeBracket(incomeFen) };
}

export async function addVillageGroup(ctx: ServiceContext, code: string, name: string) {
  const village = await getVillage(ctx, code);
  if (village.groups.some((g) => g.name === name)) throw duplicate("name", "该村已有同名小组，不能重复添加");
  const [rows] = (await new AuditedWrite(ctx)
    .add(
      ctx.db
        .insert(villageGroups)
        .values({ villageId: village.id, name })
        .returning({ id: villageGroups.id, name: villageGroups.name }),
    )
    .audit({ action: "village_group.create", entity: "village", entityId: code, after: { group: name } })
    .commit()) as [{ id: number; name: string }[]];
  return rows[0]!;
}
