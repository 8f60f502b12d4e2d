import { Hono } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { renderAdmin } from "../platform/admin-render.tsx";
import { DashboardPage } from "../../web/pages/admin/dashboard.tsx";
import { dashboardData } from "./service.ts";

export const dashboardAdmin = new Hono<AppEnv>();

dashboardAdmin.get("/", requirePermission("dashboard.read"), async (c) => {
  const { tenant, user } = c.var;
  return renderAdmin(c, {
    title: "工作台",
    nav: "dashboard",
    children: (
      <DashboardPage
        base={`/t/${tenant.slug}/admin`}
        publicHref={`/t/${tenant.slug}/`}
        tenant={{ name: tenant.name, level: tenant.level, divisionCode: tenant.divisionCode }}
        user={{ displayName: user!.displayName, role: user!.role, townshipCode: user!.townshipCode ?? null }}
        data={await dashboardData(c.var.ctx)}
      />
    ),
  });
});
