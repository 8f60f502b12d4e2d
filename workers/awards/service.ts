import { and, desc, eq, sql } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { awards, type AwardRecipientKind } from "../../db/schema/tenant/lagging.ts";
import { programs } from "../../db/schema/tenant/money.ts";
import { assessments } from "../../db/schema/tenant/assessment.ts";
import { cadres } from "../../db/schema/tenant/people.ts";
import { partyMembers } from "../../db/schema/tenant/reserve.ts";
import { villageOfficials } from "../../db/schema/tenant/village-cadres.ts";
import { villages } from "../../db/schema/tenant/places.ts";
import { AWARD_KIND_LABELS, AWARD_RECIPIENT_KIND_LABELS } from "../../web/i18n/zh-CN.ts";
import type { AwardCreateInput, AwardQueryInput } from "./schemas.ts";

const fieldError = (field: string, message: string) =>
  new AppError("validation_failed", message, { fields: [{ field, message }] });

type Resolver = (ctx: ServiceContext, id: number) => Promise<{ name: string; villageId: number | null } | undefined>;

/**
 * Who can be honoured, by kind: resident cadres, 村两委 members (优秀村官, seed 002) and party
 * members (农村党员致富先锋, seed 002). Each resolves in this tenant's registry only, so another
 * tenant's id is simply not found.
 */
const RESOLVERS: Partial<Record<AwardRecipientKind, Resolver>> = {
  cadre: (ctx, id) =>
    ctx.db
      .select({
        name: cadres.name,
        villageId: sql<
          number | null
        >`(SELECT village_id FROM assignments a WHERE a.cadre_id = ${cadres.id} AND a.status = 'active' ORDER BY a.id LIMIT 1)`,
      })
      .from(cadres)
      .where(eq(cadres.id, id))
      .get(),
  village_official: (ctx, id) =>
    ctx.db
      .select({ name: villageOfficials.name, villageId: villageOfficials.villageId })
      .from(villageOfficials)
      .where(eq(villageOfficials.id, id))
      .get(),
  party_member: (ctx, id) =>
    ctx.db
      .select({ name: partyMembers.name, villageId: partyMembers.villageId })
      .from(partyMembers)
      .where(eq(partyMembers.id, id))
      .get(),
};

export function registerAwardRecipient(kind: AwardRecipientKind, resolve: Resolver): void {
  RESOLVERS[kind] = resolve;
}

const view = {
  id: awards.id,
  year: awards.year,
  kind: awards.kind,
  recipientKind: awards.recipientKind,
  recipientId: awards.recipientId,
  recipientName: awards.recipientName,
  villageId: awards.villageId,
  programId: awards.programId,
  programName: programs.name,
  assessmentId: awards.assessmentId,
  citation: awards.citation,
  streak: sql<number>`(WITH RECURSIVE s(y) AS (SELECT ${awards.year} UNION ALL SELECT y - 1 FROM s
      WHERE EXISTS (SELECT 1 FROM awards b WHERE b.kind = ${awards.kind} AND b.recipient_kind = ${awards.recipientKind}
        AND b.recipient_id = ${awards.recipientId} AND b.year = y - 1)) SELECT count(*) FROM s)`,
  lineId: sql<
    number | null
  >`(SELECT l.id FROM batch_lines l WHERE l.program_id = ${awards.programId} AND l.period = CAST(${awards.year} AS TEXT)
      AND l.recipient_kind = ${awards.recipientKind} AND l.recipient_id = ${awards.recipientId} ORDER BY l.id DESC LIMIT 1)`,
  batchId: sql<
    number | null
  >`(SELECT l.batch_id FROM batch_lines l WHERE l.program_id = ${awards.programId} AND l.period = CAST(${awards.year} AS TEXT)
      AND l.recipient_kind = ${awards.recipientKind} AND l.recipient_id = ${awards.recipientId} ORDER BY l.id DESC LIMIT 1)`,
  lineStatus: sql<
    string | null
  >`(SELECT l.status FROM batch_lines l WHERE l.program_id = ${awards.programId} AND l.period = CAST(${awards.year} AS TEXT)
      AND l.recipient_kind = ${awards.recipientKind} AND l.recipient_id = ${awards.recipientId} ORDER BY l.id DESC LIMIT 1)`,
};
export type AwardView = Awaited<ReturnType<typeof getAward>>;

export async function listAwards(ctx: ServiceContext, q: AwardQueryInput) {
  const items = await ctx.db
    .select(view)
    .from(awards)
    .innerJoin(programs, eq(programs.id, awards.programId))
    .where(and(q.year ? eq(awards.year, q.year) : undefined, q.kind ? eq(awards.kind, q.kind) : undefined))
    .orderBy(desc(awards.year), awards.kind, awards.id)
    .limit(500)
    .all();
  return { items };
}

