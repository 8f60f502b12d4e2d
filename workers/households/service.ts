import { and, asc, count, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { phoneColumnsAt } from "../domain/pii-columns.ts";
import { householdMembers, households, type PovertyCause } from "../../db/schema/tenant/households.ts";
import { townships, villageGroups, villages } from "../../db/schema/tenant/places.ts";
import { householdCounts } from "../../db/schema/tenant/public-scale.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { offsetOf, type Page, type PageParams } from "../lib/paging.ts";
import {
  encryptPiiAt,
  searchHash,
  searchHashes,
  selfQueryHash,
  type PiiKeys,
  type PiiSlot,
} from "../lib/pii-crypto.ts";
import { isRowIdTaken, revealStored, withNewRowId } from "../domain/pii-fields.ts";
import { idNumberTail } from "../lib/id-number.ts";

import { householdCondition, scopeOf, villageCondition } from "../domain/scope.ts";
import { proposeForNewHousehold } from "./proposals.ts";
import { isUniqueViolation } from "../domain/db-errors.ts";
import type { HouseholdCreateInput, HouseholdFilterInput, HouseholdUpdateInput, MemberData } from "./schemas.ts";

/**
 * Where a household's ID number and phone are stored: the AES-GCM associated data, so a
 * ciphertext decrypts only in the column and row it was written for.
 */
export const idNumberSlot = (householdId: number): PiiSlot => ({
  table: "households",
  column: "id_number",
  rowId: householdId,
});
export const phoneSlot = (householdId: number): PiiSlot => ({
  table: "households",
  column: "phone",
  rowId: householdId,
});

const now = () => Math.floor(Date.now() / 1000);
const fieldError = (field: string, message: string) =>
  new AppError("validation_failed", message, { fields: [{ field, message }] });
const notFound = () => new AppError("not_found", "没有这户，或不在您的查看范围内");

/**
 * Every stored form of a household's ID number: ciphertext (bound to row `householdId`), lookup
 * hash, self-query hash, display ends. The seed and the CSV import call this too.
 */
export async function idNumberColumns(keys: PiiKeys, householdId: number, idNumber: string, headName: string) {
  return {
    idNumberEnc: await encryptPiiAt(keys, idNumber, idNumberSlot(householdId)),
    idNumberHash: await searchHash(keys, idNumber),
    selfQueryHash: await selfQueryHash(keys, headName, idNumberTail(idNumber, 6)),
    idNumberFirst4: idNumber.slice(0, 4),
    idNumberLast4: idNumber.slice(-4),
  };
}

/** Ciphertext (bound to row `householdId`), keyed hash and mask of a household's phone. */
export const phoneColumns = (keys: PiiKeys, householdId: number, phone: string | null) =>
  phoneColumnsAt(phoneSlot(householdId), keys, phone);

export const maskedId = (first4: string, last4: string) => `${first4}**********${last4}`;

const columns = {
  id: households.id,
  headName: households.headName,
  idNumberFirst4: households.idNumberFirst4,
  idNumberLast4: households.idNumberLast4,
  phoneMasked: households.phoneMasked,
  villageId: households.villageId,
  villageCode: villages.code,
  villageName: villages.name,
  townshipCode: villages.townshipCode,
  townshipName: townships.name,
  groupName: villageGroups.name,
  memberCount: households.memberCount,
  type: households.type,
  status: households.status,
  monitorKind: households.monitorKind,
  causes: households.causes,
  yearIdentified: households.yearIdentified,
  exitYear: households.exitYear,
  notes: households.notes,
  createdAt: households.createdAt,
  updatedAt: households.updatedAt,
};

type Row = Awaited<ReturnType<ReturnType<typeof selectRows>["all"]>>[number];
function selectRows(ctx: ServiceContext) {
  return ctx.db
    .select(columns)
    .from(households)
    .innerJoin(villages, eq(villages.id, households.villageId))
    .leftJoin(townships, eq(townships.code, villages.townshipCode))
    .leftJoin(villageGroups, eq(villageGroups.id, households.groupId));
}

function present(r: Row) {
  const { idNumberFirst4, idNumberLast4, ...rest } = r;
  return { ...rest, idNumberMasked: maskedId(idNumberFirst4, idNumberLast4) };
}
export type HouseholdView = ReturnType<typeof present>;

async function whereOf(ctx: ServiceContext, f: HouseholdFilterInput): Promise<SQL | undefined> {
  const parts: (SQL | undefined)[] = [householdCondition(scopeOf(ctx.user!))];
  if (f.villageCode) parts.push(eq(villages.code, f.villageCode));
  if (f.townshipCode) parts.push(eq(villages.townshipCode, f.townshipCode));
  if (f.status) parts.push(eq(households.status, f.status));
  if (f.monitorKind) parts.push(eq(households.monitorKind, f.monitorKind));
  if (f.type) parts.push(eq(households.type, f.type));
  if (f.cause) parts.push(sql`EXISTS (SELECT 1 FROM json_each(${households.causes}) WHERE value = ${f.cause})`);
  // Name search is by prefix (surname, or the whole name) over households_head_name_idx: a range
  // on the index instead of `LIKE '%q%'` over every household of the county. U+10FFFF sorts after
  // every character, so [q, q + U+10FFFF) is exactly the names starting with q.
  if (f.q) parts.push(sql`${households.headName} >= ${f.q} AND ${households.headName} < ${`${f.q}\u{10FFFF}`}`);
  // The whole ID number is found through its keyed hash; the plain number is never stored.
  // Every key of the ring: rows the re-encryption job has not reached keep an older key's hash.
  if (f.idNumber) parts.push(inArray(households.idNumberHash, await searchHashes(await ctx.piiKeys(), f.idNumber)));
  return and(...parts);
}

/**
 * A name search lists at most this many households. A surname matches a share of the whole county
 * (张 is one head in fifteen), so its matches grow with the county; walking the name index in
 * order and counting no further than this keeps the search's cost flat however big the county
 * gets. Past it the answer says so (`totalCapped`) and the page asks for a fuller name or a place.
 */
export const NAME_SEARCH_CAP = 1000;

export type HouseholdPage = Page<HouseholdView> & { totalCapped: boolean };

export async function listHouseholds(
  ctx: ServiceContext,
  f: HouseholdFilterInput & PageParams,
): Promise<HouseholdPage> {
  const where = await whereOf(ctx, f);
  if (f.q) return searchByName(ctx, f, where);
  const [rows, total] = await Promise.all([
    selectRows(ctx)
      .where(where)
      .orderBy(asc(villages.code), asc(households.headName), asc(households.id))
      .limit(f.size)
      .offset(offsetOf(f))
      .all(),
    countHouseholds(ctx, f, where),
  ]);
  return { items: rows.map(present), total, totalCapped: false, page: f.page, size: f.size };
}

/**
 * Name search: in name order (the order of households_head_name_idx, so LIMIT stops the walk
 * after one page instead of sorting every match by village), counted up to NAME_SEARCH_CAP + 1.
 */
async function searchByName(
  ctx: ServiceContext,
  f: HouseholdFilterInput & PageParams,
  where: SQL | undefined,
): Promise<HouseholdPage> {
  const offset = offsetOf(f);
  const limit = Math.min(f.size, NAME_SEARCH_CAP - offset);
  // Without a place filter the count needs no village (every household has one): the name
  // index alone answers it, without reading a thousand household rows.
  const byPlace = Boolean(f.villageCode || f.townshipCode);
  const counted = ctx.db.select({ one: sql`1` }).from(households);
  const matches = (byPlace ? counted.innerJoin(villages, eq(villages.id, households.villageId)) : counted)
    .where(where)
    .limit(NAME_SEARCH_CAP + 1)
    .as("matches");
  const [rows, n] = await Promise.all([
    limit > 0
      ? selectRows(ctx)
          .where(where)
          .orderBy(asc(households.headName), asc(households.id))
          .limit(limit)
          .offset(offset)
          .all()
      : Promise.resolve([]),
    ctx.db
      .select({ n: count() })
      .from(matches)
      .get()
      .then((r) => r?.n ?? 0),
  ]);
  return {
    items: rows.map(present),
    total: Math.min(n, NAME_SEARCH_CAP),
    totalCapped: n > NAME_SEARCH_CAP,
    page: f.page,
    size: f.size,
  };
}

/**
 * The list's total. Filters on place and status (the common ones) add up the trigger-kept
 * household_counts per village (a few hundred rows) instead of counting every household of the
 * county; other filters count the rows they select through their own index.
 */
async function countHouseholds(ctx: ServiceContext, f: HouseholdFilterInput, where: SQL | undefined): Promise<number> {
  const scope = scopeOf(ctx.user!);
  if (scope.kind !== "cadre" && !f.q && !f.idNumber && !f.monitorKind && !f.type && !f.cause) {
    const row = await ctx.db
      .select({ n: sql<number>`coalesce(sum(${householdCounts.n}), 0)` })
      .from(householdCounts)
      .innerJoin(villages, eq(villages.id, householdCounts.villageId))
      .where(
        and(
          villageCondition(scope),
          f.villageCode ? eq(villages.code, f.villageCode) : undefined,
          f.townshipCode ? eq(villages.townshipCode, f.townshipCode) : undefined,
          f.status ? eq(householdCounts.status, f.status) : undefined,
        ),
      )
      .get();
    return Number(row?.n ?? 0);
  }
  const row = await ctx.db
    .select({ n: count() })
    .from(households)
    .innerJoin(villages, eq(villages.id, households.villageId))
    .where(where)
    .get();
  return row?.n ?? 0;
}

/** Every household in scope matching the filter, for the CSV export (masked values only). */
export async function allHouseholds(ctx: ServiceContext, f: HouseholdFilterInput): Promise<HouseholdView[]> {
  const rows = await selectRows(ctx)
    .where(await whereOf(ctx, f))
    .orderBy(asc(villages.code), asc(households.headName), asc(households.id))
    .all();
  return rows.map(present);
}

/** A household in the user's scope, or 404 (other tenants' ids are not in this database at all). */
export async function getHousehold(ctx: ServiceContext, id: number): Promise<HouseholdView> {
  const row = await selectRows(ctx)
    .where(and(eq(households.id, id), householdCondition(scopeOf(ctx.user!))))
    .get();
  if (!row) throw notFound();
  return present(row);
}

export async function getHouseholdDetail(ctx: ServiceContext, id: number) {
  const h = await getHousehold(ctx, id);
  return { ...h, members: await membersOf(ctx, id) };
}

export function membersOf(ctx: ServiceContext, householdId: number) {
  return ctx.db
    .select({
      id: householdMembers.id,
      name: householdMembers.name,
      relation: householdMembers.relation,
      birthYear: householdMembers.birthYear,
    })
    .from(householdMembers)
    .where(eq(householdMembers.householdId, householdId))
    .orderBy(asc(householdMembers.id))
    .all();
}

/** The village (in the user's scope) and optional group a form names, or field errors. */
async function resolvePlace(ctx: ServiceContext, villageCode: string, groupName: string | null | undefined) {
  const village = await ctx.db
    .select({ id: villages.id, code: villages.code })
    .from(villages)
    .where(and(eq(villages.code, villageCode), villageCondition(scopeOf(ctx.user!))))
    .get();
  if (!village) throw fieldError("villageCode", "没有这个村，或不在您的管辖范围内");
  let groupId: number | null = null;
  if (groupName) {
    const group = await ctx.db
      .select({ id: villageGroups.id })
      .from(villageGroups)
      .where(and(eq(villageGroups.villageId, village.id), eq(villageGroups.name, groupName)))
      .get();
    if (!group) throw fieldError("groupName", `该村没有名为“${groupName}”的村民小组，请先在村详情页添加`);
    groupId = group.id;
  }
  return { villageId: village.id, groupId };
}

function duplicate(id?: number) {
  const message = id ? `该身份证号已登记（农户编号 ${id}）` : "该身份证号已登记";
  return new AppError("conflict", message, { fields: [{ field: "idNumber", message }] });
}

async function assertIdFree(ctx: ServiceContext, idNumberHashes: string[], exceptId?: number) {
  const hit = await ctx.db
    .select({ id: households.id })
    .from(households)
    .where(and(inArray(households.idNumberHash, idNumberHashes), exceptId ? ne(households.id, exceptId) : undefined))
    .get();
  if (hit) {
    // Only name the record when the user could see it anyway.
    const visible = await ctx.db
      .select({ id: households.id })
      .from(households)
      .where(and(eq(households.id, hit.id), householdCondition(scopeOf(ctx.user!))))
      .get();
    throw duplicate(visible?.id);
  }
}

/** What the audit log keeps of a household: masks, never the ID number, phone or their ciphertexts. */
const SECRET_COLUMNS = new Set(["idNumberEnc", "idNumberHash", "selfQueryHash", "phoneEnc", "phoneHash"]);
function auditView(v: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(v).filter(([k]) => !SECRET_COLUMNS.has(k)));
}

