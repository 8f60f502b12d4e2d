import type { HouseholdView } from "../../../workers/households/service.ts";
import {
  CsrfField,
  Field,
  FormErrors,
  SelectField,
  errorFor,
  FilterSelect,
  type FieldError,
} from "../../components/form.tsx";
import { Pager, withQuery } from "../../components/pager.tsx";
import {
  HOUSEHOLD_STATUS_LABELS,
  HOUSEHOLD_TYPE_LABELS,
  MONITOR_KIND_LABELS,
  POVERTY_CAUSE_LABELS,
  label,
  options,
} from "../../i18n/zh-CN.ts";
import { RecordTable } from "../../components/record-table.tsx";

export type Values = Record<string, string | string[] | undefined>;
export interface VillageOption {
  code: string;
  name: string;
  townshipName: string | null;
}

/** 未脱贫 / 已脱贫 / 监测对象（边缘易致贫户）, with a badge colour. */
export function StatusBadge(p: { status: string; monitorKind: string | null }) {
  const cls = p.status === "exited" ? "ok" : p.status === "monitored" ? "warn" : "err";
  return (
    <span class={`badge ${cls}`}>
      {label(HOUSEHOLD_STATUS_LABELS, p.status)}
      {p.monitorKind ? `（${label(MONITOR_KIND_LABELS, p.monitorKind)}）` : ""}
    </span>
  );
}

