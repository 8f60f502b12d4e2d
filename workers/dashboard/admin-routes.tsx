import { Hono } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { renderAdmin } from "../platform/admin-render.tsx";
import { adminCounts } from "./queries.ts";
import { ROLE_LABELS, TENANT_LEVEL_LABELS } from "../../web/i18n/zh-CN.ts";
import { can } from "../auth/permissions.ts";
import { moneyTiles } from "../reports/service.ts";
import { todayInChina } from "../lib/dates.ts";
import { formatFen } from "../lib/money.ts";
import { coverageSummary, GAPS, GAP_LABELS } from "../coverage/service.ts";

export const dashboardAdmin = new Hono<AppEnv>();

dashboardAdmin.get("/", requirePermission("dashboard.read"), async (c) => {
  const { tenant, user } = c.var;
  const base = `/t/${tenant.slug}/admin`;
  const { activeUsers, auditEntries } = await adminCounts(c.var.ctx);
  const money = can(user!.role, "money.read") ? await moneyTiles(c.var.ctx, Number(todayInChina().slice(0, 4))) : null;
  const coverage = can(user!.role, "coverage.read") ? await coverageSummary(c.var.ctx) : null;
  return renderAdmin(c, {
    title: "工作台",
    nav: "dashboard",
    children: (
      <>
        <h1>工作台</h1>
        <p class="muted">
          {tenant.name}（{TENANT_LEVEL_LABELS[tenant.level]}，区划代码 {tenant.divisionCode}）
          <br />
          您好，{user!.displayName}（{ROLE_LABELS[user!.role]}
          {user!.townshipCode ? `，所属乡镇 ${user!.townshipCode}` : ""}）
        </p>
        {can(user!.role, "visits.record") || can(user!.role, "registry.read") ? (
          <nav class="actions" aria-label="常用">
            {can(user!.role, "visits.record") ? (
              <a class={user!.role === "cadre" ? "button" : "button secondary"} href={`${base}/visits/new`}>
                记录走访
              </a>
            ) : null}
            {can(user!.role, "registry.read") ? (
              <>
                <a class="button secondary" href={`${base}/pairings`}>
                  {user!.role === "cadre" ? "我的结对" : "结对帮扶"}
                </a>
                <a class="button secondary" href={`${base}/assignments`}>
                  {user!.role === "cadre" ? "我的驻村" : "驻村任务"}
                </a>
                <a class="button secondary" href={`${base}/visits`}>
                  走访日志
                </a>
              </>
            ) : null}
          </nav>
        ) : null}
        {can(user!.role, "users.read") || can(user!.role, "audit.read") ? (
          <div class="tiles">
            {can(user!.role, "users.read") ? (
              <a class="tile" href={`${base}/users`}>
                <b>{activeUsers}</b>
                <span>在用账号</span>
              </a>
            ) : null}
            {can(user!.role, "audit.read") ? (
              <a class="tile" href={`${base}/audit`}>
                <b>{auditEntries}</b>
                <span>审计日志条目</span>
              </a>
            ) : null}
          </div>
        ) : null}
        {coverage ? (
          <>
            <h2>帮扶覆盖缺口</h2>
            <div class="tiles">
              {GAPS.map((g) => (
                <a class={coverage.totals[g] > 0 ? "tile alert" : "tile"} href={`${base}/coverage?gap=${g}`}>
                  <b>{coverage.totals[g]}</b>
                  <span>{GAP_LABELS[g]}</span>
                </a>
              ))}
            </div>
          </>
        ) : null}
        {money ? (
          <>
            <h2>{money.year} 年资金</h2>
            <div class="tiles">
              <a class="tile" href={`${base}/reports`}>
                <b>{formatFen(money.budgetFen)}</b>
                <span>年度预算</span>
              </a>
              <a class="tile" href={`${base}/reports`}>
                <b>{formatFen(money.paidFen)}</b>
                <span>已支付</span>
              </a>
              <a class="tile" href={`${base}/reports`}>
                <b>{money.executionRate}</b>
                <span>支出进度</span>
              </a>
              <a class="tile" href={`${base}/batches?status=noticed`}>
                <b>{money.noticed}</b>
                <span>公示中的批次</span>
              </a>
              <a class={money.openObjections > 0 ? "tile alert" : "tile"} href={`${base}/objections`}>
                <b>{money.openObjections}</b>
                <span>待答复异议</span>
              </a>
            </div>
          </>
        ) : null}
        <div class="actions">
          {can(user!.role, "users.manage") ? (
            <a class="button" href={`${base}/users/new`}>
              新建用户
            </a>
          ) : null}
          {can(user!.role, "audit.read") ? (
            <a class="button secondary" href={`${base}/audit`}>
              查看审计日志
            </a>
          ) : null}
          <a class="button secondary" href={`/t/${tenant.slug}/`}>
            公开页面
          </a>
        </div>
      </>
    ),
  });
});
