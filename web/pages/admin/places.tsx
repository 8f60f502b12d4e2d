import type { VillageView } from "../../../workers/places/service.ts";
import { CsrfField, Field, FormErrors, SelectField, FilterSelect, type FieldError } from "../../components/form.tsx";
import { Pager, withQuery } from "../../components/pager.tsx";
import { formatFen } from "../../components/format.ts";
import { INCOME_BRACKET_LABELS, VILLAGE_TAG_LABELS, options } from "../../i18n/zh-CN.ts";
import { RecordTable } from "../../components/record-table.tsx";

interface Township {
  code: string;
  name: string;
  countyCode: string | null;
  villageCount?: number;
}

export function PlacesPage(p: {
  base: string;
  csrf: string;
  isCity: boolean;
  canManage: boolean;
  counties: { code: string; name: string }[];
  townships: Township[];
  errors?: FieldError[] | undefined;
  message?: string | undefined;
  values?: Record<string, string> | undefined;
  form?: "county" | "township" | undefined;
}) {
  const countyName = new Map(p.counties.map((c) => [c.code, c.name]));
  return (
    <>
      <h1>区县与乡镇</h1>
      {p.isCity ? (
        <>
          <h2>下辖区县</h2>
          <div class="table-wrap">
            <RecordTable>
              <thead>
                <tr>
                  <th>区划代码</th>
                  <th>名称</th>
                </tr>
              </thead>
              <tbody>
                {p.counties.length === 0 ? (
                  <tr>
                    <td colspan={2} class="muted">
                      尚未添加区县
                    </td>
                  </tr>
                ) : (
                  p.counties.map((c) => (
                    <tr>
                      <td class="mono">{c.code}</td>
                      <td>{c.name}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </RecordTable>
          </div>
          {p.canManage ? (
            <form class="inline card" method="post" action={`${p.base}/places/counties`}>
              <CsrfField token={p.csrf} />
              {p.form === "county" ? <FormErrors errors={p.errors} message={p.message} /> : null}
              <Field
                name="code"
                label="区县代码"
                hint="6 位"
                inputmode="numeric"
                maxlength={6}
                required
                errors={p.form === "county" ? p.errors : undefined}
                value={p.form === "county" ? p.values?.code : ""}
              />
              <Field
                name="name"
                label="区县名称"
                required
                errors={p.form === "county" ? p.errors : undefined}
                value={p.form === "county" ? p.values?.name : ""}
              />
              <button type="submit">添加区县</button>
            </form>
          ) : null}
        </>
      ) : null}
      <h2>乡镇（街道）</h2>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>区划代码</th>
              <th>名称</th>
              {p.isCity ? <th>所属区县</th> : null}
              <th class="num">村（社区）</th>
            </tr>
          </thead>
          <tbody>
            {p.townships.length === 0 ? (
              <tr>
                <td colspan={4} class="muted">
                  尚未添加乡镇
                </td>
              </tr>
            ) : (
              p.townships.map((t) => (
                <tr>
                  <td class="mono">{t.code}</td>
                  <td>{t.name}</td>
                  {p.isCity ? <td>{t.countyCode ? (countyName.get(t.countyCode) ?? t.countyCode) : "—"}</td> : null}
                  <td class="num">
                    <a href={`${p.base}/villages?townshipCode=${t.code}`}>{t.villageCount ?? 0}</a>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      {p.canManage ? (
        <form class="inline card" method="post" action={`${p.base}/places/townships`}>
          <CsrfField token={p.csrf} />
          {p.form === "township" ? <FormErrors errors={p.errors} message={p.message} /> : null}
          {p.isCity ? (
            <SelectField
              name="countyCode"
              label="所属区县"
              options={p.counties.map((c) => [c.code, c.name] as const)}
              blank="请选择"
              required
              value={p.form === "township" ? p.values?.countyCode : undefined}
              errors={p.form === "township" ? p.errors : undefined}
            />
          ) : null}
          <Field
            name="code"
            label="乡镇代码"
            hint="9 位"
            inputmode="numeric"
            maxlength={9}
            required
            errors={p.form === "township" ? p.errors : undefined}
            value={p.form === "township" ? p.values?.code : ""}
          />
          <Field
            name="name"
            label="乡镇名称"
            required
            errors={p.form === "township" ? p.errors : undefined}
            value={p.form === "township" ? p.values?.name : ""}
          />
          <button type="submit">添加乡镇</button>
        </form>
      ) : null}
    </>
  );
}

export function VillageListPage(p: {
  base: string;
  page: { items: VillageView[]; total: number; page: number; size: number };
  townships: { code: string; name: string }[];
  filter: Record<string, string | undefined>;
  canManage: boolean;
  canImport: boolean;
}) {
  const f = p.filter;
  return (
    <>
      <h1>村（社区）</h1>
      <form class="inline" method="get" action={`${p.base}/villages`} role="search">
        <FilterSelect
          name="townshipCode"
          label="乡镇"
          options={p.townships.map((t) => [t.code, t.name] as const)}
          value={f.townshipCode}
        />
        <FilterSelect name="tag" label="类别" options={options(VILLAGE_TAG_LABELS)} value={f.tag} />
        <div>
          <label for="q">名称或代码</label>
          <input id="q" name="q" value={f.q ?? ""} />
        </div>
        <button type="submit" class="secondary">
          筛选
        </button>
      </form>
      <div class="actions">
        {p.canManage ? (
          <a class="button" href={`${p.base}/villages/new`}>
            新建村
          </a>
        ) : null}
        {p.canImport ? (
          <a class="button secondary" href={`${p.base}/imports/villages`}>
            从 CSV 导入
          </a>
        ) : null}
        <a
          class="button secondary"
          href={withQuery(`/t/${p.base.split("/")[2]}/api/v1/villages/export`, {
            townshipCode: f.townshipCode,
            tag: f.tag,
            q: f.q,
          })}
        >
          导出 CSV
        </a>
      </div>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>区划代码</th>
              <th>名称</th>
              <th>乡镇</th>
              <th>类别</th>
              <th>集体经济收入</th>
            </tr>
          </thead>
          <tbody>
            {p.page.items.length === 0 ? (
              <tr>
                <td colspan={5} class="muted">
                  没有符合条件的村
                </td>
              </tr>
            ) : (
              p.page.items.map((v) => (
                <tr>
                  <td class="mono">{v.code}</td>
                  <td>
                    <a href={`${p.base}/villages/${v.code}`}>{v.name}</a>
                  </td>
                  <td>{v.townshipName}</td>
                  <td>
                    {v.tags.map((t) => (
                      <span class={`badge ${t === "model" ? "ok" : t === "poor" || t === "deeply_poor" ? "warn" : ""}`}>
                        {VILLAGE_TAG_LABELS[t]}
                      </span>
                    ))}
                  </td>
                  <td>
                    {v.latestIncome
                      ? `${v.latestIncome.year}年 ${formatFen(v.latestIncome.incomeFen)}（${INCOME_BRACKET_LABELS[v.latestIncome.bracket as keyof typeof INCOME_BRACKET_LABELS]}）`
                      : "—"}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      <Pager path={`${p.base}/villages`} query={f} page={p.page.page} size={p.page.size} total={p.page.total} />
    </>
  );
}

export function VillageFormFields(p: {
  values: Record<string, string | string[] | undefined>;
  errors?: FieldError[] | undefined;
  withCode: boolean;
}) {
  const tags = new Set(
    Array.isArray(p.values.tags)
      ? p.values.tags
      : String(p.values.tags ?? "")
          .split(",")
          .filter(Boolean),
  );
  return (
    <>
      {p.withCode ? (
        <Field
          name="code"
          label="村级区划代码"
          hint="12 位，前 9 位为所属乡镇代码"
          inputmode="numeric"
          maxlength={12}
          required
          value={p.values.code as string}
          errors={p.errors}
        />
      ) : null}
      <Field name="name" label="村（社区）名称" required value={p.values.name as string} errors={p.errors} />
      <fieldset>
        <legend>村类别（可多选）</legend>
        {options(VILLAGE_TAG_LABELS).map(([k, v]) => (
          <label>
            <input type="checkbox" name="tags" value={k} checked={tags.has(k)} /> {v}
          </label>
        ))}
      </fieldset>
      <Field name="notes" label="备注" value={p.values.notes as string} errors={p.errors} />
      <Field
        name="latitude"
        label="村址纬度"
        hint="WGS-84，如 30.5602；驻村签到据此核对距离"
        inputmode="decimal"
        maxlength={12}
        value={p.values.latitude as string}
        errors={p.errors}
      />
      <Field
        name="longitude"
        label="村址经度"
        hint="WGS-84，如 104.2690"
        inputmode="decimal"
        maxlength={12}
        value={p.values.longitude as string}
        errors={p.errors}
      />
    </>
  );
}
