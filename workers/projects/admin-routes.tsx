import { pickCandidates, resolvePicks } from "../lookup/resolve.ts";
import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import {
  type FormPage,
  type FormState,
  formValidator,
  submitForm,
  type TextValues,
  yuanToFen,
} from "../platform/admin-form.ts";
import { can } from "../domain/permissions.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { ProjectDetailPage, ProjectListPage, ProjectNewPage } from "../../web/pages/admin/projects.tsx";
import { ProjectCreate, ProjectQuery, ProjectUpdate } from "./schemas.ts";
import * as svc from "./service.ts";

export const projectsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const FLASH = { created: "项目已创建并公开", saved: "已保存并记入公开账本", deleted: "项目已删除" };

/** Form strings (yuan, blank dates) → the API's JSON shape; amount errors are collected as field errors. */
function toInput(raw: TextValues, fail: (field: string, message: string) => void) {
  const v = Object.fromEntries(Object.entries(raw).map(([k, x]) => [k, x.trim()]));
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
    out[key] = yuanToFen(v[field], field, fail);
  }
  return out;
}

const FIELDS = { budgetFen: "budget", spentFen: "spent" };

projectsAdmin.get("/", requirePermission("registry.read"), async (c) => {
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

projectsAdmin.get("/new", requirePermission("disclosure.manage"), (c) =>
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

const newPage: FormPage<TextValues> = async (c, state, status) =>
  renderAdmin(c, {
    title: "新建村级项目",
    nav: "projects",
    status,
    children: (
      <ProjectNewPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        candidates={await pickCandidates(c.var.ctx, "villages", state.values.villageCode)}
        {...state}
      />
    ),
  });

projectsAdmin.post(
  "/",
  requirePermission("disclosure.manage"),
  formCsrf,
  formValidator(ProjectCreate, newPage, {
    input: resolvePicks([{ field: "villageCode", entity: "villages" }], toInput),
    fields: FIELDS,
  }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      newPage,
      values,
      () => svc.createProject(c.var.ctx, data),
      (p) => `${base(c)}/projects/${p.id}?done=created`,
      { fields: FIELDS },
    );
  },
);

function projectId(c: Context<AppEnv>): number {
  const id = Number(c.req.param("id"));
  if (!Number.isInteger(id) || id < 1) throw new AppError("not_found", "没有这个项目");
  return id;
}

async function detail(c: Context<AppEnv>, extra: Partial<FormState<TextValues>> = {}, status: 200 | 400 | 409 = 200) {
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

projectsAdmin.get("/:id", requirePermission("registry.read"), (c) => detail(c));

projectsAdmin.post(
  "/:id",
  requirePermission("disclosure.manage"),
  formCsrf,
  formValidator(ProjectUpdate, detail, { input: toInput, fields: FIELDS }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      detail,
      values,
      () => svc.updateProject(c.var.ctx, projectId(c), data),
      () => `${base(c)}/projects/${projectId(c)}?done=saved`,
      { fields: FIELDS },
    );
  },
);

projectsAdmin.post("/:id/delete", requirePermission("disclosure.manage"), formCsrf, async (c) =>
  submitForm(
    c,
    (c, state) => detail(c, state, 409),
    {},
    () => svc.deleteProject(c.var.ctx, projectId(c)),
    () => `${base(c)}/projects?done=deleted`,
  ),
);
