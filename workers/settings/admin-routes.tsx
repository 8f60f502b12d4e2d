import { Hono } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, readForm, renderAdmin } from "../platform/admin-render.tsx";
import { SettingsPage } from "../../web/pages/admin/settings.tsx";
import { SettingsUpdate } from "./schemas.ts";
import { getSettings, SETTING_DEFS, updateSettings } from "./service.ts";

export const settingsAdmin = new Hono<AppEnv>();
const base = (slug: string) => `/t/${slug}/admin`;

settingsAdmin.get("/settings", requirePermission("settings.manage"), async (c) =>
  renderAdmin(c, {
    title: "设置",
    nav: "settings",
    flash: flashFrom(c, { saved: "设置已保存" }),
    children: (
      <SettingsPage
        base={base(c.var.tenant.slug)}
        csrf={c.var.user!.csrfToken}
        settings={await getSettings(c.var.ctx)}
        limits={SETTING_DEFS}
      />
    ),
  }),
);

settingsAdmin.post("/settings", requirePermission("settings.manage"), formCsrf, async (c) => {
  const form = await readForm(c, SettingsUpdate);
  if (!form.ok)
    return renderAdmin(c, {
      title: "设置",
      nav: "settings",
      status: 400,
      children: (
        <SettingsPage
          base={base(c.var.tenant.slug)}
          csrf={c.var.user!.csrfToken}
          settings={await getSettings(c.var.ctx)}
          limits={SETTING_DEFS}
          values={form.values}
          errors={form.errors}
        />
      ),
    });
  await updateSettings(c.var.ctx, form.data);
  return c.redirect(`${base(c.var.tenant.slug)}/settings?done=saved`, 303);
});
