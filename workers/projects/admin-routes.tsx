import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin, tryAction } from "../platform/admin-render.tsx";
import { can } from "../auth/permissions.ts";
import { AppError, type FieldError } from "../platform/errors/app-error.ts";
import { fieldErrorsOf } from "../platform/errors/problem.ts";
import { parseYuanToFen } from "../lib/money.ts";
import { ProjectDetailPage, ProjectListPage, ProjectNewPage } from "../../web/pages/admin/projects.tsx";
import { ProjectCreate, ProjectQuery, ProjectUpdate } from "./schemas.ts";
import * as svc from "./service.ts";

export const projectsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const FLASH = { created: "项目已创建并公开", saved: "已保存并记入公开账本", deleted: "项目已删除" };

async function values(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") out[k] = v.trim();
  return out;
}

/** Form strings (yuan, blank dates) → the API's JSON shape; amount errors are collected as field errors. */
function toInput(v: Record<string, string>, errors: FieldError[]) {
  const out: Record<string, unknown> = {
    name: v.name,
    description: v.description || null,
    fundSource: v.fundSource,
    status: v.status || undefined,
    startDate: v.startDate || null,
    endDate: v.endDate || null,
  };
  if (v.villageCode !== undefined) out.villageCode = v.villageCode;
  for (const [field, key, required] of [
    ["budget", "budgetFen", true],
    ["spent", "spentFen", false],
  ] as const) {
    if (!v[field] && !required) continue;
    const r = parseYuanToFen(v[field] ?? "");
    if (r.ok) out[key] = r.fen;
    else errors.push({ field, message: r.message });
  }
  return out;
}

const renameFields = (errs: FieldError[]) =>
  errs.map((e) => ({ ...e, field: e.field === "budgetFen" ? "budget" : e.field === "spentFen" ? "spent" : e.field }));

projectsAdmin.get("/projects", requirePermission("registry.read"), async (c) => {
  const raw = {
    villageCode: c.req.query("villageCode") || undefined,
    status: c.req.query("status") || undefined,
    page: c.req.query("page") || undefined,
  };
  const parsed = ProjectQuery.safeParse(raw);
  const page = await svc.listProjects(c.var.ctx, parsed.success ? parsed.data : { page: 1, size: 50 });
  return renderAdmin(c, {
    title: "村级项目",
    nav: "projects",
    flash: flashFrom(c, FLASH),
    children: (
      <ProjectListPage
        base={base(c)}
        page={page}
        filter={{ villageCode: raw.villageCode, status: raw.status }}
        canManage={can(c.var.user!.role, "disclosure.manage")}
        tenantSlug={c.var.tenant.slug}
      />
    ),
  });
});

projectsAdmin.get("/projects/new", requirePermission("disclosure.manage"), (c) =>
  renderAdmin(c, {
    title: "新建村级项目",
    nav: "projects",
    children: (
      <ProjectNewPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        values={{ villageCode: c.req.query("village") ?? "" }}
      />
    ),
  }),
);

projectsAdmin.post("/projects", requirePermission("disclosure.manage"), formCsrf, async (c) => {
  const v = await values(c);
  const again = (errors: FieldError[], message?: string) =>
    renderAdmin(c, {
      title: "新建村级项目",
      nav: "projects",
      status: 400,
      children: (
        <ProjectNewPage base={base(c)} csrf={c.var.user!.csrfToken} values={v} errors={errors} message={message} />
      ),
    });
  const errors: FieldError[] = [];
  const parsed = ProjectCreate.safeParse(toInput(v, errors));
  if (!parsed.success || errors.length)
    return again([...errors, ...(parsed.success ? [] : renameFields(fieldErrorsOf(parsed.error)))]);
  const done = await tryAction(() => svc.createProject(c.var.ctx, parsed.data));
  if (!done.ok) return again(renameFields(done.error.fields), done.error.message);
  return c.redirect(`${base(c)}/projects/${done.value.id}?done=created`, 303);
});

function projectId(c: Context<AppEnv>): number {
  const id = Number(c.req.param("id"));
  if (!Number.isInteger(id) || id < 1) throw new AppError("not_found", "没有这个项目");
  return id;
}

async function detail(
  c: Context<AppEnv>,
  extra: { values?: Record<string, string>; errors?: FieldError[]; message?: string } = {},
  status: 200 | 400 | 409 = 200,
) {
  const project = await svc.getProject(c.var.ctx, projectId(c));
  return renderAdmin(c, {
    title: project.name,
    nav: "projects",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <ProjectDetailPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        project={project}
        canManage={can(c.var.user!.role, "disclosure.manage")}
        tenantSlug={c.var.tenant.slug}
        {...extra}
      />
    ),
  });
}

projectsAdmin.get("/projects/:id", requirePermission("registry.read"), (c) => detail(c));

projectsAdmin.post("/projects/:id", requirePermission("disclosure.manage"), formCsrf, async (c) => {
  const v = await values(c);
  const errors: FieldError[] = [];
  const parsed = ProjectUpdate.safeParse(toInput(v, errors));
  if (!parsed.success || errors.length)
    return detail(
      c,
      { values: v, errors: [...errors, ...(parsed.success ? [] : renameFields(fieldErrorsOf(parsed.error)))] },
      400,
    );
  const done = await tryAction(() => svc.updateProject(c.var.ctx, projectId(c), parsed.data));
  if (!done.ok)
    return detail(c, { values: v, errors: renameFields(done.error.fields), message: done.error.message }, 400);
  return c.redirect(`${base(c)}/projects/${projectId(c)}?done=saved`, 303);
});

projectsAdmin.post("/projects/:id/delete", requirePermission("disclosure.manage"), formCsrf, async (c) => {
  const done = await tryAction(() => svc.deleteProject(c.var.ctx, projectId(c)));
  if (!done.ok) return detail(c, { message: done.error.message }, 409);
  return c.redirect(`${base(c)}/projects?done=deleted`, 303);
});
