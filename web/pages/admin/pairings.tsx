import type { PairingView } from "../../../workers/pairings/service.ts";
import type { PAIRING_SIDES, SideField } from "../../../workers/pairings/rules.ts";
import { CsrfField, Field, FormErrors, SelectField, type FieldError } from "../../components/form.tsx";
import { Pager, withQuery } from "../../components/pager.tsx";
import {
  HOUSEHOLD_STATUS_LABELS,
  PAIRING_KIND_LABELS,
  PAIRING_STATUS_LABELS,
  UNIT_KIND_LABELS,
  label,
  options,
  PAIRING_SIDE_LABELS,
} from "../../i18n/zh-CN.ts";
import type { PairingKind } from "../../../db/schema/tenant/pairings.ts";
import { RecordTable } from "../../components/record-table.tsx";

export interface Choices {
  units: { id: number; name: string; kind: string }[];
  cadres: { id: number; name: string; unitName: string | null }[];
  villages: { id: number; code: string; name: string; townshipCode: string }[];
  helpedVillages: { id: number; code: string; name: string; townshipCode: string }[];
}

const statusBadge = (s: PairingView["status"]) => (
  <span class={`badge ${s === "active" ? "ok" : ""}`}>{PAIRING_STATUS_LABELS[s]}</span>
);

export function helperText(p: PairingView): string {
  if (p.helperUnitName) return p.helperUnitName;
  if (p.helperCadreName)
    return p.helperCadreUnitName ? `${p.helperCadreName}（${p.helperCadreUnitName}）` : p.helperCadreName;
  if (p.helperVillageName) return `${p.helperVillageName}（${p.helperVillageCode}）`;
  return "—";
}
export function helpedText(p: PairingView): string {
  if (p.householdId) return `${p.householdHeadName ?? ""}户 · ${p.villageName ?? ""}`;
  return p.villageName ? `${p.villageName}（${p.villageCode}）` : "—";
}

