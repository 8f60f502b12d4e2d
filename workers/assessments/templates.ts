import { asc, eq, inArray } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { assessmentItems, assessmentTemplates } from "../../db/schema/tenant/assessment.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import type { TemplateCreateInput } from "./schemas.ts";

/** 考核清单 of a year (all roles), items in order. */
export async function listTemplates(ctx: ServiceContext, year?: number) {
  const ts = await ctx.db
    .select()
    .from(assessmentTemplates)
    .where(year ? eq(assessmentTemplates.year, year) : undefined)
    .orderBy(asc(assessmentTemplates.year), asc(assessmentTemplates.role))
    .limit(200)
    .all();
  if (ts.length === 0) return [];
  const items = await ctx.db
    .select()
    .from(assessmentItems)
    .where(
      inArray(
        assessmentItems.templateId,
        ts.map((t) => t.id),
      ),
    )
    .orderBy(asc(assessmentItems.position))
    .all();
  return ts.map((t) => ({
    id: t.id,
    year: t.year,
    role: t.role,
    name: t.name,
    items: items
      .filter((i) => i.templateId === t.id)
      .map(({ id, position, title, source, weight, target, vetoCap }) => ({
        id,
        position,
        title,
        source,
        weight,
        target,
        vetoCap,
      })),
  }));
}
export type TemplateView = Awaited<ReturnType<typeof listTemplates>>[number];

export async function getTemplate(ctx: ServiceContext, id: number): Promise<TemplateView> {
  const t = await ctx.db.select().from(assessmentTemplates).where(eq(assessmentTemplates.id, id)).get();
  if (!t) throw new AppError("not_found", "没有这份考核清单");
  return (await listTemplates(ctx, t.year)).find((x) => x.id === id)!;
}

/**
 * The county's list for a year and role, items and weights in one batch. One list per year and
 * role (UNIQUE): a second one is a 409 naming it. Lists are not edited once made — an assessment
 * scored against a list must keep meaning what it meant.
 */
export async function createTemplate(ctx: ServiceContext, input: TemplateCreateInput): Promise<TemplateView> {
  const items = input.items.map((i) => ({
    title: i.title,
    source: i.source,
    weight: i.weight,
    target: i.target ?? null,
    vetoCap: i.vetoCap ?? null,
  }));
  const [rows] = (await new AuditedWrite(ctx)
    .add(
      ctx.db
        .insert(assessmentTemplates)
        .values({ year: input.year, role: input.role, name: input.name, createdBy: ctx.user!.id })
        .returning({ id: assessmentTemplates.id }),
    )
    // The items, all in one statement (one JSON parameter), attached through the list's unique (year, role).
    .addRaw(
      ctx.d1
        .prepare(
          `INSERT INTO assessment_items (template_id, position, title, source, weight, target, veto_cap)
           SELECT t.id, j.key + 1, json_extract(j.value, '$.title'), json_extract(j.value, '$.source'),
             json_extract(j.value, '$.weight'), json_extract(j.value, '$.target'), json_extract(j.value, '$.vetoCap')
           FROM assessment_templates t, json_each(?3) j WHERE t.year = ?1 AND t.role = ?2`,
        )
        .bind(input.year, input.role, JSON.stringify(items)),
    )
    .audit({ action: "assessment_template.create", entity: "assessment_template", after: input })
    .commit()) as [{ id: number }[]];
  return getTemplate(ctx, rows[0]!.id);
}
