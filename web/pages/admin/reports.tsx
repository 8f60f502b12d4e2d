import type { Child } from "hono/jsx";
import type { PaidLine } from "../../../workers/reports/service.ts";
import { formatFen } from "../../components/format.ts";
import { CsrfField, Field, FormErrors } from "../../components/form.tsx";
import { withQuery } from "../../components/pager.tsx";
import { MonthlyPaymentsChart, ProgramProgressChart } from "./dashboard-charts.tsx";
import { FUND_SOURCE_LABELS, PROGRAM_CATEGORY_LABELS, RECIPIENT_KIND_LABELS } from "../../i18n/zh-CN.ts";
import { RecordTable } from "../../components/record-table.tsx";

type Year = number | null | undefined;

function ReportTabs(p: { base: string; current: string; year: Year }) {
  const tabs = [
    ["programs", "按资金项目", "/reports"],
    ["villages", "按村", "/reports/villages"],
    ["households", "按农户", "/reports/households"],
    ["cadres", "干部补助", "/reports/cadres"],
  ] as const;
  return (
    <p class="actions">
      {tabs.map(([key, label, path]) =>
        key === p.current ? (
          <strong>{label}</strong>
        ) : (
          <a href={withQuery(p.base + path, { year: p.year ?? undefined })}>{label}</a>
        ),
      )}
    </p>
  );
}

function YearForm(p: { action: string; year: Year; allowAll?: boolean }) {
  return (
    <form class="inline card" method="get" action={p.action}>
      <Field
        name="year"
        label={p.allowAll ? "支付年度（留空为全部）" : "年度"}
        inputmode="numeric"
        maxlength={4}
        value={p.year ?? ""}
      />
      <button type="submit" class="secondary">
        查看
      </button>
    </form>
  );
}

export interface ProgramReportView {
  year: number;
  items: {
    programId: number;
    name: string;
    category: keyof typeof PROGRAM_CATEGORY_LABELS;
    fundSource: keyof typeof FUND_SOURCE_LABELS;
    budgetFen: number;
    committedFen: number;
    paidFen: number;
    reversedFen: number;
    availableFen: number;
    executionRate: string;
    hasBudget: boolean;
    batchCount: number;
  }[];
  totals: { budgetFen: number; committedFen: number; paidFen: number; reversedFen: number; executionRate: string };
}

export function ProgramReportPage(p: {
  base: string;
  api: string;
  r: ProgramReportView;
  months: { month: number; n: number }[];
}) {
  const r = p.r;
  return (
    <>
      <h1>资金报表</h1>
      <ReportTabs base={p.base} current="programs" year={r.year} />
      <YearForm action={`${p.base}/reports`} year={r.year} />
      <div class="tiles">
        <div class="tile">
          <b>{formatFen(r.totals.budgetFen)}</b>
          <span>{r.year} 年预算</span>
        </div>
        <div class="tile">
          <b>{formatFen(r.totals.committedFen)}</b>
          <span>已承诺</span>
        </div>
        <div class="tile">
          <b>{formatFen(r.totals.paidFen)}</b>
          <span>已支付（扣除冲正）</span>
        </div>
        <div class="tile">
          <b>{r.totals.executionRate}</b>
          <span>支出进度</span>
        </div>
      </div>
      <div class="charts">
        <ProgramProgressChart year={r.year} items={r.items} />
        <MonthlyPaymentsChart year={r.year} months={p.months} />
      </div>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>资金项目</th>
              <th>类别</th>
              <th>来源</th>
              <th class="num">预算</th>
              <th class="num">已承诺</th>
              <th class="num">已支付</th>
              <th class="num">其中冲正</th>
              <th class="num">可用</th>
              <th class="num">支出进度</th>
              <th class="num">批次</th>
            </tr>
          </thead>
          <tbody>
            {r.items.length === 0 ? (
              <tr>
                <td colspan={10} class="muted">
                  没有资金项目
                </td>
              </tr>
            ) : (
              r.items.map((i) => (
                <tr>
                  <td>
                    <a href={`${p.base}/programs/${i.programId}`}>{i.name}</a>
                  </td>
                  <td>{PROGRAM_CATEGORY_LABELS[i.category]}</td>
                  <td>{FUND_SOURCE_LABELS[i.fundSource]}</td>
                  <td class="num">{i.hasBudget ? formatFen(i.budgetFen) : <span class="muted">未下达</span>}</td>
                  <td class="num">{formatFen(i.committedFen)}</td>
                  <td class="num">{formatFen(i.paidFen)}</td>
                  <td class="num">{formatFen(i.reversedFen)}</td>
                  <td class="num">{formatFen(i.availableFen)}</td>
                  <td class="num">{i.executionRate}</td>
                  <td class="num">
                    <a href={`${p.base}/batches?programId=${i.programId}&year=${r.year}`}>{i.batchCount}</a>
                  </td>
                </tr>
              ))
            )}
            <tr>
              <td>
                <strong>合计</strong>
              </td>
              <td></td>
              <td></td>
              <td class="num">{formatFen(r.totals.budgetFen)}</td>
              <td class="num">{formatFen(r.totals.committedFen)}</td>
              <td class="num">{formatFen(r.totals.paidFen)}</td>
              <td class="num">{formatFen(r.totals.reversedFen)}</td>
              <td class="num">{formatFen(r.totals.budgetFen - r.totals.committedFen)}</td>
              <td class="num">{r.totals.executionRate}</td>
              <td></td>
            </tr>
          </tbody>
        </RecordTable>
      </div>
      <p class="actions">
        <a class="button secondary" href={`${p.api}/reports/programs/export?year=${r.year}`}>
          导出 CSV（Excel）
        </a>
      </p>
    </>
  );
}

