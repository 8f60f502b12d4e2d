/**
 * CSV lines for village cadres and party members, beside households, cadres and villages in
 * ./lines-import.ts. Both are named by an ID number, looked up by its keyed hashes (never
 * decrypted): a village cadre by their own (the roster's `id_number_hash`), a party member by
 * their household head's (a member who is not the head is named as well). A village cadre's line
 * is priced from the roster exactly as generation prices it (post rate, months or years, honours).
 */
import type { ServiceContext } from "../domain/service-context.ts";
import type { ProgramRow } from "../programs/service.ts";
import type { VillageOfficialPost } from "../../db/schema/tenant/village-cadres.ts";
import {
  type OfficialPayBasis,
  officialBasisMessage,
  officialRoster,
  unratedPostMessage,
} from "../village-cadres/pay.ts";

interface Person {
  id: number;
  name: string;
  villageId: number | null;
}
type Basis = OfficialPayBasis & { post: VillageOfficialPost };
type ByKeys = <T>(d1: D1Database, sql: string, keys: readonly (string | number)[]) => Promise<T[]>;

export interface PeoplePrep {
  /** ID-number hash → village cadres (a person may have an earlier, ended term too). */
  officialsByHash: Map<string, (Person & { post: VillageOfficialPost })[]>;
  /** Village cadres the program's rule pays in the period, by id, and whether the program rates posts. */
  officialPay: { byId: Map<number, Basis>; rated: boolean };
  /** Head's ID-number hash → the household's party members (`head` when the member is the head). */
  partyByHash: Map<string, (Person & { head: boolean; poor: boolean })[]>;
}

export async function preparePeople(ctx: ServiceContext, program: ProgramRow, period: string): Promise<PeoplePrep> {
  const people: PeoplePrep = {
    officialsByHash: new Map(),
    officialPay: { byId: new Map(), rated: false },
    partyByHash: new Map(),
  };
  if (program.recipientKind === "village_official") {
    const { rows, rated } = await officialRoster(ctx, program, period);
    people.officialPay = { byId: new Map(rows.map((r) => [r.id, r])), rated };
  }
  return people;
}

/** Only the people the file names, in JSON-parameter queries (`byKeys` of ./lines-import.ts). */
export async function lookupPeople(
  d1: D1Database,
  kind: string,
  hashes: string[],
  people: PeoplePrep,
  byKeys: ByKeys,
): Promise<void> {
  if (kind === "village_official")
    for (const o of await byKeys<Person & { hash: string; post: VillageOfficialPost }>(
      d1,
      `SELECT id, name, village_id AS villageId, id_number_hash AS hash, post FROM village_officials
       WHERE id_number_hash IN (SELECT value FROM json_each(?))`,
      hashes,
    ))
      people.officialsByHash.set(o.hash, [...(people.officialsByHash.get(o.hash) ?? []), o]);
  else if (kind === "party_member")
    for (const m of await byKeys<Person & { hash: string; head: number; poor: number }>(
      d1,
      `SELECT m.id, m.name, m.village_id AS villageId, h.id_number_hash AS hash,
         m.household_member_id IS NULL AS head, m.poor
       FROM party_members m JOIN households h ON h.id = m.household_id
       WHERE h.id_number_hash IN (SELECT value FROM json_each(?))`,
      hashes,
    ))
      people.partyByHash.set(m.hash, [
        ...(people.partyByHash.get(m.hash) ?? []),
        { ...m, head: !!m.head, poor: !!m.poor },
      ]);
}

type Refusal = { column: "idNumber" | "name" | "quantity" | "honoured"; message: string };

/**
 * The village cadre or party member a row names by the hashes of its ID number (and its name),
 * with the roster basis of a village cadre, or why the program cannot pay them.
 */
export function findPerson(
  kind: string,
  hashes: string[],
  typedName: string,
  program: Pick<ProgramRow, "id" | "ruleKind" | "category">,
  period: string,
  people: PeoplePrep,
): { found: Person; official?: Basis } | { refusal: Refusal } {
  if (kind === "village_official") {
    const named = hashes.flatMap((h) => people.officialsByHash.get(h) ?? []);
    const paid = named.find((o) => people.officialPay.byId.has(o.id));
    const official = paid && people.officialPay.byId.get(paid.id);
    const message = !named[0]
      ? "本地区村两委花名册中没有以此身份证号登记的村干部"
      : !official
        ? officialBasisMessage(program, period)
        : unratedPostMessage(people.officialPay.rated, official);
    if (message || !paid || !official) return { refusal: { column: "idNumber", message: message ?? "" } };
    return { found: paid, official };
  }
  const members = hashes.flatMap((h) => people.partyByHash.get(h) ?? []);
  const wanted = typedName.replace(/\s/g, "");
  // The head by default; a family member by name (they have no ID number of their own here).
  const member = wanted ? members.find((m) => m.name.replace(/\s/g, "") === wanted) : members.find((m) => m.head);
  if (!member)
    return {
      refusal: {
        column: members.length > 0 && wanted ? "name" : "idNumber",
        message:
          members.length === 0
            ? "本地区没有以此身份证号（户主）登记的党员户"
            : wanted
              ? `该户没有名为“${typedName}”的党员`
              : "该户户主不是党员：家庭成员党员请在“对象名称”填写其姓名",
      },
    };
  if (program.category === "party_care_fund" && !member.poor)
    return {
      refusal: { column: "idNumber", message: `${member.name} 未登记为贫困党员，党内关爱帮扶资金只发给贫困党员` },
    };
  return { found: member };
}

/** The roster decides months or years and the honour uplift: a file that says otherwise is wrong. */
export function rosterRefusals(official: Basis, typedQuantity: number | undefined, typedHonoured: boolean): Refusal[] {
  const out: Refusal[] = [];
  if (typedQuantity !== undefined && typedQuantity !== official.quantity)
    out.push({
      column: "quantity",
      message:
        official.quantity === undefined
          ? "本项目按人发放，不按月数或年限计算，请留空"
          : `按花名册任期计算为 ${official.quantity}，与填写的 ${typedQuantity} 不符（可留空）`,
    });
  if (typedHonoured && !official.honoured)
    out.push({ column: "honoured", message: "花名册未登记该村干部受省部级及以上表彰，不能上浮" });
  return out;
}
