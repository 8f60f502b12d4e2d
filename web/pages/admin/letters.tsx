import type { LetterDetailView, LetterView } from "../../../workers/letters/service.ts";
import type { Page } from "../../../workers/lib/paging.ts";
import { CsrfField, Field, FormErrors, SelectField, type FieldError } from "../../components/form.tsx";
import { Pager } from "../../components/pager.tsx";
import { MEASURE_STATUS_LABELS, SIX_GOAL_LABELS, keysOf, options } from "../../i18n/zh-CN.ts";
import { RecordTable } from "../../components/record-table.tsx";

type Values = Record<string, string | undefined>;
export interface FailedForm {
  form: string;
  values: Values;
  errors: FieldError[];
  message?: string | undefined;
}

function TextArea(p: {
  name: string;
  label: string;
  value?: string | undefined;
  rows?: number;
  required?: boolean;
  errors?: FieldError[] | undefined;
}) {
  const err = p.errors?.find((e) => e.field === p.name)?.message;
  return (
    <div>
      <label for={`f-${p.name}`}>
        {p.label}
        {p.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <textarea
        id={`f-${p.name}`}
        name={p.name}
        rows={p.rows ?? 3}
        required={p.required}
        aria-invalid={err ? "true" : undefined}
      >
        {p.value ?? ""}
      </textarea>
      {err ? <p class="field-error">{err}</p> : null}
    </div>
  );
}

export function LetterListPage(p: {
  base: string;
  page: Page<LetterView>;
  filter: { villageCode?: string | undefined };
  canManage: boolean;
}) {
  return (
    <>
      <h1>目标责任书</h1>
      <p class="muted">派出单位与村签订的三年目标责任书及帮扶措施；措施及进度在村公开页公开。</p>
      {p.canManage ? (
        <div class="actions">
          <a class="button" href={`${p.base}/letters/new`}>
            签订责任书
          </a>
        </div>
      ) : null}
      <form class="inline card" method="get" action={`${p.base}/letters`}>
        <Field name="villageCode" label="村代码" value={p.filter.villageCode} maxlength={12} inputmode="numeric" />
        <button type="submit" class="secondary">
          筛选
        </button>
      </form>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>村</th>
              <th>派出单位</th>
              <th>责任期</th>
              <th class="num">措施完成</th>
            </tr>
          </thead>
          <tbody>
            {p.page.items.length === 0 ? (
              <tr>
                <td colspan={4} class="muted">
                  没有目标责任书
                </td>
              </tr>
            ) : null}
            {p.page.items.map((x) => (
              <tr>
                <td>
                  <a href={`${p.base}/letters/${x.id}`}>{x.villageName}</a>
                </td>
                <td>{x.unitName}</td>
                <td class="nowrap">
                  {x.termStartYear}–{x.termEndYear}
                </td>
                <td class="num">
                  {x.completedCount}/{x.measureCount}
                </td>
              </tr>
            ))}
          </tbody>
        </RecordTable>
      </div>
      <Pager path={`${p.base}/letters`} query={p.filter} page={p.page.page} size={p.page.size} total={p.page.total} />
    </>
  );
}

export function LetterNewPage(p: {
  base: string;
  csrf: string;
  units: { id: number; name: string }[];
  values?: Values;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const v = p.values ?? {};
  return (
    <>
      <h1>签订目标责任书</h1>
      <FormErrors errors={p.errors} message={p.message} />
      <form class="stack card" method="post" action={`${p.base}/letters`}>
        <CsrfField token={p.csrf} />
        <SelectField
          name="unitId"
          label="派出单位"
          required
          options={p.units.map((u) => [String(u.id), u.name] as const)}
          value={v.unitId}
          blank="请选择"
          errors={p.errors}
        />
        <Field
          name="villageCode"
          label="村代码"
          hint="12 位"
          required
          maxlength={12}
          inputmode="numeric"
          value={v.villageCode}
          errors={p.errors}
        />
        <Field
          name="termStartYear"
          label="责任期起始年度"
          hint="责任期三年"
          required
          inputmode="numeric"
          maxlength={4}
          value={v.termStartYear}
          errors={p.errors}
        />
        <Field name="signedDate" label="签订日期" type="date" required value={v.signedDate} errors={p.errors} />
        <TextArea name="termGoal" label="三年帮扶目标" required rows={4} value={v.termGoal} errors={p.errors} />
        <fieldset>
          <legend>“六有”目标（本村的具体目标，可留空）</legend>
          {keysOf(SIX_GOAL_LABELS).map((g) => (
            <Field
              name={`goal_${g}`}
              label={SIX_GOAL_LABELS[g]}
              maxlength={300}
              value={v[`goal_${g}`]}
              errors={p.errors}
            />
          ))}
        </fieldset>
        <div class="actions">
          <button type="submit">签订</button>
          <a class="button secondary" href={`${p.base}/letters`}>
            取消
          </a>
        </div>
      </form>
    </>
  );
}

const statusBadge = (m: LetterDetailView["measures"][number]) =>
  m.status === "completed" ? "badge ok" : m.overdue ? "badge err" : m.status === "in_progress" ? "badge warn" : "badge";

export function LetterDetailPage(p: {
  base: string;
  csrf: string;
  letter: LetterDetailView;
  canManage: boolean;
  canProgress: boolean;
  tenantSlug: string;
  failed?: FailedForm | undefined;
}) {
  const x = p.letter;
  const f = p.failed;
  const errs = (form: string) => (f?.form === form ? f.errors : undefined);
  const years = [x.termStartYear, x.termStartYear + 1, x.termEndYear];
  return (
    <>
      <h1>
        {x.villageName} · {x.unitName}
      </h1>
      {f ? <FormErrors errors={f.errors} message={f.message} /> : null}
      <div class="card">
        <dl class="kv">
          <dt>村</dt>
          <dd>
            <a href={`/t/${p.tenantSlug}/v/${x.villageCode}`}>{x.villageName}</a>（{x.villageCode}）
          </dd>
          <dt>派出单位</dt>
          <dd>{x.unitName}</dd>
          <dt>责任期</dt>
          <dd>
            {x.termStartYear}—{x.termEndYear} 年（签订于 {x.signedDate}）
          </dd>
          <dt>三年帮扶目标</dt>
          <dd class="text">{x.termGoal}</dd>
          {keysOf(SIX_GOAL_LABELS)
            .filter((g) => x.goals[g])
            .map((g) => (
              <>
                <dt>{SIX_GOAL_LABELS[g]}</dt>
                <dd>{x.goals[g]}</dd>
              </>
            ))}
          <dt>扫描件</dt>
          <dd>
            {x.scan ? (
              <a href={`${p.base}/letters/${x.id}/scan`}>
                {x.scan.name}（{Math.ceil(x.scan.bytes / 1024)} KB）
              </a>
            ) : (
              <span class="muted">未上传</span>
            )}
          </dd>
        </dl>
      </div>
      {p.canManage ? (
        <form class="inline card" method="post" action={`${p.base}/letters/${x.id}/scan`} enctype="multipart/form-data">
          <CsrfField token={p.csrf} />
          <div>
            <label for="f-scan">上传扫描件（PDF/JPEG/PNG，≤ 700 KB）</label>
            <input id="f-scan" type="file" name="scan" accept="application/pdf,image/jpeg,image/png" required />
          </div>
          <button type="submit" class="secondary">
            上传
          </button>
        </form>
      ) : null}

      <h2>
        帮扶措施（{x.completedCount}/{x.measureCount} 已完成）
      </h2>
      {years.map((y) => {
        const ms = x.measures.filter((m) => m.year === y);
        return (
          <section class="card">
            <h3>{y} 年度帮扶计划</h3>
            {ms.length === 0 ? <p class="muted">本年度没有措施</p> : null}
            {ms.map((m) => (
              <details class="measure" open={f?.form === `measure-${m.id}`}>
                <summary>
                  <span class={statusBadge(m)}>{m.overdue ? "已逾期" : MEASURE_STATUS_LABELS[m.status]}</span> {m.title}
                  <span class="muted">
                    （{m.owner}，{m.dueDate} 前）
                  </span>
                </summary>
                <dl class="kv">
                  <dt>进展</dt>
                  <dd>{m.progress ?? "—"}</dd>
                  <dt>佐证材料</dt>
                  <dd>{m.evidence ?? "—"}</dd>
                  {m.completedDate ? (
                    <>
                      <dt>完成日期</dt>
                      <dd>{m.completedDate}</dd>
                    </>
                  ) : null}
                </dl>
                {p.canProgress ? (
                  <form class="stack" method="post" action={`${p.base}/measures/${m.id}`}>
                    <CsrfField token={p.csrf} />
                    <SelectField
                      name="status"
                      label="状态"
                      required
                      options={options(MEASURE_STATUS_LABELS)}
                      value={f?.form === `measure-${m.id}` ? f.values.status : m.status}
                      errors={errs(`measure-${m.id}`)}
                    />
                    <Field
                      name="progress"
                      label="进展（公开）"
                      maxlength={500}
                      value={f?.form === `measure-${m.id}` ? f.values.progress : (m.progress ?? "")}
                      errors={errs(`measure-${m.id}`)}
                    />
                    <Field
                      name="evidence"
                      label="佐证材料（内部）"
                      maxlength={500}
                      value={f?.form === `measure-${m.id}` ? f.values.evidence : (m.evidence ?? "")}
                      errors={errs(`measure-${m.id}`)}
                    />
                    <Field
                      name="completedDate"
                      label="完成日期"
                      type="date"
                      value={f?.form === `measure-${m.id}` ? f.values.completedDate : (m.completedDate ?? "")}
                      errors={errs(`measure-${m.id}`)}
                    />
                    <div class="actions">
                      <button type="submit" class="secondary">
                        更新进度
                      </button>
                    </div>
                  </form>
                ) : null}
              </details>
            ))}
          </section>
        );
      })}
      {p.canManage ? (
        <>
          <h2>添加帮扶措施</h2>
          <form class="stack card" method="post" action={`${p.base}/letters/${x.id}/measures`}>
            <CsrfField token={p.csrf} />
            <SelectField
              name="year"
              label="年度"
              required
              options={years.map((y) => [String(y), `${y} 年`] as const)}
              value={f?.form === "measure" ? f.values.year : String(years[0])}
              errors={errs("measure")}
            />
            <Field
              name="title"
              label="措施内容"
              required
              maxlength={200}
              value={f?.form === "measure" ? f.values.title : ""}
              errors={errs("measure")}
            />
            <Field
              name="owner"
              label="责任人"
              required
              maxlength={40}
              value={f?.form === "measure" ? f.values.owner : ""}
              errors={errs("measure")}
            />
            <Field
              name="dueDate"
              label="完成时限"
              type="date"
              required
              value={f?.form === "measure" ? f.values.dueDate : ""}
              errors={errs("measure")}
            />
            <div class="actions">
              <button type="submit">添加</button>
            </div>
          </form>
        </>
      ) : null}
      <p>
        <a href={`${p.base}/letters`}>← 返回责任书列表</a>
      </p>
    </>
  );
}
