import { BarChart } from "../../components/charts.tsx";
import { formatFen, percentOf } from "../../components/format.ts";
import { HOUSEHOLD_STATUS_LABELS, keysOf, label } from "../../i18n/zh-CN.ts";

/** The dashboard's charts; each figure is null when the user's role may not see it. */
export interface DashboardChartsData {
  year: number;
  programs: { name: string; budgetFen: number; paidFen: number }[] | null;
  paymentsByMonth: { month: number; n: number }[] | null;
  gapsByTownship: { name: string; gaps: number }[] | null;
  visitsByMonth: { month: number; n: number }[] | null;
  householdsByStatus: { status: string; n: number }[] | null;
}

/** 支出进度 per program: paid (blue) over the year's budget (grey track). */
export function ProgramProgressChart(p: {
  year: number;
  items: { name: string; budgetFen: number; paidFen: number }[];
}) {
  return (
    <BarChart
      id="chart-program-progress"
      title={`${p.year} 年各资金项目支出进度`}
      desc="每个资金项目一行：蓝色为已支付金额，灰色为年度预算，右侧为支出进度。"
      columns={["资金项目", "支出进度", "已支付 / 预算"]}
      empty="本年度尚无资金项目"
      data={p.items.map((i) => ({
        label: i.name,
        value: i.paidFen,
        display: percentOf(i.paidFen, i.budgetFen),
        total: i.budgetFen,
        totalDisplay: `${formatFen(i.paidFen)} / ${formatFen(i.budgetFen)}`,
      }))}
    />
  );
}

/** Net payments per month of the year. */
export function MonthlyPaymentsChart(p: { year: number; months: { month: number; n: number }[] }) {
  return (
    <BarChart
      id="chart-monthly-payments"
      title={`${p.year} 年每月支付金额`}
      desc="每月一行，按支付日期汇总已支付金额（已扣除冲正）。"
      columns={["月份", "已支付（扣除冲正）"]}
      data={p.months.map((m) => ({ label: `${m.month}月`, value: m.n, display: formatFen(m.n) }))}
    />
  );
}

export function DashboardCharts(p: { c: DashboardChartsData }) {
  const c = p.c;
  const any = c.programs || c.paymentsByMonth || c.gapsByTownship || c.visitsByMonth || c.householdsByStatus;
  if (!any) return null;
  return (
    <>
      <h2>图表</h2>
      <div class="charts">
        {c.programs ? <ProgramProgressChart year={c.year} items={c.programs} /> : null}
        {c.paymentsByMonth ? <MonthlyPaymentsChart year={c.year} months={c.paymentsByMonth} /> : null}
        {c.gapsByTownship ? (
          <BarChart
            id="chart-gaps-by-township"
            title="各乡镇帮扶覆盖缺口"
            desc="每个乡镇一行：覆盖情况报告中各类缺口的合计数，越长越需要关注。"
            columns={["乡镇", "缺口合计"]}
            empty="没有乡镇"
            data={c.gapsByTownship.map((t) => ({ label: t.name, value: t.gaps, display: `${t.gaps} 项` }))}
          />
        ) : null}
        {c.visitsByMonth ? (
          <BarChart
            id="chart-visits-by-month"
            title={`${c.year} 年每月走访次数`}
            desc="每月一行：记录在走访日志中的走访次数（您可查看的范围）。"
            columns={["月份", "走访次数"]}
            data={c.visitsByMonth.map((m) => ({ label: `${m.month}月`, value: m.n, display: `${m.n} 次` }))}
          />
        ) : null}
        {c.householdsByStatus ? <HouseholdStatusChart rows={c.householdsByStatus} /> : null}
      </div>
    </>
  );
}

/** Households by status, in the dictionary's order, every status present (zero included). */
export function HouseholdStatusChart(p: { rows: { status: string; n: number }[]; id?: string; title?: string }) {
  const by = new Map(p.rows.map((r) => [r.status, r.n]));
  return (
    <BarChart
      id={p.id ?? "chart-households-by-status"}
      title={p.title ?? "农户按状态"}
      desc="每种户状态一行：处于该状态的农户数（您可查看的范围）。"
      columns={["户状态", "户数"]}
      data={keysOf(HOUSEHOLD_STATUS_LABELS).map((s) => ({
        label: label(HOUSEHOLD_STATUS_LABELS, s),
        value: by.get(s) ?? 0,
        display: `${by.get(s) ?? 0} 户`,
      }))}
    />
  );
}
