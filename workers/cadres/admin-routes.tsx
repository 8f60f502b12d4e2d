import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { type FormPage, type FormState, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import { can } from "../domain/permissions.ts";
import { scopeOf } from "../domain/scope.ts";
import { AppError, type FieldError } from "../platform/errors/app-error.ts";
import { CadreDetailPage, CadreListPage, CadreNewPage } from "../../web/pages/admin/cadres.tsx";
import { IdParam } from "../units/schemas.ts";
import { unitOptions } from "../units/service.ts";
import { assignmentsOfCadre } from "../assignments/service.ts";
import { CadreCreate, CadreQuery, CadreUpdate } from "./schemas.ts";
import * as svc from "./service.ts";
import { RevealReason } from "../platform/reveal-reason.ts";

export const cadresAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const apiBase = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/api/v1`;
const FLASH = { created: "干部已登记", saved: "已保存" };

function idOf(c: Context<AppEnv>): number {
  const parsed = IdParam("干部").safeParse({ id: c.req.param("id") });
  if (!parsed.success) throw new AppError("not_found", "没有这名干部");
  return parsed.data.id;
}

cadresAdmin.get("/", requirePermission("registry.read"), async (c) => {
  const raw = {
    unitId: c.req.query("unitId") || undefined,
    reservePool: c.req.query("reservePool") || undefined,
    partyMember: c.req.query("partyMember") || undefined,
    q: c.req.query("q") || undefined,
    page: c.req.query("page") || undefined,
  };
  const parsed = CadreQuery.safeParse(raw);
  const [page, units] = await Promise.all([
    svc.listCadres(c.var.ctx, parsed.success ? parsed.data : { page: 1, size: 50 }),
    unitOptions(c.var.ctx),
  ]);
  const flash =
    c.req.query("done") === "imported"
      ? { kind: "ok" as const, text: `导入完成：新增 ${Number(c.req.query("n")) || 0} 名干部` }
      : flashFrom(c, FLASH);
  const role = c.var.user!.role;
  return renderAdmin(c, {
    title: "帮扶干部",
    nav: "cadres",
    flash,
    children: (
      <CadreListPage
        base={base(c)}
        apiBase={apiBase(c)}
        page={page}
        units={units}
        filter={raw}
        canManage={can(role, "cadres.manage")}
        canImport={can(role, "cadres.manage") && can(role, "imports.run")}
      />
    ),
  });
});

cadresAdmin.get("/new", requirePermission("cadres.manage"), async (c) =>
  renderAdmin(c, {
    title: "新建干部",
    nav: "cadres",
    children: (
      <CadreNewPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        units={await unitOptions(c.var.ctx)}
        values={{ unitId: c.req.query("unitId") }}
      />
    ),
  }),
);

// The new-record form answers 400 to every refusal, a conflict included (as it always has).
const newPage: FormPage<TextValues> = async (c, state) =>
  renderAdmin(c, {
    title: "新建干部",
    nav: "cadres",
    status: 400,
    children: (
      <CadreNewPage base={base(c)} csrf={c.var.user!.csrfToken} units={await unitOptions(c.var.ctx)} {...state} />
    ),
  });

cadresAdmin.post("/", requirePermission("cadres.manage"), formCsrf, formValidator(CadreCreate, newPage), async (c) => {
  const { data, values } = c.req.valid("form");
  return submitForm(
    c,
    newPage,
    values,
    () => svc.createCadre(c.var.ctx, data),
    (cadre) => `${base(c)}/cadres/${cadre.id}?done=created`,
  );
});

/**
 * Whether the 一人一档 link leads somewhere: the record's own scope (workers/assessments/record.ts)
 * is everyone for the county, the cadre themself, and a township officer for cadres who served
 * in the township, i.e. who have an assignment the officer's scoped assignment list shows.
 */
function recordInScope(c: Context<AppEnv>, cadreId: number, hasScopedAssignment: boolean): boolean {
  if (!can(c.var.user!.role, "assessments.read")) return false;
  const scope = scopeOf(c.var.user!);
  if (scope.kind === "all") return true;
  if (scope.kind === "cadre") return scope.cadreId === cadreId;
  return hasScopedAssignment;
}

async function detail(
  c: Context<AppEnv>,
  extra: {
    revealed?: string | null;
    reveal?: { value: string; errors?: FieldError[]; message?: string };
  } & Partial<FormState<TextValues>> = {},
  status: 200 | 400 | 409 = 200,
) {
  const id = idOf(c);
  const cadre = await svc.getCadre(c.var.ctx, id);
  const role = c.var.user!.role;
  const [assignments, units] = await Promise.all([
    assignmentsOfCadre(c.var.ctx, id),
    can(role, "cadres.manage") ? unitOptions(c.var.ctx) : Promise.resolve([]),
  ]);
  return renderAdmin(c, {
    title: cadre.name,
    nav: "cadres",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <CadreDetailPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        cadre={cadre}
        assignments={assignments}
        units={units}
        canManage={can(role, "cadres.manage")}
        canReveal={can(role, "pii.reveal")}
        showRecord={recordInScope(c, id, assignments.length > 0)}
        {...extra}
      />
    ),
  });
}

cadresAdmin.get("/:id{[0-9]+}", requirePermission("registry.read"), (c) => detail(c));

// An empty phone field on the edit form means "unchanged" (the form never shows the number).
const CadreEdit = CadreUpdate.transform((v) => (v.phone === null ? { ...v, phone: undefined } : v));

cadresAdmin.post(
  "/:id{[0-9]+}",
  requirePermission("cadres.manage"),
  formCsrf,
  formValidator(CadreEdit, detail),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      detail,
      values,
      () => svc.updateCadre(c.var.ctx, idOf(c), data),
      () => `${base(c)}/cadres/${idOf(c)}?done=saved`,
    );
  },
);

// A POST (not a link): revealing writes an audit entry and must not be prefetched or cached.
const revealPage: FormPage<TextValues> = (c, state, status) =>
  detail(c, { reveal: { value: state.values.reason ?? "", errors: state.errors, message: state.message } }, status);
cadresAdmin.post(
  "/:id{[0-9]+}/reveal-phone",
  requirePermission("pii.reveal"),
  formCsrf,
  formValidator(RevealReason, revealPage),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      revealPage,
      values,
      () => svc.revealPhone(c.var.ctx, idOf(c), data.reason),
      (done) => detail(c, { revealed: done.phone }),
      { propagate: ["not_found"] },
    );
  },
);
