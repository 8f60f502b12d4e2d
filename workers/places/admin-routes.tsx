import type { ServiceContext } from "../domain/service-context.ts";
import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin, tryAction, formFields } from "../platform/admin-render.tsx";
import { can } from "../auth/permissions.ts";
import { AppError, type FieldError } from "../platform/errors/app-error.ts";
import { fieldErrorsOf } from "../platform/errors/problem.ts";
import { parseYuanToFen } from "../lib/money.ts";
import { PlacesPage, VillageListPage } from "../../web/pages/admin/places.tsx";
import { VillageDetailPage, VillageNewPage } from "../../web/pages/admin/village-detail.tsx";
import { CountyCreate, GroupCreate, TownshipCreate, VillageCreate, VillageQuery, VillageUpdate } from "./schemas.ts";
import * as places from "./service.ts";

export const placesAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const FLASH = { created: "已创建", saved: "已保存", income: "收入已登记", group: "小组已添加", imported: "导入完成" };

const formValues = (c: Context<AppEnv>) => formFields(c, ["tags"]);

// --- counties and townships ---

async function placesPage(
  c: Context<AppEnv>,
  extra: {
    form?: "county" | "township";
    errors?: FieldError[];
    message?: string;
    values?: Record<string, string>;
  } = {},
  status: 200 | 400 = 200,
) {
  const [counties, townships] = await Promise.all([places.listCounties(c.var.ctx), places.listTownships(c.var.ctx)]);
  return renderAdmin(c, {
    title: "区县与乡镇",
    nav: "places",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <PlacesPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        isCity={c.var.tenant.level === "city"}
        canManage={can(c.var.user!.role, "places.manage")}
        counties={counties}
        townships={townships}
        {...extra}
      />
    ),
  });
}

placesAdmin.get("/places", requirePermission("registry.read"), (c) => placesPage(c));

for (const [kind, schema, create] of [
  ["county", CountyCreate, places.createCounty],
  ["township", TownshipCreate, places.createTownship],
] as const) {
  placesAdmin.post(
    `/places/${kind === "county" ? "counties" : "townships"}`,
    requirePermission("places.manage"),
    formCsrf,
    async (c) => {
      const values = (await formValues(c)) as Record<string, string>;
      const parsed = schema.safeParse(values);
      if (!parsed.success) return placesPage(c, { form: kind, errors: fieldErrorsOf(parsed.error), values }, 400);
      const done = await tryAction(() =>
        (create as (ctx: ServiceContext, v: typeof parsed.data) => Promise<unknown>)(c.var.ctx, parsed.data),
      );
      if (!done.ok)
        return placesPage(c, { form: kind, errors: done.error.fields, message: done.error.message, values }, 400);
      return c.redirect(`${base(c)}/places?done=created`, 303);
    },
  );
}

// --- villages ---

placesAdmin.get("/villages", requirePermission("registry.read"), async (c) => {
  const raw = {
    townshipCode: c.req.query("townshipCode") || undefined,
    tag: c.req.query("tag") || undefined,
    q: c.req.query("q") || undefined,
    page: c.req.query("page") || undefined,
  };
  const parsed = VillageQuery.safeParse(raw);
  const q = parsed.success ? parsed.data : { page: 1, size: 50 };
  const [page, townships] = await Promise.all([places.listVillages(c.var.ctx, q), places.listTownships(c.var.ctx)]);
  const flash =
    c.req.query("done") === "imported"
      ? { kind: "ok" as const, text: `导入完成：新增 ${Number(c.req.query("n")) || 0} 个村` }
      : flashFrom(c, FLASH);
  return renderAdmin(c, {
    title: "村（社区）",
    nav: "villages",
    flash,
    children: (
      <VillageListPage
        base={base(c)}
        page={page}
        townships={townships}
        filter={{ townshipCode: raw.townshipCode, tag: raw.tag, q: raw.q }}
        canManage={can(c.var.user!.role, "villages.manage")}
        canImport={can(c.var.user!.role, "imports.run")}
      />
    ),
  });
});

