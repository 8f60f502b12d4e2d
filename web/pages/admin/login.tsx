import type { TenantRow } from "../../../db/schema/control/tenants.ts";
import { Document } from "../../layouts/document.tsx";
import { adminCssHref } from "../../styles/stylesheets.ts";
import { TENANT_LEVEL_LABELS } from "../../i18n/zh-CN.ts";

export function LoginPage(p: {
  tenant: TenantRow;
  next?: string | undefined;
  username?: string | undefined;
  error?: string | undefined;
}) {
  const base = `/t/${p.tenant.slug}`;
  return (
    <Document title={`登录 · ${p.tenant.name} · 帮扶通`} css={adminCssHref}>
      <header class="top">
        <a class="brand" href={`${base}/`}>
          帮扶通<small>{p.tenant.name}</small>
        </a>
      </header>
      <main class="login" id="content">
        <div class="card">
          <h1>登录管理后台</h1>
          <p class="muted">
            {p.tenant.name}（{TENANT_LEVEL_LABELS[p.tenant.level]}，区划代码 {p.tenant.divisionCode}）
          </p>
          {p.error ? (
            <p class="notice err" role="alert">
              {p.error}
            </p>
          ) : null}
          <form class="stack" method="post" action={`${base}/admin/login`}>
            <input type="hidden" name="next" value={p.next ?? ""} />
            <div>
              <label for="username">用户名</label>
              <input
                id="username"
                name="username"
                autocomplete="username"
                required
                value={p.username ?? ""}
                autocapitalize="none"
              />
            </div>
            <div>
              <label for="password">密码</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required />
            </div>
            <button type="submit">登录</button>
          </form>
        </div>
        <p class="muted">
          <a href={`${base}/`}>返回公开页面</a>
        </p>
      </main>
    </Document>
  );
}
