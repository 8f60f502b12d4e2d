import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { type FormState, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import { SettingsPage } from "../../web/pages/admin/settings.tsx";
import { SettingsUpdate } from "./schemas.ts";
import { getSettings, SETTING_DEFS, updateSettings } from "./service.ts";

export const settingsAdmin = new Hono<AppEnv>();
const base = (slug: string) => `/t/${slug}/admin`;

async function settingsPage(
  c: Context<AppEnv>,
  state: Partial<FormState<TextValues>> = {},
  status: 200 | 400 | 409 = 200,
) {
  return renderAdmin(c, {
    title: "设置",
    nav: "settings",
    status,
    flash: flashFrom(c, { saved: "设置已保存" }),
    children: (
      <SettingsPage
        base={base(c.var.tenant.slug)}
        csrf={c.var.user!.csrfToken}
        settings={await getSettings(c.var.ctx)}
        limits={SETTING_DEFS}
        values={state.values}
        errors={state.errors}
      />
    ),
  });
}

settingsAdmin.get("/settings", requirePermission("settings.manage"), (c) => settingsPage(c));

settingsAdmin.post(
  "/settings",
  requirePermission("settings.manage"),
  formCsrf,
  formValidator(SettingsUpdate, settingsPage),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      settingsPage,
      values,
      () => updateSettings(c.var.ctx, data),
      () => `${base(c.var.tenant.slug)}/settings?done=saved`,
    );
  },
);
