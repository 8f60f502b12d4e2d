import { and, asc, count, eq, like, sql, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { townships, villages } from "../../db/schema/tenant/places.ts";
import { villageOfficials } from "../../db/schema/tenant/village-cadres.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { assertTownshipInScope, scopeOf, villageIdCondition } from "../domain/scope.ts";
import { withNewRowId } from "../domain/pii-fields.ts";
import { errorChainText } from "../domain/db-errors.ts";
import { encryptPiiAt, searchHash, searchHashes, type PiiSlot } from "../lib/pii-crypto.ts";
import { idNumberBirthDate, idNumberSex } from "../lib/id-number.ts";
import { chinaDateOfUnix } from "../lib/dates.ts";
import { offsetOf } from "../lib/paging.ts";
import type { VillageOfficialCreateInput, VillageOfficialQueryInput, VillageOfficialUpdateInput } from "./schemas.ts";

const fieldError = (field: string, message: string) =>
  new AppError("validation_failed", message, { fields: [{ field, message }] });

export const idNumberSlot = (officialId: number): PiiSlot => ({
  table: "village_officials",
  column: "id_number",
  rowId: officialId,
});

/** Full years between two ISO dates (周岁, years served). */
export function fullYears(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) >= from.slice(5) ? years : years - 1;
}

const columns = {
  id: villageOfficials.id,
  villageId: villageOfficials.villageId,
  villageCode: villages.code,
  villageName: villages.name,
  townshipCode: villages.townshipCode,
  name: villageOfficials.name,
  idNumberFirst4: villageOfficials.idNumberFirst4,
  idNumberLast4: villageOfficials.idNumberLast4,
  birthDate: villageOfficials.birthDate,
  sex: villageOfficials.sex,
  post: villageOfficials.post,
  concurrentDirector: villageOfficials.concurrentDirector,
  fullTimeSecretary: villageOfficials.fullTimeSecretary,
  source: villageOfficials.source,
  partyMember: villageOfficials.partyMember,
  electionYear: villageOfficials.electionYear,
  termStart: villageOfficials.termStart,
  termEnd: villageOfficials.termEnd,
  status: villageOfficials.status,
  honourLevel: villageOfficials.honourLevel,
  honours: villageOfficials.honours,
};

type Row = Awaited<ReturnType<ReturnType<typeof selectOfficials>["all"]>>[number];

function view(r: Row, today: string) {
  const { idNumberFirst4, idNumberLast4, ...rest } = r;
  return { ...rest, idNumberMasked: `${idNumberFirst4}**********${idNumberLast4}`, age: fullYears(r.birthDate, today) };
}
export type VillageOfficialView = ReturnType<typeof view>;

/** The order of a roster: secretary, director, deputies, clerk, members, group leaders. */
const POST_ORDER = sql`CASE ${villageOfficials.post} WHEN 'party_secretary' THEN 0 WHEN 'committee_director' THEN 1
  WHEN 'deputy_secretary' THEN 2 WHEN 'deputy_director' THEN 3 WHEN 'clerk' THEN 4 WHEN 'member' THEN 5 ELSE 6 END`;

function selectOfficials(ctx: ServiceContext) {
  return ctx.db.select(columns).from(villageOfficials).innerJoin(villages, eq(villages.id, villageOfficials.villageId));
}

function whereOf(ctx: ServiceContext, q: Partial<VillageOfficialQueryInput>): SQL | undefined {
  return and(
    villageIdCondition(scopeOf(ctx.user!), villageOfficials.villageId),
    q.villageCode ? eq(villages.code, q.villageCode) : undefined,
    q.townshipCode ? eq(villages.townshipCode, q.townshipCode) : undefined,
    q.post ? eq(villageOfficials.post, q.post) : undefined,
    q.status ? eq(villageOfficials.status, q.status) : undefined,
    q.q ? like(villageOfficials.name, `%${q.q.replace(/[%_]/g, "")}%`) : undefined,
  );
}

/** 村两委花名册, inside the user's scope (township officers: their township; cadres: their villages). */
export async function listOfficials(ctx: ServiceContext, q: VillageOfficialQueryInput) {
  const where = whereOf(ctx, q);
  const today = chinaDateOfUnix(ctx.now());
  const [rows, total] = await Promise.all([
    selectOfficials(ctx)
      .where(where)
      .orderBy(asc(villages.code), sql`${villageOfficials.status} <> 'serving'`, POST_ORDER, asc(villageOfficials.id))
      .limit(q.size)
      .offset(offsetOf(q))
      .all(),
    ctx.db
      .select({ n: count() })
      .from(villageOfficials)
      .innerJoin(villages, eq(villages.id, villageOfficials.villageId))
      .where(where)
      .get(),
  ]);
  return { items: rows.map((r) => view(r, today)), total: total?.n ?? 0, page: q.page, size: q.size };
}