export function PairingListPage(p: {
  base: string;
  apiBase: string;
  page: { items: PairingView[]; total: number; page: number; size: number };
  choices: Choices;
  filter: Record<string, string | undefined>;
  canManage: boolean;
  canImport: boolean;
}) {
  const f = p.filter;
  const sel = (name: string, text: string, opts: [string, string][]) => (
    <div>
      <label for={`q-${name}`}>{text}</label>
      <select id={`q-${name}`} name={name}>
        <option value="">全部</option>
        {opts.map(([k, v]) => (
          <option value={k} selected={f[name] === k}>
            {v}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <>
      <h1>结对帮扶</h1>
      <form class="inline" method="get" action={`${p.base}/pairings`} role="search">
        {sel("kind", "类型", options(PAIRING_KIND_LABELS))}
        {sel("status", "状态", options(PAIRING_STATUS_LABELS))}
        {sel(
          "villageId",
          "村",
          p.choices.villages.map((v) => [String(v.id), v.name]),
        )}
        {sel(
          "cadreId",
          "干部",
          p.choices.cadres.map((c) => [String(c.id), c.unitName ? `${c.name}（${c.unitName}）` : c.name]),
        )}
        {sel(
          "unitId",
          "单位",
          p.choices.units.map((u) => [String(u.id), u.name]),
        )}
        <button type="submit" class="secondary">
          筛选
        </button>
      </form>
      <div class="actions">
        {p.canManage ? (
          <a class="button" href={`${p.base}/pairings/new`}>
            新建结对
          </a>
        ) : null}
        {p.canImport ? (
          <a class="button secondary" href={`${p.base}/imports/pairings`}>
            从 CSV 导入
          </a>
        ) : null}
        <a class="button secondary" href={withQuery(`${p.apiBase}/pairings/export`, f)}>
          导出 CSV
        </a>
      </div>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>类型</th>
              <th>帮扶方</th>
              <th>被帮扶方</th>
              <th>开始</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {p.page.items.length === 0 ? (
              <tr>
                <td colspan={5} class="muted">
                  没有符合条件的结对
                </td>
              </tr>
            ) : (
              p.page.items.map((x) => (
                <tr>
                  <td class="nowrap">
                    <a href={`${p.base}/pairings/${x.id}`}>{PAIRING_KIND_LABELS[x.kind]}</a>
                  </td>
                  <td>{helperText(x)}</td>
                  <td>
                    {helpedText(x)}
                    {x.householdStatus ? (
                      <>
                        {" "}
                        <span class={`badge ${x.householdStatus === "exited" ? "ok" : "warn"}`}>
                          {label(HOUSEHOLD_STATUS_LABELS, x.householdStatus)}
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td class="nowrap">{x.startDate}</td>
                  <td>{statusBadge(x.status)}</td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      <Pager path={`${p.base}/pairings`} query={f} page={p.page.page} size={p.page.size} total={p.page.total} />
    </>
  );
}

function sideSelect(
  field: SideField,
  unitKinds: readonly string[] | undefined,
  c: Choices,
  values: Record<string, string>,
  errors: FieldError[] | undefined,
) {
  const v = values[field];
  if (field === "helperUnitId") {
    const units = unitKinds ? c.units.filter((u) => unitKinds.includes(u.kind)) : c.units;
    return (
      <SelectField
        name={field}
        label={PAIRING_SIDE_LABELS[field]}
        required
        blank="请选择"
        value={v}
        errors={errors}
        options={units.map((u) => [String(u.id), `${u.name}（${label(UNIT_KIND_LABELS, u.kind)}）`] as const)}
      />
    );
  }
  if (field === "helperCadreId")
    return (
      <SelectField
        name={field}
        label={PAIRING_SIDE_LABELS[field]}
        required
        blank="请选择"
        value={v}
        errors={errors}
        options={c.cadres.map((x) => [String(x.id), x.unitName ? `${x.name}（${x.unitName}）` : x.name] as const)}
      />
    );
  if (field === "helperVillageId")
    return (
      <SelectField
        name={field}
        label={PAIRING_SIDE_LABELS[field]}
        required
        blank="请选择"
        value={v}
        errors={errors}
        options={c.villages.map((x) => [String(x.id), `${x.name}（${x.code}）`] as const)}
      />
    );
  if (field === "villageId")
    return (
      <SelectField
        name={field}
        label={PAIRING_SIDE_LABELS[field]}
        required
        blank="请选择"
        value={v}
        errors={errors}
        options={c.helpedVillages.map((x) => [String(x.id), `${x.name}（${x.code}）`] as const)}
      />
    );
  return (
    <Field
      name="householdId"
      label={PAIRING_SIDE_LABELS.householdId}
      hint="农户编号，或户主身份证号"
      required
      value={v}
      errors={errors}
    />
  );
}

/** Two steps without JavaScript: choose the kind (GET), then fill in the sides that kind uses. */
export function PairingNewPage(p: {
  base: string;
  csrf: string;
  kind?: PairingKind | undefined;
  /** Which side fields each kind uses (PAIRING_SIDES of workers/pairings/rules.ts). */
  sides: typeof PAIRING_SIDES;
  choices: Choices;
  values?: Record<string, string>;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const values = p.values ?? {};
  return (
    <>
      <h1>新建结对</h1>
      <form class="inline card" method="get" action={`${p.base}/pairings/new`}>
        <SelectField
          name="kind"
          label="结对类型"
          required
          value={p.kind}
          options={options(PAIRING_KIND_LABELS)}
          blank="请选择"
        />
        <button type="submit" class="secondary">
          {p.kind ? "更换类型" : "下一步"}
        </button>
      </form>
      {p.kind ? (
        <>
          <FormErrors errors={p.errors} message={p.message} />
          <form class="stack card" method="post" action={`${p.base}/pairings`}>
            <CsrfField token={p.csrf} />
            <input type="hidden" name="kind" value={p.kind} />
            <p>
              <b>{PAIRING_KIND_LABELS[p.kind]}</b>
            </p>
            {sideSelect(p.sides[p.kind].helper, p.sides[p.kind].unitKinds, p.choices, values, p.errors)}
            {sideSelect(p.sides[p.kind].helped, p.sides[p.kind].unitKinds, p.choices, values, p.errors)}
            <Field name="startDate" label="开始日期" type="date" required value={values.startDate} errors={p.errors} />
            <Field name="letterRef" label="目标责任书编号" value={values.letterRef} errors={p.errors} />
            <Field name="notes" label="备注" value={values.notes} errors={p.errors} />
            <div class="actions">
              <button type="submit">创建</button>
              <a class="button secondary" href={`${p.base}/pairings`}>
                取消
              </a>
            </div>
          </form>
        </>
      ) : (
        <p>
          <a href={`${p.base}/pairings`}>← 返回结对列表</a>
        </p>
      )}
    </>
  );
}

export function PairingDetailPage(p: {
  base: string;
  csrf: string;
  pairing: PairingView;
  cadres: { id: number; name: string; unitName: string | null }[];
  canManage: boolean;
  canHandover: boolean;
  endBlocked: string | null;
  form?: "edit" | "end" | "handover" | undefined;
  values?: Record<string, string> | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const x = p.pairing;
  const errs = (f: string) => (p.form === f ? p.errors : undefined);
  const val = (f: string, k: string, d = "") => (p.form === f ? (p.values?.[k] ?? d) : d);
  const active = x.status === "active";
  return (
    <>
      <h1>
        {PAIRING_KIND_LABELS[x.kind]} · {helpedText(x)}
      </h1>
      <div class="card">
        <dl class="kv">
          <dt>状态</dt>
          <dd>{statusBadge(x.status)}</dd>
          <dt>帮扶方</dt>
          <dd>{helperText(x)}</dd>
          <dt>被帮扶方</dt>
          <dd>
            {helpedText(x)}
            {x.householdStatus ? `（${label(HOUSEHOLD_STATUS_LABELS, x.householdStatus)}）` : ""}
          </dd>
          <dt>乡镇</dt>
          <dd>{x.townshipName ?? "—"}</dd>
          <dt>开始日期</dt>
          <dd>{x.startDate}</dd>
          <dt>结束日期</dt>
          <dd>{x.endDate ?? "—"}</dd>
          <dt>目标责任书</dt>
          <dd>{x.letterRef ?? "—"}</dd>
          <dt>备注</dt>
          <dd>{x.notes ?? "—"}</dd>
          {x.endReason ? (
            <>
              <dt>结束/移交原因</dt>
              <dd>{x.endReason}</dd>
            </>
          ) : null}
          {x.handedOverToId ? (
            <>
              <dt>已移交至</dt>
              <dd>
                <a href={`${p.base}/pairings/${x.handedOverToId}`}>结对 #{x.handedOverToId}</a>
              </dd>
            </>
          ) : null}
        </dl>
      </div>
      {p.canManage ? (
        <>
          <h2>修改责任书与备注</h2>
          <form class="stack card" method="post" action={`${p.base}/pairings/${x.id}`}>
            <CsrfField token={p.csrf} />
            {p.form === "edit" ? <FormErrors errors={p.errors} message={p.message} /> : null}
            <Field
              name="letterRef"
              label="目标责任书编号"
              value={val("edit", "letterRef", x.letterRef ?? "")}
              errors={errs("edit")}
            />
            <Field name="notes" label="备注" value={val("edit", "notes", x.notes ?? "")} errors={errs("edit")} />
            <div class="actions">
              <button type="submit">保存</button>
            </div>
          </form>
          {active ? (
            <>
              <h2>结束结对</h2>
              {p.form === "end" ? <FormErrors errors={p.errors} message={p.message} /> : null}
              {p.endBlocked ? (
                // The rule (不脱贫不脱钩) refuses every end here: say why beside a disabled button instead of a form that always fails.
                <p class="card">
                  <button type="button" class="secondary" disabled>
                    结束结对
                  </button>{" "}
                  <span class="why">{p.endBlocked}</span>
                </p>
              ) : (
                <form class="inline card" method="post" action={`${p.base}/pairings/${x.id}/end`}>
                  <CsrfField token={p.csrf} />
                  <Field
                    name="date"
                    label="结束日期"
                    type="date"
                    required
                    value={val("end", "date")}
                    errors={errs("end")}
                  />
                  <Field name="reason" label="原因" required value={val("end", "reason")} errors={errs("end")} />
                  <button type="submit" class="secondary">
                    结束结对
                  </button>
                </form>
              )}
              {p.canHandover && x.kind === "cadre_household" ? (
                <>
                  <h2>移交给其他干部</h2>
                  <p class="muted">原结对结束、新结对开始，一步完成；接手干部须未达到结对户数上限。</p>
                  <form class="stack card" method="post" action={`${p.base}/pairings/${x.id}/handover`}>
                    <CsrfField token={p.csrf} />
                    {p.form === "handover" ? <FormErrors errors={p.errors} message={p.message} /> : null}
                    <SelectField
                      name="toCadreId"
                      label="接手干部"
                      required
                      blank="请选择"
                      value={val("handover", "toCadreId")}
                      errors={errs("handover")}
                      options={p.cadres
                        .filter((c) => c.id !== x.helperCadreId)
                        .map((c) => [String(c.id), c.unitName ? `${c.name}（${c.unitName}）` : c.name] as const)}
                    />
                    <Field
                      name="date"
                      label="移交日期"
                      type="date"
                      required
                      value={val("handover", "date")}
                      errors={errs("handover")}
                    />
                    <Field
                      name="reason"
                      label="移交原因"
                      required
                      value={val("handover", "reason")}
                      errors={errs("handover")}
                    />
                    <div class="actions">
                      <button type="submit">移交</button>
                    </div>
                  </form>
                </>
              ) : null}
            </>
          ) : null}
        </>
      ) : null}
      <p>
        <a href={`${p.base}/pairings`}>← 返回结对列表</a>
      </p>
    </>
  );
}
