import type { FeedbackView } from "../../../workers/feedback/service.ts";
import { PublicTextForm, type PublicTextState } from "../../components/public-text-form.tsx";
import { CsrfField, FormErrors, SelectField, type FieldError } from "../../components/form.tsx";
import { Pager } from "../../components/pager.tsx";
import { RevealForm } from "../../components/reveal-form.tsx";
import { formatTime } from "../../components/format.ts";
import { FEEDBACK_CATEGORY_LABELS, FEEDBACK_STATUS_LABELS } from "../../i18n/zh-CN.ts";
import { RecordTable } from "../../components/record-table.tsx";

export function FeedbackListPage(p: {
  base: string;
  items: FeedbackView[];
  total: number;
  page: number;
  size: number;
  filter: { status?: string | undefined };
}) {
  return (
    <>
      <h1>意见建议</h1>
      <p class="muted">
        村民在公开页提交的意见建议、投诉举报。答复后，村民凭查询码可以看到；选择“公开”的答复还会显示在村公开页并记入公开账本。
      </p>
      <form class="inline card" method="get" action={`${p.base}/feedback`}>
        <SelectField
          name="status"
          label="状态"
          options={[
            ["open", "待答复"],
            ["answered", "已答复"],
          ]}
          value={p.filter.status}
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
              <th>提交时间</th>
              <th>村</th>
              <th>类别</th>
              <th>内容</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {p.items.length === 0 ? (
              <tr>
                <td colspan={5} class="muted">
                  没有记录
                </td>
              </tr>
            ) : null}
            {p.items.map((f) => (
              <tr>
                <td class="nowrap">{formatTime(f.createdAt as number)}</td>
                <td>{(f.villageName as string | null) ?? "（未指定）"}</td>
                <td>{FEEDBACK_CATEGORY_LABELS[f.category as keyof typeof FEEDBACK_CATEGORY_LABELS]}</td>
                <td>
                  <a href={`${p.base}/feedback/${f.id}`}>{String(f.text).slice(0, 40)}</a>
                </td>
                <td>
                  <span class={`badge ${f.status === "open" ? "warn" : "ok"}`}>
                    {FEEDBACK_STATUS_LABELS[f.status as "open" | "answered"]}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </RecordTable>
      </div>
      <Pager path={`${p.base}/feedback`} query={p.filter} page={p.page} size={p.size} total={p.total} />
    </>
  );
}

export function FeedbackDetailPage(p: {
  base: string;
  csrf: string;
  item: FeedbackView;
  contact?: string | null | undefined;
  canReveal?: boolean | undefined;
  /** The reveal form re-rendered after a refused reason. */
  reveal?: { value: string; errors?: FieldError[] | undefined; message?: string | undefined } | undefined;
  values?: Record<string, string> | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
  /** The public-text form re-rendered after a refused text. */
  publicText?: PublicTextState | undefined;
}) {
  const f = p.item;
  const err = (k: string) => p.errors?.find((e) => e.field === k)?.message;
  return (
    <>
      <h1>意见建议 {f.trackingCode as string}</h1>
      <div class="card">
        <dl class="kv">
          <dt>提交时间</dt>
          <dd>{formatTime(f.createdAt as number)}</dd>
          <dt>村</dt>
          <dd>{(f.villageName as string | null) ?? "（未指定）"}</dd>
          <dt>类别</dt>
          <dd>{FEEDBACK_CATEGORY_LABELS[f.category as keyof typeof FEEDBACK_CATEGORY_LABELS]}</dd>
          <dt>内容</dt>
          <dd>
            <PublicTextForm
              action={`${p.base}/feedback/${f.id}/public-text`}
              csrf={p.csrf}
              id={f.id as number}
              original={f.text as string}
              publicText={f.publicText}
              canPublish
              state={p.publicText}
            />
          </dd>
          <dt>联系方式</dt>
          <dd>
            {!f.hasContact ? (
              "未留"
            ) : p.contact ? (
              <>
                <span class="mono">{p.contact}</span>
                <p class="notice info">已显示完整联系方式，本次查看已记入审计日志。</p>
              </>
            ) : p.canReveal ? (
              <>
                {p.reveal ? <FormErrors errors={p.reveal.errors} message={p.reveal.message} /> : null}
                <RevealForm
                  action={`${p.base}/feedback/${f.id}/reveal-contact`}
                  csrf={p.csrf}
                  button="查看联系方式"
                  value={p.reveal?.value}
                  errors={p.reveal?.errors}
                />
              </>
            ) : (
              "已留（无权查看）"
            )}
          </dd>
          <dt>状态</dt>
          <dd>{FEEDBACK_STATUS_LABELS[f.status as "open" | "answered"]}</dd>
          {f.reply ? (
            <>
              <dt>答复</dt>
              <dd>
                {f.reply as string}（{f.replyPublic ? "已公开" : "仅提交人可见"}，{formatTime(f.answeredAt as number)}）
              </dd>
            </>
          ) : null}
        </dl>
      </div>
      {f.status === "open" ? (
        <>
          <h2>答复</h2>
          <FormErrors errors={p.errors} message={p.message} />
          <form class="stack card" method="post" action={`${p.base}/feedback/${f.id}/answer`}>
            <CsrfField token={p.csrf} />
            <div>
              <label for="f-reply">答复内容 *</label>
              <textarea id="f-reply" name="reply" rows={5} required aria-invalid={err("reply") ? "true" : undefined}>
                {p.values?.reply ?? ""}
              </textarea>
              {err("reply") ? <p class="field-error">{err("reply")}</p> : null}
            </div>
            <SelectField
              name="replyPublic"
              label="是否公开"
              options={[
                ["1", "公开：显示在村公开页并记入公开账本"],
                ["0", "不公开：仅凭查询码可见（如涉及举报调查）"],
              ]}
              value={p.values?.replyPublic ?? "1"}
            />
            <div class="actions">
              <button type="submit">提交答复</button>
            </div>
          </form>
        </>
      ) : null}
      <p>
        <a href={`${p.base}/feedback`}>← 返回列表</a>
      </p>
    </>
  );
}