/** The serving roster of one village (the village page's section); empty outside the scope. */
export async function villageRoster(ctx: ServiceContext, villageId: number) {
  const today = chinaDateOfUnix(ctx.now());
  const rows = await selectOfficials(ctx)
    .where(
      and(
        villageIdCondition(scopeOf(ctx.user!), villageOfficials.villageId),
        eq(villageOfficials.villageId, villageId),
        eq(villageOfficials.status, "serving"),
      ),
    )
    .orderBy(POST_ORDER, asc(villageOfficials.id))
    .limit(100)
    .all();
  return rows.map((r) => view(r, today));
}

/** One official in scope, or 404 (another tenant's or township's id is simply not found). */
export async function getOfficial(ctx: ServiceContext, id: number) {
  const row = await selectOfficials(ctx)
    .where(and(eq(villageOfficials.id, id), villageIdCondition(scopeOf(ctx.user!), villageOfficials.villageId)))
    .get();
  if (!row) throw new AppError("not_found", "没有这名村干部，或不在您的管辖范围内");
  return view(row, chinaDateOfUnix(ctx.now()));
}

/** SQLite's refusals of the roster's rules, as the 409s a person can act on. */
function rosterConflict(err: unknown): unknown {
  const text = errorChainText(err);
  if (text.includes("village_officials_concurrent"))
    return new AppError(
      "conflict",
      "该村书记已“一肩挑”兼任村委会主任，不能再另设主任（或已有主任，书记不能标为一肩挑）",
      {
        fields: [{ field: "concurrentDirector", message: "与现任村委会主任冲突" }],
      },
    );
  if (text.includes("village_officials.id_number_hash"))
    return new AppError("conflict", "此人已在任村干部（一人只任一个职务，一肩挑请在书记记录上勾选）", {
      fields: [{ field: "idNumber", message: "此人已在任" }],
    });
  if (text.includes("village_officials.village_id"))
    return new AppError("conflict", "该村已有在任的村党组织书记或村委会主任，请先办理其离任", {
      fields: [{ field: "post", message: "该职务已有人在任" }],
    });
  return err;
}

async function villageForWrite(ctx: ServiceContext, code: string) {
  const village = await ctx.db
    .select({ id: villages.id, townshipCode: villages.townshipCode, name: villages.name })
    .from(villages)
    .where(eq(villages.code, code))
    .get();
  if (!village) throw fieldError("villageCode", "没有这个村（社区），请核对村级区划代码");
  assertTownshipInScope(scopeOf(ctx.user!), village.townshipCode);
  return village;
}

/** Registers a village cadre; the ID number is encrypted bound to the new row's id. */
export async function createOfficial(ctx: ServiceContext, input: VillageOfficialCreateInput) {
  const village = await villageForWrite(ctx, input.villageCode);
  const today = chinaDateOfUnix(ctx.now());
  if (input.termStart > today) throw fieldError("termStart", "任职日期不能晚于今天");
  const birthDate = idNumberBirthDate(input.idNumber);
  if (fullYears(birthDate, input.termStart) < 18)
    throw fieldError("idNumber", "任职时未满 18 周岁，请核对身份证号或任职日期");
  if (input.electionYear !== undefined && String(input.electionYear) > input.termStart.slice(0, 4))
    throw fieldError("electionYear", "换届年份不能晚于任职日期");
  const keys = await ctx.piiKeys();
  const idNumberHash = await searchHash(keys, input.idNumber);
  // The unique index compares the current key's hash only; during a key rotation a serving cadre
  // not yet re-hashed is found under the other keys of the ring (≤ 8 hashes, one JSON parameter).
  const serving = await ctx.d1
    .prepare(
      "SELECT 1 AS x FROM village_officials WHERE status = 'serving' AND id_number_hash IN (SELECT value FROM json_each(?))",
    )
    .bind(JSON.stringify(await searchHashes(keys, input.idNumber)))
    .first();
  if (serving) throw rosterConflict(new Error("village_officials.id_number_hash"));
  try {
    const id = await withNewRowId(ctx, "village_officials", async (id) => {
      const row = {
        id,
        villageId: village.id,
        name: input.name,
        idNumberEnc: await encryptPiiAt(keys, input.idNumber, idNumberSlot(id)),
        idNumberHash,
        idNumberFirst4: input.idNumber.slice(0, 4),
        idNumberLast4: input.idNumber.slice(-4),
        birthDate,
        sex: idNumberSex(input.idNumber),
        post: input.post,
        concurrentDirector: input.concurrentDirector,
        fullTimeSecretary: input.fullTimeSecretary,
        source: input.source,
        partyMember: input.partyMember,
        electionYear: input.electionYear ?? null,
        termStart: input.termStart,
        honourLevel: input.honourLevel,
        honours: input.honours ?? null,
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      };
      const { idNumberEnc: _e, idNumberHash: _h, ...audited } = row;
      await new AuditedWrite(ctx)
        .add(ctx.db.insert(villageOfficials).values(row))
        .audit({
          action: "village_official.create",
          entity: "village_official",
          entityId: id,
          after: { ...audited, villageCode: input.villageCode },
        })
        .commit();
      return id;
    });
    return getOfficial(ctx, id);
  } catch (err) {
    throw rosterConflict(err);
  }
}

