import { raw } from "hono/html";
import { PublicLayout, type PublicTenant } from "../../layouts/public.tsx";
import { formatTime } from "../../components/format.ts";
import { RATING_LABELS, REVIEW_KIND_LABELS } from "../../i18n/zh-CN.ts";
import type { BallotView } from "../../../workers/reviews/ballots.ts";
import { formatBallotCode } from "../../../workers/lib/ballot-code.ts";

/**
 * 扫码评议: one page, no script, three big buttons (one tap is one rating). The page never shows
 * what was chosen with this code afterwards, nor any other rating.
 */
export function RatePage(p: {
  tenant: PublicTenant;
  code: string;
  ballot?: BallotView | undefined;
  message?: string | undefined;
  done?: boolean;
}) {
  const b = p.ballot;
  return (
    <PublicLayout tenant={p.tenant} title="群众评议" nav={false}>
      <h1>群众评议</h1>
      {b ? (
        <dl>
          <dt>评议</dt>
          <dd>{REVIEW_KIND_LABELS[b.kind]}</dd>
          <dt>述职对象</dt>
          <dd>{b.subjectName}</dd>
          <dt>村</dt>
          <dd>{b.villageName}</dd>
          <dt>评议时段</dt>
          <dd>
            {formatTime(b.opensAt)} 至 {formatTime(b.closesAt)}
          </dd>
        </dl>
      ) : null}
      {p.done ? (
        <div class="box ok" role="status">
          评议已提交，谢谢！本票已作废，不能再次使用。评议结果汇总后在本村公开页公布，不公开任何人的单张评议。
        </div>
      ) : p.message ? (
        <div class="box err" role="alert">
          {p.message}
        </div>
      ) : null}
      {b && b.state === "ready" && !p.done ? (
        <>
          <p>请对述职情况作出评价。评议不记名：系统不记录您是谁，只保存本票的评价。每张票只能提交一次。</p>
          <form method="post" action={`/t/${p.tenant.slug}/rate/${p.code}`}>
            {(Object.entries(RATING_LABELS) as [keyof typeof RATING_LABELS, string][]).map(([value, label]) => (
              <button type="submit" name="rating" value={value}>
                {label}
              </button>
            ))}
          </form>
        </>
      ) : null}
      <p class="s m">评议码：{/^[0-9A-Z]{10}$/.test(p.code) ? formatBallotCode(p.code) : p.code}</p>
    </PublicLayout>
  );
}

/** A4 sheet of one-time QR ballot slips, cut along the dashed lines; shown once, right after the codes are made. */
export function BallotSlipsPage(p: {
  tenant: PublicTenant;
  title: string;
  backUrl: string;
  slips: { code: string; url: string; qr: string }[];
}) {
  return (
    <PublicLayout tenant={p.tenant} title={p.title} nav={false}>
      <h1>{p.title}</h1>
      <div class="box warn np" role="alert">
        请现在打印（A4 纵向）。评议码只显示这一次，系统只保存它们的加密散列，关闭本页后无法再找回。
        <a href={p.backUrl}>返回评议页</a>
      </div>
      <div class="sheet">
        {p.slips.map((s) => (
          <section>
            {raw(s.qr)}
            <p>
              <b>扫码评议（一票一码，仅限本次会议）</b>
            </p>
            <p class="mono">{s.code}</p>
          </section>
        ))}
      </div>
    </PublicLayout>
  );
}