export async function createHousehold(ctx: ServiceContext, input: HouseholdCreateInput): Promise<HouseholdView> {
  const { villageId, groupId } = await resolvePlace(ctx, input.villageCode, input.groupName);
  const keys = await ctx.piiKeys();
  await assertIdFree(ctx, await searchHashes(keys, input.idNumber));
  const members = input.members ?? [];
  // A new registration never sets a poverty status: it starts 待认定 and the status asked for is
  // recorded as a proposed decision, which takes effect only after its 公示 (不公示不生效).
  const proposed = input.status ?? null;
  if (proposed === "exited")
    throw fieldError("status", "新登记农户不能直接登记为已脱贫：脱贫退出须对未脱贫户或监测对象提出，经公示后生效");
  const memberCount = input.memberCount ?? Math.max(1, members.length + 1);
  if (members.length + 1 > memberCount)
    throw fieldError("memberCount", `家庭人口（${memberCount}）少于户主加登记的成员（${members.length + 1}）`);
  // The ciphertexts name the row they belong to, so the row's id is reserved before the INSERT.
  const householdId = await withNewRowId(ctx, "households", async (householdId) => {
    const id = await idNumberColumns(keys, householdId, input.idNumber, input.headName);
    const values = {
      id: householdId,
      villageId,
      groupId,
      headName: input.headName,
      ...id,
      ...(await phoneColumns(keys, householdId, input.phone ?? null)),
      memberCount,
      type: input.type ?? "general",
      status: "registered" as const,
      monitorKind: null,
      causes: (input.causes ?? []) as PovertyCause[],
      yearIdentified: input.yearIdentified ?? null,
      exitYear: null,
      notes: input.notes ?? null,
    };
    const w = new AuditedWrite(ctx).add(ctx.db.insert(households).values(values));
    // The whole household, and the decision it asks for, is one batch.
    for (const m of members) {
      w.add(
        ctx.db
          .insert(householdMembers)
          .values({ householdId, name: m.name, relation: m.relation, birthYear: m.birthYear ?? null }),
      );
    }
    const proposal =
      proposed && proposed !== "registered"
        ? proposeForNewHousehold(ctx, id.idNumberHash, {
            toStatus: proposed,
            monitorKind: input.monitorKind ?? null,
            reason: "新登记农户提出的认定",
          })
        : null;
    if (proposal) w.addRaw(proposal);
    try {
      await w
        .audit({
          action: "household.create",
          entity: "household",
          entityId: maskedId(id.idNumberFirst4, id.idNumberLast4),
          after: {
            ...auditView(values),
            members: members.length,
            ...(proposal ? { proposedStatus: proposed, proposedMonitorKind: input.monitorKind ?? null } : {}),
          },
        })
        .commit();
    } catch (err) {
      if (isUniqueViolation(err) && !isRowIdTaken(err, "households")) throw duplicate();
      throw err;
    }
    return householdId;
  });
  return getHousehold(ctx, householdId);
}

