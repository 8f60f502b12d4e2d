import type { Child } from "hono/jsx";
import type { TenantRow } from "../../db/schema/control/tenants.ts";
import type { SessionUser } from "../../workers/platform/env.ts";
import { adminCssHref, pickerJsHref } from "../styles/stylesheets.ts";
import { ADMIN_NAV } from "../components/admin-nav.ts";
import { ROLE_LABELS } from "../i18n/zh-CN.ts";
import { Document } from "./document.tsx";
import { CsrfField } from "../components/form.tsx";

export interface AdminPageProps {
  title: string;
  tenant: TenantRow;
  user: SessionUser;
  nav: string;
  /** Keys of the ADMIN_NAV screens this user may open, computed by the admin renderer from the permission table. */
  allowedNav: ReadonlySet<string>;
  children: Child;
  flash?: { kind: "ok" | "err" | "info"; text: string } | undefined;
}

/** Screens grouped the way the work is organised; a screen not listed here lands in 其他. */
const NAV_GROUPS: { label: string; keys: string[] }[] = [
  { label: "概览", keys: ["dashboard", "my-record", "coverage"] },
  { label: "驻村在岗", keys: ["check-in", "check-ins", "leaves"] },
  { label: "培训考试", keys: ["trainings", "exams"] },
  {
    label: "帮扶台账",
    keys: [
      "places",
      "villages",
      "village-officials",
      "households",
      "party-members",
      "units",
      "cadres",
      "assignments",
      "pairings",
      "visits",
    ],
  },
  { label: "资金发放", keys: ["programs", "batches", "reports"] },
  { label: "公示公开", keys: ["notices", "ledger", "projects", "village-decisions", "feedback"] },
  {
    label: "督查考核",
    keys: [
      "letters",
      "inspections",
      "escalations",
      "reviews",
      "assessments",
      "rectifications",
      "awards",
      "reserves",
      "supervision-report",
      "oversight-report",
    ],
  },
  { label: "系统", keys: ["users", "audit", "settings"] },
];

function NavGroups(p: { base: string; allowed: ReadonlySet<string>; current: string }) {
  const visible = ADMIN_NAV.filter((item) => p.allowed.has(item.key));
  const listed = new Set(NAV_GROUPS.flatMap((g) => g.keys));
  const groups = [
    ...NAV_GROUPS.map((g) => ({
      label: g.label,
      items: g.keys.map((k) => visible.find((i) => i.key === k)).filter((i) => i !== undefined),
    })),
    { label: "其他", items: visible.filter((i) => !listed.has(i.key)) },
  ];
  return (
    <>
      {groups
        .filter((g) => g.items.length > 0)
        .map((g) => (
          <div class="nav-group">
            <p class="nav-label">{g.label}</p>
            <ul>
              {g.items.map((item) => (
                <li>
                  <a href={p.base + item.path} aria-current={item.key === p.current ? "page" : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        ))}
    </>
  );
}

/** Admin shell: tenant and user in the header, navigation by role, content, sign-out. */
export function AdminLayout(p: AdminPageProps) {
  const base = `/t/${p.tenant.slug}/admin`;
  return (
    <Document title={`${p.title} · ${p.tenant.name} · 帮扶通`} css={adminCssHref} script={pickerJsHref}>
      <a class="skip" href="#content">
        跳到正文
      </a>
      <header class="top">
        <a class="brand" href={base}>
          帮扶通<small>{p.tenant.name}</small>
        </a>
        <span class="who">
          {p.user.displayName} <span class="role">{ROLE_LABELS[p.user.role]}</span>
        </span>
        <form method="post" action={`${base}/logout`}>
          <CsrfField token={p.user.csrfToken} />
          <button type="submit">退出</button>
        </form>
      </header>
      <div class="shell">
        <nav class="main" aria-label="主导航">
          {/* Phones: a native disclosure (no JavaScript); desktops: the same groups as a sidebar. */}
          <details class="menu">
            <summary>菜单：{ADMIN_NAV.find((i) => i.key === p.nav)?.label ?? p.title}</summary>
            <NavGroups base={base} allowed={p.allowedNav} current={p.nav} />
          </details>
          <div class="side">
            <NavGroups base={base} allowed={p.allowedNav} current={p.nav} />
          </div>
        </nav>
        <main id="content">
          {p.flash ? (
            <p class={`notice ${p.flash.kind}`} role={p.flash.kind === "err" ? "alert" : "status"}>
              {p.flash.text}
            </p>
          ) : null}
          {p.children}
        </main>
      </div>
      <footer class="foot">帮扶通 · 党建帮扶信息公开平台</footer>
    </Document>
  );
}
