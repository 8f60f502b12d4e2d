import { PublicLayout, type PublicTenant } from "../../layouts/public.tsx";
import { formatTime, formatFen } from "../../components/format.ts";
import { Pager } from "../../components/pager.tsx";
import { label, NOTICE_KIND_LABELS, NOTICE_STATUS_LABELS, OBJECTION_STATUS_LABELS } from "../../i18n/zh-CN.ts";
import { noticeSummaryRows } from "../../components/notice-summary.ts";
import type { FieldError } from "../../components/form.tsx";

export interface PublicNoticeView {
  id: number;
  kind: string;
  title: string;
  startDate: string;
  endDate: string;
  status: string;
  openForObjections: boolean;
  contentHash: string;
  summary: Record<string, unknown>;
  lines: { no: number; recipient: string; village: string | null; amountFen?: number; purpose: string }[];
  lineTotal: number;
  ledger: { seq: number; hash: string; contentHash: string; at: number } | null;
  objections: {
    trackingCode: string;
    lineNo: number | null;
    text: string;
    status: string;
    reply: string | null;
    answeredAt: number | null;
    createdAt: number;
  }[];
}

/** A notice as villagers read it: period, totals, the masked list (paged), objections and answers, hash. */
export function NoticePage(p: {
  tenant: PublicTenant;
  notice: PublicNoticeView;
  page: number;
  size: number;
  form?: { values: Record<string, string>; errors?: FieldError[] | undefined; message?: string | undefined };
}) {
  const base = `/t/${p.tenant.slug}`;
  const n = p.notice;
  const err = (f: string) => p.form?.errors?.find((e) => e.field === f)?.message;
  const summary = noticeSummaryRows(n.summary);
  const hasAmounts = n.lines.some((l) => l.amountFen !== undefined);
  return (
    <PublicLayout tenant={p.tenant} title={n.title}>
      <h1>{n.title}</h1>
      <p>
        <span class="tag">{label(NOTICE_KIND_LABELS, n.kind)}</span>
        <span class="tag">{label(NOTICE_STATUS_LABELS, n.status)}</span>
      </p>
      <div class={`box ${n.openForObjections ? "warn" : ""}`}>
        公示期：<b>{n.startDate}</b> 至 <b>{n.endDate}</b>。
        {n.openForObjections ? (
          <>
            公示期内任何人都可以对名单或其中一条<a href="#object">提出异议</a>。
          </>
        ) : (
          "公示期外不再受理异议。"
        )}
      </div>
      <p class="np">
        <a href={`${base}/notices/${n.id}/print`}>打印张贴版（A4，带二维码）</a>
      </p>
      {summary.length ? (
        <dl>
          {summary.map((row) => (
            <>
              <dt>{row.label}</dt>
              <dd>{row.value}</dd>
            </>
          ))}
        </dl>
      ) : null}
      <h2>名单（姓名已脱敏）</h2>
      <div class="tw">
        <table>
          <thead>
            <tr>
              <th>序号</th>
              <th>姓名</th>
              <th>村</th>
              <th>事由</th>
              {hasAmounts ? <th class="r">金额</th> : null}
            </tr>
          </thead>
          <tbody>
            {n.lines.map((l) => (
              <tr id={`l${l.no}`}>
                <td class="n">{l.no}</td>
                <td class="n">{l.recipient}</td>
                <td>{l.village ?? ""}</td>
                <td>{l.purpose}</td>
                {hasAmounts ? <td class="r n">{l.amountFen !== undefined ? formatFen(l.amountFen) : ""}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager path={`${base}/notices/${n.id}`} query={{}} page={p.page} size={p.size} total={n.lineTotal} />

      <h2 id="object">异议</h2>
      {n.objections.length === 0 ? <p class="m">尚无异议。</p> : null}
      {n.objections.map((o) => (
        <div class="box s">
          <p>
            {o.lineNo ? `对第 ${o.lineNo} 条：` : "对整个名单："}
            {o.text}
          </p>
          <p>
            <b>{label(OBJECTION_STATUS_LABELS, o.status)}</b>
            {o.reply ? (
              <>
                （{formatTime(o.answeredAt)} 答复）：{o.reply}
              </>
            ) : null}
          </p>
        </div>
      ))}
      {n.openForObjections ? (
        <>
          <h3>提出异议</h3>
          {p.form?.message ? (
            <div class="box err" role="alert">
              {p.form.message}
            </div>
          ) : null}
          <form method="post" action={`${base}/notices/${n.id}/objections`}>
            <div>
              <label for="lineNo">
                针对第几条 <span>（不填表示针对整个名单）</span>
              </label>
              <input
                id="lineNo"
                name="lineNo"
                inputmode="numeric"
                maxlength={6}
                value={p.form?.values.lineNo ?? ""}
                aria-invalid={err("lineNo") ? "true" : undefined}
              />
              {err("lineNo") ? <p class="fe">{err("lineNo")}</p> : null}
            </div>
            <div>
              <label for="text">异议内容 *</label>
              <textarea id="text" name="text" required maxlength={2000} aria-invalid={err("text") ? "true" : undefined}>
                {p.form?.values.text ?? ""}
              </textarea>
              {err("text") ? <p class="fe">{err("text")}</p> : null}
            </div>
            <div>
              <label for="name">
                您的姓名 <span>（可不填）</span>
              </label>
              <input id="name" name="name" maxlength={30} value={p.form?.values.name ?? ""} />
            </div>
            <div>
              <label for="contact">
                联系方式 <span>（可不填，只有办理人员能看到）</span>
              </label>
              <input id="contact" name="contact" maxlength={60} inputmode="tel" value={p.form?.values.contact ?? ""} />
              {err("contact") ? <p class="fe">{err("contact")}</p> : null}
            </div>
            <button type="submit">提交异议</button>
          </form>
        </>
      ) : null}

      <h2>核验</h2>
      <p class="s">
        名单快照的 SHA-256：<span class="mono">{n.contentHash}</span>
      </p>
      {n.ledger ? (
        <p class="s">
          记入<a href={`${base}/ledger#e${n.ledger.seq}`}>公开账本第 {n.ledger.seq} 条</a>（{formatTime(n.ledger.at)}
          ），链上哈希 <span class="mono">{n.ledger.hash}</span>
        </p>
      ) : null}
      <p class="s">
        <a href={`${base}/ledger`}>如何核验</a>
      </p>
    </PublicLayout>
  );
}
