import type { SettingKey, SettingLimits, Settings } from "../../../workers/settings/service.ts";
import { keysOf, SETTING_LABELS } from "../../i18n/zh-CN.ts";
import { CsrfField, Field, FormErrors, type FieldError } from "../../components/form.tsx";

export function SettingsPage(p: {
  base: string;
  csrf: string;
  settings: Settings;
  /** Each setting's default and range (SETTING_DEFS). */
  limits: Record<SettingKey, SettingLimits>;
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
        {keysOf(SETTING_LABELS).map((k) => (
          <Field
            name={k}
            label={SETTING_LABELS[k].label}
            hint={`${p.limits[k].min}–${p.limits[k].max} ${SETTING_LABELS[k].unit}，默认 ${p.limits[k].default}`}
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
