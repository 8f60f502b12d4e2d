import type { TenantRow } from "../../db/schema/control/tenants.ts";
import { Document } from "../layouts/document.tsx";
import { adminCssHref } from "../styles/stylesheets.ts";
import { TENANT_LEVEL_LABELS } from "../i18n/zh-CN.ts";
import { Pager } from "../components/pager.tsx";

export interface ProvinceGroup {
  province: { code: string; name: string };
  items: TenantRow[];
}

/**
 * The platform's front door: which counties and cities use Bangfu, grouped by province and
 * paged (thousands of tenants are thousands of rows), with a province filter.
 */
export function PlatformHome(p: {
  groups: ProvinceGroup[];
  provinces: { code: string; name: string; count: number }[];
  province: string | undefined;
  page: number;
  size: number;
  total: number;
}) {
  return (
    <Document title="帮扶通 · 党建帮扶信息公开平台" css={adminCssHref}>
      <header class="top">
        <a class="brand" href="/">
          帮扶通<small>党建帮扶信息公开平台</small>
        </a>
      </header>
      <main id="content">
        <h1>选择地区</h1>
        <nav class="filters" aria-label="按省份">
          <a href="/" aria-current={p.province ? undefined : "page"}>
            全部
          </a>{" "}
          {p.provinces.map((pr) => (
            <>
              <a href={`/?province=${pr.code}`} aria-current={p.province === pr.code ? "page" : undefined}>
                {pr.name}（{pr.count}）
              </a>{" "}
            </>
          ))}
        </nav>
        {p.groups.length === 0 ? <p class="muted">暂无地区。</p> : null}
        {p.groups.map((g) => (
          <section>
            <h2>{g.province.name}</h2>
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
                  {g.items.map((t) => (
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
          </section>
        ))}
        <Pager path="/" query={{ province: p.province }} page={p.page} size={p.size} total={p.total} />
        <p class="muted">
          <a href="/api/v1/docs">API 文档</a> · <a href="/platform/login">平台运维</a>
        </p>
      </main>
    </Document>
  );
}
