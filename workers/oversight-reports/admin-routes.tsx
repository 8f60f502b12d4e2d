import { Hono } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { renderAdmin } from "../platform/admin-render.tsx";
import { csvDownload } from "../platform/csv-download.ts";
import { OVERSIGHT_GROUPING_LABELS } from "../../web/i18n/zh-CN.ts";
import { OversightReportPage } from "../../web/pages/admin/oversight-report.tsx";
import { OversightQuery } from "./schemas.ts";
import { OVERSIGHT_CSV_HEADER, oversightCsvRows, oversightReport } from "./service.ts";

export const oversightReportAdmin = new Hono<AppEnv>();

/** A bad year or grouping in the address falls back to this year by township, as the other reports do. */
const queryOf = (q: Record<string, string>) => {
  const parsed = OversightQuery.safeParse({ year: q.year, by: q.by });
  return parsed.success ? parsed.data : { year: undefined, by: "township" as const };
};

oversightReportAdmin.get("/", requirePermission("oversight_reports.read"), async (c) => {
  const q = queryOf(c.req.query());
  const report = await oversightReport(c.var.ctx, q.year, q.by);
  return renderAdmin(c, {
    title: "考核监督报表",
    nav: "oversight-report",
    children: (
      <OversightReportPage
        base={`/t/${c.var.tenant.slug}/admin`}
        report={report}
        linkUnits={c.var.user!.role !== "township_officer"}
      />
    ),
  });
});

oversightReportAdmin.get("/export", requirePermission("oversight_reports.read"), async (c) => {
  const q = queryOf(c.req.query());
  const r = await oversightReport(c.var.ctx, q.year, q.by);
  const name = `考核监督报表-${OVERSIGHT_GROUPING_LABELS[r.by]}-${r.year}.csv`;
  return csvDownload(c, name, OVERSIGHT_CSV_HEADER, oversightCsvRows(r));
});
