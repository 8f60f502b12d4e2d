import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { type FormPage, type FormState, type FormValues, formValidator, submitForm } from "../platform/admin-form.ts";
import { can } from "../domain/permissions.ts";
import { fieldErrorsOf } from "../platform/errors/problem.ts";
import { scopeOf } from "../domain/scope.ts";
import { todayInChina } from "../lib/dates.ts";
import { VisitListPage, VisitNewPage } from "../../web/pages/admin/visits.tsx";
import { VisitCreate, VisitFilter } from "./schemas.ts";
import * as svc from "./service.ts";

export const visitsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;

visitsAdmin.get("/", requirePermission("registry.read"), async (c) => {
  const raw = Object.fromEntries(
    ["cadreId", "householdId", "villageId", "from", "to", "page"].map((k) => [k, c.req.query(k) || undefined]),
  );
  const f = VisitFilter.safeParse(raw);
  const isCadre = scopeOf(c.var.user!).kind === "cadre";
  const [list, cadres, villageRows] = await Promise.all([
    svc.listVisits(c.var.ctx, { ...(f.success ? f.data : {}), page: Math.max(1, Number(raw.page) || 1), size: 50 }),
    isCadre ? Promise.resolve(null) : svc.cadreChoices(c.var.ctx),
    svc.villageChoices(c.var.ctx),
  ]);
  return renderAdmin(c, {
    title: "走访日志",
    nav: "visits",
    flash: flashFrom(c, { created: "走访记录已保存" }),
    children: (
      <VisitListPage
        base={base(c)}
        apiBase={`/t/${c.var.tenant.slug}/api/v1`}
        page={list}
        cadres={cadres}
        villages={villageRows}
        filter={raw}
        canRecord={can(c.var.user!.role, "visits.record")}
        filterErrors={f.success ? undefined : fieldErrorsOf(f.error)}
      />
    ),
  });
});

async function newPage(
  c: Context<AppEnv>,
  cadreId: number | null,
  extra: Partial<FormState<FormValues>> = {},
  status: 200 | 400 | 409 = 200,
) {
  const scope = scopeOf(c.var.user!);
  const cadres = scope.kind === "cadre" ? null : await svc.cadreChoices(c.var.ctx);
  const chosen = scope.kind === "cadre" ? scope.cadreId : cadres?.some((x) => x.id === cadreId) ? cadreId : null;
  const targets = chosen ? await svc.visitTargets(c.var.ctx, chosen) : null;
  return renderAdmin(c, {
    title: "记录走访",
    nav: "visits",
    status: status as 200,
    children: (
      <VisitNewPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        today={todayInChina()}
        cadres={cadres}
        cadreId={chosen}
        targets={targets}
        {...extra}
      />
    ),
  });
}

visitsAdmin.get("/new", requirePermission("visits.record"), (c) => newPage(c, Number(c.req.query("cadreId")) || null));

const cadreIdOf = (values: FormValues) => (typeof values.cadreId === "string" ? Number(values.cadreId) || null : null);

/** The new-visit page again, for the cadre the form was filled in for. */
const visitPage: FormPage<FormValues> = (c, state, status) => newPage(c, cadreIdOf(state.values), state, status);

visitsAdmin.post(
  "/",
  requirePermission("visits.record"),
  formCsrf,
  formValidator(VisitCreate, visitPage, {
    multi: ["help"],
    // One select names the target: "h:<household>" or "v:<village>".
    input: (values, fail) => {
      const m = /^([hv]):(\d+)$/.exec(typeof values.target === "string" ? values.target : "");
      if (!m) fail("target", "请选择走访对象");
      return {
        ...values,
        householdId: m?.[1] === "h" ? m[2] : undefined,
        villageId: m?.[1] === "v" ? m[2] : undefined,
      };
    },
  }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      visitPage,
      values,
      () => svc.createVisit(c.var.ctx, data),
      () => `${base(c)}/visits?done=created`,
    );
  },
);
