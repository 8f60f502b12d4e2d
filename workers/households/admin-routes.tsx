import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { type FormPage, type FormValues, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import { can } from "../domain/permissions.ts";
import { AppError, type FieldError } from "../platform/errors/app-error.ts";
import { fieldErrorsOf } from "../platform/errors/problem.ts";
import { todayInChina } from "../lib/dates.ts";
import { listTownships } from "../places/service.ts";
import {
  HouseholdEditPage,
  HouseholdListPage,
  HouseholdNewPage,
  type Values,
} from "../../web/pages/admin/households.tsx";
import { householdPicture } from "./whole-picture.ts";
import { HouseholdDetailPage } from "../../web/pages/admin/households-detail.tsx";
import {
  HouseholdCreate,
  HouseholdIdParam,
  HouseholdQuery,
  HouseholdUpdate,
  MemberIdParam,
  MemberInput,
} from "./schemas.ts";
import * as svc from "./service.ts";
import { RevealReason } from "../platform/reveal-reason.ts";
import { statusHistory } from "./status.ts";

export const householdsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const apiBase = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/api/v1`;
const FLASH = {
  created: "农户已登记",
  saved: "已保存",
  member: "成员已添加",
  member_removed: "成员已删除",
  status: "状态变更已登记",
};

const MULTI = ["causes"] as const;

function idOf(c: Context<AppEnv>): number {
  const parsed = HouseholdIdParam.safeParse({ id: c.req.param("id") });
  if (!parsed.success) throw new AppError("not_found", "没有这户");
  return parsed.data.id;
}

householdsAdmin.get("/", requirePermission("registry.read"), async (c) => {
  const keys = ["townshipCode", "villageCode", "status", "type", "cause", "q", "idNumber", "page"] as const;
  const raw: Record<string, string | undefined> = {};
  for (const k of keys) raw[k] = c.req.query(k) || undefined;
  const parsed = HouseholdQuery.safeParse(raw);
  const errors = parsed.success ? undefined : fieldErrorsOf(parsed.error);
  const [page, townships] = await Promise.all([
    parsed.success
      ? svc.listHouseholds(c.var.ctx, parsed.data)
      : Promise.resolve({ items: [], total: 0, totalCapped: false, page: 1, size: 50 }),
    listTownships(c.var.ctx),
  ]);
  // A whole ID number that finds exactly one household goes straight to it.
  if (parsed.success && parsed.data.idNumber && page.total === 1)
    return c.redirect(`${base(c)}/households/${page.items[0]!.id}`, 303);
  const flash =
    c.req.query("done") === "imported"
      ? { kind: "ok" as const, text: `导入完成：新增 ${Number(c.req.query("n")) || 0} 户` }
      : flashFrom(c, FLASH);
  const role = c.var.user!.role;
  return renderAdmin(c, {
    title: "农户",
    nav: "households",
    flash,
    status: errors ? 400 : 200,
    children: (
      <HouseholdListPage
        base={base(c)}
        apiBase={apiBase(c)}
        page={page}
        townships={townships}
        filter={raw}
        errors={errors}
        canManage={can(role, "households.manage")}
        canImport={can(role, "households.manage") && can(role, "imports.run")}
      />
    ),
  });
});

householdsAdmin.get("/new", requirePermission("households.manage"), async (c) =>
  renderAdmin(c, {
    title: "登记农户",
    nav: "households",
    children: (
      <HouseholdNewPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        villages={await svc.villageOptions(c.var.ctx)}
        values={{ villageCode: c.req.query("villageCode") }}
      />
    ),
  }),
);

const newPage: FormPage<FormValues> = async (c, state, status) =>
  renderAdmin(c, {
    title: "登记农户",
    nav: "households",
    status,
    children: (
      <HouseholdNewPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        villages={await svc.villageOptions(c.var.ctx)}
        {...state}
      />
    ),
  });

householdsAdmin.post(
  "/",
  requirePermission("households.manage"),
  formCsrf,
  formValidator(HouseholdCreate, newPage, { multi: MULTI }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      newPage,
      values,
      () => svc.createHousehold(c.var.ctx, data),
      (h) => `${base(c)}/households/${h.id}?done=created`,
    );
  },
);

async function detail(
  c: Context<AppEnv>,
  extra: {
    revealed?: { idNumber: string; phone: string | null };
    form?: "member" | "status" | "reveal";
    values?: Values;
    errors?: FieldError[];
    message?: string;
  } = {},
  status: 200 | 400 | 409 = 200,
) {
  const id = idOf(c);
  // The detail read first: it answers 404 outside the user's scope before anything around it is read.
  const household = await svc.getHouseholdDetail(c.var.ctx, id);
  const [history, picture] = await Promise.all([statusHistory(c.var.ctx, id), householdPicture(c.var.ctx, id)]);
  const role = c.var.user!.role;
  return renderAdmin(c, {
    title: `${household.headName} 户`,
    nav: "households",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <HouseholdDetailPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        household={household}
        history={history}
        picture={picture}
        today={todayInChina()}
        canManage={can(role, "households.manage")}
        canReveal={can(role, "pii.reveal")}
        {...extra}
      />
    ),
  });
}

householdsAdmin.get("/:id{[0-9]+}", requirePermission("registry.read"), (c) => detail(c));

async function editPage(
  c: Context<AppEnv>,
  extra: { values?: Values; errors?: FieldError[]; message?: string } = {},
  status: 200 | 400 | 409 = 200,
) {
  const household = await svc.getHousehold(c.var.ctx, idOf(c));
  return renderAdmin(c, {
    title: `修改 ${household.headName} 户`,
    nav: "households",
    status,
    children: (
      <HouseholdEditPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        household={household}
        villages={await svc.villageOptions(c.var.ctx)}
        {...extra}
      />
    ),
  });
}

const EDIT_FIELDS = new Set([
  "headName",
  "idNumber",
  "phone",
  "villageCode",
  "groupName",
  "memberCount",
  "type",
  "causes",
  "yearIdentified",
  "notes",
]);

householdsAdmin.get("/:id{[0-9]+}/edit", requirePermission("households.manage"), (c) => editPage(c));

/** Errors on fields the edit form does not show (status sent by hand) are named above the form. */
const editPageWithHidden: FormPage<FormValues> = (c, state, status) => {
  const hidden = state.errors.filter((e) => !EDIT_FIELDS.has(e.field.split(".")[0]!));
  return editPage(c, hidden.length ? { ...state, message: hidden.map((e) => e.message).join("；") } : state, status);
};

householdsAdmin.post(
  "/:id{[0-9]+}",
  requirePermission("households.manage"),
  formCsrf,
  formValidator(HouseholdUpdate, editPageWithHidden, {
    multi: MULTI,
    // On the edit form an empty ID number, phone or size means "unchanged" (the page never shows them whole).
    input: (values) => {
      const input: Record<string, unknown> = { ...values };
      for (const k of ["idNumber", "phone", "memberCount"]) if (input[k] === "") delete input[k];
      return input;
    },
  }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      editPage,
      values,
      () => svc.updateHousehold(c.var.ctx, idOf(c), data),
      () => `${base(c)}/households/${idOf(c)}?done=saved`,
    );
  },
);

const memberPage: FormPage<TextValues> = (c, state, status) => detail(c, { form: "member", ...state }, status);

householdsAdmin.post(
  "/:id{[0-9]+}/members",
  requirePermission("households.manage"),
  formCsrf,
  formValidator(MemberInput, memberPage),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      memberPage,
      values,
      () => svc.addMember(c.var.ctx, idOf(c), data),
      () => `${base(c)}/households/${idOf(c)}?done=member`,
    );
  },
);

householdsAdmin.post(
  "/:id{[0-9]+}/members/:memberId{[0-9]+}/delete",
  requirePermission("households.manage"),
  formCsrf,
  async (c) => {
    const parsed = MemberIdParam.safeParse({ id: c.req.param("id"), memberId: c.req.param("memberId") });
    if (!parsed.success) throw new AppError("not_found", "没有这名家庭成员");
    await svc.removeMember(c.var.ctx, parsed.data.id, parsed.data.memberId);
    return c.redirect(`${base(c)}/households/${parsed.data.id}?done=member_removed`, 303);
  },
);

// A POST (not a link): revealing writes an audit entry and must not be prefetched or cached.
const revealPage: FormPage<TextValues> = (c, state, status) => detail(c, { form: "reveal", ...state }, status);
householdsAdmin.post(
  "/:id{[0-9]+}/reveal",
  requirePermission("pii.reveal"),
  formCsrf,
  formValidator(RevealReason, revealPage),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      revealPage,
      values,
      () => svc.revealPii(c.var.ctx, idOf(c), data.reason),
      (done) => detail(c, { revealed: { idNumber: done.idNumber, phone: done.phone } }),
      { propagate: ["not_found"] },
    );
  },
);
