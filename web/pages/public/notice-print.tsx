import { raw } from "hono/html";
import { PublicLayout, type PublicTenant } from "../../layouts/public.tsx";
import { formatFen, formatTime } from "../../components/format.ts";
import { label, NOTICE_KIND_LABELS, NOTICE_STATUS_LABELS } from "../../i18n/zh-CN.ts";
import { noticeSummaryRows } from "../../components/notice-summary.ts";
import type { PublicNoticeView } from "./notice.tsx";

/**
 * A notice (公示) on A4 paper for the village board: the whole masked list (not paged), the notice
 * period, how to object, and a QR code to the notice's page, where objections are taken and the
 * list can be checked against the ledger. Print CSS: web/styles/public.css.ts (@page A4).
 */
export function NoticePrintPage(p: { tenant: PublicTenant; notice: PublicNoticeView; url: string; qr: string }) {
  const n = p.notice;
  const summary = noticeSummaryRows(n.summary);
  const hasAmounts = n.lines.some((l) => l.amountFen !== undefined);
  return (
    <PublicLayout tenant={p.tenant} title={`${n.title}（打印版）`} nav={false}>
      <div class="print-notice">
        <p class="np box">
          这是张贴用的打印版：用浏览器的“打印”功能，纸张选 A4 即可。<a href={p.url}>← 返回公示页面</a>
        </p>
        <div class="pn-head">
          <div>
            <p class="pn-issuer">{p.tenant.name}</p>
            <h1>{n.title}</h1>
            <p>
              {label(NOTICE_KIND_LABELS, n.kind)} · {label(NOTICE_STATUS_LABELS, n.status)}
            </p>
            <p class="pn-period">
              公示期：<b>{n.startDate}</b> 至 <b>{n.endDate}</b>（含首尾两日）
            </p>
          </div>
          <figure class="pn-qr">
            {raw(p.qr)}
            <figcaption>扫码查看、提出异议</figcaption>
          </figure>
        </div>
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
        <h2>名单（共 {n.lineTotal} 条，姓名已脱敏）</h2>
        {n.lines.length === 0 ? (
          <p>本公示没有名单。</p>
        ) : (
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
                <tr>
                  <td class="n">{l.no}</td>
                  <td class="n">{l.recipient}</td>
                  <td>{l.village ?? "暂无"}</td>
                  <td>{l.purpose}</td>
                  {hasAmounts ? (
                    <td class="r n">{l.amountFen !== undefined ? formatFen(l.amountFen) : "暂无"}</td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h2>对名单有不同意见怎么办</h2>
        <p>
          公示期内，任何人都可以对整个名单或其中某一条提出异议：用手机扫右上角的二维码，或在浏览器中打开
          <br />
          <span class="mono">{p.url}</span>
          <br />
          也可以向村“两委”、驻村工作队或乡镇反映。异议答复会在同一页面公开。
        </p>
        <p class="pn-foot">
          {p.tenant.name}
          {n.ledger ? ` · 已记入公开账本第 ${n.ledger.seq} 条（${formatTime(n.ledger.at)}），内容不可更改` : ""}
        </p>
      </div>
    </PublicLayout>
  );
}
