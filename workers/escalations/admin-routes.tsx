import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { type FormState, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import { csvDownload } from "../platform/csv-download.ts";
import { can } from "../domain/permissions.ts";
import { AppError, type FieldError } from "../platform/errors/app-error.ts";
import { fieldErrorsOf } from "../platform/errors/problem.ts";
import { EscalationListPage, EscalationNewPage, SupervisionReportPage } from "../../web/pages/admin/escalations.tsx";
import { unitOptions } from "../units/service.ts";
import { targetInputOfKey } from "../inspections/target.ts";
import { EscalationCreate, EscalationQuery, ProposalQuery, ReportQuery } from "./schemas.ts";
import * as svc from "./service.ts";
import { REPORT_CSV_HEADER, reportCsvRows, supervisionReport } from "./report.ts";

export const escalationsAdmin = new Hono<AppEnv>();
export const supervisionReportAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const FLASH = { created: "已记录" };

escalationsAdmin.get("/", requirePermission("supervision.read"), async (c) => {
  const raw = {
    period: c.req.query("period") || undefined,
    step: c.req.query("step") || undefined,
    targetKind: c.req.query("targetKind") || undefined,
    page: c.req.query("page") || undefined,
  };
  const parsed = EscalationQuery.safeParse(raw);
  const page = await svc.listEscalations(c.var.ctx, parsed.success ? parsed.data : { page: 1, size: 50 });
  return renderAdmin(c, {
    title: "通报约谈问责",
    nav: "escalations",
    flash: flashFrom(c, FLASH),
    children: (
      <EscalationListPage
        base={base(c)}
        page={page}
        filter={raw}
        canManage={can(c.var.user!.role, "escalations.manage")}
      />
    ),
  });
});

const QUERY_KEYS = ["targetKind", "cadreId", "unitId", "townshipCode", "villageCode", "period"] as const;

/** The ladder page: a target chooser (GET), the target's year, the proposed next step and its form. */
async function ladderPage(
  c: Context<AppEnv>,
  form: Partial<FormState<TextValues>> = {},
  status: 200 | 400 | 409 = 200,
) {
  const query: Record<string, string | undefined> = {};
  for (const k of QUERY_KEYS) query[k] = (form.values?.[k] ?? c.req.query(k)) || undefined;
  const key = c.req.query("target");
  if (key && !query.targetKind) Object.assign(query, await targetInputOfKey(c.var.ctx, key));
  query.period ??= c.req.query("period") || String(new Date(c.var.ctx.now() * 1000).getUTCFullYear());
  for (const k of ["cadreId", "unitId"] as const) if (typeof query[k] === "number") query[k] = String(query[k]);
  let proposal: Awaited<ReturnType<typeof svc.proposal>> | null = null;
  let queryErrors: FieldError[] | undefined;
  const message = form.message;
  if (query.targetKind) {
    const parsed = ProposalQuery.safeParse(query);
    if (parsed.success) {
      try {
        proposal = await svc.proposal(c.var.ctx, parsed.data);
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== "validation_failed") throw err;
        queryErrors = err.fields;
      }
    } else queryErrors = fieldErrorsOf(parsed.error);
  }
  return renderAdmin(c, {
    title: "通报约谈问责阶梯",
    nav: "escalations",
    status,
    children: (
      <EscalationNewPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        units={await unitOptions(c.var.ctx)}
        query={query}
        proposal={proposal}
        queryErrors={queryErrors}
        canManage={can(c.var.user!.role, "escalations.manage")}
        values={form.values}
        errors={form.errors}
        message={message}
      />
    ),
  });
}

escalationsAdmin.get("/new", requirePermission("supervision.read"), (c) => ladderPage(c));

escalationsAdmin.post(
  "/",
  requirePermission("escalations.manage"),
  formCsrf,
  formValidator(EscalationCreate, (c, state, status) => ladderPage(c, state, status)),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      (c, state, status) => ladderPage(c, state, status),
      values,
      () => svc.recordEscalation(c.var.ctx, data),
      () => `${base(c)}/escalations?done=created`,
    );
  },
);

supervisionReportAdmin.get("/", requirePermission("supervision.read"), async (c) => {
  const q = ReportQuery.safeParse({ year: c.req.query("year") });
  const report = await supervisionReport(c.var.ctx, q.success ? q.data.year : undefined);
  return renderAdmin(c, {
    title: "督查问责报表",
    nav: "supervision-report",
    children: (
      <SupervisionReportPage
        base={base(c)}
        report={report}
        canOversight={can(c.var.user!.role, "oversight_reports.read")}
      />
    ),
  });
});

supervisionReportAdmin.get("/export", requirePermission("supervision.read"), async (c) => {
  const q = ReportQuery.safeParse({ year: c.req.query("year") });
  const r = await supervisionReport(c.var.ctx, q.success ? q.data.year : undefined);
  return csvDownload(c, `督查问责统计-${r.year}.csv`, REPORT_CSV_HEADER, reportCsvRows(r));
});
