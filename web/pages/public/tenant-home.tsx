import type { TenantRow } from "../../../db/schema/control/tenants.ts";
import { Document } from "../../layouts/document.tsx";
import { adminCssHref } from "../../../workers/platform/static.ts";

/** Public home of one tenant (grows into the disclosure site). */
export function TenantHome(p: { tenant: TenantRow }) {
  return (
    <Document title={`${p.tenant.name} · 帮扶通`} css={adminCssHref}>
      <header class="top">
        <a class="brand" href={`/t/${p.tenant.slug}/`}>帮扶通<small>{p.tenant.name}</small></a>
      </header>
      <main id="content">
        <h1>{p.tenant.name}党建帮扶公开</h1>
        <p>
          <a href={`/t/${p.tenant.slug}/admin/login`}>工作人员登录</a>
        </p>
      </main>
    </Document>
  );
}
