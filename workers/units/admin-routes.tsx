import { unitPicture } from "./whole-picture.ts";
import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { type FormPage, type FormState, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import { can } from "../domain/permissions.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { UnitDetailPage, UnitListPage, UnitNewPage } from "../../web/pages/admin/units.tsx";
import { IdParam, UnitCreate, UnitQuery, UnitUpdate } from "./schemas.ts";
import { unitInScope } from "../domain/subject-scope.ts";
import * as svc from "./service.ts";

export const unitsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const apiBase = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/api/v1`;
const FLASH = { created: "单位已创建", saved: "已保存" };

function idOf(c: Context<AppEnv>): number {
  const parsed = IdParam("单位").safeParse({ id: c.req.param("id") });
  if (!parsed.success) throw new AppError("not_found", "没有这个单位");
  return parsed.data.id;
}

unitsAdmin.get("/", requirePermission("registry.read"), async (c) => {
  const raw = {
    kind: c.req.query("kind") || undefined,
    level: c.req.query("level") || undefined,
    q: c.req.query("q") || undefined,
    page: c.req.query("page") || undefined,
  };
  const parsed = UnitQuery.safeParse(raw);
  const page = await svc.listUnits(c.var.ctx, parsed.success ? parsed.data : { page: 1, size: 50 });
  const flash =
    c.req.query("done") === "imported"
      ? { kind: "ok" as const, text: `导入完成：新增 ${Number(c.req.query("n")) || 0} 个单位` }
      : flashFrom(c, FLASH);
  const role = c.var.user!.role;
  return renderAdmin(c, {
    title: "帮扶单位",
    nav: "units",
    flash,
    children: (
      <UnitListPage
        base={base(c)}
        apiBase={apiBase(c)}
        page={page}
        filter={raw}
        canManage={can(role, "units.manage")}
        canImport={can(role, "units.manage") && can(role, "imports.run")}
      />
    ),
  });
});

unitsAdmin.get("/new", requirePermission("units.manage"), (c) =>
  renderAdmin(c, {
    title: "新建单位",
    nav: "units",
    children: <UnitNewPage base={base(c)} csrf={c.var.user!.csrfToken} />,
  }),
);

const newPage: FormPage<TextValues> = (c, state, status) =>
  renderAdmin(c, {
    title: "新建单位",
    nav: "units",
    status,
    children: <UnitNewPage base={base(c)} csrf={c.var.user!.csrfToken} {...state} />,
  });

unitsAdmin.post("/", requirePermission("units.manage"), formCsrf, formValidator(UnitCreate, newPage), async (c) => {
  const { data, values } = c.req.valid("form");
  return submitForm(
    c,
    newPage,
    values,
    () => svc.createUnit(c.var.ctx, data),
    (unit) => `${base(c)}/units/${unit.id}?done=created`,
  );
});

async function detail(c: Context<AppEnv>, extra: Partial<FormState<TextValues>> = {}, status: 200 | 400 | 409 = 200) {
  const unit = await svc.getUnit(c.var.ctx, idOf(c));
  const picture = await unitPicture(c.var.ctx, unit.id);
  return renderAdmin(c, {
    title: unit.name,
    nav: "units",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <UnitDetailPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        unit={unit}
        canManage={can(c.var.user!.role, "units.manage")}
        picture={picture}
        showRecord={await unitInScope(c.var.ctx, unit.id)}
        {...extra}
      />
    ),
  });
}

unitsAdmin.get("/:id{[0-9]+}", requirePermission("registry.read"), (c) => detail(c));

unitsAdmin.post(
  "/:id{[0-9]+}",
  requirePermission("units.manage"),
  formCsrf,
  formValidator(UnitUpdate, detail),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      detail,
      values,
      () => svc.updateUnit(c.var.ctx, idOf(c), data),
      () => `${base(c)}/units/${idOf(c)}?done=saved`,
    );
  },
);