export async function updateHousehold(
  ctx: ServiceContext,
  householdId: number,
  input: HouseholdUpdateInput,
): Promise<HouseholdView> {
  const before = await getHousehold(ctx, householdId);
  const db = ctx.db;
  const keys = await ctx.piiKeys();
  const headName = input.headName ?? before.headName;
  let villageId = before.villageId;
  let groupId: number | null | undefined;
  if (input.villageCode !== undefined || input.groupName !== undefined) {
    const place = await resolvePlace(
      ctx,
      input.villageCode ?? before.villageCode,
      input.groupName === undefined ? before.groupName : input.groupName,
    );
    villageId = place.villageId;
    groupId = place.groupId;
  }
  // The self-query hash binds the head's name to the ID tail: either changing recomputes it.
  let idCols: Awaited<ReturnType<typeof idNumberColumns>> | undefined;
  if (input.idNumber !== undefined || headName !== before.headName) {
    let idNumber = input.idNumber;
    if (idNumber === undefined) {
      const raw = await db
        .select({ enc: households.idNumberEnc })
        .from(households)
        .where(eq(households.id, householdId))
        .get();
      idNumber = await revealStored(keys, raw!.enc, idNumberSlot(householdId));
    }
    idCols = await idNumberColumns(keys, householdId, idNumber, headName);
    if (input.idNumber !== undefined) await assertIdFree(ctx, await searchHashes(keys, idNumber), householdId);
  }
  const phone = input.phone === undefined ? undefined : await phoneColumns(keys, householdId, input.phone);
  const memberCount = input.memberCount ?? before.memberCount;
  const memberRows = await membersOf(ctx, householdId);
  if (memberRows.length + 1 > memberCount)
    throw fieldError("memberCount", `家庭人口（${memberCount}）少于户主加已登记的成员（${memberRows.length + 1}）`);
  const changes = {
    headName,
    villageId,
    ...(groupId !== undefined ? { groupId } : {}),
    ...(idCols ?? {}),
    ...(phone ?? {}),
    memberCount,
    type: input.type ?? before.type,
    causes: (input.causes ?? before.causes) as PovertyCause[],
    yearIdentified: input.yearIdentified === undefined ? before.yearIdentified : input.yearIdentified,
    notes: input.notes === undefined ? before.notes : input.notes,
  };
  try {
    await new AuditedWrite(ctx)
      .guarded(
        db
          .update(households)
          .set({ ...changes, updatedAt: now() })
          .where(and(eq(households.id, householdId), eq(households.updatedAt, before.updatedAt))),
        "该户信息刚被他人修改，请刷新后重试",
      )
      .audit({
        action: "household.update",
        entity: "household",
        entityId: householdId,
        before: {
          headName: before.headName,
          idNumberMasked: before.idNumberMasked,
          phoneMasked: before.phoneMasked,
          villageCode: before.villageCode,
          groupName: before.groupName,
          memberCount: before.memberCount,
          type: before.type,
          causes: before.causes,
          yearIdentified: before.yearIdentified,
          notes: before.notes,
        },
        after: {
          ...auditView(changes),
          ...(idCols ? { idNumberMasked: maskedId(idCols.idNumberFirst4, idCols.idNumberLast4) } : {}),
        },
      })
      .commit();
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate();
    throw err;
  }
  return getHousehold(ctx, householdId);
}

