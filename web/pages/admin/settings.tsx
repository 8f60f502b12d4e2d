import type { SettingKey, SettingLimits, Settings } from "../../../workers/settings/service.ts";
import { keysOf, SETTING_LABELS, VILLAGE_TAG_LABELS } from "../../i18n/zh-CN.ts";
import { CsrfField, errorFor, Field, FormErrors, type FieldError } from "../../components/form.tsx";

export function SettingsPage(p: {
  base: string;
  csrf: string;
  settings: Settings;
  /** Each setting's default and range (SETTING_DEFS). */
  limits: Record<SettingKey, SettingLimits>;
  values?: Record<string, string> | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
  /** Village tags shown on public pages and in open data. */
  publicTags: readonly string[];
  /** The tags form re-rendered after a refused submit. */
  tagsState?: { tags: string[]; errors?: FieldError[] | undefined; message?: string | undefined } | undefined;
}) {
  const ticked = new Set(p.tagsState?.tags ?? p.publicTags);
  const tagsErr = errorFor(p.tagsState?.errors, "tags");
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
      <h2>在公开页面显示的村标签</h2>
      <p class="muted">
        勾选的村标签显示在公开页面和开放数据中，未勾选的只在管理端显示。软弱涣散村、集体经济空壳村等标签会给村民带来负面印象，默认不公开。
      </p>
      {p.tagsState ? <FormErrors errors={p.tagsState.errors} message={p.tagsState.message} /> : null}
      <form class="stack card" method="post" action={`${p.base}/settings/public-village-tags`}>
        <CsrfField token={p.csrf} />
        <fieldset aria-invalid={tagsErr ? "true" : undefined}>
          <legend>在公开页面显示的村标签</legend>
          {keysOf(VILLAGE_TAG_LABELS).map((t) => (
            <label>
              <input type="checkbox" name="tags" value={t} checked={ticked.has(t)} /> {VILLAGE_TAG_LABELS[t]}
            </label>
          ))}
          {tagsErr ? <p class="field-error">{tagsErr}</p> : null}
        </fieldset>
        <div class="actions">
          <button type="submit">保存村标签设置</button>
        </div>
      </form>
    </>
  );
}
