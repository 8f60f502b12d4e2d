import type { FieldError } from "../../../workers/platform/errors/app-error.ts";
import { SETTING_DEFS, SETTING_KEYS, type Settings } from "../../../workers/settings/service.ts";
import { CsrfField, Field, FormErrors } from "../../components/form.tsx";

export function SettingsPage(p: {
  base: string;
  csrf: string;
  settings: Settings;
  values?: Record<string, string> | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  return (
    <>
      <h1>设置</h1>
      <p class="muted">这些数值用于结对户上限校验和“覆盖情况”报表，修改后立即生效，并记入审计日志。</p>
      <FormErrors errors={p.errors} message={p.message} />
      <form class="stack card" method="post" action={`${p.base}/settings`}>
        <CsrfField token={p.csrf} />
        {SETTING_KEYS.map((k) => (
          <Field
            name={k}
            label={SETTING_DEFS[k].label}
            hint={`${SETTING_DEFS[k].min}–${SETTING_DEFS[k].max} ${SETTING_DEFS[k].unit}，默认 ${SETTING_DEFS[k].default}`}
            inputmode="numeric"
            required
            value={p.values?.[k] ?? p.settings[k]}
            errors={p.errors}
          />
        ))}
        <div class="actions">
          <button type="submit">保存</button>
        </div>
      </form>
    </>
  );
}