export function HouseholdListPage(p: {
  base: string;
  apiBase: string;
  page: { items: HouseholdView[]; total: number; totalCapped: boolean; page: number; size: number };
  townships: { code: string; name: string }[];
  filter: Record<string, string | undefined>;
  errors?: FieldError[] | undefined;
  canManage: boolean;
  canImport: boolean;
}) {
  const f = p.filter;
  // The export takes the list filters; an ID number search is a lookup, not a filter to export.
  const exportFilter = Object.fromEntries(Object.entries(f).filter(([k]) => k !== "idNumber" && k !== "page"));
  return (
    <>
      <h1>农户（贫困户）</h1>
      <form class="inline" method="get" action={`${p.base}/households`} role="search" aria-label="按身份证号查找">
        <Field
          name="idNumber"
          label="按身份证号查找"
          hint="完整 18 位"
          maxlength={18}
          value={f.idNumber}
          errors={p.errors}
        />
        <button type="submit" class="secondary">
          查找
        </button>
      </form>
      <form class="inline" method="get" action={`${p.base}/households`} role="search" aria-label="筛选">
        <FilterSelect
          name="townshipCode"
          label="乡镇"
          options={p.townships.map((t) => [t.code, t.name] as const)}
          value={f.townshipCode}
        />
        <Field
          name="villageCode"
          label="村级区划代码"
          inputmode="numeric"
          maxlength={12}
          value={f.villageCode}
          errors={p.errors}
        />
        <FilterSelect name="status" label="状态" options={options(HOUSEHOLD_STATUS_LABELS)} value={f.status} />
        <FilterSelect name="type" label="属性" options={options(HOUSEHOLD_TYPE_LABELS)} value={f.type} />
        <FilterSelect name="cause" label="致贫原因" options={options(POVERTY_CAUSE_LABELS)} value={f.cause} />
        <div>
          <label for="q">户主姓名</label>
          <input id="q" name="q" value={f.q ?? ""} maxlength={40} placeholder="姓或全名，如：张" />
        </div>
        <button type="submit" class="secondary">
          筛选
        </button>
      </form>
      <div class="actions">
        {p.canManage ? (
          <a class="button" href={`${p.base}/households/new`}>
            登记农户
          </a>
        ) : null}
        {p.canImport ? (
          <a class="button secondary" href={`${p.base}/imports/households`}>
            从 CSV 导入
          </a>
        ) : null}
        <a class="button secondary" href={withQuery(`${p.apiBase}/households/export`, exportFilter)}>
          导出 CSV
        </a>
      </div>
      {p.page.totalCapped ? (
        <p class="notice info" role="status">
          姓名匹配的农户超过 {p.page.total} 户，下面按姓名排序只列出前 {p.page.total}{" "}
          户。请输入全名，或选择乡镇、村缩小范围。
        </p>
      ) : null}
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>户主</th>
              <th>身份证号</th>
              <th>联系电话</th>
              <th>村</th>
              <th class="num">人口</th>
              <th>属性</th>
              <th>状态</th>
              <th>致贫原因</th>
            </tr>
          </thead>
          <tbody>
            {p.page.items.length === 0 ? (
              <tr>
                <td colspan={8} class="muted">
                  没有符合条件的农户
                </td>
              </tr>
            ) : (
              p.page.items.map((h) => (
                <tr>
                  <td class="nowrap">
                    <a href={`${p.base}/households/${h.id}`}>{h.headName}</a>
                  </td>
                  <td class="mono">{h.idNumberMasked}</td>
                  <td class="mono">{h.phoneMasked ?? "—"}</td>
                  <td>
                    {h.townshipName ? `${h.townshipName} · ` : ""}
                    {h.villageName}
                    {h.groupName ? ` · ${h.groupName}` : ""}
                  </td>
                  <td class="num">{h.memberCount}</td>
                  <td>{label(HOUSEHOLD_TYPE_LABELS, h.type)}</td>
                  <td>
                    <StatusBadge status={h.status} monitorKind={h.monitorKind} />
                  </td>
                  <td>{h.causes.map((k) => label(POVERTY_CAUSE_LABELS, k)).join("、") || "—"}</td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      <Pager path={`${p.base}/households`} query={f} page={p.page.page} size={p.page.size} total={p.page.total} />
    </>
  );
}

function Checkboxes(p: {
  name: string;
  legend: string;
  dict: Record<string, string>;
  checked: Set<string>;
  errors?: FieldError[] | undefined;
}) {
  const err = errorFor(p.errors, p.name);
  return (
    <fieldset>
      <legend>{p.legend}</legend>
      {Object.entries(p.dict).map(([k, v]) => (
        <label>
          <input type="checkbox" name={p.name} value={k} checked={p.checked.has(k)} /> {v}
        </label>
      ))}
      {err ? <p class="field-error">{err}</p> : null}
    </fieldset>
  );
}

const str = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The fields of the new and edit forms. Status fields appear only when a household is first registered. */
export function HouseholdFormFields(p: {
  values: Values;
  errors?: FieldError[] | undefined;
  villages: VillageOption[];
  isNew: boolean;
  idNumberMasked?: string;
  phoneMasked?: string | null;
}) {
  const v = p.values;
  const causes = new Set(
    Array.isArray(v.causes)
      ? v.causes
      : String(v.causes ?? "")
          .split(",")
          .filter(Boolean),
  );
  return (
    <>
      <Field name="headName" label="户主姓名" required maxlength={40} value={str(v.headName)} errors={p.errors} />
      <Field
        name="idNumber"
        label="身份证号"
        required={p.isNew}
        maxlength={18}
        hint={p.isNew ? "18 位，最后一位可为 X" : `当前 ${p.idNumberMasked ?? ""}；不改请留空`}
        value={str(v.idNumber)}
        errors={p.errors}
        autocomplete="off"
      />
      <Field
        name="phone"
        label="联系电话"
        type="tel"
        inputmode="tel"
        maxlength={20}
        hint={p.isNew ? "11 位手机号，可不填" : `当前 ${p.phoneMasked ?? "未登记"}；不改请留空`}
        value={str(v.phone)}
        errors={p.errors}
        autocomplete="off"
      />
      <SelectField
        name="villageCode"
        label="所在村"
        required
        blank="请选择"
        options={p.villages.map(
          (o) => [o.code, `${o.townshipName ? `${o.townshipName} · ` : ""}${o.name}（${o.code}）`] as const,
        )}
        value={str(v.villageCode)}
        errors={p.errors}
      />
      <Field
        name="groupName"
        label="村民小组"
        maxlength={40}
        hint="须为该村已登记的小组，可不填"
        value={str(v.groupName)}
        errors={p.errors}
      />
      <Field
        name="memberCount"
        label="家庭人口"
        inputmode="numeric"
        maxlength={2}
        hint="含户主"
        value={str(v.memberCount)}
        errors={p.errors}
      />
      <SelectField
        name="type"
        label="贫困户属性"
        options={options(HOUSEHOLD_TYPE_LABELS)}
        value={str(v.type) ?? "general"}
        errors={p.errors}
      />
      {p.isNew ? (
        <>
          <SelectField
            name="status"
            label="户状态"
            options={options(HOUSEHOLD_STATUS_LABELS)}
            value={str(v.status) ?? "poor"}
            errors={p.errors}
          />
          <SelectField
            name="monitorKind"
            label="监测类别"
            blank="（非监测对象不选）"
            options={options(MONITOR_KIND_LABELS)}
            value={str(v.monitorKind)}
            errors={p.errors}
          />
        </>
      ) : null}
      <Checkboxes
        name="causes"
        legend="致贫原因（可多选）"
        dict={POVERTY_CAUSE_LABELS}
        checked={causes}
        errors={p.errors}
      />
      <Field
        name="yearIdentified"
        label="识别年度"
        inputmode="numeric"
        maxlength={4}
        value={str(v.yearIdentified)}
        errors={p.errors}
      />
      {p.isNew ? (
        <Field
          name="exitYear"
          label="脱贫年度"
          inputmode="numeric"
          maxlength={4}
          hint="仅已脱贫户"
          value={str(v.exitYear)}
          errors={p.errors}
        />
      ) : null}
      <Field name="notes" label="备注" maxlength={500} value={str(v.notes)} errors={p.errors} />
    </>
  );
}

export function HouseholdNewPage(p: {
  base: string;
  csrf: string;
  villages: VillageOption[];
  values?: Values;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  return (
    <>
      <h1>登记农户</h1>
      <FormErrors errors={p.errors} message={p.message} />
      <form class="stack card" method="post" action={`${p.base}/households`}>
        <CsrfField token={p.csrf} />
        <HouseholdFormFields values={p.values ?? {}} errors={p.errors} villages={p.villages} isNew />
        <div class="actions">
          <button type="submit">登记</button>
          <a class="button secondary" href={`${p.base}/households`}>
            取消
          </a>
        </div>
      </form>
    </>
  );
}

export function HouseholdEditPage(p: {
  base: string;
  csrf: string;
  household: HouseholdView;
  villages: VillageOption[];
  values?: Values;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const h = p.household;
  const values: Values = p.values ?? {
    headName: h.headName,
    villageCode: h.villageCode,
    groupName: h.groupName ?? "",
    memberCount: String(h.memberCount),
    type: h.type,
    causes: h.causes,
    yearIdentified: h.yearIdentified == null ? "" : String(h.yearIdentified),
    notes: h.notes ?? "",
  };
  return (
    <>
      <h1>修改农户信息：{h.headName}</h1>
      <p class="muted">户状态不在此修改：请在农户详情页登记状态变更。</p>
      <FormErrors errors={p.errors} message={p.message} />
      <form class="stack card" method="post" action={`${p.base}/households/${h.id}`}>
        <CsrfField token={p.csrf} />
        <HouseholdFormFields
          values={values}
          errors={p.errors}
          villages={p.villages}
          isNew={false}
          idNumberMasked={h.idNumberMasked}
          phoneMasked={h.phoneMasked}
        />
        <div class="actions">
          <button type="submit">保存</button>
          <a class="button secondary" href={`${p.base}/households/${h.id}`}>
            取消
          </a>
        </div>
      </form>
    </>
  );
}
