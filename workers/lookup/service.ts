import { and, asc, eq, inArray, like, or, sql, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { householdCondition, scopeOf, villageCondition, villageIdCondition } from "../domain/scope.ts";
import { householdMembers, households } from "../../db/schema/tenant/households.ts";
import { partyMembers } from "../../db/schema/tenant/reserve.ts";
import { villageOfficials } from "../../db/schema/tenant/village-cadres.ts";
import { ratedPosts } from "../domain/rated-posts.ts";
import { VILLAGE_OFFICIAL_POST_LABELS, VILLAGE_OFFICIAL_STATUS_LABELS } from "../../web/i18n/zh-CN.ts";
import { townships, villages } from "../../db/schema/tenant/places.ts";
import { cadres, units } from "../../db/schema/tenant/people.ts";
import { validateIdNumber } from "../lib/id-number.ts";
import { searchHashes } from "../lib/pii-crypto.ts";
import type { LookupItemView } from "./schemas.ts";

/**
 * Search-as-you-type candidates for the pickers, one function per entity, each inside the user's
 * scope (the same conditions as the lists), so a picker never offers what the user may not see
 * and another tenant's records are not in this database at all. Names are stored in clear
 * (households.head_name, cadres.name), so a name matches by LIKE; an ID number only through its
 * keyed hash (the whole number) or the last four characters kept for masked display.
 */

export type LookupEntity = "villages" | "households" | "cadres" | "units" | "party-members" | "village-officials";

/** LIKE pattern for "contains", with the user's % and _ taken literally. */
function contains(q: string): string {
  return `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}
const likeEsc = (col: SQL | { getSQL(): SQL }, q: string) => sql`${col} LIKE ${contains(q)} ESCAPE '\\'`;

export async function lookupVillages(ctx: ServiceContext, q: string, limit: number): Promise<LookupItemView[]> {
  const rows = await ctx.db
    .select({ code: villages.code, name: villages.name, township: townships.name })
    .from(villages)
    .leftJoin(townships, eq(townships.code, villages.townshipCode))
    .where(
      and(
        villageCondition(scopeOf(ctx.user!)),
        /^\d{1,12}$/.test(q) ? like(villages.code, `${q}%`) : likeEsc(villages.name, q),
      ),
    )
    .orderBy(asc(villages.code))
    .limit(limit)
    .all();
  return rows.map((r) => ({ value: r.code, label: r.name, detail: `${r.township ?? ""} ${r.code}`.trim() }));
}

export async function lookupHouseholds(ctx: ServiceContext, q: string, limit: number): Promise<LookupItemView[]> {
  const byText: SQL[] = [likeEsc(households.headName, q)];
  if (/^\d{1,9}$/.test(q)) byText.push(eq(households.id, Number(q)));
  if (/^\d{3}[\dXx]$/.test(q)) byText.push(eq(households.idNumberLast4, q.toUpperCase()));
  const id = validateIdNumber(q);
  if (id.ok) byText.push(inArray(households.idNumberHash, await searchHashes(await ctx.piiKeys(), id.value)));
  const rows = await ctx.db
    .select({
      id: households.id,
      name: households.headName,
      village: villages.name,
      first4: households.idNumberFirst4,
      last4: households.idNumberLast4,
    })
    .from(households)
    .innerJoin(villages, eq(villages.id, households.villageId))
    .where(and(householdCondition(scopeOf(ctx.user!)), or(...byText)))
    .orderBy(asc(households.headName), asc(households.id))
    .limit(limit)
    .all();
  return rows.map((r) => ({
    value: String(r.id),
    label: `${r.name}户`,
    detail: `${r.village} · 编号 ${r.id} · 身份证 ${r.first4}**********${r.last4}`,
  }));
}

/** The cadre list's scope (workers/cadres/service.ts): a cadre-role user sees only their own record. */
function cadreScope(ctx: ServiceContext): SQL | undefined {
  const scope = scopeOf(ctx.user!);
  if (scope.kind === "cadre") return scope.cadreId == null ? sql`0` : eq(cadres.id, scope.cadreId);
  return undefined;
}

export async function lookupCadres(ctx: ServiceContext, q: string, limit: number): Promise<LookupItemView[]> {
  const rows = await ctx.db
    .select({ id: cadres.id, name: cadres.name, unit: units.name, position: cadres.position })
    .from(cadres)
    .leftJoin(units, eq(units.id, cadres.unitId))
    .where(
      and(
        cadreScope(ctx),
        /^\d{1,9}$/.test(q) ? or(eq(cadres.id, Number(q)), likeEsc(cadres.name, q)) : likeEsc(cadres.name, q),
      ),
    )
    .orderBy(asc(cadres.name), asc(cadres.id))
    .limit(limit)
    .all();
  return rows.map((r) => ({
    value: String(r.id),
    label: r.name,
    detail: [r.unit, r.position].filter(Boolean).join(" · "),
  }));
}

export async function lookupUnits(ctx: ServiceContext, q: string, limit: number): Promise<LookupItemView[]> {
  const rows = await ctx.db
    .select({ id: units.id, name: units.name, contact: units.contact })
    .from(units)
    .where(/^\d{1,9}$/.test(q) ? or(eq(units.id, Number(q)), likeEsc(units.name, q)) : likeEsc(units.name, q))
    .orderBy(asc(units.name), asc(units.id))
    .limit(limit)
    .all();
  return rows.map((r) => ({ value: String(r.id), label: r.name, detail: `编号 ${r.id}` }));
}

/** Text that names a person: a part of the name, their record id, the last four characters of an ID number, or all of it. */
async function personMatch(
  ctx: ServiceContext,
  q: string,
  cols: {
    name: SQL | { getSQL(): SQL };
    id: SQL | { getSQL(): SQL };
    last4: SQL | { getSQL(): SQL };
    hash: SQL | { getSQL(): SQL };
  },
): Promise<SQL | undefined> {
  const byText: SQL[] = [likeEsc(cols.name, q)];
  if (/^\d{1,9}$/.test(q)) byText.push(sql`${cols.id} = ${Number(q)}`);
  if (/^\d{3}[\dXx]$/.test(q)) byText.push(sql`${cols.last4} = ${q.toUpperCase()}`);
  const id = validateIdNumber(q);
  if (id.ok) byText.push(inArray(cols.hash, await searchHashes(await ctx.piiKeys(), id.value)));
  return or(...byText);
}

/** A person as a candidate: the name, then what tells namesakes apart, then the record's number. */
function personItem(id: number, name: string, details: (string | null)[]): LookupItemView {
  return { value: String(id), label: name, detail: [...details, `编号 ${id}`].filter(Boolean).join(" · ") };
}

/**
 * 村两委 members inside the roster's scope (a township officer: their township's villages; a cadre:
 * the villages they serve). Serving members first; the ID number is only ever shown masked.
 */
export async function lookupVillageOfficials(
  ctx: ServiceContext,
  q: string,
  limit: number,
  opts: LookupOptions = {},
): Promise<LookupItemView[]> {
  // A program with post rates pays only those posts (workers/village-cadres/pay.ts): list only them.
  const rated = opts.programId === undefined ? [] : await ratedPosts(ctx, opts.programId);
  const rows = await ctx.db
    .select({
      id: villageOfficials.id,
      name: villageOfficials.name,
      post: villageOfficials.post,
      status: villageOfficials.status,
      village: villages.name,
      first4: villageOfficials.idNumberFirst4,
      last4: villageOfficials.idNumberLast4,
    })
    .from(villageOfficials)
    .innerJoin(villages, eq(villages.id, villageOfficials.villageId))
    .where(
      and(
        villageIdCondition(scopeOf(ctx.user!), villageOfficials.villageId),
        // At most the 7 posts of the closed list: well inside D1's 100 bound parameters.
        rated.length > 0 ? inArray(villageOfficials.post, rated) : undefined,
        await personMatch(ctx, q, {
          name: villageOfficials.name,
          id: villageOfficials.id,
          last4: villageOfficials.idNumberLast4,
          hash: villageOfficials.idNumberHash,
        }),
      ),
    )
    .orderBy(sql`${villageOfficials.status} <> 'serving'`, asc(villageOfficials.name), asc(villageOfficials.id))
    .limit(limit)
    .all();
  return rows.map((r) =>
    personItem(r.id, r.name, [
      r.village,
      VILLAGE_OFFICIAL_POST_LABELS[r.post],
      r.status === "serving" ? null : VILLAGE_OFFICIAL_STATUS_LABELS[r.status],
      `身份证 ${r.first4}**********${r.last4}`,
    ]),
  );
}

/**
 * 党员 inside the party-member list's scope. The ID number searched is the household head's: a
 * member other than the head has none on record, so they are found by name or record id.
 */
export async function lookupPartyMembers(ctx: ServiceContext, q: string, limit: number): Promise<LookupItemView[]> {
  const head = sql`${partyMembers.householdMemberId} IS NULL`;
  const match = await personMatch(ctx, q, {
    name: partyMembers.name,
    id: partyMembers.id,
    last4: sql`CASE WHEN ${head} THEN ${households.idNumberLast4} END`,
    hash: sql`CASE WHEN ${head} THEN ${households.idNumberHash} END`,
  });
  const rows = await ctx.db
    .select({
      id: partyMembers.id,
      name: partyMembers.name,
      village: villages.name,
      relation: householdMembers.relation,
      poor: partyMembers.poor,
      pioneerYear: partyMembers.pioneerYear,
    })
    .from(partyMembers)
    .innerJoin(villages, eq(villages.id, partyMembers.villageId))
    .innerJoin(households, eq(households.id, partyMembers.householdId))
    .leftJoin(householdMembers, eq(householdMembers.id, partyMembers.householdMemberId))
    .where(and(villageIdCondition(scopeOf(ctx.user!), partyMembers.villageId), match))
    .orderBy(asc(partyMembers.name), asc(partyMembers.id))
    .limit(limit)
    .all();
  return rows.map((r) =>
    personItem(r.id, r.name, [
      r.village,
      r.relation ? `家庭成员（${r.relation}）` : "户主",
      r.poor ? "贫困党员" : null,
      r.pioneerYear ? `${r.pioneerYear} 年致富先锋` : null,
    ]),
  );
}

/** Narrowing only some lookups understand (the others ignore it). */
export interface LookupOptions {
  /** village-officials: only the posts this pay program rates, when it rates any. */
  programId?: number | undefined;
}

export const LOOKUPS: Record<
  LookupEntity,
  (ctx: ServiceContext, q: string, limit: number, opts?: LookupOptions) => Promise<LookupItemView[]>
> = {
  villages: lookupVillages,
  households: lookupHouseholds,
  cadres: lookupCadres,
  units: lookupUnits,
  "party-members": lookupPartyMembers,
  "village-officials": lookupVillageOfficials,
};
