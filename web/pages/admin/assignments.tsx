import { lookupUrl, PickerField, type PickCandidate } from "../../components/picker.tsx";
import type { AssignmentView } from "../../../workers/assignments/service.ts";
import { CsrfField, Field, FormErrors, SelectField, FilterSelect, type FieldError } from "../../components/form.tsx";
import { Pager, withQuery } from "../../components/pager.tsx";
import { formatTime } from "../../components/format.ts";
import { ASSIGNMENT_ROLE_LABELS, ASSIGNMENT_STATUS_LABELS, END_REASON_LABELS, options } from "../../i18n/zh-CN.ts";
import { RecordTable } from "../../components/record-table.tsx";

type Values = Record<string, string | undefined>;
type CadreOption = { id: number; name: string; unitName: string | null };
const REMOVAL = (["unfit", "long_absent", "wrong_unit", "other"] as const).map(
  (k) => [k, END_REASON_LABELS[k]] as const,
);
const RECALL = REMOVAL;

function StatusBadge(p: { a: AssignmentView }) {
  return (
    <span
      class={`badge ${p.a.status === "active" ? "ok" : p.a.status === "recalled" ? "err" : p.a.status === "replaced" ? "warn" : ""}`}
    >
      {ASSIGNMENT_STATUS_LABELS[p.a.status]}
    </span>
  );
}

export function AssignmentListPage(p: {
  base: string;
  apiBase: string;
  page: { items: AssignmentView[]; total: number; page: number; size: number };
  townships: { code: string; name: string }[];
  filter: Values;
  canManage: boolean;
}) {
  const f = p.filter;
  return (
    <>
      <h1>驻村任务</h1>
      <form class="inline" method="get" action={`${p.base}/assignments`} role="search">
        <FilterSelect
          name="townshipCode"
          label="乡镇"
          options={p.townships.map((t) => [t.code, t.name] as const)}
          value={f.townshipCode}
        />
        <div>
          <label for="villageCode">村代码</label>
          <input id="villageCode" name="villageCode" inputmode="numeric" maxlength={12} value={f.villageCode ?? ""} />
        </div>
        <FilterSelect name="role" label="职务" options={options(ASSIGNMENT_ROLE_LABELS)} value={f.role} />
        <FilterSelect name="status" label="状态" options={options(ASSIGNMENT_STATUS_LABELS)} value={f.status} />
        {f.cadreId ? <input type="hidden" name="cadreId" value={f.cadreId} /> : null}
        <button type="submit" class="secondary">
          筛选
        </button>
      </form>
      <div class="actions">
        {p.canManage ? (
          <a class="button" href={`${p.base}/assignments/new`}>
            派驻干部
          </a>
        ) : null}
        <a class="button secondary" href={`${p.base}/assignments/low-attendance`}>
          驻村天数偏少
        </a>
        <a
          class="button secondary"
          href={withQuery(`${p.apiBase}/assignments/export`, {
            townshipCode: f.townshipCode,
            villageCode: f.villageCode,
            role: f.role,
            status: f.status,
            cadreId: f.cadreId,
          })}
        >
          导出 CSV
        </a>
      </div>
      <AssignmentTable base={p.base} items={p.page.items} />
      <Pager path={`${p.base}/assignments`} query={f} page={p.page.page} size={p.page.size} total={p.page.total} />
    </>
  );
}

