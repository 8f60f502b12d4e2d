import { PublicLayout, type PublicTenant } from "../../layouts/public.tsx";
import { formatTime } from "../../components/format.ts";
import { Pager } from "../../components/pager.tsx";
import { label, LEDGER_KIND_LABELS } from "../../i18n/zh-CN.ts";
import { ledgerRefLabel } from "../../components/ledger-ref.ts";

/**
 * The publication chain for a villager: what it proves in plain words, its head to compare with
 * the published one, a download, and the newest entries. The command-line check is for experts
 * and lives in the README (workers/ledger/README.md), not here.
 */
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
}) {
  const base = `/t/${p.tenant.slug}`;
  const api = `${base}/api/v1/ledger`;
  const h = p.data.head;
  return (
    <PublicLayout tenant={p.tenant} title="公开账本">
      <h1>公开账本</h1>
      <h2>这本账能证明什么</h2>
      <p>
        本县（市）发布的每一份公示名单、对异议的答复、冲正更正、村级项目和四议两公开的决议，都按先后顺序记在这本账上，记上以后就不能再改。
      </p>
      <p>
        每一条记录都带着上一条记录的“指纹”（一串由内容算出的字母和数字）。如果有人事后偷偷改动或删掉其中任何一条，后面所有的指纹就都对不上了，谁都能发现。
      </p>
      <h2>当前账本</h2>
      {h ? (
        <dl>
          <dt>记录条数</dt>
          <dd>{h.seq} 条</dd>
          <dt>最近记账</dt>
          <dd>{formatTime(h.at)}</dd>
          <dt>最新指纹</dt>
          <dd class="mono">{h.hash}</dd>
        </dl>
      ) : (
        <p class="m">账本还没有记录。</p>
      )}
      <p>
        怎样核对：把上面的“最新指纹”与县里在公开栏、政府网站上公布的指纹对照，前几位和后几位都一样，就说明到那时为止的记录一条也没有被改过。
      </p>
      <h2>下载整本账</h2>
      <p>
        <a class="btn" href={`${api}/export`} download>
          下载账本文件
        </a>
      </p>
      <p class="m">
        文件里每行一条记录。您可以自己留一份，以后再下载一次对比；也可以交给懂技术的人或第三方机构，按本平台公开的方法逐条核验。
      </p>
      <h2>最近的记录</h2>
      <div class="tw">
        <table>
          <thead>
            <tr>
              <th>序号</th>
              <th>内容</th>
              <th>指纹</th>
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
                    {ledgerRefLabel(e.ref)} · {formatTime(e.at)}
                  </span>
                </td>
                <td class="mono">{e.hash.slice(0, 16)}…</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager path={`${base}/ledger`} query={{}} page={p.data.page} size={p.data.size} total={h?.seq ?? 0} />
    </PublicLayout>
  );
}
