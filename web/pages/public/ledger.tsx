import { PublicLayout, type PublicTenant } from "../../layouts/public.tsx";
import { formatTime } from "../../components/format.ts";
import { Pager } from "../../components/pager.tsx";
import { label, LEDGER_KIND_LABELS } from "../../i18n/zh-CN.ts";

/** The publication chain's head, how to verify it, a download, and the newest entries. */
export function LedgerPage(p: {
  tenant: PublicTenant;
  data: {
    items: {
      seq: number;
      at: number;
      kind: string;
      ref: string;
      contentHash: string;
      prevHash: string;
      hash: string;
    }[];
    head: { seq: number; hash: string; at: number } | null;
    page: number;
    size: number;
  };
  origin: string;
}) {
  const base = `/t/${p.tenant.slug}`;
  const api = `${base}/api/v1/ledger`;
  const h = p.data.head;
  return (
    <PublicLayout tenant={p.tenant} title="公开账本">
      <h1>公开账本</h1>
      <p>
        每一次公示、对异议的答复、冲正、项目资金变化和四议两公开的决议，都按顺序记入这本账。每一条都带着上一条的哈希值，任何一条被改动，后面的哈希都对不上。
      </p>
      <h2>当前账本头</h2>
      {h ? (
        <dl>
          <dt>条数</dt>
          <dd>{h.seq}</dd>
          <dt>最新一条</dt>
          <dd>{formatTime(h.at)}</dd>
          <dt>账本头哈希</dt>
          <dd class="mono">{h.hash}</dd>
        </dl>
      ) : (
        <p class="m">账本还没有记录。</p>
      )}
      <h2>如何核验</h2>
      <ol class="st">
        <li>
          下载整本账：<a href={`${api}/export`}>ledger.jsonl</a>（每行一条）。
        </li>
        <li>
          用任何一台装有 Node.js 的电脑运行仓库中的核验脚本：
          <br />
          <span class="mono">
            node db/scripts/verify-ledger.mjs {p.origin}
            {api}
          </span>
          <br />
          结果为 <span class="mono">OK</span> 并显示账本头哈希；与上面公布的账本头一致，就说明记录没有被篡改。
        </li>
        <li>
          也可以手工核验一条：content 的 SHA-256 应等于 contentHash；把上一条的 hash、换行和
          <span class="mono">{'{"at","contentHash","kind","ref","seq"}'}</span> 的规范 JSON 连在一起做
          SHA-256，应等于本条 hash。
        </li>
        <li>
          服务器端核验：<a href={`${api}/verify`}>{api}/verify</a>。
        </li>
      </ol>
      <h2>最近的记录</h2>
      <div class="tw">
        <table>
          <thead>
            <tr>
              <th>序号</th>
              <th>内容</th>
              <th>哈希</th>
            </tr>
          </thead>
          <tbody>
            {p.data.items.map((e) => (
              <tr id={`e${e.seq}`}>
                <td class="n">{e.seq}</td>
                <td>
                  {label(LEDGER_KIND_LABELS, e.kind)}
                  <br />
                  <span class="m s">
                    {e.ref} · {formatTime(e.at)}
                  </span>
                </td>
                <td class="mono">{e.hash.slice(0, 16)}…</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager path={`${base}/ledger`} query={{}} page={p.data.page} size={p.data.size} total={h?.seq ?? 0} />
      <p class="s">
        每条记录的完整内容：<a href={`${api}?after=0&limit=100`}>JSON 接口</a>
      </p>
    </PublicLayout>
  );
}
