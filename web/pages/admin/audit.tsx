import type { AuditRow } from "../../../db/schema/tenant/audit.ts";
import { AUDIT_ACTION_LABELS, AUDIT_VALUE_LABELS, ENTITY_LABELS, ROLE_LABELS, label } from "../../i18n/zh-CN.ts";
import { formatTime } from "../../components/format.ts";
import { auditChanges } from "../../components/audit-values.ts";
import { RecordTable } from "../../components/record-table.tsx";

interface ChainResult {
  ok: boolean;
  count: number;
  head: string;
  firstBreak: { seq: number; reason: string; expected: string; actual: string } | null;
  mode: "since_checkpoint" | "full";
  from: number;
  through: number;
  headSeq: number;
  next: string | null;
}

const BREAK_LABELS: Record<string, string> = {
  prev_hash_mismatch: "前一条哈希不符（条目被删除或替换）",
  hash_mismatch: "内容与哈希不符（条目被篡改）",
  sequence_gap: "序号不连续（条目缺失）",
  truncated: "审计日志比已签名的校验点短（末尾条目被删除）",
  checkpoint_mismatch: "与已签名校验点的哈希不符（条目被替换）",
  checkpoint_forged: "公开账本中的校验点签名无效（校验点被伪造）",
};

export function AuditPage(p: {
  base: string;
  items: AuditRow[];
  nextBefore: number | null;
  action?: string | undefined;
  chain?: ChainResult | undefined;
}) {
  return (
    <>
      <h1>审计日志</h1>
      <p class="muted">
        每一次写操作都在同一批次中追加一条审计记录；记录之间以 SHA-256 哈希首尾相连，任何改动都会被校验发现。
      </p>
      {p.chain ? (
        p.chain.ok ? (
          <div class="notice ok" role="status">
            <p>
              {p.chain.mode === "full"
                ? `完整校验：第 ${p.chain.from + 1}–${p.chain.through} 条全部通过（共 ${p.chain.headSeq} 条）。`
                : `自最近的已签名校验点（第 ${p.chain.from} 条）校验到链头：其后 ${p.chain.count} 条记录全部通过。`}
              哈希 <span class="mono">{p.chain.head}</span>
            </p>
            {p.chain.next ? (
              <p>
                <a href={`${p.base}/audit?verify=full&cursor=${p.chain.next}`}>继续校验下一页</a>
              </p>
            ) : null}
          </div>
        ) : (
          <div class="notice err" role="alert">
            <p>
              哈希链在第 {p.chain.firstBreak!.seq} 条断开：
              {BREAK_LABELS[p.chain.firstBreak!.reason] ?? p.chain.firstBreak!.reason}。此前 {p.chain.count}{" "}
              条校验通过。
            </p>
            <p class="mono">
              期望 {p.chain.firstBreak!.expected}
              <br />
              实际 {p.chain.firstBreak!.actual}
            </p>
          </div>
        )
      ) : null}
      <div class="actions">
        <form method="get" action={`${p.base}/audit`} class="inline">
          <input type="hidden" name="verify" value="1" />
          <button type="submit">校验哈希链（自最近校验点）</button>
        </form>
        <form method="get" action={`${p.base}/audit`} class="inline">
          <input type="hidden" name="verify" value="full" />
          <input type="hidden" name="cursor" value="0" />
          <button type="submit" class="secondary">
            从第 1 条完整校验（分页）
          </button>
        </form>
        <form method="get" action={`${p.base}/audit`} class="inline" role="search">
          <label for="action" class="muted">
            操作
          </label>
          <select id="action" name="action">
            <option value="">全部</option>
            {Object.entries(AUDIT_ACTION_LABELS).map(([k, v]) => (
              <option value={k} selected={p.action === k}>
                {v}
              </option>
            ))}
          </select>
          <button type="submit" class="secondary">
            筛选
          </button>
        </form>
      </div>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th class="num">序号</th>
              <th>时间</th>
              <th>操作人</th>
              <th>操作</th>
              <th>对象</th>
              <th>变更</th>
              <th>哈希</th>
            </tr>
          </thead>
          <tbody>
            {p.items.length === 0 ? (
              <tr>
                <td colspan={7} class="muted">
                  暂无记录
                </td>
              </tr>
            ) : (
              p.items.map((e) => (
                <tr>
                  <td class="num">{e.seq}</td>
                  <td class="nowrap">{formatTime(e.at)}</td>
                  <td>
                    {e.actorName}
                    <br />
                    <span class="muted">{label(ROLE_LABELS, e.actorRole) || e.actorRole}</span>
                  </td>
                  <td class="nowrap">{label(AUDIT_ACTION_LABELS, e.action)}</td>
                  <td class="text">
                    {label(ENTITY_LABELS, e.entity)}
                    {e.entityId ? (
                      // An identifier as recorded (id, username, code); a seed module by its name.
                      <span class="muted" translate={e.entity === "seed" ? undefined : "no"}>
                        {" "}
                        #{e.entity === "seed" ? label(AUDIT_VALUE_LABELS, e.entityId) : e.entityId}
                      </span>
                    ) : null}
                  </td>
                  <td class="wrap">
                    {revealReason(e.action, e.after) ? (
                      <div class="reveal-reason">查看原因：{revealReason(e.action, e.after)}</div>
                    ) : null}
                    <ChangeList entity={e.entity} before={e.before} after={e.after} />
                    {e.before || e.after ? (
                      <details class="raw">
                        <summary>原始记录</summary>
                        <pre>
                          {e.before ? `前：${e.before}\n` : ""}
                          {e.after ? `后：${e.after}` : ""}
                        </pre>
                      </details>
                    ) : null}
                  </td>
                  <td class="mono" title={e.hash}>
                    {e.hash.slice(0, 12)}…
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      {p.nextBefore ? (
        <p class="pager">
          <a
            href={`${p.base}/audit?before=${p.nextBefore}${p.action ? `&action=${encodeURIComponent(p.action)}` : ""}`}
          >
            更早的记录 →
          </a>
        </p>
      ) : null}
    </>
  );
}

/** The reason a user gave for revealing personal data (kept in the entry's `after`), for auditors. */
function revealReason(action: string, after: string | null): string | null {
  if (!after || !/\.reveal_/.test(action)) return null;
  try {
    const v = JSON.parse(after) as { reason?: unknown };
    return typeof v.reason === "string" && v.reason ? v.reason : null;
  } catch {
    return null;
  }
}

function truncate(s: string, n = 160): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** Before → after per field, in Chinese; the exact recorded text stays one click away (原始记录). */
function ChangeList(p: { entity: string; before: string | null; after: string | null }) {
  const rows = auditChanges(p.entity, p.before, p.after);
  if (rows.length === 0) return null;
  return (
    <ul class="changes">
      {rows.map((r) => (
        <li>
          <span class="muted">{r.field}：</span>
          {r.before !== undefined && r.after !== undefined ? (
            <>
              <del>{truncate(r.before)}</del> → <ins>{truncate(r.after)}</ins>
            </>
          ) : r.after !== undefined ? (
            truncate(r.after)
          ) : (
            <>
              {truncate(r.before ?? "")}
              <span class="muted">（变更前）</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
