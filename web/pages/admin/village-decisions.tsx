import { lookupUrl, PickerField, type PickCandidate } from "../../components/picker.tsx";
import type { DecisionView } from "../../../workers/village-decisions/service.ts";
import { formatFen } from "../../components/format.ts";
import { CsrfField, Field, FormErrors, SelectField, type FieldError } from "../../components/form.tsx";
import { Pager } from "../../components/pager.tsx";
import { DECISION_STAGE_LABELS, keysOf } from "../../i18n/zh-CN.ts";
import type { DecisionStage } from "../../../db/schema/tenant/disclosure.ts";
import { RecordTable } from "../../components/record-table.tsx";

type Values = Record<string, string | undefined>;
type ListItem = {
  id: number;
  villageCode: string;
  villageName: string;
  title: string;
  stage: DecisionStage;
  nextStage: DecisionStage | null;
  amountFen: number | null;
};

export function DecisionListPage(p: {
  base: string;
  items: ListItem[];
  total: number;
  page: number;
  size: number;
  filter: { villageCode?: string | undefined; stage?: string | undefined };
  canManage: boolean;
}) {
  return (
    <>
      <h1>四议两公开</h1>
      <p class="muted">
        党支部提议 → 两委商议 → 党员大会审议 → 村民（代表）会议决议 →（乡镇审查）→ 决议公开 →
        实施结果公开。须按顺序记录；两个“公开”环节记入公开账本并显示在村公开页。
      </p>
      <div class="actions">
        {p.canManage ? (
          <a class="button" href={`${p.base}/village-decisions/new`}>
            登记新事项
          </a>
        ) : null}
      </div>
      <form class="inline card" method="get" action={`${p.base}/village-decisions`}>
        <Field name="villageCode" label="村代码" value={p.filter.villageCode} maxlength={12} inputmode="numeric" />
        <SelectField
          name="stage"
          label="当前环节"
          options={keysOf(DECISION_STAGE_LABELS).map((s) => [s, DECISION_STAGE_LABELS[s]] as const)}
          value={p.filter.stage}
          blank="全部"
        />
        <button type="submit" class="secondary">
          筛选
        </button>
      </form>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>事项</th>
              <th>村</th>
              <th>当前环节</th>
              <th>下一步</th>
            </tr>
          </thead>
          <tbody>
            {p.items.length === 0 ? (
              <tr>
                <td colspan={4} class="muted">
                  没有事项
                </td>
              </tr>
            ) : null}
            {p.items.map((d) => (
              <tr>
                <td>
                  <a href={`${p.base}/village-decisions/${d.id}`}>{d.title}</a>
                  {d.amountFen != null ? <span class="muted">（{formatFen(d.amountFen)}）</span> : null}
                </td>
                <td>{d.villageName}</td>
                <td>
                  <span class="badge">{DECISION_STAGE_LABELS[d.stage]}</span>
                </td>
                <td>{d.nextStage ? DECISION_STAGE_LABELS[d.nextStage] : <span class="badge ok">已完成</span>}</td>
              </tr>
            ))}
          </tbody>
        </RecordTable>
      </div>
      <Pager path={`${p.base}/village-decisions`} query={p.filter} page={p.page} size={p.size} total={p.total} />
    </>
  );
}

/** Date, attendance, votes, summary and attachments' descriptions of one meeting or publication. */
export function StageFieldsForm(p: { values: Values; errors?: FieldError[] | undefined; meeting: boolean }) {
  const v = p.values;
  return (
    <>
      <Field name="date" label="日期" type="date" required value={v.date} errors={p.errors} />
      {p.meeting ? (
        <>
          <Field name="eligible" label="应到人数" inputmode="numeric" value={v.eligible} errors={p.errors} />
          <Field name="attendees" label="实到人数" inputmode="numeric" value={v.attendees} errors={p.errors} />
          <Field name="votesFor" label="赞成" inputmode="numeric" value={v.votesFor} errors={p.errors} />
          <Field name="votesAgainst" label="反对" inputmode="numeric" value={v.votesAgainst} errors={p.errors} />
          <Field name="votesAbstain" label="弃权" inputmode="numeric" value={v.votesAbstain} errors={p.errors} />
        </>
      ) : null}
      <div>
        <label for="f-summary">
          内容<span aria-hidden="true"> *</span>{" "}
          <span class="hint">（会议内容、决议或公开的内容；公开环节将原文公开）</span>
        </label>
        <textarea id="f-summary" name="summary" rows={4} required>
          {v.summary ?? ""}
        </textarea>
        {p.errors?.find((e) => e.field === "summary") ? (
          <p class="field-error">{p.errors.find((e) => e.field === "summary")!.message}</p>
        ) : null}
      </div>
      <div>
        <label for="f-attachments">
          附件说明 <span class="hint">（每行一条，如“会议记录 3 页”“签到表”）</span>
        </label>
        <textarea id="f-attachments" name="attachments" rows={3}>
          {v.attachments ?? ""}
        </textarea>
      </div>
    </>
  );
}

