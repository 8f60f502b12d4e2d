import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./env.ts";
import { AdminLayout, type AdminPageProps } from "../../web/layouts/admin.tsx";
import { ADMIN_NAV } from "../../web/components/admin-nav.ts";
import { can } from "../domain/permissions.ts";

/** Renders an admin page inside the shell for the signed-in user. */
export function renderAdmin(
  c: Context<AppEnv>,
  p: {
    title: string;
    nav: string;
    children: Child;
    flash?: AdminPageProps["flash"];
    status?: ContentfulStatusCode;
  },
) {
  c.header("Cache-Control", "no-store");
  const user = c.var.user!;
  // The page shows only the screens the permission table grants; web/ never sees the table itself.
  const allowedNav = new Set(ADMIN_NAV.filter((item) => can(user.role, item.permission)).map((item) => item.key));
  return c.html(
    <AdminLayout title={p.title} nav={p.nav} allowedNav={allowedNav} tenant={c.var.tenant} user={user} flash={p.flash}>
      {p.children}
    </AdminLayout>,
    p.status ?? 200,
  );
}

/** Short notes passed through a redirect (`?done=key`), so a reload does not resubmit. */
export function flashFrom(c: Context<AppEnv>, messages: Record<string, string>): AdminPageProps["flash"] {
  const key = c.req.query("done");
  return key && messages[key] ? { kind: "ok", text: messages[key] } : undefined;
}
