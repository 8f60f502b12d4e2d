import { formatTime } from "../../components/format.ts";
import { LEDGER_KIND_LABELS, label } from "../../i18n/zh-CN.ts";
import { ledgerRefLabel } from "../../components/ledger-ref.ts";
import { RecordTable } from "../../components/record-table.tsx";

interface Entry {
  seq: number;
  at: number;
  kind: string;
  ref: string;
  contentHash: string;
  hash: string;
}
interface Verification {
  ok: boolean;
  count: number;
  head: string;
  firstBreak: { seq: number; reason: string } | null;
  mode: "since_checkpoint" | "full";
  from: number;
  through: number;
  headSeq: number;
  next: string | null;
}

const BREAK_LABELS: Record<string, string> = {
  content_hash_mismatch: "内容与内容哈希不符（内容被改动）",
  prev_hash_mismatch: "前一条哈希不符（条目被删除或替换）",
  hash_mismatch: "链哈希不符（条目被篡改）",
  sequence_gap: "序号不连续（条目缺失）",
  checkpoint_forged: "已签名校验点的签名无效（校验点被伪造或被挪动）",
};

export function LedgerPage(p: {
  base: string;
  apiBase: string;
  head: { seq: number; hash: string; at: number } | null;
  recent: Entry[];
  verification?: Verification | undefined;
}) {
  const v = p.verification;
  return (
    <>
      <h1>公开账本</h1>
      <p class="muted">
        每一次公示、异议答复、撤回和户认定生效都追加到本地区的公开账本：每条记录带有内容哈希和前一条记录的哈希，首尾相连。任何人无需登录即可下载并自行校验。
      </p>
      <dl class="kv">
        <dt>记录数</dt>
        <dd>{p.head ? p.head.seq : 0}</dd>
        <dt>链头哈希</dt>
        <dd class="mono">{p.head ? p.head.hash : "（尚无记录）"}</dd>
        <dt>最近更新</dt>
        <dd>{p.head ? formatTime(p.head.at) : "—"}</dd>
      </dl>
      {v ? (
        v.ok ? (
          <div class="notice ok" role="status">
            <p>
              {v.mode === "full"
                ? `完整校验：第 ${v.from + 1}–${v.through} 条全部吻合（共 ${v.headSeq} 条）。`
                : `自最近的已签名校验点（第 ${v.from} 条之后）校验到链头：${v.count} 条记录全部吻合。`}
              链哈希 <span class="mono">{v.head}</span>
            </p>
            {v.next ? (
              <p>
                <a href={`${p.base}/ledger?verify=full&cursor=${v.next}`}>继续校验下一页</a>
              </p>
            ) : null}
          </div>
        ) : (
          <p class="notice err" role="alert">
            账本在第 {v.firstBreak!.seq} 条断开：{BREAK_LABELS[v.firstBreak!.reason] ?? v.firstBreak!.reason}。此前{" "}
            {v.count} 条校验通过。
          </p>
        )
      ) : null}
      <div class="actions">
        <form method="get" action={`${p.base}/ledger`}>
          <input type="hidden" name="verify" value="1" />
          <button type="submit">校验账本（自最近校验点）</button>
        </form>
        <form method="get" action={`${p.base}/ledger`}>
          <input type="hidden" name="verify" value="full" />
          <input type="hidden" name="cursor" value="0" />
          <button type="submit" class="secondary">
            从第 1 条完整校验（分页）
          </button>
        </form>
        <a class="button secondary" href={`${p.apiBase}/ledger/export`}>
          下载账本（JSON Lines）
        </a>
        <a class="button secondary" href={`${p.apiBase}/ledger`}>
          公开接口
        </a>
      </div>
      <h2>最近的记录</h2>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th class="num">序号</th>
              <th>时间</th>
              <th>事项</th>
              <th>对象</th>
              <th>链哈希</th>
            </tr>
          </thead>
          <tbody>
            {p.recent.length === 0 ? (
              <tr>
                <td colspan={5} class="muted">
                  尚无记录
                </td>
              </tr>
            ) : (
              p.recent.map((e) => (
                <tr>
                  <td class="num">
                    <a href={`${p.apiBase}/ledger?after=${e.seq - 1}&limit=1`}>{e.seq}</a>
                  </td>
                  <td class="nowrap">{formatTime(e.at)}</td>
                  <td>{label(LEDGER_KIND_LABELS, e.kind)}</td>
                  <td title={e.ref}>{ledgerRefLabel(e.ref)}</td>
                  <td class="mono">{e.hash.slice(0, 16)}…</td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      <h2>如何自行校验</h2>
      <ol>
        <li>
          下载账本（上方按钮），或直接使用公开接口 <code class="mono">{p.apiBase}/ledger</code>。
        </li>
        <li>
          运行 <code class="mono">node db/scripts/verify-ledger.mjs 账本文件或接口地址</code>（只需
          Node.js，无需安装其他软件），输出 OK 和链头哈希即为完整。
        </li>
        <li>
          手工核对一条：内容哈希 = SHA-256(内容的规范 JSON)；链哈希 = SHA-256(前一条链哈希 + 换行 +{" "}
          <code class="mono">{'{"at","contentHash","kind","ref","seq"}'}</code> 的规范 JSON)；第一条的前一条哈希为 64 个
          0。
        </li>
        <li>将链头哈希与县里公布的链头比对：一致即说明此前的全部记录未被改动。</li>
      </ol>
    </>
  );
}
