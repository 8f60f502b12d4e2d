import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import {
  type FormPage,
  type FormState,
  type FormValues,
  formValidator,
  submitForm,
  type TextValues,
} from "../platform/admin-form.ts";
import { SettingsPage } from "../../web/pages/admin/settings.tsx";
import { PublicVillageTags, SettingsUpdate } from "./schemas.ts";
import { getPublicVillageTags, getSettings, SETTING_DEFS, setPublicVillageTags, updateSettings } from "./service.ts";

export const settingsAdmin = new Hono<AppEnv>();
const base = (slug: string) => `/t/${slug}/admin`;

async function settingsPage(
  c: Context<AppEnv>,
  state: Partial<FormState<TextValues>> = {},
  status: 200 | 400 | 409 = 200,
  tagsState?: FormState<FormValues>,
) {
  return renderAdmin(c, {
    title: "设置",
    nav: "settings",
    status,
    flash: flashFrom(c, { saved: "设置已保存", tags: "公开的村标签已保存" }),
    children: (
      <SettingsPage
        base={base(c.var.tenant.slug)}
        csrf={c.var.user!.csrfToken}
        settings={await getSettings(c.var.ctx)}
        limits={SETTING_DEFS}
        values={state.values}
        errors={state.errors}
        publicTags={await getPublicVillageTags(c.var.ctx)}
        tagsState={
          tagsState && {
            tags: ([] as string[]).concat(tagsState.values.tags ?? []),
            errors: tagsState.errors,
            message: tagsState.message,
          }
        }
      />
    ),
  });
}

settingsAdmin.get("/", requirePermission("settings.manage"), (c) => settingsPage(c));

settingsAdmin.post(
  "/",
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

/** Which village tags the public pages show; the stigmatising ones are internal by default. */
const tagsPage: FormPage<FormValues> = (c, state, status) => settingsPage(c, {}, status, state);
settingsAdmin.post(
  "/public-village-tags",
  requirePermission("settings.manage"),
  formCsrf,
  formValidator(PublicVillageTags, tagsPage, { multi: ["tags"], fields: { tags: "tags" } }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      tagsPage,
      values,
      () => setPublicVillageTags(c.var.ctx, data.tags),
      () => `${base(c.var.tenant.slug)}/settings?done=tags`,
    );
  },
);
