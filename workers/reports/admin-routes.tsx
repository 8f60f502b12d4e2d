import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { type FormPage, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import { HouseholdLookup } from "./schemas.ts";
import { renderAdmin } from "../platform/admin-render.tsx";
import { AppError } from "../platform/errors/app-error.ts";
import { todayInChina } from "../lib/dates.ts";

import { withQuery } from "../../web/components/pager.tsx";
import {
  CadreIndexPage,
  HouseholdLookupPage,
  ProgramReportPage,
  SubjectReportPage,
  VillageIndexPage,
} from "../../web/pages/admin/reports.tsx";
import {
  cadreReport,
  cadresSummary,
  findHousehold,
  householdReport,
  programReport,
  villageReport,
  villagesSummary,
} from "./service.ts";
import { paymentsByMonth } from "./monthly.ts";

export const reportsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const apiBase = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/api/v1`;
const mw = requirePermission("money.read");

/** `?year=` as a number in range, or undefined (bad input is ignored rather than an error page). */
function yearOf(c: Context<AppEnv>): number | undefined {
  const y = Number(c.req.query("year"));
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : undefined;
}

function idOf(c: Context<AppEnv>): number {
  const id = Number(c.req.param("id"));
  if (!Number.isSafeInteger(id) || id < 1) throw new AppError("not_found", "没有这条记录");
  return id;
}

reportsAdmin.get("/", mw, async (c) => {
  const year = yearOf(c) ?? Number(todayInChina().slice(0, 4));
  const [r, months] = await Promise.all([programReport(c.var.ctx, year), paymentsByMonth(c.var.ctx, year)]);
  return renderAdmin(c, {
    title: "资金报表",
    nav: "reports",
    children: <ProgramReportPage base={base(c)} api={apiBase(c)} r={r} months={months} />,
  });
});

reportsAdmin.get("/villages", mw, async (c) => {
  const year = yearOf(c);
  return renderAdmin(c, {
    title: "资金报表：按村",
    nav: "reports",
    children: <VillageIndexPage base={base(c)} year={year} items={await villagesSummary(c.var.ctx, year)} />,
  });
});

reportsAdmin.get("/villages/:id{[0-9]+}", mw, async (c) => {
  const year = yearOf(c);
  const r = await villageReport(c.var.ctx, idOf(c), year);
  return renderAdmin(c, {
    title: `${r.village.name} 资金发放`,
    nav: "reports",
    children: (
      <SubjectReportPage
        base={base(c)}
        title={`${r.village.name}：资金发放`}
        subtitle={`区划代码 ${r.village.code}`}
        current="villages"
        selfPath={`${base(c)}/reports/villages/${r.village.id}`}
        exportHref={withQuery(`${apiBase(c)}/reports/villages/${r.village.id}/export`, { year })}
        r={r}
      />
    ),
  });
});

reportsAdmin.get("/households", mw, (c) =>
  renderAdmin(c, {
    title: "资金报表：按农户",
    nav: "reports",
    children: <HouseholdLookupPage base={base(c)} csrf={c.var.user!.csrfToken} />,
  }),
);

const lookupPage: FormPage<TextValues> = (c, state, status) =>
  renderAdmin(c, {
    title: "资金报表：按农户",
    nav: "reports",
    status,
    children: (
      <HouseholdLookupPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        value={state.values.q}
        error={state.errors[0]?.message ?? state.message}
      />
    ),
  });

/** Looked up by POST so an ID number never lands in a URL (logs, history). */
reportsAdmin.post("/households", mw, formCsrf, formValidator(HouseholdLookup, lookupPage), (c) => {
  const { data, values } = c.req.valid("form");
  return submitForm(
    c,
    lookupPage,
    values,
    () => findHousehold(c.var.ctx, data.q),
    (found) => `${base(c)}/reports/households/${found.id}`,
  );
});

reportsAdmin.get("/households/:id{[0-9]+}", mw, async (c) => {
  const year = yearOf(c);
  const r = await householdReport(c.var.ctx, idOf(c), year);
  return renderAdmin(c, {
    title: `${r.household.headName} 户资金`,
    nav: "reports",
    children: (
      <SubjectReportPage
        base={base(c)}
        title={`${r.household.headName} 户：收到的资金`}
        subtitle={`${r.household.villageName} · 农户编号 ${r.household.id}`}
        current="households"
        selfPath={`${base(c)}/reports/households/${r.household.id}`}
        exportHref={withQuery(`${apiBase(c)}/reports/households/${r.household.id}/export`, { year })}
        r={r}
      />
    ),
  });
});

reportsAdmin.get("/cadres", mw, async (c) => {
  const year = yearOf(c);
  return renderAdmin(c, {
    title: "资金报表：干部补助",
    nav: "reports",
    children: (
      <CadreIndexPage base={base(c)} api={apiBase(c)} year={year} items={await cadresSummary(c.var.ctx, year)} />
    ),
  });
});

reportsAdmin.get("/cadres/:id{[0-9]+}", mw, async (c) => {
  const year = yearOf(c);
  const r = await cadreReport(c.var.ctx, idOf(c), year);
  return renderAdmin(c, {
    title: `${r.cadre.name} 补助`,
    nav: "reports",
    children: (
      <SubjectReportPage
        base={base(c)}
        title={`${r.cadre.name}：领取的补助`}
        subtitle={`干部编号 ${r.cadre.id}`}
        current="cadres"
        selfPath={`${base(c)}/reports/cadres/${r.cadre.id}`}
        r={r}
      />
    ),
  });
});