export function DecisionNewPage(p: {
  base: string;
  csrf: string;
  /** Villages matching the typed text when it named several (the picker's no-script fallback). */
  candidates?: PickCandidate[] | undefined;
  values?: Values;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const v = p.values ?? {};
  return (
    <>
      <h1>登记四议两公开事项</h1>
      <FormErrors errors={p.errors} message={p.message} />
      <form class="stack card" method="post" action={`${p.base}/village-decisions`}>
        <CsrfField token={p.csrf} />
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
        <Field name="title" label="事项名称" required maxlength={100} value={v.title} errors={p.errors} />
        <Field name="description" label="事项内容" required value={v.description} errors={p.errors} />
        <Field name="amount" label="涉及金额（元）" hint="可不填" value={v.amount} errors={p.errors} />
        <Field
          name="projectId"
          label="关联项目编号"
          hint="可不填"
          inputmode="numeric"
          value={v.projectId}
          errors={p.errors}
        />
        <div>
          <label>
            <input type="checkbox" name="requiresTownshipReview" value="1" checked={v.requiresTownshipReview === "1"} />{" "}
            须经乡镇审查（一审）
          </label>
        </div>
        <h2>第一环节：党支部提议</h2>
        <StageFieldsForm values={v} errors={p.errors} meeting />
        <div class="actions">
          <button type="submit">登记</button>
          <a class="button secondary" href={`${p.base}/village-decisions`}>
            取消
          </a>
        </div>
      </form>
    </>
  );
}

export function DecisionDetailPage(p: {
  base: string;
  csrf: string;
  decision: DecisionView;
  canManage: boolean;
  tenantSlug: string;
  values?: Values | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const d = p.decision;
  const next = d.nextStage;
  const meeting = next === "discussed" || next === "reviewed" || next === "resolved";
  return (
    <>
      <h1>{d.title}</h1>
      <div class="card">
        <dl class="kv">
          <dt>村</dt>
          <dd>
            <a href={`/t/${p.tenantSlug}/v/${d.villageCode}#decisions`}>{d.villageName}</a>
          </dd>
          <dt>内容</dt>
          <dd>{d.description}</dd>
          <dt>金额</dt>
          <dd>{d.amountFen != null ? formatFen(d.amountFen) : "—"}</dd>
          <dt>乡镇审查</dt>
          <dd>{d.requiresTownshipReview ? "需要" : "不需要"}</dd>
          <dt>当前环节</dt>
          <dd>{DECISION_STAGE_LABELS[d.stage]}</dd>
        </dl>
      </div>
      <h2>各环节记录</h2>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>环节</th>
              <th>日期</th>
              <th>出席</th>
              <th>表决</th>
              <th>内容</th>
              <th>账本</th>
            </tr>
          </thead>
          <tbody>
            {d.stages.map((s) => (
              <tr>
                <td>{DECISION_STAGE_LABELS[s.stage]}</td>
                <td class="nowrap">{s.date}</td>
                <td>{s.attendees != null ? `${s.attendees}/${s.eligible ?? "—"}` : "—"}</td>
                <td>
                  {s.votesFor != null
                    ? `赞成 ${s.votesFor} 反对 ${s.votesAgainst ?? 0} 弃权 ${s.votesAbstain ?? 0}`
                    : "—"}
                </td>
                <td>
                  {s.summary}
                  {s.attachments.length ? (
                    <>
                      <br />
                      <span class="muted">附件：{s.attachments.join("；")}</span>
                    </>
                  ) : null}
                </td>
                <td>{s.ledgerSeq != null ? `第 ${s.ledgerSeq} 条` : ""}</td>
              </tr>
            ))}
          </tbody>
        </RecordTable>
      </div>
      {p.canManage && next ? (
        <>
          <h2>记录下一环节：{DECISION_STAGE_LABELS[next]}</h2>
          <FormErrors errors={p.errors} message={p.message} />
          <form class="stack card" method="post" action={`${p.base}/village-decisions/${d.id}/stages`}>
            <CsrfField token={p.csrf} />
            <input type="hidden" name="stage" value={next} />
            <StageFieldsForm values={p.values ?? {}} errors={p.errors} meeting={meeting} />
            <div class="actions">
              <button type="submit">
                记录{next === "resolution_published" || next === "result_published" ? "并公开" : ""}
              </button>
            </div>
          </form>
        </>
      ) : null}
      {!next ? <p class="notice ok">全部环节已完成。</p> : null}
      <p>
        <a href={`${p.base}/village-decisions`}>← 返回列表</a>
      </p>
    </>
  );
}
