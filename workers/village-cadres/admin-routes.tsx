import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { type FormPage, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import { fieldErrorsOf } from "../platform/errors/problem.ts";
import { AppError, type FieldError } from "../platform/errors/app-error.ts";
import { can } from "../domain/permissions.ts";
import { scopeOf } from "../domain/scope.ts";
import { pickCandidates, resolvePicks } from "../lookup/resolve.ts";
import { chinaDateOfUnix } from "../lib/dates.ts";
import { IdParam } from "../units/schemas.ts";
import {
  VillageCadreReportsPage,
  VillageOfficialDetailPage,
  VillageOfficialListPage,
  VillageOfficialNewPage,
} from "../../web/pages/admin/village-officials.tsx";
import {
  ReportQuery,
  VillageOfficialCreate,
  VillageOfficialLeave,
  VillageOfficialQuery,
  VillageOfficialUpdate,
} from "./schemas.ts";
import * as svc from "./service.ts";
import { villageCadreReports } from "./reports.ts";

export const villageOfficialsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const apiBase = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/api/v1`;
const q = (c: Context<AppEnv>, k: string) => c.req.query(k) || undefined;
const FLASH = { created: "已登记", saved: "已保存", left: "已办理离任" };

/** Checkboxes post "1" when ticked and nothing otherwise: the API's booleans. */
const BOOLEANS = ["concurrentDirector", "fullTimeSecretary", "partyMember"] as const;
const withBooleans = (v: TextValues) => ({ ...v, ...Object.fromEntries(BOOLEANS.map((k) => [k, v[k] === "1"])) });

function idOf(c: Context<AppEnv>): number {
  const parsed = IdParam("村干部").safeParse({ id: c.req.param("id") });
  if (!parsed.success) throw new AppError("not_found", "没有这名村干部");
  return parsed.data.id;
}

villageOfficialsAdmin.get("/", requirePermission("registry.read"), async (c) => {
  const raw = {
    q: q(c, "q"),
    villageCode: q(c, "villageCode"),
    townshipCode: q(c, "townshipCode"),
    post: q(c, "post"),
    status: c.req.query("status") ?? "serving",
    page: q(c, "page"),
  };
  const parsed = VillageOfficialQuery.safeParse(raw);
  const scope = scopeOf(c.var.user!);
  const [page, townships] = await Promise.all([
    svc.listOfficials(c.var.ctx, parsed.success ? parsed.data : { page: 1, size: 50, status: "serving" }),
    svc.townshipOptions(c.var.ctx),
  ]);
  return renderAdmin(c, {
    title: "村两委花名册",
    nav: "village-officials",
    status: parsed.success ? 200 : 400,
    children: (
      <VillageOfficialListPage
        base={base(c)}
        page={page}
        townships={scope.kind === "township" ? townships.filter((t) => t.code === scope.townshipCode) : townships}
        filter={raw}
        filterErrors={parsed.success ? undefined : fieldErrorsOf(parsed.error)}
        canManage={can(c.var.user!.role, "village_officials.manage")}
      />
    ),
  });
});

villageOfficialsAdmin.get("/reports", requirePermission("registry.read"), async (c) => {
  const parsed = ReportQuery.safeParse({ year: q(c, "year") });
  const year = (parsed.success ? parsed.data.year : undefined) ?? Number(chinaDateOfUnix(c.var.ctx.now()).slice(0, 4));
  return renderAdmin(c, {
    title: "村两委统计",
    nav: "village-officials",
    status: parsed.success ? 200 : 400,
    children: (
      <VillageCadreReportsPage
        base={base(c)}
        apiBase={apiBase(c)}
        r={await villageCadreReports(c.var.ctx, year)}
        filterErrors={parsed.success ? undefined : fieldErrorsOf(parsed.error)}
      />
    ),
  });
});

const newPage: FormPage<TextValues> = async (c, state, status) =>
  renderAdmin(c, {
    title: "登记村干部",
    nav: "village-officials",
    status,
    children: (
      <VillageOfficialNewPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        candidates={await pickCandidates(c.var.ctx, "villages", state.values.villageCode)}
        {...state}
      />
    ),
  });

villageOfficialsAdmin.get("/new", requirePermission("village_officials.manage"), (c) =>
  renderAdmin(c, {
    title: "登记村干部",
    nav: "village-officials",
    children: (
      <VillageOfficialNewPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        values={{ villageCode: q(c, "villageCode"), termStart: chinaDateOfUnix(c.var.ctx.now()) }}
      />
    ),
  }),
);

villageOfficialsAdmin.post(
  "/",
  requirePermission("village_officials.manage"),
  formCsrf,
  formValidator(VillageOfficialCreate, newPage, {
    input: resolvePicks([{ field: "villageCode", entity: "villages" }], withBooleans),
  }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      newPage,
      values,
      () => svc.createOfficial(c.var.ctx, data),
      (o) => `${base(c)}/village-officials/${o.id}?done=created`,
    );
  },
);

async function detail(
  c: Context<AppEnv>,
  extra: { form?: "edit" | "leave"; values?: TextValues; errors?: FieldError[]; message?: string } = {},
  status: 200 | 400 | 409 = 200,
) {
  const o = await svc.getOfficial(c.var.ctx, idOf(c));
  return renderAdmin(c, {
    title: o.name,
    nav: "village-officials",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <VillageOfficialDetailPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        o={o}
        canManage={can(c.var.user!.role, "village_officials.manage")}
        today={chinaDateOfUnix(c.var.ctx.now())}
        {...extra}
      />
    ),
  });
}

villageOfficialsAdmin.get("/:id{[0-9]+}", requirePermission("registry.read"), (c) => detail(c));

const editPage: FormPage<TextValues> = (c, state, status) => detail(c, { form: "edit", ...state }, status);
villageOfficialsAdmin.post(
  "/:id{[0-9]+}",
  requirePermission("village_officials.manage"),
  formCsrf,
  formValidator(VillageOfficialUpdate, editPage, { input: withBooleans }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      editPage,
      values,
      () => svc.updateOfficial(c.var.ctx, idOf(c), data),
      () => `${base(c)}/village-officials/${idOf(c)}?done=saved`,
      { propagate: ["not_found"] },
    );
  },
);

const leavePage: FormPage<TextValues> = (c, state, status) => detail(c, { form: "leave", ...state }, status);
villageOfficialsAdmin.post(
  "/:id{[0-9]+}/leave",
  requirePermission("village_officials.manage"),
  formCsrf,
  formValidator(VillageOfficialLeave, leavePage),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      leavePage,
      values,
      () => svc.leaveOffice(c.var.ctx, idOf(c), data),
      () => `${base(c)}/village-officials/${idOf(c)}?done=left`,
      { propagate: ["not_found"] },
    );
  },
);
