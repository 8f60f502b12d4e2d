import type { UnitPicture } from "../../../workers/units/whole-picture.ts";
import { UnitPictureSections } from "./unit-picture.tsx";
import type { UnitView } from "../../../workers/units/service.ts";
import { CsrfField, Field, FormErrors, SelectField, FilterSelect, type FieldError } from "../../components/form.tsx";
import { Pager, withQuery } from "../../components/pager.tsx";
import { UNIT_KIND_LABELS, UNIT_LEVEL_LABELS, options } from "../../i18n/zh-CN.ts";
import { RecordTable } from "../../components/record-table.tsx";

type Values = Record<string, string | undefined>;

export function UnitListPage(p: {
  base: string;
  apiBase: string;
  page: { items: UnitView[]; total: number; page: number; size: number };
  filter: Values;
  canManage: boolean;
  canImport: boolean;
}) {
  const f = p.filter;
  return (
    <>
      <h1>帮扶（派出）单位</h1>
      <form class="inline" method="get" action={`${p.base}/units`} role="search">
        <FilterSelect name="kind" label="类别" options={options(UNIT_KIND_LABELS)} value={f.kind} />
        <FilterSelect name="level" label="层级" options={options(UNIT_LEVEL_LABELS)} value={f.level} />
        <div>
          <label for="q">名称</label>
          <input id="q" name="q" value={f.q ?? ""} />
        </div>
        <button type="submit" class="secondary">
          筛选
        </button>
      </form>
      <div class="actions">
        {p.canManage ? (
          <a class="button" href={`${p.base}/units/new`}>
            新建单位
          </a>
        ) : null}
        {p.canImport ? (
          <a class="button secondary" href={`${p.base}/imports/units`}>
            从 CSV 导入
          </a>
        ) : null}
        <a
          class="button secondary"
          href={withQuery(`${p.apiBase}/units/export`, { kind: f.kind, level: f.level, q: f.q })}
        >
          导出 CSV
        </a>
      </div>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>单位名称</th>
              <th>类别</th>
              <th>层级</th>
              <th class="num">干部</th>
            </tr>
          </thead>
          <tbody>
            {p.page.items.length === 0 ? (
              <tr>
                <td colspan={4} class="muted">
                  没有符合条件的单位
                </td>
              </tr>
            ) : (
              p.page.items.map((u) => (
                <tr>
                  <td>
                    <a href={`${p.base}/units/${u.id}`}>{u.name}</a>
                  </td>
                  <td>{UNIT_KIND_LABELS[u.kind]}</td>
                  <td>{UNIT_LEVEL_LABELS[u.level]}</td>
                  <td class="num">
                    <a href={`${p.base}/cadres?unitId=${u.id}`}>{u.cadreCount}</a>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      <Pager path={`${p.base}/units`} query={f} page={p.page.page} size={p.page.size} total={p.page.total} />
    </>
  );
}

function UnitFields(p: { values: Values; errors?: FieldError[] | undefined }) {
  return (
    <>
      <Field name="name" label="单位名称" required value={p.values.name} errors={p.errors} maxlength={80} />
      <SelectField
        name="kind"
        label="单位类别"
        required
        options={options(UNIT_KIND_LABELS)}
        value={p.values.kind}
        errors={p.errors}
        blank="请选择"
      />
      <SelectField
        name="level"
        label="单位层级"
        required
        options={options(UNIT_LEVEL_LABELS)}
        value={p.values.level}
        errors={p.errors}
        blank="请选择"
      />
      <Field
        name="contact"
        label="联系方式"
        hint="联系人、办公电话"
        value={p.values.contact}
        errors={p.errors}
        maxlength={120}
      />
    </>
  );
}

export function UnitNewPage(p: {
  base: string;
  csrf: string;
  values?: Values;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  return (
    <>
      <h1>新建单位</h1>
      <FormErrors errors={p.errors} message={p.message} />
      <form class="stack card" method="post" action={`${p.base}/units`}>
        <CsrfField token={p.csrf} />
        <UnitFields values={p.values ?? {}} errors={p.errors} />
        <div class="actions">
          <button type="submit">创建</button>
          <a class="button secondary" href={`${p.base}/units`}>
            取消
          </a>
        </div>
      </form>
    </>
  );
}

export function UnitDetailPage(p: {
  base: string;
  csrf: string;
  unit: UnitView;
  canManage: boolean;
  /** Villages, cadres, letters and money around the unit. */
  picture: UnitPicture;
  /** The unit's record page (county users, auditors and township officers; not cadres). */
  showRecord?: boolean;
  values?: Values | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const u = p.unit;
  return (
    <>
      <h1>{u.name}</h1>
      <div class="card">
        <dl class="kv">
          <dt>类别</dt>
          <dd>{UNIT_KIND_LABELS[u.kind]}</dd>
          <dt>层级</dt>
          <dd>{UNIT_LEVEL_LABELS[u.level]}</dd>
          <dt>联系方式</dt>
          <dd>{u.contact ?? "—"}</dd>
          <dt>干部</dt>
          <dd>
            <a href={`${p.base}/cadres?unitId=${u.id}`}>{u.cadreCount} 人</a>
          </dd>
          {p.showRecord ? (
            <>
              <dt>单位档案</dt>
              <dd>
                <a href={`${p.base}/units/${u.id}/record`}>选派干部、责任书、督查、评议、考核</a>
              </dd>
            </>
          ) : null}
        </dl>
      </div>
      <UnitPictureSections base={p.base} unitId={u.id} pic={p.picture} />
      {p.canManage ? (
        <>
          <h2>修改单位</h2>
          <FormErrors errors={p.errors} message={p.message} />
          <form class="stack card" method="post" action={`${p.base}/units/${u.id}`}>
            <CsrfField token={p.csrf} />
            <UnitFields
              values={p.values ?? { name: u.name, kind: u.kind, level: u.level, contact: u.contact ?? "" }}
              errors={p.errors}
            />
            <div class="actions">
              <button type="submit">保存</button>
            </div>
          </form>
        </>
      ) : null}
      <p>
        <a href={`${p.base}/units`}>← 返回单位列表</a>
      </p>
    </>
  );
}