placesAdmin.get("/villages/new", requirePermission("villages.manage"), (c) =>
  renderAdmin(c, {
    title: "新建村",
    nav: "villages",
    children: <VillageNewPage base={base(c)} csrf={c.var.user!.csrfToken} />,
  }),
);

placesAdmin.post("/villages", requirePermission("villages.manage"), formCsrf, async (c) => {
  const values = await formValues(c);
  const page = (errors: FieldError[], message?: string) =>
    renderAdmin(c, {
      title: "新建村",
      nav: "villages",
      status: 400,
      children: (
        <VillageNewPage base={base(c)} csrf={c.var.user!.csrfToken} values={values} errors={errors} message={message} />
      ),
    });
  const parsed = VillageCreate.safeParse(values);
  if (!parsed.success) return page(fieldErrorsOf(parsed.error));
  const done = await tryAction(() => places.createVillage(c.var.ctx, parsed.data));
  if (!done.ok) return page(done.error.fields, done.error.message);
  return c.redirect(`${base(c)}/villages/${done.value.code}?done=created`, 303);
});

function villageCode(c: Context<AppEnv>): string {
  const code = c.req.param("code") ?? "";
  if (!/^\d{12}$/.test(code)) throw new AppError("not_found", "没有这个村（社区）");
  return code;
}

async function detail(
  c: Context<AppEnv>,
  extra: {
    form?: "edit" | "income" | "group";
    values?: Record<string, string | string[]>;
    errors?: FieldError[];
    message?: string;
  } = {},
  status: 200 | 400 = 200,
) {
  const village = await places.getVillage(c.var.ctx, villageCode(c));
  return renderAdmin(c, {
    title: village.name,
    nav: "villages",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <VillageDetailPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        village={village}
        canManage={can(c.var.user!.role, "villages.manage")}
        {...extra}
      />
    ),
  });
}

placesAdmin.get("/villages/:code", requirePermission("registry.read"), (c) => detail(c));

placesAdmin.post("/villages/:code", requirePermission("villages.manage"), formCsrf, async (c) => {
  const values = await formValues(c);
  const parsed = VillageUpdate.safeParse({ ...values, tags: values.tags ?? [] });
  if (!parsed.success) return detail(c, { form: "edit", values, errors: fieldErrorsOf(parsed.error) }, 400);
  const done = await tryAction(() => places.updateVillage(c.var.ctx, villageCode(c), parsed.data));
  if (!done.ok) return detail(c, { form: "edit", values, errors: done.error.fields, message: done.error.message }, 400);
  return c.redirect(`${base(c)}/villages/${villageCode(c)}?done=saved`, 303);
});

placesAdmin.post("/villages/:code/incomes", requirePermission("villages.manage"), formCsrf, async (c) => {
  const values = (await formValues(c)) as Record<string, string>;
  const errors: FieldError[] = [];
  const year = Number(values.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    errors.push({ field: "year", message: "请填写 2000–2100 之间的年份" });
  const fen = parseYuanToFen(values.income ?? "");
  if (!fen.ok) errors.push({ field: "income", message: fen.message });
  if (errors.length > 0 || !fen.ok) return detail(c, { form: "income", values, errors }, 400);
  await places.setVillageIncome(c.var.ctx, villageCode(c), year, fen.fen);
  return c.redirect(`${base(c)}/villages/${villageCode(c)}?done=income`, 303);
});

placesAdmin.post("/villages/:code/groups", requirePermission("villages.manage"), formCsrf, async (c) => {
  const values = (await formValues(c)) as Record<string, string>;
  const parsed = GroupCreate.safeParse(values);
  if (!parsed.success) return detail(c, { form: "group", values, errors: fieldErrorsOf(parsed.error) }, 400);
  const done = await tryAction(() => places.addVillageGroup(c.var.ctx, villageCode(c), parsed.data.name));
  if (!done.ok)
    return detail(c, { form: "group", values, errors: done.error.fields, message: done.error.message }, 400);
  return c.redirect(`${base(c)}/villages/${villageCode(c)}?done=group`, 303);
});
