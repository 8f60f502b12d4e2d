import type { ObjectionItem } from "../../../workers/objections/service.ts";
import { CsrfField, errorFor, FormErrors, FilterSelect, type FieldError } from "../../components/form.tsx";
import { Pager } from "../../components/pager.tsx";
import { RevealForm } from "../../components/reveal-form.tsx";
import { formatTime } from "../../components/format.ts";
import { PublicTextForm, type PublicTextState } from "../../components/public-text-form.tsx";
import { NOTICE_KIND_LABELS, OBJECTION_STATUS_LABELS, label, options } from "../../i18n/zh-CN.ts";

export interface AnswerFormState {
  id: number;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
  values?: Record<string, string> | undefined;
}

export function ObjectionStatusBadge(p: { s: string }) {
  return (
    <span class={`badge ${p.s === "open" ? "warn" : p.s === "upheld" ? "err" : "ok"}`}>
      {label(OBJECTION_STATUS_LABELS, p.s)}
    </span>
  );
}

/** Answer form of one open objection: upheld / rejected and a reply that is made public. */
export function AnswerForm(p: {
  base: string;
  csrf: string;
  id: number;
  back: string;
  state?: AnswerFormState | undefined;
}) {
  const mine = p.state?.id === p.id ? p.state : undefined;
  const err = (f: string) => errorFor(mine?.errors, f);
  return (
    <form class="stack" method="post" action={`${p.base}/objections/${p.id}/answer`}>
      <CsrfField token={p.csrf} />
      <input type="hidden" name="back" value={p.back} />
      {mine ? <FormErrors errors={mine.errors} message={mine.message} /> : null}
      <fieldset>
        <legend>异议是否成立</legend>
        <label>
          <input type="radio" name="decision" value="rejected" checked={mine?.values?.decision === "rejected"} /> 不成立
        </label>
        <label>
          <input type="radio" name="decision" value="upheld" checked={mine?.values?.decision === "upheld"} />{" "}
          成立（撤回公示）
        </label>
        {err("decision") ? <p class="field-error">{err("decision")}</p> : null}
      </fieldset>
      <div>
        <label for={`reply-${p.id}`}>答复（将公开） *</label>
        <textarea
          id={`reply-${p.id}`}
          name="reply"
          rows={3}
          maxlength={1000}
          required
          aria-invalid={err("reply") ? "true" : undefined}
        >
          {mine?.values?.reply ?? ""}
        </textarea>
        {err("reply") ? <p class="field-error">{err("reply")}</p> : null}
      </div>
      <button type="submit">提交答复</button>
    </form>
  );
}

export function ObjectionInboxPage(p: {
  base: string;
  csrf: string;
  canAnswer: boolean;
  page: { items: ObjectionItem[]; total: number; page: number; size: number };
  status?: string | undefined;
  state?: AnswerFormState | undefined;
  canReveal?: boolean | undefined;
  /** A contact just revealed (its reveal is in the audit log). */
  revealed?: { id: number; contact: string | null } | undefined;
  /** The reveal form of one objection re-rendered after a refused reason. */
  reveal?: { id: number; value: string; errors?: FieldError[] | undefined; message?: string | undefined } | undefined;
  /** May publish the reviewed public text (notices.answer). */
  canPublish?: boolean | undefined;
  /** The public-text form of one objection re-rendered after a refused text. */
  publicText?: PublicTextState | undefined;
}) {
  const back = `${p.base}/objections${p.status ? `?status=${p.status}` : ""}`;
  return (
    <>
      <h1>异议处理</h1>
      <p class="muted">
        群众在公示期内可对公示或其中一行提出异议（无需登录）。待答复的异议排在前面；答复内容公开并记入公开账本。异议成立将撤回公示：发放批次退回草稿，户认定不予通过。
      </p>
      <form class="inline" method="get" action={`${p.base}/objections`} role="search">
        <FilterSelect name="status" label="状态" options={options(OBJECTION_STATUS_LABELS)} value={p.status} />
        <button type="submit" class="secondary">
          筛选
        </button>
        <a href={`${p.base}/notices`}>返回公示列表</a>
      </form>
      {p.page.items.length === 0 ? <p class="muted">没有异议。</p> : null}
      {p.page.items.map((o) => (
        <section class="card" id={`o-${o.id}`}>
          <p>
            <ObjectionStatusBadge s={o.status} /> <a href={`${p.base}/notices/${o.noticeId}`}>{o.noticeTitle}</a>（
            {label(NOTICE_KIND_LABELS, o.noticeKind)}）{o.lineNo ? `第 ${o.lineNo} 行` : "整个公示"}
          </p>
          <PublicTextForm
            action={`${p.base}/objections/${o.id}/public-text`}
            csrf={p.csrf}
            id={o.id}
            original={o.text}
            publicText={o.publicText}
            canPublish={p.canPublish ?? false}
            state={p.publicText}
          />
          <p class="muted">
            查询码 <span class="mono">{o.trackingCode}</span> · {formatTime(o.createdAt)}
            {o.name ? ` · 署名：${o.name}` : " · 未署名"}
            {o.hasContact && p.revealed?.id !== o.id ? " · 留有联系方式（已加密）" : ""}
          </p>
          {p.revealed?.id === o.id ? (
            <p class="notice info">
              联系方式：<span class="mono">{p.revealed.contact ?? "未留"}</span>（本次查看已记入审计日志）
            </p>
          ) : o.hasContact && p.canReveal ? (
            <>
              {p.reveal?.id === o.id ? <FormErrors errors={p.reveal.errors} message={p.reveal.message} /> : null}
              <RevealForm
                action={`${p.base}/objections/${o.id}/reveal-contact`}
                csrf={p.csrf}
                button="查看联系方式"
                id={`reveal-${o.id}`}
                value={p.reveal?.id === o.id ? p.reveal.value : undefined}
                errors={p.reveal?.id === o.id ? p.reveal.errors : undefined}
              />
            </>
          ) : null}
          {o.status === "open" ? (
            p.canAnswer ? (
              <AnswerForm base={p.base} csrf={p.csrf} id={o.id} back={back} state={p.state} />
            ) : null
          ) : (
            <p>
              <b>答复：</b>
              {o.reply} <span class="muted">（{formatTime(o.answeredAt)}）</span>
            </p>
          )}
        </section>
      ))}
      <Pager
        path={`${p.base}/objections`}
        query={{ status: p.status }}
        page={p.page.page}
        size={p.page.size}
        total={p.page.total}
      />
    </>
  );
}