function AssignmentTable(p: {
  base: string;
  items: (AssignmentView & { days?: number | null })[];
  withDays?: boolean;
}) {
  return (
    <div class="table-wrap">
      <RecordTable>
        <thead>
          <tr>
            <th>村</th>
            <th>干部</th>
            <th>职务</th>
            <th>开始</th>
            <th>状态</th>
            {p.withDays ? <th class="num">驻村天数</th> : <th>结束</th>}
          </tr>
        </thead>
        <tbody>
          {p.items.length === 0 ? (
            <tr>
              <td colspan={6} class="muted">
                没有符合条件的驻村任务
              </td>
            </tr>
          ) : (
            p.items.map((a) => (
              <tr>
                <td>
                  <a href={`${p.base}/assignments/${a.id}`}>{a.villageName}</a>
                  <br />
                  <span class="muted">{a.townshipName}</span>
                </td>
                <td>
                  <a href={`${p.base}/cadres/${a.cadreId}`}>{a.cadreName}</a>
                  <br />
                  <span class="muted">{a.unitName}</span>
                </td>
                <td>{ASSIGNMENT_ROLE_LABELS[a.role]}</td>
                <td class="nowrap">{a.startDate}</td>
                <td>
                  <StatusBadge a={a} />
                </td>
                {p.withDays ? (
                  <td class="num">{a.days == null ? <span class="badge err">未填报</span> : a.days}</td>
                ) : (
                  <td class="nowrap">{a.endDate ?? "—"}</td>
                )}
              </tr>
            ))
          )}
        </tbody>
      </RecordTable>
    </div>
  );
}