/** Changes a serving official's post, flags, source or honours. */
export async function updateOfficial(ctx: ServiceContext, id: number, input: VillageOfficialUpdateInput) {
  const before = await getOfficial(ctx, id);
  assertTownshipInScope(scopeOf(ctx.user!), before.townshipCode);
  if (before.status !== "serving") throw new AppError("conflict", "已离任的村干部不能再修改职务，请新登记任职");
  const post = input.post ?? before.post;
  const changes: Partial<typeof villageOfficials.$inferInsert> = {};
  for (const k of [
    "name",
    "post",
    "concurrentDirector",
    "fullTimeSecretary",
    "source",
    "partyMember",
    "honourLevel",
  ] as const)
    if (input[k] !== undefined) (changes as Record<string, unknown>)[k] = input[k];
  if (input.electionYear !== undefined) changes.electionYear = input.electionYear;
  if (input.honours !== undefined) changes.honours = input.honours;
  // A post other than secretary carries neither flag, whatever was set before.
  if (post !== "party_secretary") Object.assign(changes, { concurrentDirector: false, fullTimeSecretary: false });
  if (Object.keys(changes).length === 0) return before;
  changes.updatedAt = ctx.now();
  try {
    await new AuditedWrite(ctx)
      .guarded(
        ctx.db
          .update(villageOfficials)
          .set(changes)
          .where(and(eq(villageOfficials.id, id), eq(villageOfficials.status, "serving"))),
        "该村干部已离任，请刷新",
      )
      .audit({ action: "village_official.update", entity: "village_official", entityId: id, before, after: changes })
      .commit();
  } catch (err) {
    throw rosterConflict(err);
  }
  return getOfficial(ctx, id);
}

/** 离任: 正常离任 (counts for 离任补助) or 免职 / 罢免; the end date closes the term. */
export async function leaveOffice(
  ctx: ServiceContext,
  id: number,
  input: { status: "left" | "removed"; termEnd: string },
) {
  const before = await getOfficial(ctx, id);
  assertTownshipInScope(scopeOf(ctx.user!), before.townshipCode);
  if (before.status !== "serving") throw new AppError("conflict", "该村干部已离任");
  if (input.termEnd < before.termStart) throw fieldError("termEnd", `离任日期不能早于任职日期 ${before.termStart}`);
  if (input.termEnd > chinaDateOfUnix(ctx.now())) throw fieldError("termEnd", "离任日期不能晚于今天");
  const changes = { status: input.status, termEnd: input.termEnd, updatedAt: ctx.now() };
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db
        .update(villageOfficials)
        .set(changes)
        .where(and(eq(villageOfficials.id, id), eq(villageOfficials.status, "serving"))),
      "该村干部已离任，请刷新",
    )
    .audit({
      action: "village_official.leave",
      entity: "village_official",
      entityId: id,
      before: { status: before.status, termEnd: null },
      after: changes,
    })
    .commit();
  return getOfficial(ctx, id);
}

/** Townships for the roster's filter (its own query: places already shows this roster, no folder cycle). */
export async function townshipOptions(ctx: ServiceContext) {
  return ctx.db
    .select({ code: townships.code, name: townships.name })
    .from(townships)
    .orderBy(asc(townships.code))
    .all();
}
