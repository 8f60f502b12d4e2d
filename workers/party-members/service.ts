import { and, count, desc, eq, like, sql, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { partyMembers } from "../../db/schema/tenant/reserve.ts";
import { householdMembers, households } from "../../db/schema/tenant/households.ts";
import { villages } from "../../db/schema/tenant/places.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { householdCondition, scopeOf, villageIdCondition } from "../domain/scope.ts";
import { mentionsUniqueConstraint } from "../platform/errors/unique-conflict.ts";
import { offsetOf } from "../lib/paging.ts";
import type { PartyMemberCreateInput, PartyMemberQueryInput, PartyMemberUpdateInput } from "./schemas.ts";

const now = () => Math.floor(Date.now() / 1000);
const fieldError = (field: string, message: string) =>
  new AppError("validation_failed", message, { fields: [{ field, message }] });

const columns = {
  id: partyMembers.id,
  householdId: partyMembers.householdId,
  householdMemberId: partyMembers.householdMemberId,
  name: partyMembers.name,
  relation: sql<
    string | null
  >`(SELECT relation FROM household_members m WHERE m.id = "party_members"."household_member_id")`,
  villageId: partyMembers.villageId,
  villageName: villages.name,
  townshipCode: villages.townshipCode,
  householdStatus: households.status,
  joinedOn: partyMembers.joinedOn,
  poor: partyMembers.poor,
  pioneerYear: partyMembers.pioneerYear,
  pioneerNote: partyMembers.pioneerNote,
  note: partyMembers.note,
  paidFen: sql<number>`(SELECT coalesce(sum(l.amount_fen - coalesce((SELECT sum(r.amount_fen) FROM reversals r WHERE r.line_id = l.id), 0)), 0)
    FROM batch_lines l WHERE l.recipient_kind = 'party_member' AND l.recipient_id = "party_members"."id" AND l.status = 'paid')`,
  createdAt: partyMembers.createdAt,
  updatedAt: partyMembers.updatedAt,
};

/** Party members in the user's scope: a township officer sees the villages of their township. */
function scoped(ctx: ServiceContext): SQL | undefined {
  return villageIdCondition(scopeOf(ctx.user!), partyMembers.villageId);
}

function base(ctx: ServiceContext) {
  return ctx.db
    .select(columns)
    .from(partyMembers)
    .innerJoin(villages, eq(villages.id, partyMembers.villageId))
    .innerJoin(households, eq(households.id, partyMembers.householdId));
}

export async function getPartyMember(ctx: ServiceContext, id: number) {
  const row = await base(ctx)
    .where(and(eq(partyMembers.id, id), scoped(ctx)))
    .get();
  if (!row) throw new AppError("not_found", "没有这名党员，或不在您的管辖范围内");
  return row;
}
export type PartyMemberView = Awaited<ReturnType<typeof getPartyMember>>;

export async function listPartyMembers(ctx: ServiceContext, f: PartyMemberQueryInput) {
  const where = and(
    scoped(ctx),
    f.villageId ? eq(partyMembers.villageId, f.villageId) : undefined,
    f.householdId ? eq(partyMembers.householdId, f.householdId) : undefined,
    f.only === "poor" ? eq(partyMembers.poor, true) : undefined,
    f.only === "pioneer" ? sql`${partyMembers.pioneerYear} IS NOT NULL` : undefined,
    f.q ? like(partyMembers.name, `%${f.q.replace(/[\\%_]/g, "")}%`) : undefined,
  );
  const [items, totals] = await Promise.all([
    base(ctx)
      .where(where)
      .orderBy(desc(partyMembers.poor), villages.code, partyMembers.id)
      .limit(f.size)
      .offset(offsetOf(f))
      .all(),
    ctx.db
      .select({
        n: count(),
        poor: sql<number>`coalesce(sum(${partyMembers.poor}), 0)`,
        pioneer: sql<number>`count(${partyMembers.pioneerYear})`,
      })
      .from(partyMembers)
      .where(where)
      .get(),
  ]);
  return {
    items,
    total: totals?.n ?? 0,
    page: f.page,
    size: f.size,
    poorCount: totals?.poor ?? 0,
    pioneerCount: totals?.pioneer ?? 0,
  };
}

/**
 * Records a household's head or member as 党员. The household must be in the user's scope; the
 * member must belong to it; one person is recorded once (a second request is a 409).
 */
export async function createPartyMember(ctx: ServiceContext, input: PartyMemberCreateInput) {
  const hh = await ctx.db
    .select({ id: households.id, headName: households.headName, villageId: households.villageId })
    .from(households)
    .where(and(eq(households.id, input.householdId), householdCondition(scopeOf(ctx.user!))))
    .get();
  if (!hh) throw fieldError("householdId", "农户不存在，或不在您的管辖范围内");
  let name = hh.headName;
  if (input.householdMemberId !== undefined) {
    const m = await ctx.db
      .select({ name: householdMembers.name })
      .from(householdMembers)
      .where(and(eq(householdMembers.id, input.householdMemberId), eq(householdMembers.householdId, hh.id)))
      .get();
    if (!m) throw fieldError("householdMemberId", "该农户没有这名家庭成员");
    name = m.name;
  }
  const values = {
    householdId: hh.id,
    householdMemberId: input.householdMemberId ?? null,
    name,
    villageId: hh.villageId,
    joinedOn: input.joinedOn ?? null,
    poor: input.poor,
    pioneerYear: input.pioneerYear ?? null,
    pioneerNote: input.pioneerNote ?? null,
    note: input.note ?? null,
    createdBy: ctx.user!.id,
  };
  try {
    const [inserted] = (await new AuditedWrite(ctx)
      .add(ctx.db.insert(partyMembers).values(values).returning({ id: partyMembers.id }))
      .audit({ action: "party_member.create", entity: "household", entityId: hh.id, after: values })
      .commit()) as [{ id: number }[]];
    return getPartyMember(ctx, inserted[0]!.id);
  } catch (err) {
    if (mentionsUniqueConstraint(err)) throw new AppError("conflict", `${name} 已经登记为党员`);
    throw err;
  }
}

/** Changes the 贫困党员 flag, 致富先锋 year and notes; the person and household stay. */
export async function updatePartyMember(ctx: ServiceContext, id: number, input: PartyMemberUpdateInput) {
  const before = await getPartyMember(ctx, id);
  const after = {
    joinedOn: input.joinedOn ?? null,
    poor: input.poor,
    pioneerYear: input.pioneerYear ?? null,
    pioneerNote: input.pioneerNote ?? null,
    note: input.note ?? null,
  };
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(partyMembers)
        .set({ ...after, updatedAt: now() })
        .where(eq(partyMembers.id, id)),
      "该党员记录已变化，请刷新后重试",
    )
    .audit({
      action: "party_member.update",
      entity: "party_member",
      entityId: id,
      before: {
        joinedOn: before.joinedOn,
        poor: before.poor,
        pioneerYear: before.pioneerYear,
        pioneerNote: before.pioneerNote,
        note: before.note,
      },
      after,
    })
    .commit();
  return getPartyMember(ctx, id);
}