export async function addMember(ctx: ServiceContext, householdId: number, m: MemberData) {
  const h = await getHousehold(ctx, householdId);
  const existing = await membersOf(ctx, householdId);
  if (existing.length + 1 >= 30) throw fieldError("name", "每户最多 30 人");
  const db = ctx.db;
  // Adding a member beyond the recorded size grows the household by one, in the same batch.
  const grow = existing.length + 2 > h.memberCount;
  const w = new AuditedWrite(ctx).add(
    db
      .insert(householdMembers)
      .values({ householdId, name: m.name, relation: m.relation, birthYear: m.birthYear ?? null })
      .returning({ id: householdMembers.id }),
  );
  if (grow)
    w.add(
      db
        .update(households)
        .set({ memberCount: sql`${households.memberCount} + 1`, updatedAt: now() })
        .where(eq(households.id, householdId)),
    );
  const [rows] = (await w
    .audit({
      action: "household.member_add",
      entity: "household",
      entityId: householdId,
      after: {
        name: m.name,
        relation: m.relation,
        birthYear: m.birthYear ?? null,
        memberCount: grow ? h.memberCount + 1 : h.memberCount,
      },
    })
    .commit()) as [{ id: number }[]];
  return { id: rows[0]!.id, name: m.name, relation: m.relation, birthYear: m.birthYear ?? null };
}

