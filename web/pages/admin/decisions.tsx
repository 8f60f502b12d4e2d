import { lookupUrl, PickerField, type PickCandidate } from "../../components/picker.tsx";
import type { DecisionView } from "../../../workers/household-decisions/service.ts";
import { CsrfField, Field, FormErrors, SelectField, FilterSelect, type FieldError } from "../../components/form.tsx";
import { Pager } from "../../components/pager.tsx";
import {
  DECISION_KIND_LABELS,
  DECISION_STATUS_LABELS,
  HOUSEHOLD_STATUS_LABELS,
  MONITOR_KIND_LABELS,
  label,
  options,
} from "../../i18n/zh-CN.ts";
import { RecordTable } from "../../components/record-table.tsx";

export function DecisionsPage(p: {
  base: string;
  csrf: string;
  today: string;
  page: { items: DecisionView[]; total: number; page: number; size: number };
  status?: string | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
  values?: Record<string, string> | undefined;
  /** Households matching the typed text when it named several (the picker's no-script fallback). */
  candidates?: PickCandidate[] | undefined;
}) {
  const v = p.values ?? {};
  return (
    <>
      <h1>户认定公示</h1>
      <p class="muted">
        建档立卡、脱贫退出和纳入防返贫监测须先在村内公示。公示期满、没有待答复的异议且没有成立的异议后，点击“生效”才变更该户状态，并记入公开账本。
      </p>
      <form class="stack card" method="post" action={`${p.base}/decisions`}>
        <h2>提交认定并公示</h2>
        <CsrfField token={p.csrf} />
        <FormErrors errors={p.errors} message={p.message} />
        <PickerField
          name="householdId"
          label="农户"
          hint="输入户主姓名、户编号或身份证号后四位"
          required
          lookup={lookupUrl(p.base, "households")}
          value={v.householdId}
          errors={p.errors}
          candidates={p.candidates}
        />
        <SelectField
          name="kind"
          label="认定类型"
          options={options(DECISION_KIND_LABELS)}
          blank="请选择"
          required
          value={v.kind}
          errors={p.errors}
        />
        <SelectField
          name="monitorKind"
          label="监测对象类别（仅纳入监测时填写）"
          options={options(MONITOR_KIND_LABELS)}
          blank="—"
          value={v.monitorKind}
          errors={p.errors}
        />
        <div>
          <label for="f-reason">
            理由 *<span class="hint">（将公示，勿写身份证号等个人信息）</span>
          </label>
          <textarea
            id="f-reason"
            name="reason"
            rows={3}
            maxlength={500}
            required
            aria-invalid={p.errors?.some((e) => e.field === "reason") ? "true" : undefined}
          >
            {v.reason ?? ""}
          </textarea>
          {p.errors?.find((e) => e.field === "reason") ? (
            <p class="field-error">{p.errors.find((e) => e.field === "reason")!.message}</p>
          ) : null}
        </div>
        <Field
          name="noticeDays"
          label="公示天数"
          hint="默认 7 天"
          inputmode="numeric"
          value={v.noticeDays ?? "7"}
          errors={p.errors}
        />
        <button type="submit">提交并公示</button>
      </form>
      <form class="inline" method="get" action={`${p.base}/decisions`} role="search">
        <FilterSelect name="status" label="状态" options={options(DECISION_STATUS_LABELS)} value={p.status} />
        <button type="submit" class="secondary">
          筛选
        </button>
      </form>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>编号</th>
              <th>户主</th>
              <th>村</th>
              <th>认定</th>
              <th>当前状态</th>
              <th>公示期</th>
              <th>异议</th>
              <th>状态</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {p.page.items.length === 0 ? (
              <tr>
                <td colspan={9} class="muted">
                  暂无户认定
                </td>
              </tr>
            ) : (
              p.page.items.map((d) => {
                const due = d.status === "noticed" && d.noticeEnd != null && p.today > d.noticeEnd;
                return (
                  <tr>
                    <td class="mono">{d.id}</td>
                    <td>
                      {d.headName}
                      <span class="muted">（户 {d.householdId}）</span>
                    </td>
                    <td>{d.villageName}</td>
                    <td>
                      {label(DECISION_KIND_LABELS, d.kind)}
                      {d.toMonitorKind ? `（${label(MONITOR_KIND_LABELS, d.toMonitorKind)}）` : ""}
                      <br />
                      <span class="muted">{d.reason}</span>
                    </td>
                    <td>{label(HOUSEHOLD_STATUS_LABELS, d.householdStatus)}</td>
                    <td>
                      {d.noticeId ? (
                        <a href={`${p.base}/notices/${d.noticeId}`}>
                          {d.noticeStart} 至 {d.noticeEnd}
                        </a>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td>
                      {d.openObjections ? (
                        <span class="badge warn">{d.openObjections} 条待答复</span>
                      ) : d.upheldObjections ? (
                        <span class="badge err">异议成立</span>
                      ) : (
                        "无"
                      )}
                    </td>
                    <td>
                      <span
                        class={`badge ${d.status === "effective" ? "ok" : d.status === "rejected" ? "err" : "warn"}`}
                      >
                        {label(DECISION_STATUS_LABELS, d.status)}
                      </span>
                    </td>
                    <td>
                      {d.status === "noticed" ? (
                        <form method="post" action={`${p.base}/decisions/${d.id}/finalize`}>
                          <CsrfField token={p.csrf} />
                          <button
                            type="submit"
                            class={due && !d.openObjections ? "" : "secondary"}
                            title={due ? "" : `公示期到 ${d.noticeEnd} 结束`}
                          >
                            生效
                          </button>
                        </form>
                      ) : d.status === "proposed" ? (
                        <form method="post" action={`${p.base}/decisions/${d.id}/publish`}>
                          <CsrfField token={p.csrf} />
                          <button type="submit">发布公示</button>
                        </form>
                      ) : null}
                    </td>
                  </tr>
                );
              })
            )}
          </tbody>
        </RecordTable>
      </div>
      <Pager
        path={`${p.base}/decisions`}
        query={{ status: p.status }}
        page={p.page.page}
        size={p.page.size}
        total={p.page.total}
      />
    </>
  );
}
