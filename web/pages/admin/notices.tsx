import { FilterSelect } from "../../components/form.tsx";
import type { NoticeDetail, NoticeSummary } from "../../../workers/notices/service.ts";
import { noticeSummaryRows } from "../../components/notice-summary.ts";
import { Pager } from "../../components/pager.tsx";
import { formatTime, formatFen } from "../../components/format.ts";
import { NOTICE_KIND_LABELS, NOTICE_STATUS_LABELS, label, options } from "../../i18n/zh-CN.ts";
import { AnswerForm, ObjectionStatusBadge, type AnswerFormState } from "./objections.tsx";
import { RecordTable } from "../../components/record-table.tsx";

const noticeBadge = (s: string, open: boolean) => (
  <span class={`badge ${open ? "warn" : s === "withdrawn" ? "err" : "ok"}`}>
    {open ? "公示中（受理异议）" : s === "open" ? "公示期已过，待处理" : label(NOTICE_STATUS_LABELS, s)}
  </span>
);

export function NoticeListPage(p: {
  base: string;
  page: { items: NoticeSummary[]; total: number; page: number; size: number };
  filter: Record<string, string | undefined>;
  canAnswer: boolean;
  canDecide: boolean;
}) {
  const f = p.filter;
  return (
    <>
      <h1>公示与异议</h1>
      <p class="muted">
        资金发放名单和户认定（建档立卡、脱贫退出、纳入监测）在生效前公示；公示快照不可更改，其哈希记入公开账本。
      </p>
      <div class="actions">
        <a class="button secondary" href={`${p.base}/objections`}>
          异议处理
        </a>
        {p.canDecide ? (
          <a class="button secondary" href={`${p.base}/decisions`}>
            户认定公示
          </a>
        ) : null}
        <a class="button secondary" href={`${p.base}/ledger`}>
          公开账本
        </a>
      </div>
      <form class="inline" method="get" action={`${p.base}/notices`} role="search">
        <FilterSelect name="kind" label="类型" options={options(NOTICE_KIND_LABELS)} value={f.kind} />
        <FilterSelect name="status" label="状态" options={options(NOTICE_STATUS_LABELS)} value={f.status} />
        <div>
          <label for="openNow">受理异议</label>
          <select id="openNow" name="openNow">
            <option value="">不限</option>
            <option value="true" selected={f.openNow === "true"}>
              正在受理
            </option>
            <option value="false" selected={f.openNow === "false"}>
              不在公示期
            </option>
          </select>
        </div>
        <button type="submit" class="secondary">
          筛选
        </button>
      </form>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>编号</th>
              <th>标题</th>
              <th>类型</th>
              <th>公示期</th>
              <th>状态</th>
              <th class="num">行数</th>
              <th class="num">异议（待答复）</th>
            </tr>
          </thead>
          <tbody>
            {p.page.items.length === 0 ? (
              <tr>
                <td colspan={7} class="muted">
                  没有符合条件的公示
                </td>
              </tr>
            ) : (
              p.page.items.map((n) => (
                <tr>
                  <td class="mono">{n.id}</td>
                  <td>
                    <a href={`${p.base}/notices/${n.id}`}>{n.title}</a>
                  </td>
                  <td>{label(NOTICE_KIND_LABELS, n.kind)}</td>
                  <td>
                    {n.startDate} 至 {n.endDate}
                  </td>
                  <td>{noticeBadge(n.status, n.openForObjections)}</td>
                  <td class="num">{n.lineCount}</td>
                  <td class="num">
                    {n.objectionCount}
                    {n.openObjectionCount ? <b>（{n.openObjectionCount}）</b> : null}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      <Pager path={`${p.base}/notices`} query={f} page={p.page.page} size={p.page.size} total={p.page.total} />
    </>
  );
}

interface SnapshotLine {
  no: number;
  recipient: string;
  village: string | null;
  amountFen?: number;
  purpose: string;
}
interface Snapshot {
  summary?: Record<string, unknown>;
  lines?: SnapshotLine[];
}

export function NoticeDetailPage(p: {
  base: string;
  tenantSlug: string;
  csrf: string;
  notice: NoticeDetail;
  canAnswer: boolean;
  state?: AnswerFormState | undefined;
}) {
  const n = p.notice;
  const snap = (typeof n.content === "object" && n.content ? n.content : {}) as Snapshot;
  const lines = snap.lines ?? [];
  const withAmount = lines.some((l) => l.amountFen != null);
  const back = `${p.base}/notices/${n.id}`;
  return (
    <>
      <h1>{n.title}</h1>
      <dl class="kv">
        <dt>类型</dt>
        <dd>{label(NOTICE_KIND_LABELS, n.kind)}</dd>
        <dt>公示期</dt>
        <dd>
          {n.startDate} 至 {n.endDate}（含首尾两日，北京时间）
        </dd>
        <dt>状态</dt>
        <dd>{noticeBadge(n.status, n.openForObjections)}</dd>
        <dt>快照哈希</dt>
        <dd class="mono">{n.contentHash}</dd>
        <dt>公开账本</dt>
        <dd>
          {n.ledger ? (
            <>
              第 <a href={`/t/${p.tenantSlug}/api/v1/ledger?after=${n.ledger.seq - 1}&limit=1`}>{n.ledger.seq}</a>{" "}
              条，链哈希 <span class="mono">{n.ledger.hash}</span>
            </>
          ) : (
            "—"
          )}
        </dd>
        <dt>公开页面</dt>
        <dd>
          <a href={`/t/${p.tenantSlug}/notices/${n.id}`}>村民看到的公示</a> ·{" "}
          <a href={`/t/${p.tenantSlug}/notices/${n.id}/print`}>打印张贴版（A4，带二维码）</a> ·{" "}
          <a href={`/t/${p.tenantSlug}/api/v1/public/notices/${n.id}`}>公开接口（无需登录）</a>
        </dd>
      </dl>
      {snap.summary ? (
        <details class="card">
          <summary>公示摘要</summary>
          <dl class="kv">
            {noticeSummaryRows(snap.summary).map((row) => (
              <>
                <dt>{row.label}</dt>
                <dd>{row.value}</dd>
              </>
            ))}
          </dl>
        </details>
      ) : null}
      <h2>公示内容（{lines.length} 行，已脱敏）</h2>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th class="num">序号</th>
              <th>对象</th>
              <th>村</th>
              {withAmount ? <th class="num">金额</th> : null}
              <th>事项</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr>
                <td class="num">{l.no}</td>
                <td>{l.recipient}</td>
                <td>{l.village ?? "—"}</td>
                {withAmount ? <td class="num">{l.amountFen != null ? formatFen(l.amountFen) : "—"}</td> : null}
                <td>{l.purpose}</td>
              </tr>
            ))}
          </tbody>
        </RecordTable>
      </div>
      <h2>异议（{n.objections.length}）</h2>
      {n.objections.length === 0 ? <p class="muted">尚无异议。</p> : null}
      {n.objections.map((o) => (
        <section class="card" id={`o-${o.id}`}>
          <p>
            <ObjectionStatusBadge s={o.status} /> {o.lineNo ? `第 ${o.lineNo} 行` : "整个公示"} · 查询码{" "}
            <span class="mono">{o.trackingCode}</span> · {formatTime(o.createdAt)}
            {o.name ? ` · 署名：${o.name}` : ""}
          </p>
          <p>{o.text}</p>
          {o.status === "open" ? (
            p.canAnswer ? (
              <AnswerForm base={p.base} csrf={p.csrf} id={o.id} back={back} state={p.state} />
            ) : (
              <p class="muted">待答复</p>
            )
          ) : (
            <p>
              <b>答复：</b>
              {o.reply} <span class="muted">（{formatTime(o.answeredAt)}）</span>
            </p>
          )}
        </section>
      ))}
    </>
  );
}