export function AssignmentNewPage(p: {
  base: string;
  csrf: string;
  cadres: CadreOption[];
  /** Villages matching the typed text when it named several (the picker's no-script fallback). */
  candidates?: PickCandidate[] | undefined;
  values?: Values;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const v = p.values ?? {};
  return (
    <>
      <h1>派驻干部到村</h1>
      <FormErrors errors={p.errors} message={p.message} />
      <form class="stack card" method="post" action={`${p.base}/assignments`}>
        <CsrfField token={p.csrf} />
        <SelectField
          name="cadreId"
          label="干部"
          required
          options={p.cadres.map((c) => [String(c.id), `${c.name}（${c.unitName ?? ""}，编号 ${c.id}）`] as const)}
          value={v.cadreId}
          errors={p.errors}
          blank="请选择"
        />
        <PickerField
          name="villageCode"
          label="村（社区）"
          hint="输入村名或 12 位区划代码"
          required
          lookup={lookupUrl(p.base, "villages")}
          value={v.villageCode}
          errors={p.errors}
          candidates={p.candidates}
        />
        <SelectField
          name="role"
          label="驻村职务"
          required
          options={options(ASSIGNMENT_ROLE_LABELS)}
          value={v.role}
          errors={p.errors}
          blank="请选择"
        />
        <Field name="startDate" label="开始日期" type="date" required value={v.startDate} errors={p.errors} />
        <div class="actions">
          <button type="submit">派驻</button>
          <a class="button secondary" href={`${p.base}/assignments`}>
            取消
          </a>
        </div>
      </form>
    </>
  );
}

export function AssignmentDetailPage(p: {
  base: string;
  csrf: string;
  a: AssignmentView;
  successor?: AssignmentView | undefined;
  attendance: {
    month: string;
    days: number;
    status: "reported" | "confirmed";
    reportedBy: number | null;
    confirmedByName: string | null;
    confirmedAt: number | null;
    checkInDays: number;
  }[];
  cadres: CadreOption[];
  canManage: boolean;
  canRecord: boolean;
  /** Township (own township) or county: may confirm reported days, except their own reports. */
  canConfirm?: boolean | undefined;
  userId?: number | undefined;
  defaultMonth: string;
  today: string;
  form?: "end" | "replace" | "attendance" | undefined;
  values?: Values | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const a = p.a;
  const errs = (f: string) => (p.form === f ? p.errors : undefined);
  const val = (f: string, k: string, d = "") => (p.form === f ? (p.values?.[k] ?? d) : d);
  return (
    <>
      <h1>
        {a.villageName} · {a.cadreName}
      </h1>
      <div class="card">
        <dl class="kv">
          <dt>任务编号</dt>
          <dd class="mono">{a.id}</dd>
          <dt>村</dt>
          <dd>
            {a.villageName}（<span class="mono">{a.villageCode}</span>），{a.townshipName}
          </dd>
          <dt>干部</dt>
          <dd>
            <a href={`${p.base}/cadres/${a.cadreId}`}>{a.cadreName}</a>（{a.unitName}）
          </dd>
          <dt>驻村职务</dt>
          <dd>{ASSIGNMENT_ROLE_LABELS[a.role]}</dd>
          <dt>开始日期</dt>
          <dd>{a.startDate}</dd>
          <dt>状态</dt>
          <dd>
            <StatusBadge a={a} />
          </dd>
          {a.status !== "active" ? (
            <>
              <dt>结束日期</dt>
              <dd>{a.endDate}</dd>
              <dt>结束原因</dt>
              <dd>{a.endReason ? END_REASON_LABELS[a.endReason] : "—"}</dd>
              <dt>说明</dt>
              <dd>{a.endNote ?? "—"}</dd>
            </>
          ) : null}
          {p.successor ? (
            <>
              <dt>接替</dt>
              <dd>
                <a href={`${p.base}/assignments/${p.successor.id}`}>
                  {p.successor.cadreName}（任务 {p.successor.id}）
                </a>
              </dd>
            </>
          ) : null}
        </dl>
      </div>

      <h2>驻村天数</h2>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>月份</th>
              <th class="num">天数</th>
              <th class="num">签到天数</th>
              <th>状态</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {p.attendance.length === 0 ? (
              <tr>
                <td colspan={5} class="muted">
                  尚未填报
                </td>
              </tr>
            ) : (
              p.attendance.map((r) => (
                <tr>
                  <td>{r.month}</td>
                  <td class="num">{r.days}</td>
                  <td class="num">{r.checkInDays}</td>
                  <td>
                    {r.status === "confirmed" ? (
                      <span class="badge ok">
                        已确认（{r.confirmedByName ?? "—"}
                        {r.confirmedAt ? `，${formatTime(r.confirmedAt)}` : ""}）
                      </span>
                    ) : (
                      <span class="badge warn">已填报，待确认（确认前不计发补助）</span>
                    )}
                  </td>
                  <td>
                    {r.status === "reported" && p.canConfirm ? (
                      r.reportedBy === p.userId ? (
                        <span class="muted">您填报的天数须由其他人确认</span>
                      ) : (
                        <form method="post" action={`${p.base}/assignments/${a.id}/attendance/${r.month}/confirm`}>
                          <CsrfField token={p.csrf} />
                          <input type="hidden" name="days" value={String(r.days)} />
                          <button type="submit" class="secondary">
                            确认
                          </button>
                        </form>
                      )
                    ) : null}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      {p.canRecord ? (
        <form class="inline card" method="post" action={`${p.base}/assignments/${a.id}/attendance`}>
          <CsrfField token={p.csrf} />
          {p.form === "attendance" ? <FormErrors errors={p.errors} message={p.message} /> : null}
          <Field
            name="month"
            label="月份"
            type="month"
            hint="YYYY-MM"
            required
            value={val("attendance", "month", p.defaultMonth)}
            errors={errs("attendance")}
            maxlength={7}
          />
          <Field
            name="days"
            label="驻村天数"
            inputmode="numeric"
            required
            value={val("attendance", "days")}
            errors={errs("attendance")}
            maxlength={2}
          />
          <button type="submit">填报</button>
        </form>
      ) : null}

      {p.canManage && a.status === "active" ? (
        <>
          <h2>结束任务</h2>
          <form class="stack card" method="post" action={`${p.base}/assignments/${a.id}/end`}>
            <CsrfField token={p.csrf} />
            {p.form === "end" ? <FormErrors errors={p.errors} message={p.message} /> : null}
            <SelectField
              name="status"
              label="结束方式"
              required
              options={[
                ["completed", "期满"],
                ["recalled", "召回"],
              ]}
              value={val("end", "status", "completed")}
              errors={errs("end")}
            />
            <SelectField
              name="reason"
              label="原因"
              options={[["term_completed", END_REASON_LABELS.term_completed], ...RECALL]}
              value={val("end", "reason", "term_completed")}
              errors={errs("end")}
            />
            <Field
              name="date"
              label="结束日期"
              type="date"
              required
              value={val("end", "date", p.today)}
              errors={errs("end")}
            />
            <Field
              name="note"
              label="说明"
              hint="原因为“其他”时必填"
              value={val("end", "note")}
              errors={errs("end")}
              maxlength={500}
            />
            <div class="actions">
              <button type="submit" class="danger">
                结束任务
              </button>
            </div>
          </form>
          <h2>调整更换</h2>
          <p class="muted">原任务以“调整更换”结束，接替干部同日到岗，担任同一职务。</p>
          <form class="stack card" method="post" action={`${p.base}/assignments/${a.id}/replace`}>
            <CsrfField token={p.csrf} />
            {p.form === "replace" ? <FormErrors errors={p.errors} message={p.message} /> : null}
            <SelectField
              name="newCadreId"
              label="接替干部"
              required
              options={p.cadres
                .filter((c) => c.id !== a.cadreId)
                .map((c) => [String(c.id), `${c.name}（${c.unitName ?? ""}，编号 ${c.id}）`] as const)}
              value={val("replace", "newCadreId")}
              errors={errs("replace")}
              blank="请选择"
            />
            <SelectField
              name="reason"
              label="更换原因"
              required
              options={REMOVAL}
              value={val("replace", "reason")}
              errors={errs("replace")}
              blank="请选择"
            />
            <Field
              name="date"
              label="更换日期"
              type="date"
              required
              value={val("replace", "date", p.today)}
              errors={errs("replace")}
            />
            <Field
              name="note"
              label="说明"
              hint="原因为“其他”时必填"
              value={val("replace", "note")}
              errors={errs("replace")}
              maxlength={500}
            />
            <div class="actions">
              <button type="submit">确认更换</button>
            </div>
          </form>
        </>
      ) : null}
      <p>
        <a href={`${p.base}/assignments?villageCode=${a.villageCode ?? ""}`}>← 本村全部驻村任务</a>
      </p>
    </>
  );
}

export function LowAttendancePage(p: {
  base: string;
  apiBase: string;
  data: {
    month: string;
    below: number;
    items: (AssignmentView & { days: number | null })[];
    total: number;
    page: number;
    size: number;
  };
  townships: { code: string; name: string }[];
  filter: Values;
  errors?: FieldError[] | undefined;
}) {
  const f = p.filter;
  return (
    <>
      <h1>驻村天数偏少</h1>
      <p class="muted">
        {p.data.month} 在岗、但驻村天数少于 {p.data.below} 天的驻村干部（未填报按 0 天计）。
      </p>
      <FormErrors errors={p.errors} />
      <form class="inline" method="get" action={`${p.base}/assignments/low-attendance`} role="search">
        <Field name="month" label="月份" type="month" value={f.month ?? p.data.month} errors={p.errors} maxlength={7} />
        <Field
          name="below"
          label="少于（天）"
          inputmode="numeric"
          value={f.below ?? String(p.data.below)}
          errors={p.errors}
          maxlength={2}
        />
        <FilterSelect
          name="townshipCode"
          label="乡镇"
          options={p.townships.map((t) => [t.code, t.name] as const)}
          value={f.townshipCode}
        />
        <button type="submit" class="secondary">
          查看
        </button>
      </form>
      <AssignmentTable base={p.base} items={p.data.items} withDays />
      <Pager
        path={`${p.base}/assignments/low-attendance`}
        query={{ month: p.data.month, below: p.data.below, townshipCode: f.townshipCode }}
        page={p.data.page}
        size={p.data.size}
        total={p.data.total}
      />
      <p>
        <a href={`${p.base}/assignments`}>← 返回驻村任务</a>
      </p>
    </>
  );
}