/**
 * The care fund (党内关爱帮扶资金, seed 004) supports 贫困党员 only: a line of a party_care_fund
 * program to a party member not marked poor is refused (batches/lines.ts calls this).
 */
export async function assertCareFundRecipient(ctx: ServiceContext, partyMemberId: number): Promise<void> {
  const row = await ctx.db
    .select({ poor: partyMembers.poor, name: partyMembers.name })
    .from(partyMembers)
    .where(eq(partyMembers.id, partyMemberId))
    .get();
  if (!row?.poor)
    throw fieldError("recipientId", `${row?.name ?? "该党员"} 未登记为贫困党员，党内关爱帮扶资金只发给贫困党员`);
}

/** A party member as a payment recipient (name and village snapshot for the line). */
export async function partyMemberRecipient(ctx: ServiceContext, id: number) {
  return ctx.db
    .select({ name: partyMembers.name, villageId: partyMembers.villageId })
    .from(partyMembers)
    .where(eq(partyMembers.id, id))
    .get();
}

/** The admin form names a member by name: their id in that household, if there is exactly one. */
export async function memberIdByName(ctx: ServiceContext, householdId: number, name: string) {
  const rows = await ctx.db
    .select({ id: householdMembers.id })
    .from(householdMembers)
    .where(and(eq(householdMembers.householdId, householdId), eq(householdMembers.name, name)))
    .limit(2)
    .all();
  return rows.length === 1 ? rows[0]!.id : rows.length === 0 ? null : "several";
}
