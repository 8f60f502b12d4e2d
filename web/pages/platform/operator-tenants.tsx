import type { TenantStatusRow } from "../../../workers/operators/fleet-status.ts";
import { Document } from "../../layouts/document.tsx";
import { adminCssHref } from "../../styles/stylesheets.ts";
import { TENANT_LEVEL_LABELS, TENANT_STATUS_LABELS } from "../../i18n/zh-CN.ts";
import { Pager } from "../../components/pager.tsx";
import { formatBytes, formatTime } from "../../components/format.ts";

export interface OperatorTenantsProps {
  operator: string;
  rows: TenantStatusRow[];
  query: { province?: string | undefined; status?: string | undefined; q?: string | undefined };
  page: number;
  size: number;
  total: number;
}

/** The operator's fleet list: status, schema version, size and last write of every tenant. */
export function OperatorTenantsPage(p: OperatorTenantsProps) {
  return (
    <Document title="地区（租户）列表 · 平台运维 · 帮扶通" css={adminCssHref}>
      <header class="top">
        <a class="brand" href="/platform/tenants">
          帮扶通<small>平台运维</small>
        </a>
        <form method="post" action="/platform/logout" class="inline">
          <span>{p.operator}</span> <button type="submit">退出</button>
        </form>
      </header>
      <main id="content">
        <h1>地区（租户）</h1>
        <form method="get" action="/platform/tenants" class="filters">
          <label>
            名称或代号 <input name="q" value={p.query.q ?? ""} maxlength={40} />
          </label>
          <label>
            省份代码 <input name="province" value={p.query.province ?? ""} inputmode="numeric" maxlength={2} size={3} />
          </label>
          <label>
            状态{" "}
            <select name="status">
              <option value="">全部</option>
              {Object.entries(TENANT_STATUS_LABELS).map(([k, v]) => (
                <option value={k} selected={p.query.status === k}>
                  {v}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">筛选</button>
        </form>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>代号</th>
                <th>名称</th>
                <th>级别</th>
                <th>状态</th>
                <th>数据库版本</th>
                <th>大小</th>
                <th>最近写入</th>
                <th>最近导出</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((t) => (
                <tr>
                  <td>{t.slug}</td>
                  <td>{t.name}</td>
                  <td>{TENANT_LEVEL_LABELS[t.level]}</td>
                  <td>{t.bound ? TENANT_STATUS_LABELS[t.status] : `${TENANT_STATUS_LABELS[t.status]}（未部署）`}</td>
                  <td>{t.schemaVersion === null ? "—" : String(t.schemaVersion).padStart(4, "0")}</td>
                  <td>{formatBytes(t.sizeBytes)}</td>
                  <td>{t.lastWriteAt ? formatTime(t.lastWriteAt) : "—"}</td>
                  <td>{t.exportedAt ? formatTime(t.exportedAt) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pager path="/platform/tenants" query={p.query} page={p.page} size={p.size} total={p.total} />
        <p class="muted">
          新增、停用、导出、恢复与删除地区请用运维命令（npm run tenant:add / tenant:suspend / tenant:export /
          tenant:restore / tenant:delete），见 docs/OPERATIONS.md。
        </p>
      </main>
    </Document>
  );
}
