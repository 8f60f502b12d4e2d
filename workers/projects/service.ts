import { and, count, desc, eq, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { projects, villageDecisions } from "../../db/schema/tenant/disclosure.ts";
import { villages } from "../../db/schema/tenant/places.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { offsetOf, type Page, type PageParams } from "../lib/paging.ts";
import { scopeOf, villageCondition, villageIdCondition } from "../domain/scope.ts";
import type { ProjectUpdateInput } from "./schemas.ts";

const now = () => Math.floor(Date.now() / 1000);

const columns = {
  id: projects.id,
  villageId: projects.villageId,
  villageCode: villages.code,
  villageName: villages.name,
  name: projects.name,
  description: projects.description,
  fundSource: projects.fundSource,
  budgetFen: projects.budgetFen,
  spentFen: projects.spentFen,
  status: projects.status,
  startDate: projects.startDate,
  endDate: projects.endDate,
};
export type ProjectView = {
  id: number;
  villageId: number;
  villageCode: string;
  villageName: string;
  name: string;
  description: string | null;
  fundSource: (typeof projects.$inferSelect)["fundSource"];
  budgetFen: number;
  spentFen: number;
  status: (typeof projects.$inferSelect)["status"];
  startDate: string | null;
  endDate: string | null;
};

/** A village in the user's scope, by code; out of scope or unknown → a field error (forms) or 404. */
export async function villageInScope(ctx: ServiceContext, code: string, field = "villageCode") {
  const row = await ctx.db
    .select({ id: villages.id, code: villages.code, name: villages.name, townshipCode: villages.townshipCode })
    .from(villages)
    .where(and(eq(villages.code, code), villageCondition(scopeOf(ctx.user!))))
    .get();
  if (!row)
    throw new AppError("validation_failed", "没有这个村，或不在您的管辖范围内", {
      fields: [{ field, message: "没有这个村，或不在您的管辖范围内" }],
    });
  return row;
}

function scoped(ctx: ServiceContext, extra: (SQL | undefined)[] = []): SQL | undefined {
  return and(villageIdCondition(scopeOf(ctx.user!), projects.villageId), ...extra);
}

export async function listProjects(
  ctx: ServiceContext,
  f: PageParams & { villageCode?: string | undefined; status?: ProjectView["status"] | undefined },
): Promise<Page<ProjectView>> {
  const where = scoped(ctx, [
    f.villageCode ? eq(villages.code, f.villageCode) : undefined,
    f.status ? eq(projects.status, f.status) : undefined,
  ]);
  const db = ctx.db;
  const [items, total] = await Promise.all([
    db
      .select(columns)
      .from(projects)
      .innerJoin(villages, eq(villages.id, projects.villageId))
      .where(where)
      .orderBy(desc(projects.id))
      .limit(f.size)
      .offset(offsetOf(f))
      .all(),
    db
      .select({ n: count() })
      .from(projects)
      .innerJoin(villages, eq(villages.id, projects.villageId))
      .where(where)
      .get(),
  ]);
  return { items, total: total?.n ?? 0, page: f.page, size: f.size };
}

export async function getProject(ctx: ServiceContext, id: number): Promise<ProjectView> {
  const row = await ctx.db
    .select(columns)
    .from(projects)
    .innerJoin(villages, eq(villages.id, projects.villageId))
    .where(scoped(ctx, [eq(projects.id, id)]))
    .get();
  if (!row) throw new AppError("not_found", "没有这个项目，或不在您的管辖范围内");
  return row;
}

/** What the ledger and the village page carry about a project: no personal data. */
function publicContent(p: Omit<ProjectView, "id"> & { id: number | null }) {
  return {
    projectId: p.id,
    village: { code: p.villageCode, name: p.villageName },
    name: p.name,
    description: p.description,
    fundSource: p.fundSource,
    budgetFen: p.budgetFen,
    spentFen: p.spentFen,
    status: p.status,
    startDate: p.startDate,
    endDate: p.endDate,
  };
}

export async function createProject(
  ctx: ServiceContext,
  input: {
    villageCode: string;
    name: string;
    description?: string | null | undefined;
    fundSource: ProjectView["fundSource"];
    budgetFen: number;
    spentFen?: number | undefined;
    status?: ProjectView["status"] | undefined;
    startDate?: string | null | undefined;
    endDate?: string | null | undefined;
  },
) {
  const village = await villageInScope(ctx, input.villageCode);
  const values = {
    villageId: village.id,
    name: input.name,
    description: input.description ?? null,
    fundSource: input.fundSource,
    budgetFen: input.budgetFen,
    spentFen: input.spentFen ?? 0,
    status: input.status ?? "planned",
    startDate: input.startDate ?? null,
    endDate: input.endDate ?? null,
  };
  const [rows] = (await new AuditedWrite(ctx)
    .add(ctx.db.insert(projects).values(values).returning({ id: projects.id }))
    // Project funds are public (财务公开): every change is on the ledger, which also refreshes the village page.
    .publish({
      kind: "project.created",
      ref: `village:${village.code}`,
      villageIds: [village.id],
      content: publicContent({ ...values, id: null, villageCode: village.code, villageName: village.name }),
    })
    .audit({ action: "project.create", entity: "project", entityId: input.name, after: values })
    .commit()) as [{ id: number }[]];
  return getProject(ctx, rows[0]!.id);
}

export async function updateProject(ctx: ServiceContext, id: number, patch: ProjectUpdateInput) {
  const before = await getProject(ctx, id);
  const after = { ...before };
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) (after as Record<string, unknown>)[k] = v;
  if (after.spentFen > after.budgetFen)
    throw new AppError("validation_failed", "已支出不能超过预算", {
      fields: [{ field: "spentFen", message: "已支出不能超过预算；超支请先调整预算" }],
    });
  if (after.startDate && after.endDate && after.endDate < after.startDate)
    throw new AppError("validation_failed", "结束日期不能早于开始日期", {
      fields: [{ field: "endDate", message: "结束日期不能早于开始日期" }],
    });
  const set = {
    name: after.name,
    description: after.description,
    fundSource: after.fundSource,
    budgetFen: after.budgetFen,
    spentFen: after.spentFen,
    status: after.status,
    startDate: after.startDate,
    endDate: after.endDate,
  };
  await new AuditedWrite(ctx)
    .add(
      ctx.db
        .update(projects)
        .set({ ...set, updatedAt: now() })
        .where(eq(projects.id, id)),
    )
    .publish({
      kind: "project.updated",
      ref: `project:${id}`,
      villageIds: [before.villageId],
      content: publicContent(after),
    })
    .audit({ action: "project.update", entity: "project", entityId: id, before, after: set })
    .commit();
  return getProject(ctx, id);
}

/** Only a planned project that no decision refers to may be removed; the removal is published. */
export async function deleteProject(ctx: ServiceContext, id: number) {
  const p = await getProject(ctx, id);
  if (p.status !== "planned") throw new AppError("conflict", "已开工或已完工的项目不能删除，只能修改状态");
  const used = await ctx.db
    .select({ id: villageDecisions.id })
    .from(villageDecisions)
    .where(eq(villageDecisions.projectId, id))
    .get();
  if (used) throw new AppError("conflict", "已有四议两公开事项关联此项目，不能删除");
  await new AuditedWrite(ctx)
    .guarded(
      ctx.db.delete(projects).where(and(eq(projects.id, id), eq(projects.status, "planned"))),
      "项目状态已变化，请刷新后重试",
    )
    .publish({ kind: "project.deleted", ref: `project:${id}`, villageIds: [p.villageId], content: publicContent(p) })
    .audit({ action: "project.delete", entity: "project", entityId: id, before: p })
    .commit();
}
