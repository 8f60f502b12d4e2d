import type { ServiceContext } from "../domain/service-context.ts";
import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import {
  type FormPage,
  type FormValues,
  FormYear,
  formValidator,
  submitForm,
  type TextValues,
  yuanToFen,
} from "../platform/admin-form.ts";
import { z } from "zod";
import { can } from "../domain/permissions.ts";
import { AppError, type FieldError } from "../platform/errors/app-error.ts";
import { PlacesPage, VillageListPage } from "../../web/pages/admin/places.tsx";
import { villagePicture } from "./whole-picture.ts";
import { VillageDetailPage, VillageNewPage } from "../../web/pages/admin/village-detail.tsx";
import { villageRoster } from "../village-cadres/service.ts";
import { CountyCreate, GroupCreate, TownshipCreate, VillageCreate, VillageQuery, VillageUpdate } from "./schemas.ts";
import { teamInScope } from "../domain/subject-scope.ts";
import * as places from "./service.ts";

export const placesAdmin = new Hono<AppEnv>();
export const villagesAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const FLASH = { created: "已创建", saved: "已保存", income: "收入已登记", group: "小组已添加", imported: "导入完成" };

// --- counties and townships ---

async function placesPage(
  c: Context<AppEnv>,
  extra: {
    form?: "county" | "township";
    errors?: FieldError[];
    message?: string;
    values?: Record<string, string>;
  } = {},
  status: 200 | 400 | 409 = 200,
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

placesAdmin.get("/", requirePermission("registry.read"), (c) => placesPage(c));

for (const [kind, schema, create] of [
  ["county", CountyCreate, places.createCounty],
  ["township", TownshipCreate, places.createTownship],
] as const) {
  const page: FormPage<TextValues> = (c, state, status) => placesPage(c, { form: kind, ...state }, status);
  placesAdmin.post(
    `/${kind === "county" ? "counties" : "townships"}`,
    requirePermission("places.manage"),
    formCsrf,
    formValidator(schema as typeof TownshipCreate, page),
    async (c) => {
      const { data, values } = c.req.valid("form");
      return submitForm(
        c,
        page,
        values,
        () => (create as (ctx: ServiceContext, v: typeof data) => Promise<unknown>)(c.var.ctx, data),
        () => `${base(c)}/places?done=created`,
      );
    },
  );
}

// --- villages ---

villagesAdmin.get("/", requirePermission("registry.read"), async (c) => {
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
        canImport={can(c.var.user!.role, "villages.manage") && can(c.var.user!.role, "imports.run")}
      />
    ),
  });
});

villagesAdmin.get("/new", requirePermission("villages.manage"), (c) =>
  renderAdmin(c, {
    title: "新建村",
    nav: "villages",
    children: <VillageNewPage base={base(c)} csrf={c.var.user!.csrfToken} />,
  }),
);

const newVillagePage: FormPage<TextValues> = (c, state, status) =>
  renderAdmin(c, {
    title: "新建村",
    nav: "villages",
    status,
    children: <VillageNewPage base={base(c)} csrf={c.var.user!.csrfToken} {...state} />,
  });

villagesAdmin.post(
  "/",
  requirePermission("villages.manage"),
  formCsrf,
  formValidator(VillageCreate, newVillagePage),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      newVillagePage,
      values,
      () => places.createVillage(c.var.ctx, data),
      (v) => `${base(c)}/villages/${v.code}?done=created`,
    );
  },
);

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
  status: 200 | 400 | 409 = 200,
) {
  const village = await places.getVillage(c.var.ctx, villageCode(c));
  const [picture, roster, showTeamRecord] = await Promise.all([
    villagePicture(c.var.ctx, village.id),
    villageRoster(c.var.ctx, village.id),
    teamInScope(c.var.ctx, village),
  ]);
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
        picture={picture}
        roster={roster}
        canManageRoster={can(c.var.user!.role, "village_officials.manage")}
        canAnswerFeedback={can(c.var.user!.role, "feedback.answer")}
        showTeamRecord={showTeamRecord}
        {...extra}
      />
    ),
  });
}

villagesAdmin.get("/:code", requirePermission("registry.read"), (c) => detail(c));

const editPage: FormPage<FormValues> = (c, state, status) => detail(c, { form: "edit", ...state }, status);

villagesAdmin.post(
  "/:code",
  requirePermission("villages.manage"),
  formCsrf,
  formValidator(VillageUpdate, editPage, { multi: ["tags"] }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      editPage,
      values,
      () => places.updateVillage(c.var.ctx, villageCode(c), data),
      () => `${base(c)}/villages/${villageCode(c)}?done=saved`,
    );
  },
);

const IncomeForm = z.object({ year: FormYear, incomeFen: z.number().int() });
const incomePage: FormPage<TextValues> = (c, state, status) => detail(c, { form: "income", ...state }, status);

villagesAdmin.post(
  "/:code/incomes",
  requirePermission("villages.manage"),
  formCsrf,
  formValidator(IncomeForm, incomePage, {
    input: (v, fail) => ({ year: v.year ?? "", incomeFen: yuanToFen(v.income, "income", fail) }),
    fields: { incomeFen: "income" },
  }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      incomePage,
      values,
      () => places.setVillageIncome(c.var.ctx, villageCode(c), data.year, data.incomeFen),
      () => `${base(c)}/villages/${villageCode(c)}?done=income`,
    );
  },
);

const groupPage: FormPage<TextValues> = (c, state, status) => detail(c, { form: "group", ...state }, status);

villagesAdmin.post(
  "/:code/groups",
  requirePermission("villages.manage"),
  formCsrf,
  formValidator(GroupCreate, groupPage),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      groupPage,
      values,
      () => places.addVillageGroup(c.var.ctx, villageCode(c), data.name),
      () => `${base(c)}/villages/${villageCode(c)}?done=group`,
    );
  },
);
