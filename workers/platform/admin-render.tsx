import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { AppEnv } from "./env.ts";
import { AdminLayout, type AdminPageProps } from "../../web/layouts/admin.tsx";

/** Renders an admin page inside the shell for the signed-in user. */
export function renderAdmin(
  c: Context<AppEnv>,
  p: {
    title: string;
    nav: string;
    children: Child;
    flash?: AdminPageProps["flash"];
    status?: 200 | 400 | 404 | 409 | 422;
  },
) {
  c.header("Cache-Control", "no-store");
  return c.html(
    <AdminLayout title={p.title} nav={p.nav} tenant={c.var.tenant} user={c.var.user!} flash={p.flash}>
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
