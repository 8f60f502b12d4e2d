import { and, count, desc, eq, sql, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import {
  letterMeasures,
  letterScanChunks,
  responsibilityLetters,
  LETTER_TERM_YEARS,
} from "../../db/schema/tenant/supervision.ts";
import { units } from "../../db/schema/tenant/people.ts";
import { villages } from "../../db/schema/tenant/places.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { scopeOf, villageIdCondition } from "../domain/scope.ts";
import { offsetOf, type Page, type PageParams } from "../lib/paging.ts";
import { todayInChina } from "../lib/dates.ts";
import { villageInScope } from "../projects/service.ts";
import type { LetterCreateInput, LetterUpdateInput, MeasureCreateInput, MeasureUpdateInput } from "./schemas.ts";

const fieldError = (field: string, message: string) =>
  new AppError("validation_failed", message, { fields: [{ field, message }] });

const measureCounts = {
  measureCount: sql<number>`(SELECT count(*) FROM letter_measures m WHERE m.letter_id = responsibility_letters.id)`,
  completedCount: sql<number>`(SELECT count(*) FROM letter_measures m WHERE m.letter_id = responsibility_letters.id AND m.status = 'completed')`,
};
const columns = {
  id: responsibilityLetters.id,
  unitId: responsibilityLetters.unitId,
  unitName: units.name,
  villageId: responsibilityLetters.villageId,
  villageCode: villages.code,
  villageName: villages.name,
  townshipCode: villages.townshipCode,
  termStartYear: responsibilityLetters.termStartYear,
  termEndYear: responsibilityLetters.termEndYear,
  signedDate: responsibilityLetters.signedDate,
  termGoal: responsibilityLetters.termGoal,
  goals: responsibilityLetters.goals,
  scanName: responsibilityLetters.scanName,
  scanType: responsibilityLetters.scanType,
  scanBytes: responsibilityLetters.scanBytes,
  scanSha256: responsibilityLetters.scanSha256,
  ...measureCounts,
};
type Row = Awaited<ReturnType<ReturnType<typeof selectLetters>["all"]>>[number];

export interface LetterView {
  id: number;
  unitId: number;
  unitName: string;
  villageId: number;
  villageCode: string;
  villageName: string;
  townshipCode: string;
  termStartYear: number;
  termEndYear: number;
  signedDate: string;
  termGoal: string;
  goals: Record<string, string>;
  scan: { name: string; type: string; bytes: number; sha256: string } | null;
  measureCount: number;
  completedCount: number;
}
export type MeasureView = Omit<typeof letterMeasures.$inferSelect, "createdAt" | "updatedAt"> & { overdue: boolean };
export type LetterDetailView = LetterView & { measures: MeasureView[] };

function view(r: Row): LetterView {
  const { scanName, scanType, scanBytes, scanSha256, goals, ...rest } = r;
  return {
    ...rest,
    goals: Object.fromEntries(Object.entries(goals ?? {}).filter(([, v]) => typeof v === "string" && v)) as Record<
      string,
      string
    >,
    scan:
      scanName && scanType && scanBytes != null && scanSha256
        ? { name: scanName, type: scanType, bytes: scanBytes, sha256: scanSha256 }
        : null,
  };
}

/** Township officers see their township's villages' letters, cadres their own villages'. */
const scoped = (ctx: ServiceContext, extra: (SQL | undefined)[] = []) =>
  and(villageIdCondition(scopeOf(ctx.user!), responsibilityLetters.villageId), ...extra);

function selectLetters(ctx: ServiceContext) {
  return ctx.db
    .select(columns)
    .from(responsibilityLetters)
    .innerJoin(units, eq(units.id, responsibilityLetters.unitId))
    .innerJoin(villages, eq(villages.id, responsibilityLetters.villageId));
}

export async function listLetters(
  ctx: ServiceContext,
  f: PageParams & { villageCode?: string | undefined; unitId?: number | undefined },
): Promise<Page<LetterView>> {
  const where = scoped(ctx, [
    f.villageCode ? eq(villages.code, f.villageCode) : undefined,
    f.unitId ? eq(responsibilityLetters.unitId, f.unitId) : undefined,
  ]);
  const [items, total] = await Promise.all([
    selectLetters(ctx).where(where).orderBy(desc(responsibilityLetters.id)).limit(f.size).offset(offsetOf(f)).all(),
    ctx.db
      .select({ n: count() })
      .from(responsibilityLetters)
      .innerJoin(villages, eq(villages.id, responsibilityLetters.villageId))
      .where(where)
      .get(),
  ]);
  return { items: items.map(view), total: total?.n ?? 0, page: f.page, size: f.size };
}

export async function getLetter(ctx: ServiceContext, id: number): Promise<LetterDetailView> {
  const row = await selectLetters(ctx)
    .where(scoped(ctx, [eq(responsibilityLetters.id, id)]))
    .get();
  if (!row) throw new AppError("not_found", "没有这份目标责任书，或不在您的管辖范围内");
  const measures = await ctx.db
    .select()
    .from(letterMeasures)
    .where(eq(letterMeasures.letterId, id))
    .orderBy(letterMeasures.year, letterMeasures.dueDate, letterMeasures.id)
    .all();
  const today = todayInChina(ctx.now() * 1000);
  return { ...view(row), measures: measures.map((m) => measureView(m, today)) };
}

function measureView(m: typeof letterMeasures.$inferSelect, today: string): MeasureView {
  const { createdAt: _c, updatedAt: _u, ...rest } = m;
  return { ...rest, overdue: m.status !== "completed" && m.dueDate < today };
}

export async function createLetter(ctx: ServiceContext, input: LetterCreateInput): Promise<LetterDetailView> {
  const village = await villageInScope(ctx, input.villageCode);
  const unit = await ctx.db.select({ id: units.id }).from(units).where(eq(units.id, input.unitId)).get();
  if (!unit) throw fieldError("unitId", "没有这个派出单位");
  const values = {
    unitId: input.unitId,
    villageId: village.id,
    termStartYear: input.termStartYear,
    termEndYear: input.termStartYear + LETTER_TERM_YEARS - 1,
    signedDate: input.signedDate,
    termGoal: input.termGoal,
    goals: input.goals,
    createdBy: ctx.user!.id,
  };
  // The unique index (unit, village, first year) answers a second letter for the same term with 409.
  const [rows] = (await new AuditedWrite(ctx)
    .add(ctx.db.insert(responsibilityLetters).values(values).returning({ id: responsibilityLetters.id }))
    .audit({ action: "letter.create", entity: "letter", entityId: `${input.unitId}:${village.code}`, after: values })
    .commit()) as [{ id: number }[]];
  return getLetter(ctx, rows[0]!.id);
}

export async function updateLetter(
  ctx: ServiceContext,
  id: number,
  patch: LetterUpdateInput,
): Promise<LetterDetailView> {
  const before = await getLetter(ctx, id);
  await villageInScope(ctx, before.villageCode);
  const set = {
    termGoal: patch.termGoal ?? before.termGoal,
    goals: patch.goals ?? before.goals,
    signedDate: patch.signedDate ?? before.signedDate,
  };
  await new AuditedWrite(ctx)
    .add(
      ctx.db
        .update(responsibilityLetters)
        .set({ ...set, updatedAt: ctx.now() })
        .where(eq(responsibilityLetters.id, id)),
    )
    .audit({
      action: "letter.update",
      entity: "letter",
      entityId: id,
      before: { termGoal: before.termGoal, goals: before.goals, signedDate: before.signedDate },
      after: set,
    })
    .commit();
  return getLetter(ctx, id);
}

/** A measure belongs to a year of its letter's term and is due inside the term. */
export async function addMeasure(
  ctx: ServiceContext,
  letterId: number,
  input: MeasureCreateInput,
): Promise<MeasureView> {
  const letter = await getLetter(ctx, letterId);
  await villageInScope(ctx, letter.villageCode);
  if (input.year < letter.termStartYear || input.year > letter.termEndYear)
    throw fieldError("year", `年度须在责任期 ${letter.termStartYear}–${letter.termEndYear} 年之内`);
  const dueYear = Number(input.dueDate.slice(0, 4));
  if (dueYear < input.year || dueYear > letter.termEndYear)
    throw fieldError("dueDate", `完成时限须在 ${input.year} 年至责任期末（${letter.termEndYear} 年）之间`);
  const values = { letterId, year: input.year, title: input.title, owner: input.owner, dueDate: input.dueDate };
  const [rows] = (await new AuditedWrite(ctx)
    .add(ctx.db.insert(letterMeasures).values(values).returning())
    .audit({ action: "measure.create", entity: "measure", entityId: `letter:${letterId}`, after: values })
    .commit()) as [(typeof letterMeasures.$inferSelect)[]];
  return measureView(rows[0]!, todayInChina(ctx.now() * 1000));
}

/** A measure with its letter, both inside the user's scope (404 otherwise). */
export async function getMeasure(
  ctx: ServiceContext,
  id: number,
): Promise<{ measure: MeasureView; letter: LetterDetailView }> {
  const row = await ctx.db
    .select({ letterId: letterMeasures.letterId })
    .from(letterMeasures)
    .where(eq(letterMeasures.id, id))
    .get();
  if (!row) throw new AppError("not_found", "没有这项帮扶措施");
  const letter = await getLetter(ctx, row.letterId).catch((e: unknown) => {
    throw e instanceof AppError && e.code === "not_found" ? new AppError("not_found", "没有这项帮扶措施") : e;
  });
  return { measure: letter.measures.find((m) => m.id === id)!, letter };
}

/** Progress of a measure; completion needs evidence and a date (also the table's CHECK). */
export async function updateMeasure(ctx: ServiceContext, id: number, input: MeasureUpdateInput): Promise<MeasureView> {
  const { measure: before, letter } = await getMeasure(ctx, id);
  if (input.completedDate && input.completedDate < `${letter.termStartYear}-01-01`)
    throw fieldError("completedDate", "完成日期不能早于责任期开始");
  if (input.completedDate && input.completedDate > todayInChina(ctx.now() * 1000))
    throw fieldError("completedDate", "完成日期不能晚于今天");
  const set = {
    status: input.status,
    progress: input.progress ?? before.progress,
    evidence: input.evidence ?? before.evidence,
    completedDate: input.status === "completed" ? (input.completedDate ?? null) : null,
  };
  if (input.status !== "completed" && !input.evidence && before.status === "completed") set.evidence = before.evidence;
  await new AuditedWrite(ctx)
    .add(
      ctx.db
        .update(letterMeasures)
        .set({ ...set, updatedAt: ctx.now() })
        .where(eq(letterMeasures.id, id)),
    )
    .audit({
      action: "measure.update",
      entity: "measure",
      entityId: id,
      before: { status: before.status, progress: before.progress, evidence: before.evidence },
      after: set,
    })
    .commit();
  return (await getMeasure(ctx, id)).measure;
}
