import type { TenantRow } from "../../db/schema/control/tenants.ts";
import { Document } from "../layouts/document.tsx";
import { adminCssHref } from "../styles/stylesheets.ts";
import { TENANT_LEVEL_LABELS } from "../i18n/zh-CN.ts";

/** The platform's front door: which counties and cities use Bangfu. */
export function PlatformHome(p: { tenants: TenantRow[] }) {
  return (
    <Document title="帮扶通 · 党建帮扶信息公开平台" css={adminCssHref}>
      <header class="top">
        <a class="brand" href="/">
          帮扶通<small>党建帮扶信息公开平台</small>
        </a>
      </header>
      <main id="content">
        <h1>选择地区</h1>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>地区</th>
                <th>级别</th>
                <th>区划代码</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {p.tenants.map((t) => (
                <tr>
                  <td>
                    <a href={`/t/${t.slug}/`}>{t.name}</a>
                  </td>
                  <td>{TENANT_LEVEL_LABELS[t.level]}</td>
                  <td>{t.divisionCode}</td>
                  <td>
                    <a href={`/t/${t.slug}/admin/login`}>管理后台</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="muted">
          <a href="/api/v1/docs">API 文档</a>
        </p>
      </main>
    </Document>
  );
}
