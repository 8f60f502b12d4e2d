import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin, tryAction } from "../platform/admin-render.tsx";
import { can } from "../auth/permissions.ts";
import { fieldErrorsOf } from "../platform/errors/problem.ts";
import type { FieldError } from "../platform/errors/app-error.ts";
import { scopeOf } from "../domain/scope.ts";
import { todayInChina } from "../lib/dates.ts";
import { VisitListPage, VisitNewPage } from "../../web/pages/admin/visits.tsx";
import { VisitCreate, VisitFilter } from "./schemas.ts";
import * as svc from "./service.ts";

export const visitsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;

visitsAdmin.get("/visits", requirePermission("registry.read"), async (c) => {
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
  extra: { values?: Record<string, string | string[]>; errors?: FieldError[]; message?: string } = {},
  status: 200 | 400 | 403 | 404 = 200,
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

visitsAdmin.get("/visits/new", requirePermission("visits.record"), (c) =>
  newPage(c, Number(c.req.query("cadreId")) || null),
);

visitsAdmin.post("/visits", requirePermission("visits.record"), formCsrf, async (c) => {
  const body = await c.req.parseBody({ all: true });
  const values: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === "_csrf") continue;
    if (Array.isArray(v)) values[k] = v.filter((x): x is string => typeof x === "string");
    else if (typeof v === "string") values[k] = k === "help" ? [v] : v;
  }
  const target = typeof values.target === "string" ? values.target : "";
  const m = /^([hv]):(\d+)$/.exec(target);
  const cadreId = typeof values.cadreId === "string" ? Number(values.cadreId) || null : null;
  if (!m) return newPage(c, cadreId, { values, errors: [{ field: "target", message: "请选择走访对象" }] }, 400);
  const input = {
    ...values,
    householdId: m[1] === "h" ? m[2] : undefined,
    villageId: m[1] === "v" ? m[2] : undefined,
    help: values.help ?? [],
  };
  const parsed = VisitCreate.safeParse(input);
  if (!parsed.success) return newPage(c, cadreId, { values, errors: fieldErrorsOf(parsed.error) }, 400);
  const done = await tryAction(() => svc.createVisit(c.var.ctx, parsed.data));
  if (!done.ok) return newPage(c, cadreId, { values, errors: done.error.fields, message: done.error.message }, 400);
  return c.redirect(`${base(c)}/visits?done=created`, 303);
});