export async function getAward(ctx: ServiceContext, id: number) {
  const row = await ctx.db
    .select(view)
    .from(awards)
    .innerJoin(programs, eq(programs.id, awards.programId))
    .where(eq(awards.id, id))
    .get();
  if (!row) throw new AppError("not_found", "没有这条表彰记录");
  return row;
}

/**
 * Records an honour. It pays nothing by itself: the award program's batch draws its lines from the
 * awards (公示, approval and payment as for every batch). One honour of a kind per recipient and
 * year (the UNIQUE index makes a race a 409 too). An honour that follows an annual grade must
 * name a county-signed 优秀 assessment of the same cadre and year.
 */
export async function recordAward(ctx: ServiceContext, input: AwardCreateInput) {
  const resolve = RESOLVERS[input.recipientKind];
  if (!resolve)
    throw fieldError(
      "recipientKind",
      `${AWARD_RECIPIENT_KIND_LABELS[input.recipientKind]}的表彰须在其名册模块上线后登记`,
    );
  const recipient = await resolve(ctx, input.recipientId);
  if (!recipient) throw fieldError("recipientId", "表彰对象不存在（或不属于本地区）");
  const program = await ctx.db.select().from(programs).where(eq(programs.id, input.programId)).get();
  if (!program) throw fieldError("programId", "没有这个资金项目");
  if (program.category !== "award") throw fieldError("programId", "请选择“表彰奖励”类的资金项目");
  if (program.recipientKind !== input.recipientKind)
    throw fieldError("programId", "资金项目的发放对象与表彰对象类别不符");
  if (input.assessmentId !== undefined) {
    const a = await ctx.db.select().from(assessments).where(eq(assessments.id, input.assessmentId)).get();
    if (!a) throw fieldError("assessmentId", "没有这次年度考核");
    if (a.status !== "county_signed" || a.grade !== "excellent")
      throw new AppError("conflict", "只有县级审定为“优秀”的年度考核才能作为表彰依据");
    if (
      a.subjectKind !== "cadre" ||
      input.recipientKind !== "cadre" ||
      a.cadreId !== input.recipientId ||
      a.year !== input.year
    )
      throw new AppError("conflict", "年度考核的对象或年度与表彰不符");
  }
  const dup = await ctx.db
    .select({ id: awards.id })
    .from(awards)
    .where(
      and(
        eq(awards.kind, input.kind),
        eq(awards.year, input.year),
        eq(awards.recipientKind, input.recipientKind),
        eq(awards.recipientId, input.recipientId),
      ),
    )
    .get();
  if (dup)
    throw new AppError(
      "conflict",
      `${recipient.name} 已获 ${input.year} 年“${AWARD_KIND_LABELS[input.kind]}”表彰，同一年度不能重复表彰`,
    );
  const values = {
    year: input.year,
    kind: input.kind,
    recipientKind: input.recipientKind,
    recipientId: input.recipientId,
    recipientName: recipient.name,
    villageId: recipient.villageId,
    programId: program.id,
    assessmentId: input.assessmentId ?? null,
    citation: input.citation,
    createdBy: ctx.user!.id,
  };
  const [rows] = (await new AuditedWrite(ctx)
    .add(ctx.db.insert(awards).values(values).returning({ id: awards.id }))
    .audit({ action: "award.create", entity: "award", entityId: `${input.kind}:${input.year}`, after: values })
    .commit()) as [{ id: number }[]];
  return getAward(ctx, rows[0]!.id);
}

/** Award programs (category `award`) a new honour may be paid by. */
export async function awardPrograms(ctx: ServiceContext) {
  return ctx.db
    .select({ id: programs.id, name: programs.name })
    .from(programs)
    .where(eq(programs.category, "award"))
    .orderBy(programs.name)
    .all();
}

/**
 * Whom the award form offers besides cadres: serving 村两委 members and party members recorded as
 * 致富先锋 (the kinds the seeds honour), each labelled with their village so namesakes differ.
 */
export async function honourableOthers(ctx: ServiceContext) {
  const officials = await ctx.db
    .select({ id: villageOfficials.id, name: villageOfficials.name, village: villages.name })
    .from(villageOfficials)
    .innerJoin(villages, eq(villages.id, villageOfficials.villageId))
    .where(eq(villageOfficials.status, "serving"))
    .orderBy(villages.name, villageOfficials.name)
    .limit(1000)
    .all();
  const pioneers = await ctx.db
    .select({ id: partyMembers.id, name: partyMembers.name, village: villages.name })
    .from(partyMembers)
    .innerJoin(villages, eq(villages.id, partyMembers.villageId))
    .where(sql`${partyMembers.pioneerYear} IS NOT NULL`)
    .orderBy(villages.name, partyMembers.name)
    .limit(1000)
    .all();
  return { officials, pioneers };
}
