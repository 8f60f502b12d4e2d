import type { VisitView } from "../../../workers/visits/service.ts";
import { CsrfField, Field, FormErrors, SelectField, errorFor, type FieldError } from "../../components/form.tsx";
import { Pager, withQuery } from "../../components/pager.tsx";
import { HELP_KIND_LABELS, VISIT_OCCASION_LABELS, options } from "../../i18n/zh-CN.ts";
import { RecordTable } from "../../components/record-table.tsx";

export function VisitListPage(p: {
  base: string;
  apiBase: string;
  page: { items: VisitView[]; total: number; page: number; size: number };
  cadres: { id: number; name: string }[] | null;
  villages: { id: number; name: string }[];
  filter: Record<string, string | undefined>;
  canRecord: boolean;
  filterErrors?: FieldError[] | undefined;
}) {
  const f = p.filter;
  return (
    <>
      <h1>走访日志</h1>
      <div class="actions">
        {p.canRecord ? (
          <a class="button" href={`${p.base}/visits/new`}>
            记录走访
          </a>
        ) : null}
        <a class="button secondary" href={withQuery(`${p.apiBase}/visits/export`, f)}>
          导出 CSV
        </a>
      </div>
      <form class="inline" method="get" action={`${p.base}/visits`} role="search">
        {p.cadres ? (
          <div>
            <label for="q-cadreId">干部</label>
            <select id="q-cadreId" name="cadreId">
              <option value="">全部</option>
              {p.cadres.map((c) => (
                <option value={String(c.id)} selected={f.cadreId === String(c.id)}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div>
          <label for="q-villageId">村</label>
          <select id="q-villageId" name="villageId">
            <option value="">全部</option>
            {p.villages.map((v) => (
              <option value={String(v.id)} selected={f.villageId === String(v.id)}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
        {f.householdId ? <input type="hidden" name="householdId" value={f.householdId} /> : null}
        <div>
          <label for="q-from">起始日期</label>
          <input id="q-from" name="from" type="date" value={f.from ?? ""} />
        </div>
        <div>
          <label for="q-to">截止日期</label>
          <input id="q-to" name="to" type="date" value={f.to ?? ""} />
        </div>
        <button type="submit" class="secondary">
          筛选
        </button>
      </form>
      {p.filterErrors?.length ? <div class="notice err">{p.filterErrors.map((e) => e.message).join("；")}</div> : null}
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>日期</th>
              <th>干部</th>
              <th>走访对象</th>
              <th>情形</th>
              <th>帮扶内容</th>
              <th>情况</th>
              <th>跟进</th>
            </tr>
          </thead>
          <tbody>
            {p.page.items.length === 0 ? (
              <tr>
                <td colspan={7} class="muted">
                  没有走访记录
                </td>
              </tr>
            ) : (
              p.page.items.map((v) => (
                <tr>
                  <td class="nowrap">{v.visitDate}</td>
                  <td class="nowrap">
                    <a href={`${p.base}/visits?cadreId=${v.cadreId}`}>{v.cadreName}</a>
                  </td>
                  <td class="nowrap">
                    {v.householdId ? (
                      <a href={`${p.base}/visits?householdId=${v.householdId}`}>{v.householdHeadName}户</a>
                    ) : null}{" "}
                    <a href={`${p.base}/visits?villageId=${v.villageId}`}>{v.villageName}</a>
                  </td>
                  <td class="nowrap">{VISIT_OCCASION_LABELS[v.occasion]}</td>
                  <td class="nowrap">{v.help.map((h) => HELP_KIND_LABELS[h]).join("、") || "—"}</td>
                  <td class="text">{v.notes}</td>
                  <td class="nowrap">{v.followUpDate ?? "—"}</td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      <Pager path={`${p.base}/visits`} query={f} page={p.page.page} size={p.page.size} total={p.page.total} />
    </>
  );
}

/**
 * "记录走访", made for a phone: one column, large controls, the cadre's own paired households and
 * villages in one select. An officer first picks the cadre (GET), then the same form follows.
 */
export function VisitNewPage(p: {
  base: string;
  csrf: string;
  today: string;
  cadres: { id: number; name: string }[] | null;
  cadreId: number | null;
  targets: {
    households: { id: number; headName: string; villageName: string }[];
    villages: { id: number; name: string; code: string }[];
  } | null;
  values?: Record<string, string | string[]> | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const v = p.values ?? {};
  const help = new Set(Array.isArray(v.help) ? v.help : v.help ? [v.help] : []);
  const str = (k: string) => (typeof v[k] === "string" ? (v[k] as string) : undefined);
  const targetErr =
    errorFor(p.errors, "householdId") ?? errorFor(p.errors, "villageId") ?? errorFor(p.errors, "target");
  return (
    <>
      <h1>记录走访</h1>
      {p.cadres ? (
        <form class="inline card" method="get" action={`${p.base}/visits/new`}>
          <SelectField
            name="cadreId"
            label="走访干部"
            required
            blank="请选择"
            value={p.cadreId ? String(p.cadreId) : undefined}
            options={p.cadres.map((c) => [String(c.id), c.name] as const)}
          />
          <button type="submit" class="secondary">
            下一步
          </button>
        </form>
      ) : null}
      {p.targets && p.cadreId ? (
        p.targets.households.length === 0 && p.targets.villages.length === 0 ? (
          <div class="notice info">该干部目前没有结对户，也没有驻村或结对的村，暂不能登记走访。</div>
        ) : (
          <>
            <FormErrors errors={p.errors} message={p.message} />
            <form class="stack card" method="post" action={`${p.base}/visits`}>
              <CsrfField token={p.csrf} />
              {p.cadres ? <input type="hidden" name="cadreId" value={String(p.cadreId)} /> : null}
              <div>
                <label for="f-target">
                  走访对象<span aria-hidden="true"> *</span>
                </label>
                <select id="f-target" name="target" required aria-invalid={targetErr ? "true" : undefined}>
                  <option value="">请选择</option>
                  {p.targets.households.length ? (
                    <optgroup label="结对户">
                      {p.targets.households.map((h) => (
                        <option value={`h:${h.id}`} selected={str("target") === `h:${h.id}`}>
                          {h.headName}户（{h.villageName}）
                        </option>
                      ))}
                    </optgroup>
                  ) : null}
                  {p.targets.villages.length ? (
                    <optgroup label="村">
                      {p.targets.villages.map((x) => (
                        <option value={`v:${x.id}`} selected={str("target") === `v:${x.id}`}>
                          {x.name}
                        </option>
                      ))}
                    </optgroup>
                  ) : null}
                </select>
                {targetErr ? <p class="field-error">{targetErr}</p> : null}
              </div>
              <Field
                name="visitDate"
                label="走访日期"
                type="date"
                required
                value={str("visitDate") ?? p.today}
                errors={p.errors}
              />
              <SelectField
                name="occasion"
                label="走访情形（六走访）"
                required
                blank="请选择"
                value={str("occasion")}
                options={options(VISIT_OCCASION_LABELS)}
                errors={p.errors}
              />
              <fieldset>
                <legend>帮扶内容（六帮，可多选）</legend>
                {options(HELP_KIND_LABELS).map(([k, text]) => (
                  <label>
                    <input type="checkbox" name="help" value={k} checked={help.has(k)} /> {text}
                  </label>
                ))}
                {errorFor(p.errors, "help") ? <p class="field-error">{errorFor(p.errors, "help")}</p> : null}
              </fieldset>
              <div>
                <label for="f-notes">
                  走访情况<span aria-hidden="true"> *</span>
                </label>
                <textarea
                  id="f-notes"
                  name="notes"
                  rows={5}
                  required
                  maxlength={2000}
                  aria-invalid={errorFor(p.errors, "notes") ? "true" : undefined}
                >
                  {str("notes") ?? ""}
                </textarea>
                {errorFor(p.errors, "notes") ? <p class="field-error">{errorFor(p.errors, "notes")}</p> : null}
              </div>
              <Field
                name="followUpDate"
                label="下次跟进日期"
                type="date"
                value={str("followUpDate")}
                errors={p.errors}
              />
              <div class="actions">
                <button type="submit">保存走访记录</button>
              </div>
            </form>
          </>
        )
      ) : !p.cadres ? (
        <div class="notice info">您的账号尚未关联干部档案，请联系帮扶办。</div>
      ) : null}
      <p>
        <a href={`${p.base}/visits`}>← 返回走访日志</a>
      </p>
    </>
  );
}
