import { Hono, type Context } from "hono";
import type { ZodType } from "zod";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { type FormPage, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import { fieldErrorsOf } from "../platform/errors/problem.ts";
import { AppError, type FieldError } from "../platform/errors/app-error.ts";
import type { ServiceContext } from "../domain/service-context.ts";
import { can } from "../domain/permissions.ts";
import { scopeOf } from "../domain/scope.ts";
import { pickCandidates, resolvePicks } from "../lookup/resolve.ts";
import { todayInChina } from "../lib/dates.ts";
import { IdParam } from "../units/schemas.ts";
import { ReserveDetailPage, ReserveListPage, ReserveNewPage } from "../../web/pages/admin/reserves.tsx";
import { NominationCreate, NominationExit, NominationPublish, NominationQuery, NominationUse } from "./schemas.ts";
import * as svc from "./service.ts";

export const reservesAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const q = (c: Context<AppEnv>, k: string) => c.req.query(k) || undefined;
const FLASH = {
  nominated: "已提名，请发布公示",
  published: "已发布公示",
  finalized: "公示期满，已纳入培养",
  used: "已登记使用",
  exited: "已退出后备库",
};

function idOf(c: Context<AppEnv>): number {
  const parsed = IdParam("后备人选").safeParse({ id: c.req.param("id") });
  if (!parsed.success) throw new AppError("not_found", "没有这名后备人选");
  return parsed.data.id;
}

reservesAdmin.get("/", requirePermission("reserves.read"), async (c) => {
  const raw = { poolKind: q(c, "poolKind"), status: q(c, "status"), page: q(c, "page") };
  const parsed = NominationQuery.safeParse(raw);
  const page = await svc.listNominations(c.var.ctx, parsed.success ? parsed.data : { page: 1, size: 50 });
  return renderAdmin(c, {
    title: "后备干部库",
    nav: "reserves",
    status: parsed.success ? 200 : 400,
    flash: flashFrom(c, FLASH),
    children: (
      <ReserveListPage
        base={base(c)}
        page={page}
        filter={raw}
        filterErrors={parsed.success ? undefined : fieldErrorsOf(parsed.error)}
        canManage={can(c.var.user!.role, "reserves.manage")}
      />
    ),
  });
});

async function renderNew(
  c: Context<AppEnv>,
  state: { values: TextValues; errors: FieldError[]; message?: string },
  status: 200 | 400 | 409,
) {
  return renderAdmin(c, {
    title: "提名后备人选",
    nav: "reserves",
    status,
    children: (
      <ReserveNewPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        canNominateCadres={scopeOf(c.var.user!).kind === "all"}
        {...state}
        cadreCandidates={await pickCandidates(c.var.ctx, "cadres", state.values.cadreId)}
        villageCandidates={await pickCandidates(c.var.ctx, "villages", state.values.villageCode)}
      />
    ),
  });
}
const newPage: FormPage<TextValues> = (c, state, status) => renderNew(c, state, status);

reservesAdmin.get("/new", requirePermission("reserves.manage"), (c) =>
  renderNew(
    c,
    { values: { poolKind: q(c, "poolKind") ?? "", villageCode: q(c, "villageCode") ?? "" }, errors: [] },
    200,
  ),
);
reservesAdmin.post(
  "/",
  requirePermission("reserves.manage"),
  formCsrf,
  formValidator(NominationCreate, newPage, {
    input: resolvePicks([
      { field: "cadreId", entity: "cadres" },
      { field: "villageCode", entity: "villages" },
    ]),
  }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      newPage,
      values,
      () => svc.nominate(c.var.ctx, data),
      (n) => `${base(c)}/reserves/${n.id}?done=nominated`,
    );
  },
);

type Form = "publish" | "finalize" | "use" | "exit";

async function detail(
  c: Context<AppEnv>,
  extra: { form?: Form; values?: TextValues; errors?: FieldError[]; message?: string } = {},
  status: 200 | 400 | 409 = 200,
) {
  const n = await svc.getNomination(c.var.ctx, idOf(c));
  return renderAdmin(c, {
    title: `后备人选 ${n.name}`,
    nav: "reserves",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <ReserveDetailPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        n={n}
        today={todayInChina()}
        canManage={can(c.var.user!.role, "reserves.manage")}
        {...extra}
      />
    ),
  });
}

reservesAdmin.get("/:id{[0-9]+}", requirePermission("reserves.read"), (c) => detail(c));

/** The nominee page's forms; 404s propagate, other refusals re-render the page with the message. */
for (const [form, schema, run, done] of [
  [
    "publish",
    NominationPublish,
    (ctx: ServiceContext, id: number, v: { noticeDays?: number }) => svc.publishNomination(ctx, id, v),
    "published",
  ],
  ["finalize", NominationPublish, (ctx: ServiceContext, id: number) => svc.finalizeNomination(ctx, id), "finalized"],
  ["use", NominationUse, (ctx: ServiceContext, id: number, v: never) => svc.useNomination(ctx, id, v), "used"],
  ["exit", NominationExit, (ctx: ServiceContext, id: number, v: never) => svc.exitNomination(ctx, id, v), "exited"],
] as const) {
  const page: FormPage<TextValues> = (c, state, status) => detail(c, { form, ...state }, status);
  reservesAdmin.post(
    `/:id{[0-9]+}/${form}`,
    requirePermission("reserves.manage"),
    formCsrf,
    formValidator(schema as ZodType, page),
    async (c) => {
      const { data, values } = c.req.valid("form");
      return submitForm(
        c,
        page,
        values,
        () => (run as (ctx: ServiceContext, id: number, v: unknown) => Promise<unknown>)(c.var.ctx, idOf(c), data),
        () => `${base(c)}/reserves/${idOf(c)}?done=${done}`,
        { propagate: ["not_found"] },
      );
    },
  );
}
