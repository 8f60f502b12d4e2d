import { formatFen } from "../../components/format.ts";
import { DashboardCharts, type DashboardChartsData } from "./dashboard-charts.tsx";
import { COVERAGE_GAP_LABELS, keysOf, ROLE_LABELS, TENANT_LEVEL_LABELS, label } from "../../i18n/zh-CN.ts";

/** What the dashboard shows; a block is null when the user's role may not see it. */
export interface DashboardData {
  /** What the user may do, decided by the permission table (workers/auth/permissions.ts). */
  may: { recordVisits: boolean; registry: boolean; users: boolean; manageUsers: boolean; audit: boolean };
  activeUsers: number | null;
  auditEntries: number | null;
  money: {
    year: number;
    budgetFen: number;
    paidFen: number;
    executionRate: string;
    noticed: number;
    openObjections: number;
  } | null;
  /** Open gaps of the coverage report, by gap key. */
  coverage: Record<keyof typeof COVERAGE_GAP_LABELS, number> | null;
  /** Figures of the charts, each null when the role may not see them. */
  charts: DashboardChartsData;
}

export interface DashboardPageProps {
  base: string;
  publicHref: string;
  tenant: { name: string; level: string; divisionCode: string };
  user: { displayName: string; role: string; townshipCode: string | null };
  data: DashboardData;
}

/** 工作台: who is signed in, the shortcuts their role uses, and the headline figures they may see. */
export function DashboardPage(p: DashboardPageProps) {
  const { base, user, data: d } = p;
  const isCadre = user.role === "cadre";
  return (
    <>
      <h1>工作台</h1>
      <p class="muted">
        {p.tenant.name}（{label(TENANT_LEVEL_LABELS, p.tenant.level)}，区划代码 {p.tenant.divisionCode}）
        <br />
        您好，{user.displayName}（{label(ROLE_LABELS, user.role)}
        {user.townshipCode ? `，所属乡镇 ${user.townshipCode}` : ""}）
      </p>
      {d.may.recordVisits || d.may.registry ? (
        <nav class="actions" aria-label="常用">
          {d.may.recordVisits ? (
            <a class={isCadre ? "button" : "button secondary"} href={`${base}/visits/new`}>
              记录走访
            </a>
          ) : null}
          {d.may.registry ? (
            <>
              <a class="button secondary" href={`${base}/pairings`}>
                {isCadre ? "我的结对" : "结对帮扶"}
              </a>
              <a class="button secondary" href={`${base}/assignments`}>
                {isCadre ? "我的驻村" : "驻村任务"}
              </a>
              <a class="button secondary" href={`${base}/visits`}>
                走访日志
              </a>
            </>
          ) : null}
        </nav>
      ) : null}
      {d.activeUsers !== null || d.auditEntries !== null ? (
        <div class="tiles">
          {d.activeUsers !== null ? (
            <a class="tile" href={`${base}/users`}>
              <b>{d.activeUsers}</b>
              <span>在用账号</span>
            </a>
          ) : null}
          {d.auditEntries !== null ? (
            <a class="tile" href={`${base}/audit`}>
              <b>{d.auditEntries}</b>
              <span>审计日志条目</span>
            </a>
          ) : null}
        </div>
      ) : null}
      {d.coverage ? <CoverageTiles base={base} totals={d.coverage} /> : null}
      {d.money ? <MoneyTiles base={base} money={d.money} /> : null}
      <DashboardCharts c={d.charts} />
      <div class="actions">
        {d.may.manageUsers ? (
          <a class="button" href={`${base}/users/new`}>
            新建用户
          </a>
        ) : null}
        {d.may.audit ? (
          <a class="button secondary" href={`${base}/audit`}>
            查看审计日志
          </a>
        ) : null}
        <a class="button secondary" href={p.publicHref}>
          公开页面
        </a>
      </div>
    </>
  );
}

function CoverageTiles(p: { base: string; totals: NonNullable<DashboardData["coverage"]> }) {
  return (
    <>
      <h2>帮扶覆盖缺口</h2>
      <div class="tiles">
        {keysOf(COVERAGE_GAP_LABELS).map((g) => (
          <a class={p.totals[g] > 0 ? "tile alert" : "tile"} href={`${p.base}/coverage?gap=${g}`}>
            <b>{p.totals[g]}</b>
            <span>{COVERAGE_GAP_LABELS[g]}</span>
          </a>
        ))}
      </div>
    </>
  );
}

function MoneyTiles(p: { base: string; money: NonNullable<DashboardData["money"]> }) {
  const m = p.money;
  return (
    <>
      <h2>{m.year} 年资金</h2>
      <div class="tiles">
        <a class="tile" href={`${p.base}/reports`}>
          <b>{formatFen(m.budgetFen)}</b>
          <span>年度预算</span>
        </a>
        <a class="tile" href={`${p.base}/reports`}>
          <b>{formatFen(m.paidFen)}</b>
          <span>已支付</span>
        </a>
        <a class="tile" href={`${p.base}/reports`}>
          <b>{m.executionRate}</b>
          <span>支出进度</span>
        </a>
        <a class="tile" href={`${p.base}/batches?status=noticed`}>
          <b>{m.noticed}</b>
          <span>公示中的批次</span>
        </a>
        <a class={m.openObjections > 0 ? "tile alert" : "tile"} href={`${p.base}/objections`}>
          <b>{m.openObjections}</b>
          <span>待答复异议</span>
        </a>
      </div>
    </>
  );
}