export function VillageIndexPage(p: {
  base: string;
  year: Year;
  items: { villageId: number; code: string; name: string; townshipCode: string; lineCount: number; netFen: number }[];
}) {
  return (
    <>
      <h1>资金报表：按村</h1>
      <ReportTabs base={p.base} current="villages" year={p.year} />
      <YearForm action={`${p.base}/reports/villages`} year={p.year} allowAll />
      <div class="table-wrap">
        {/* On a phone each village is a card: its name, then code, lines and amount (table.stack.pairs). */}
        <table class="stack pairs">
          <thead>
            <tr>
              <th>村（社区）</th>
              <th>区划代码</th>
              <th class="num">笔数</th>
              <th class="num">已发放净额</th>
            </tr>
          </thead>
          <tbody>
            {p.items.length === 0 ? (
              <tr>
                <td colspan={4} class="muted">
                  没有村
                </td>
              </tr>
            ) : (
              p.items.map((v) => (
                <tr>
                  <td class="title">
                    <a href={withQuery(`${p.base}/reports/villages/${v.villageId}`, { year: p.year ?? undefined })}>
                      {v.name}
                    </a>
                  </td>
                  <td class="mono" data-label="代码">
                    {v.code}
                  </td>
                  <td class="num" data-label="笔数">
                    {v.lineCount}
                  </td>
                  <td class="num" data-label="净额">
                    {formatFen(v.netFen)}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

export interface SubjectReport {
  year: number | null;
  byProgram: {
    programId: number;
    programName: string;
    lineCount: number;
    paidFen: number;
    reversedFen: number;
    netFen: number;
  }[];
  totals: { lineCount: number; paidFen: number; reversedFen: number; netFen: number };
  lines: PaidLine[];
}

/** One village, household or cadre: totals by program, then every paid line with its reversal. */
export function SubjectReportPage(p: {
  base: string;
  title: string;
  subtitle: Child;
  current: string;
  selfPath: string;
  exportHref?: string | undefined;
  r: SubjectReport;
}) {
  const r = p.r;
  return (
    <>
      <h1>{p.title}</h1>
      <ReportTabs base={p.base} current={p.current} year={r.year} />
      <p class="muted">{p.subtitle}</p>
      <YearForm action={p.selfPath} year={r.year} allowAll />
      <h2>按资金项目合计</h2>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>资金项目</th>
              <th class="num">笔数</th>
              <th class="num">发放</th>
              <th class="num">冲正</th>
              <th class="num">净额</th>
            </tr>
          </thead>
          <tbody>
            {r.byProgram.length === 0 ? (
              <tr>
                <td colspan={5} class="muted">
                  没有已支付的资金
                </td>
              </tr>
            ) : (
              r.byProgram.map((t) => (
                <tr>
                  <td>{t.programName}</td>
                  <td class="num">{t.lineCount}</td>
                  <td class="num">{formatFen(t.paidFen)}</td>
                  <td class="num">{formatFen(t.reversedFen)}</td>
                  <td class="num">{formatFen(t.netFen)}</td>
                </tr>
              ))
            )}
            <tr>
              <td>
                <strong>合计</strong>
              </td>
              <td class="num">{r.totals.lineCount}</td>
              <td class="num">{formatFen(r.totals.paidFen)}</td>
              <td class="num">{formatFen(r.totals.reversedFen)}</td>
              <td class="num">
                <strong>{formatFen(r.totals.netFen)}</strong>
              </td>
            </tr>
          </tbody>
        </RecordTable>
      </div>
      <h2>发放明细</h2>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>支付日期</th>
              <th>资金项目</th>
              <th>对象</th>
              <th>用途</th>
              <th class="num">金额</th>
              <th class="num">净额</th>
              <th>冲正</th>
            </tr>
          </thead>
          <tbody>
            {r.lines.length === 0 ? (
              <tr>
                <td colspan={7} class="muted">
                  没有明细
                </td>
              </tr>
            ) : (
              r.lines.map((l) => (
                <tr>
                  <td class="nowrap">{l.paidDate}</td>
                  <td>
                    <a href={`${p.base}/batches/${l.batchId}`}>{l.programName}</a>
                    <br />
                    <span class="muted">{l.period}</span>
                  </td>
                  <td>
                    {l.recipientName}
                    <br />
                    <span class="muted">{RECIPIENT_KIND_LABELS[l.recipientKind]}</span>
                  </td>
                  <td>{l.purpose}</td>
                  <td class="num">{formatFen(l.amountFen)}</td>
                  <td class="num">{formatFen(l.netFen)}</td>
                  <td>
                    {l.reversedFen > 0 ? (
                      <>
                        <span class="badge err">冲正 {formatFen(l.reversedFen)}</span> {l.reversalReason}
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      {p.exportHref ? (
        <p class="actions">
          <a class="button secondary" href={p.exportHref}>
            导出 CSV（Excel）
          </a>
        </p>
      ) : null}
    </>
  );
}

export function HouseholdLookupPage(p: {
  base: string;
  csrf: string;
  error?: string | undefined;
  value?: string | undefined;
}) {
  return (
    <>
      <h1>资金报表：按农户</h1>
      <ReportTabs base={p.base} current="households" year={undefined} />
      <FormErrors message={p.error} />
      <form class="stack card" method="post" action={`${p.base}/reports/households`}>
        <CsrfField token={p.csrf} />
        <Field
          name="q"
          label="户主身份证号或农户编号"
          required
          value={p.value}
          errors={p.error ? [{ field: "q", message: p.error }] : undefined}
          autocomplete="off"
        />
        <div class="actions">
          <button type="submit">查询</button>
        </div>
      </form>
    </>
  );
}

export function CadreIndexPage(p: {
  base: string;
  api: string;
  year: Year;
  items: { cadreId: number; name: string; lineCount: number; netFen: number }[];
}) {
  return (
    <>
      <h1>资金报表：干部补助</h1>
      <ReportTabs base={p.base} current="cadres" year={p.year} />
      <YearForm action={`${p.base}/reports/cadres`} year={p.year} allowAll />
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th class="num">编号</th>
              <th>干部</th>
              <th class="num">笔数</th>
              <th class="num">领取净额</th>
            </tr>
          </thead>
          <tbody>
            {p.items.length === 0 ? (
              <tr>
                <td colspan={4} class="muted">
                  没有干部
                </td>
              </tr>
            ) : (
              p.items.map((i) => (
                <tr>
                  <td class="num">{i.cadreId}</td>
                  <td>
                    <a href={withQuery(`${p.base}/reports/cadres/${i.cadreId}`, { year: p.year ?? undefined })}>
                      {i.name}
                    </a>
                  </td>
                  <td class="num">{i.lineCount}</td>
                  <td class="num">{formatFen(i.netFen)}</td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      <p class="actions">
        <a class="button secondary" href={withQuery(`${p.api}/reports/cadres/export`, { year: p.year ?? undefined })}>
          导出 CSV（Excel）
        </a>
      </p>
    </>
  );
}
