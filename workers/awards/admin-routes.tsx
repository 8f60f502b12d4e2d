import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { type FormState, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import { can } from "../domain/permissions.ts";
import { cadreOptions } from "../assignments/service.ts";
import { AwardListPage } from "../../web/pages/admin/awards.tsx";
import { AwardCreateForm, AwardQuery } from "./schemas.ts";
import * as svc from "./service.ts";

export const awardsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;

async function page(c: Context<AppEnv>, form: Partial<FormState<TextValues>> = {}, status: 200 | 400 | 409 = 200) {
  const filter = { year: c.req.query("year") || undefined, kind: c.req.query("kind") || undefined };
  const q = AwardQuery.safeParse(filter);
  const canManage = can(c.var.user!.role, "awards.manage");
  return renderAdmin(c, {
    title: "表彰",
    nav: "awards",
    status,
    flash: flashFrom(c, { created: "已登记表彰" }),
    children: (
      <AwardListPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        items={(await svc.listAwards(c.var.ctx, q.success ? q.data : {})).items}
        filter={filter}
        canManage={canManage}
        programs={canManage ? await svc.awardPrograms(c.var.ctx) : []}
        cadres={canManage ? await cadreOptions(c.var.ctx) : []}
        others={canManage ? await svc.honourableOthers(c.var.ctx) : { officials: [], pioneers: [] }}
        values={form.values}
        errors={form.errors}
        message={form.message}
      />
    ),
  });
}

awardsAdmin.get("/", requirePermission("awards.read"), (c) => page(c));
awardsAdmin.post(
  "/",
  requirePermission("awards.manage"),
  formCsrf,
  formValidator(AwardCreateForm, (c, s, st) => page(c, s, st)),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      (c, s, st) => page(c, s, st),
      values,
      () => svc.recordAward(c.var.ctx, data),
      () => `${base(c)}/awards?done=created`,
    );
  },
);
