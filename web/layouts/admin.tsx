import type { Child } from "hono/jsx";
import type { TenantRow } from "../../db/schema/control/tenants.ts";
import type { SessionUser } from "../../workers/env.ts";
import { can } from "../../workers/auth/permissions.ts";
import { adminCssHref } from "../../workers/platform/static.ts";
import { ADMIN_NAV } from "../components/admin-nav.ts";
import { ROLE_LABELS } from "../i18n/zh-CN.ts";
import { Document } from "./document.tsx";
import { CsrfField } from "../components/form.tsx";

export interface AdminPageProps {
  title: string;
  tenant: TenantRow;
  user: SessionUser;
  nav: string;
  children: Child;
  flash?: { kind: "ok" | "err" | "info"; text: string } | undefined;
}

/** Admin shell: tenant and user in the header, navigation by role, content, sign-out. */
export function AdminLayout(p: AdminPageProps) {
  const base = `/t/${p.tenant.slug}/admin`;
  return (
    <Document title={`${p.title} · ${p.tenant.name} · 帮扶通`} css={adminCssHref}>
      <a class="skip" href="#content">跳到正文</a>
      <header class="top">
        <a class="brand" href={base}>
          帮扶通<small>{p.tenant.name}</small>
        </a>
        <span class="who">
          {p.user.displayName}（{ROLE_LABELS[p.user.role]}）
        </span>
        <form method="post" action={`${base}/logout`}>
          <CsrfField token={p.user.csrfToken} />
          <button type="submit">退出</button>
        </form>
      </header>
      <nav class="main" aria-label="主导航">
        <ul>
          {ADMIN_NAV.filter((item) => can(p.user.role, item.permission)).map((item) => (
            <li>
              <a href={base + item.path} aria-current={item.key === p.nav ? "page" : undefined}>
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="content">
        {p.flash ? <p class={`notice ${p.flash.kind}`} role={p.flash.kind === "err" ? "alert" : "status"}>{p.flash.text}</p> : null}
        {p.children}
      </main>
      <footer class="foot">帮扶通 · 党建帮扶信息公开平台</footer>
    </Document>
  );
}
