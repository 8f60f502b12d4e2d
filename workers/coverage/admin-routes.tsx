import { Hono } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { renderAdmin } from "../platform/admin-render.tsx";
import { can } from "../domain/permissions.ts";
import { CoverageGapPage, CoveragePage } from "../../web/pages/admin/coverage.tsx";
import { GAPS, GAP_ENTITY, GAP_LABELS, coverageSummary, gapItems, type Gap } from "./service.ts";

export const coverageAdmin = new Hono<AppEnv>();

coverageAdmin.get("/", requirePermission("coverage.read"), async (c) => {
  const base = `/t/${c.var.tenant.slug}/admin`;
  const gap = c.req.query("gap");
  const t = c.req.query("townshipCode");
  const townshipCode = t && /^\d{9}$/.test(t) ? t : undefined;
  if (gap && (GAPS as readonly string[]).includes(gap)) {
    const page = Math.max(1, Math.min(10_000, Number(c.req.query("page")) || 1));
    const [data, summary] = await Promise.all([
      gapItems(c.var.ctx, gap as Gap, { townshipCode, page, size: 50 }),
      coverageSummary(c.var.ctx),
    ]);
    const names = new Map(summary.townships.map((x) => [x.code, x.name]));
    return renderAdmin(c, {
      title: GAP_LABELS[gap as Gap],
      nav: "coverage",
      children: (
        <CoverageGapPage
          base={base}
          gap={gap as Gap}
          entity={GAP_ENTITY[gap as Gap]}
          townshipCode={townshipCode}
          townshipNames={names}
          data={data}
        />
      ),
    });
  }
  return renderAdmin(c, {
    title: "覆盖情况",
    nav: "coverage",
    children: (
      <CoveragePage
        base={base}
        summary={await coverageSummary(c.var.ctx, townshipCode)}
        canSettings={can(c.var.user!.role, "settings.manage")}
      />
    ),
  });
});
