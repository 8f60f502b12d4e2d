import type { RotationProgress } from "../../../workers/pii-rotation/service.ts";
import { Document } from "../../layouts/document.tsx";
import { adminCssHref } from "../../styles/stylesheets.ts";
import { PII_ROTATION_STATUS_LABELS, PII_ROTATION_TABLE_LABELS } from "../../i18n/zh-CN.ts";
import { formatTime } from "../../components/format.ts";

export interface PiiRotationPageProps {
  operator: string;
  tenantName: string;
  slug: string;
  progress: RotationProgress;
  error?: string | undefined;
}

/** 密钥轮换 of one tenant: where the re-encryption stands, and a button that runs the next pages. */
export function PiiRotationPage(p: PiiRotationPageProps) {
  const g = p.progress;
  const action = `/platform/tenants/${p.slug}/pii-rotation`;
  return (
    <Document title={`密钥轮换 · ${p.tenantName} · 平台运维 · 帮扶通`} css={adminCssHref}>
      <header class="top">
        <a class="brand" href="/platform/tenants">
          帮扶通<small>平台运维</small>
        </a>
        <form method="post" action="/platform/logout" class="inline">
          <span>{p.operator}</span> <button type="submit">退出</button>
        </form>
      </header>
      <main id="content">
        <p>
          <a href="/platform/tenants">← 地区（租户）列表</a>
        </p>
        <h1>密钥轮换 · {p.tenantName}</h1>
        {p.error ? (
          <p class="error" role="alert">
            {p.error}
          </p>
        ) : null}
        <dl class="kv">
          <dt>目标密钥编号</dt>
          <dd>
            <code>{g.targetKid}</code>（当前 PII_MASTER_KEY）
          </dd>
          <dt>状态</dt>
          <dd>{g.status === "not_started" ? "未开始" : PII_ROTATION_STATUS_LABELS[g.status]}</dd>
          <dt>正在处理</dt>
          <dd>
            {g.table
              ? `${PII_ROTATION_TABLE_LABELS[g.table] ?? g.table}（第 ${g.step + 1}/${g.steps} 张表，已到第 ${g.cursor} 行）`
              : "—"}
          </dd>
          <dt>已重新加密</dt>
          <dd>{g.rewritten} 条记录</dd>
          <dt>待检查</dt>
          <dd>{g.remainingRows} 行</dd>
          <dt>无法解密</dt>
          <dd>{g.unreadable > 0 ? `${g.unreadable} 个值（保持原样，详见日志 pii_rotation）` : "0"}</dd>
          <dt>开始时间</dt>
          <dd>{g.startedAt ? formatTime(g.startedAt) : "—"}</dd>
          <dt>完成时间</dt>
          <dd>{g.finishedAt ? formatTime(g.finishedAt) : "—"}</dd>
        </dl>
        {g.status === "done" ? (
          <p>全部个人信息已使用当前密钥加密。确认所有地区均已完成后，即可删除 PII_MASTER_KEY_PREVIOUS。</p>
        ) : (
          <form method="post" action={action}>
            <input type="hidden" name="maxPages" value="10" />
            <button type="submit">
              {g.status === "not_started" ? "开始轮换（处理 10 页）" : "继续轮换（再处理 10 页）"}
            </button>
          </form>
        )}
        <p class="muted">
          每页最多 50 行，进度保存在该地区数据库中，中断后可从断点继续；重复执行不会重复改写。操作步骤见
          docs/OPERATIONS.md“密钥轮换”。
        </p>
      </main>
    </Document>
  );
}
