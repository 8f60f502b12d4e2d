import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { type FormState, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import { can } from "../domain/permissions.ts";
import { todayInChina } from "../lib/dates.ts";
import { cadreOptions } from "../assignments/service.ts";
import { RectificationDetailPage, RectificationListPage } from "../../web/pages/admin/rectifications.tsx";
import {
  ExitRequest,
  RankingQuery,
  RectificationConfirm,
  RectificationDispatch,
  RectificationMeasureCreate,
  RectificationMeasureUpdate,
} from "./schemas.ts";
import * as svc from "./service.ts";
import { ranking } from "./ranking.ts";

export const rectificationsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const FLASH = { confirmed: "已确定整顿名单", saved: "已保存", exited: "已确认销号退出" };
type Form = Partial<FormState<TextValues>> & { name: string };

async function listPage(c: Context<AppEnv>, form?: Form, status: 200 | 400 | 409 = 200) {
  const ind = c.req.queries("indicators")?.join(",") ?? form?.values?.indicators;
  const parsed = RankingQuery.safeParse({
    year: form?.values?.year ?? c.req.query("year") ?? todayInChina(c.var.ctx.now() * 1000).slice(0, 4),
    indicators: ind || undefined,
  });
  const q = parsed.success
    ? parsed.data
    : RankingQuery.parse({ year: todayInChina(c.var.ctx.now() * 1000).slice(0, 4) });
  return renderAdmin(c, {
    title: "后进村整顿",
    nav: "rectifications",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <RectificationListPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        year={q.year}
        list={await svc.listRectifications(c.var.ctx, { year: q.year })}
        ranking={await ranking(c.var.ctx, q.year, q.indicators)}
        canConfirm={can(c.var.user!.role, "rectifications.confirm")}
        form={form}
      />
    ),
  });
}

const idOf = (c: Context<AppEnv>) => Number(c.req.param("id"));

async function detailPage(c: Context<AppEnv>, form?: Form, status: 200 | 400 | 409 = 200) {
  const id = idOf(c);
  if (!Number.isSafeInteger(id) || id <= 0) return c.notFound();
  const r = await svc.getRectification(c.var.ctx, id);
  const canManage = can(c.var.user!.role, "rectifications.manage");
  return renderAdmin(c, {
    title: `${r.villageName} 整顿`,
    nav: "rectifications",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <RectificationDetailPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        r={r}
        canManage={canManage}
        canConfirm={can(c.var.user!.role, "rectifications.confirm")}
        userId={c.var.user!.id}
        cadres={canManage && r.status === "listed" ? await cadreOptions(c.var.ctx) : []}
        form={form}
      />
    ),
  });
}

rectificationsAdmin.get("/", requirePermission("supervision.read"), (c) => listPage(c));
rectificationsAdmin.get("/:id{[0-9]+}", requirePermission("supervision.read"), (c) => detailPage(c));

const listForm = (name: string) => (c: Context<AppEnv>, s: FormState<TextValues>, st: 400 | 409) =>
  listPage(c, { ...s, name }, st);
const detailForm = (name: string) => (c: Context<AppEnv>, s: FormState<TextValues>, st: 400 | 409) =>
  detailPage(c, { ...s, name }, st);

rectificationsAdmin.post(
  "/",
  requirePermission("rectifications.confirm"),
  formCsrf,
  formValidator(RectificationConfirm, listForm("confirm"), { multi: ["villageIds"] } as never),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      listForm("confirm"),
      values as TextValues,
      () => svc.confirmList(c.var.ctx, data),
      () => `${base(c)}/rectifications?year=${data.year}&done=confirmed`,
    );
  },
);

const detailPost = <S extends Parameters<typeof formValidator>[0]>(
  path: string,
  name: string,
  schema: S,
  permission: "rectifications.manage" | "rectifications.confirm",
  act: (c: Context<AppEnv>, data: never) => Promise<unknown>,
  done = "saved",
) =>
  rectificationsAdmin.post(
    `/:id{[0-9]+}${path}`,
    requirePermission(permission),
    formCsrf,
    formValidator(schema, detailForm(name)),
    async (c) => {
      const { data, values } = c.req.valid("form");
      return submitForm(
        c,
        detailForm(name),
        values,
        () => act(c, data as never),
        () => `${base(c)}/rectifications/${idOf(c)}?done=${done}`,
      );
    },
  );

detailPost("/measures", "add", RectificationMeasureCreate, "rectifications.manage", (c, d) =>
  svc.addMeasure(c.var.ctx, idOf(c), d),
);
detailPost("/measures/:measureId{[0-9]+}", "measure", RectificationMeasureUpdate, "rectifications.manage", (c, d) =>
  svc.updateMeasure(c.var.ctx, idOf(c), Number(c.req.param("measureId")), d),
);
detailPost("/dispatch", "dispatch", RectificationDispatch, "rectifications.manage", (c, d) =>
  svc.dispatch(c.var.ctx, idOf(c), d),
);
detailPost("/exit-request", "exit", ExitRequest, "rectifications.manage", (c, d) =>
  svc.requestExit(c.var.ctx, idOf(c), d),
);
rectificationsAdmin.post("/:id{[0-9]+}/exit-confirm", requirePermission("rectifications.confirm"), formCsrf, (c) =>
  submitForm(
    c,
    detailForm("confirm"),
    {} as TextValues,
    () => svc.confirmExit(c.var.ctx, idOf(c)),
    () => `${base(c)}/rectifications/${idOf(c)}?done=exited`,
  ),
);
