import { PublicLayout, type PublicTenant } from "../../layouts/public.tsx";
import { formatTime, formatFen } from "../../components/format.ts";
import {
  FEEDBACK_CATEGORY_LABELS,
  FEEDBACK_STATUS_LABELS,
  label,
  LINE_STATUS_LABELS,
  OBJECTION_STATUS_LABELS,
  keysOf,
} from "../../i18n/zh-CN.ts";
import type { FieldError } from "../../components/form.tsx";
import type { SelfQueryReceipt } from "../../../workers/public/self-query.ts";

type Form = { values: Record<string, string>; errors?: FieldError[] | undefined; message?: string | undefined };
const errOf = (f: Form | undefined, field: string) => f?.errors?.find((e) => e.field === field)?.message;

function Err(p: { form?: Form | undefined; field: string }) {
  const e = errOf(p.form, p.field);
  return e ? (
    <p class="fe" id={`${p.field}-err`}>
      {e}
    </p>
  ) : null;
}

/** 查询本人补贴: the form, and after a query the receipts (the same shape whether or not anything matched). */
export function SelfQueryPage(p: { tenant: PublicTenant; form?: Form; receipts?: SelfQueryReceipt[] | undefined }) {
  const base = `/t/${p.tenant.slug}`;
  return (
    <PublicLayout tenant={p.tenant} title="查询本人补贴">
      <h1>查询本人补贴</h1>
      <p>输入户主姓名和身份证号码的最后 6 位，查看发给您家的补贴。只显示您本人的记录。</p>
      {p.form?.message ? (
        <div class="box err" role="alert">
          {p.form.message}
        </div>
      ) : null}
      <form method="post" action={`${base}/query`} autocomplete="off">
        <div>
          <label for="name">户主姓名</label>
          <input
            id="name"
            name="name"
            required
            maxlength={30}
            value={p.form?.values.name ?? ""}
            aria-invalid={errOf(p.form, "name") ? "true" : undefined}
            aria-describedby={errOf(p.form, "name") ? "name-err" : undefined}
          />
          <Err form={p.form} field="name" />
        </div>
        <div>
          <label for="idTail">身份证号码后 6 位</label>
          <input
            id="idTail"
            name="idTail"
            required
            maxlength={6}
            inputmode="text"
            autocomplete="off"
            aria-invalid={errOf(p.form, "idTail") ? "true" : undefined}
            aria-describedby={errOf(p.form, "idTail") ? "idTail-err" : undefined}
          />
          <Err form={p.form} field="idTail" />
        </div>
        <button type="submit">查询</button>
      </form>
      {p.receipts ? (
        <section aria-live="polite">
          <h2>查询结果</h2>
          {p.receipts.length === 0 ? (
            <div class="box">
              没有查到与所填姓名和身份证号后 6 位对应的发放记录。请核对后重试；如认为应当享受而未享受，可以
              <a href={`${base}/feedback`}>反映问题</a>。
            </div>
          ) : (
            <div class="tw">
              <table>
                <thead>
                  <tr>
                    <th>项目</th>
                    <th>期间</th>
                    <th class="r">金额</th>
                    <th>状态</th>
                  </tr>
                </thead>
                <tbody>
                  {p.receipts.map((r) => (
                    <tr>
                      <td>
                        {r.program}
                        <br />
                        <span class="m s">{r.purpose}</span>
                      </td>
                      <td class="n">{r.period}</td>
                      <td class="r n">{formatFen(r.amountFen)}</td>
                      <td>
                        {r.reversed ? "已冲正" : label(LINE_STATUS_LABELS, r.status)}
                        {r.paidDate ? (
                          <>
                            <br />
                            <span class="s">{r.paidDate}</span>
                          </>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
      <p class="s m">为防止他人冒查，每台设备每小时最多查询 10 次。本页不保存您填写的姓名和号码。</p>
    </PublicLayout>
  );
}

export function FeedbackPage(p: {
  tenant: PublicTenant;
  villages: { code: string; name: string; township: string | null }[];
  form?: Form;
}) {
  const base = `/t/${p.tenant.slug}`;
  const v = p.form?.values ?? {};
  const groups = new Map<string, { code: string; name: string }[]>();
  for (const x of p.villages) groups.set(x.township ?? "", [...(groups.get(x.township ?? "") ?? []), x]);
  return (
    <PublicLayout tenant={p.tenant} title="意见建议">
      <h1>意见建议、投诉举报</h1>
      <p>提交后会得到一个查询码，凭查询码可以查看办理情况和答复。</p>
      {p.form?.message ? (
        <div class="box err" role="alert">
          {p.form.message}
        </div>
      ) : null}
      <form method="post" action={`${base}/feedback`}>
        <div>
          <label for="villageCode">所在村</label>
          <select id="villageCode" name="villageCode" aria-invalid={errOf(p.form, "villageCode") ? "true" : undefined}>
            <option value="">（不指定村）</option>
            {[...groups.entries()].map(([t, list]) => (
              <optgroup label={t}>
                {list.map((x) => (
                  <option value={x.code} selected={x.code === v.villageCode}>
                    {x.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <Err form={p.form} field="villageCode" />
        </div>
        <div>
          <label for="category">类别</label>
          <select id="category" name="category" required>
            {keysOf(FEEDBACK_CATEGORY_LABELS).map((k) => (
              <option value={k} selected={k === (v.category ?? "suggestion")}>
                {FEEDBACK_CATEGORY_LABELS[k]}
              </option>
            ))}
          </select>
          <Err form={p.form} field="category" />
        </div>
        <div>
          <label for="text">内容</label>
          <textarea
            id="text"
            name="text"
            required
            maxlength={2000}
            aria-invalid={errOf(p.form, "text") ? "true" : undefined}
            aria-describedby={errOf(p.form, "text") ? "text-err" : undefined}
          >
            {v.text ?? ""}
          </textarea>
          <Err form={p.form} field="text" />
        </div>
        <div>
          <label for="contact">
            联系方式 <span>（可不填；只有办理人员能看到，加密保存）</span>
          </label>
          <input id="contact" name="contact" maxlength={60} inputmode="tel" value={v.contact ?? ""} />
          <Err form={p.form} field="contact" />
        </div>
        <button type="submit">提交</button>
      </form>
      <p class="s">
        已经提交过？<a href={`${base}/track`}>用查询码查看答复</a>
      </p>
    </PublicLayout>
  );
}

export type TrackResult =
  | {
      kind: "feedback";
      trackingCode: string;
      category: string;
      text: string;
      status: string;
      reply: string | null;
      answeredAt: number | null;
      createdAt: number;
      villageName: string | null;
    }
  | {
      kind: "objection";
      trackingCode: string;
      noticeId: number;
      noticeTitle: string;
      lineNo: number | null;
      text: string;
      status: string;
      reply: string | null;
      answeredAt: number | null;
      createdAt: number;
    };

/** Tracking-code lookup for both feedback and objections. */
export function TrackPage(p: {
  tenant: PublicTenant;
  code: string;
  result?: TrackResult | null;
  fresh?: boolean;
  error?: string | undefined;
}) {
  const base = `/t/${p.tenant.slug}`;
  const r = p.result;
  return (
    <PublicLayout tenant={p.tenant} title="查询办理进度">
      <h1>查询办理进度</h1>
      {p.fresh && r ? (
        <div class="box ok" role="status">
          已提交。您的查询码是 <b class="mono">{r.trackingCode}</b>，请记下或截图保存，凭它查看答复。
        </div>
      ) : null}
      <form method="get" action={`${base}/track`}>
        <label for="code">查询码</label>
        <input
          id="code"
          name="code"
          required
          maxlength={20}
          value={p.code}
          autocomplete="off"
          aria-invalid={p.error ? "true" : undefined}
          aria-describedby={p.error ? "code-err" : undefined}
        />
        {p.error ? (
          <p class="fe" id="code-err">
            {p.error}
          </p>
        ) : null}
        <button type="submit">查询</button>
      </form>
      {r ? (
        <section>
          <h2>
            {r.kind === "feedback" ? "意见建议" : "异议"}（{r.trackingCode}）
          </h2>
          <dl>
            <dt>提交时间</dt>
            <dd>{formatTime(r.createdAt)}</dd>
            {r.kind === "feedback" ? (
              <>
                <dt>类别</dt>
                <dd>
                  {label(FEEDBACK_CATEGORY_LABELS, r.category)}
                  {r.villageName ? `（${r.villageName}）` : ""}
                </dd>
              </>
            ) : (
              <>
                <dt>公示</dt>
                <dd>
                  <a href={`${base}/notices/${r.noticeId}`}>{r.noticeTitle}</a>
                  {r.lineNo ? `，第 ${r.lineNo} 条` : ""}
                </dd>
              </>
            )}
            <dt>内容</dt>
            <dd>{r.text}</dd>
            <dt>状态</dt>
            <dd>
              <b>
                {r.kind === "feedback"
                  ? label(FEEDBACK_STATUS_LABELS, r.status)
                  : label(OBJECTION_STATUS_LABELS, r.status)}
              </b>
            </dd>
            {r.reply ? (
              <>
                <dt>答复</dt>
                <dd>
                  {r.reply}
                  <br />
                  <span class="m s">{formatTime(r.answeredAt)}</span>
                </dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}
    </PublicLayout>
  );
}