export async function removeMember(ctx: ServiceContext, householdId: number, memberId: number) {
  await getHousehold(ctx, householdId);
  const db = ctx.db;
  const member = await db
    .select()
    .from(householdMembers)
    .where(and(eq(householdMembers.id, memberId), eq(householdMembers.householdId, householdId)))
    .get();
  if (!member) throw new AppError("not_found", "没有这名家庭成员");
  await new AuditedWrite(ctx)
    .guarded(
      db
        .delete(householdMembers)
        .where(and(eq(householdMembers.id, memberId), eq(householdMembers.householdId, householdId))),
      "该成员已被删除",
    )
    .audit({
      action: "household.member_remove",
      entity: "household",
      entityId: householdId,
      before: { name: member.name, relation: member.relation, birthYear: member.birthYear },
    })
    .commit();
}

/**
 * The whole ID number and phone, for roles holding pii.reveal. Every reveal is audited with the
 * reason the user gave; a ciphertext that does not belong to this row is refused (409).
 */
export async function revealPii(
  ctx: ServiceContext,
  householdId: number,
  reason: string,
): Promise<{ id: number; idNumber: string; phone: string | null }> {
  const h = await getHousehold(ctx, householdId);
  const raw = await ctx.db
    .select({ idNumberEnc: households.idNumberEnc, phoneEnc: households.phoneEnc })
    .from(households)
    .where(eq(households.id, householdId))
    .get();
  const keys = await ctx.piiKeys();
  const idNumber = await revealStored(keys, raw!.idNumberEnc, idNumberSlot(householdId));
  const phone = raw!.phoneEnc ? await revealStored(keys, raw!.phoneEnc, phoneSlot(householdId)) : null;
  await new AuditedWrite(ctx)
    .audit({
      action: "household.reveal_pii",
      entity: "household",
      entityId: householdId,
      after: {
        headName: h.headName,
        idNumberMasked: h.idNumberMasked,
        fields: phone ? ["idNumber", "phone"] : ["idNumber"],
        reason,
      },
    })
    .commit();
  return { id: householdId, idNumber, phone };
}

/** Village options for the household forms (in scope), with the township name. */
export async function villageOptions(ctx: ServiceContext) {
  return ctx.db
    .select({ code: villages.code, name: villages.name, townshipName: townships.name })
    .from(villages)
    .leftJoin(townships, eq(townships.code, villages.townshipCode))
    .where(villageCondition(scopeOf(ctx.user!)))
    .orderBy(asc(villages.code))
    .limit(2000)
    .all();
}
