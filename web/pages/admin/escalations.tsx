import type { EscalationView } from "../../../workers/escalations/service.ts";
import type { SupervisionReportView } from "../../../workers/escalations/report.ts";
import type { Page } from "../../../workers/lib/paging.ts";
import { BarChart } from "../../components/bar-chart.tsx";
import { CsrfField, Field, FilterSelect, FormErrors, SelectField, type FieldError } from "../../components/form.tsx";
import { Pager } from "../../components/pager.tsx";
import {
  ACCOUNTABILITY_OUTCOME_LABELS,
  ASSIGNMENT_ROLE_LABELS,
  ESCALATION_STEP_LABELS,
  TARGET_KIND_LABELS,
  label,
  options,
} from "../../i18n/zh-CN.ts";
import { TargetFields } from "./inspections.tsx";
import { RecordTable } from "../../components/record-table.tsx";

type Values = Record<string, string | undefined>;

export function EscalationListPage(p: {
  base: string;
  page: Page<EscalationView>;
  filter: Record<string, string | undefined>;
  canManage: boolean;
}) {
  return (
    <>
      <h1>通报约谈问责</h1>
      <p class="muted">
        一次通报、二次约谈、三次问责：同一对象一年内每有一个问题核实属实，才能进入下一环节，不能越级。
      </p>
      <div class="actions">
        {p.canManage ? (
          <a class="button" href={`${p.base}/escalations/new`}>
            查看对象阶梯并记录
          </a>
        ) : null}
        <a class="button secondary" href={`${p.base}/supervision-report`}>
          督查报表
        </a>
      </div>
      <form class="inline card" method="get" action={`${p.base}/escalations`}>
        <Field name="period" label="年度" value={p.filter.period} maxlength={4} inputmode="numeric" />
        <FilterSelect name="step" label="环节" options={options(ESCALATION_STEP_LABELS)} value={p.filter.step} />
        <FilterSelect
          name="targetKind"
          label="对象类别"
          options={options(TARGET_KIND_LABELS)}
          value={p.filter.targetKind}
        />
        <button type="submit" class="secondary">
          筛选
        </button>
      </form>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>日期</th>
              <th>对象</th>
              <th>环节</th>
              <th>内容</th>
            </tr>
          </thead>
          <tbody>
            {p.page.items.length === 0 ? (
              <tr>
                <td colspan={4} class="muted">
                  没有记录
                </td>
              </tr>
            ) : null}
            {p.page.items.map((x) => (
              <tr>
                <td class="nowrap">{x.date}</td>
                <td>
                  {x.targetName}
                  <span class="muted">（{TARGET_KIND_LABELS[x.targetKind]}）</span>
                </td>
                <td>
                  <span
                    class={x.step === "accountability" ? "badge err" : x.step === "interview" ? "badge warn" : "badge"}
                  >
                    {ESCALATION_STEP_LABELS[x.step]}
                  </span>
                  {x.outcome ? <div class="muted">{ACCOUNTABILITY_OUTCOME_LABELS[x.outcome]}</div> : null}
                </td>
                <td>{x.record}</td>
              </tr>
            ))}
          </tbody>
        </RecordTable>
      </div>
      <Pager
        path={`${p.base}/escalations`}
        query={p.filter}
        page={p.page.page}
        size={p.page.size}
        total={p.page.total}
      />
    </>
  );
}

export interface ProposalView {
  targetKind: keyof typeof TARGET_KIND_LABELS;
  targetKey: string;
  targetName: string;
  period: number;
  confirmedProblems: { id: number; date: string; description: string }[];
  steps: EscalationView[];
  nextStep: keyof typeof ESCALATION_STEP_LABELS | null;
  reason: string | null;
  activeAssignments: { id: number; villageName: string; role: string }[];
}

export function EscalationNewPage(p: {
  base: string;
  csrf: string;
  units: { id: number; name: string }[];
  query: Values;
  proposal: ProposalView | null;
  queryErrors?: FieldError[] | undefined;
  canManage: boolean;
  values?: Values;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const pr = p.proposal;
  const v = p.values ?? {};
  return (
    <>
      <h1>通报约谈问责阶梯</h1>
      <form class="stack card" method="get" action={`${p.base}/escalations/new`}>
        <TargetFields values={p.query} errors={p.queryErrors} units={p.units} />
        <Field
          name="period"
          label="年度"
          required
          maxlength={4}
          inputmode="numeric"
          value={p.query.period}
          errors={p.queryErrors}
        />
        <div class="actions">
          <button type="submit" class="secondary">
            查看阶梯
          </button>
        </div>
      </form>
      {pr ? (
        <>
          <h2>
            {pr.targetName}（{TARGET_KIND_LABELS[pr.targetKind]}）· {pr.period} 年
          </h2>
          <div class="card">
            <h3>已确认的问题（{pr.confirmedProblems.length}）</h3>
            {pr.confirmedProblems.length === 0 ? <p class="muted">没有已确认的问题</p> : null}
            <ol>
              {pr.confirmedProblems.map((x) => (
                <li>
                  {x.date} {x.description}
                </li>
              ))}
            </ol>
            <h3>已采取的环节</h3>
            {pr.steps.length === 0 ? <p class="muted">尚未通报</p> : null}
            <ol>
              {pr.steps.map((s) => (
                <li>
                  {s.date} <b>{ESCALATION_STEP_LABELS[s.step]}</b>
                  {s.outcome ? `（${ACCOUNTABILITY_OUTCOME_LABELS[s.outcome]}）` : ""}：{s.record}
                </li>
              ))}
            </ol>
          </div>
          {pr.nextStep ? (
            <div class="notice warn">
              建议下一步：<b>{ESCALATION_STEP_LABELS[pr.nextStep]}</b>
            </div>
          ) : (
            <div class="notice info">{pr.reason}</div>
          )}
          {pr.nextStep && p.canManage ? (
            <>
              <FormErrors errors={p.errors} message={p.message} />
              <form class="stack card" method="post" action={`${p.base}/escalations`}>
                <CsrfField token={p.csrf} />
                {(["targetKind", "cadreId", "unitId", "townshipCode", "villageCode"] as const).map((k) =>
                  p.query[k] ? <input type="hidden" name={k} value={p.query[k]} /> : null,
                )}
                <input type="hidden" name="period" value={String(pr.period)} />
                <input type="hidden" name="step" value={pr.nextStep} />
                <Field name="date" label="日期" type="date" required value={v.date} errors={p.errors} />
                <div>
                  <label for="f-record">
                    {pr.nextStep === "notice" ? "通报内容" : pr.nextStep === "interview" ? "约谈记录" : "问责决定"}
                    <span aria-hidden="true"> *</span>
                  </label>
                  <textarea id="f-record" name="record" rows={4} required>
                    {v.record ?? ""}
                  </textarea>
                  {p.errors?.find((e) => e.field === "record") ? (
                    <p class="field-error">{p.errors.find((e) => e.field === "record")!.message}</p>
                  ) : null}
                </div>
                {pr.nextStep === "accountability" ? (
                  <>
                    <SelectField
                      name="outcome"
                      label="问责方式"
                      required
                      options={options(ACCOUNTABILITY_OUTCOME_LABELS).filter(
                        ([k]) => k !== "recall" || pr.targetKind === "cadre",
                      )}
                      value={v.outcome}
                      blank="请选择"
                      errors={p.errors}
                    />
                    {pr.activeAssignments.length > 0 ? (
                      <SelectField
                        name="assignmentId"
                        label="召回时结束的驻村任务"
                        options={pr.activeAssignments.map(
                          (a) => [String(a.id), `${a.villageName} ${label(ASSIGNMENT_ROLE_LABELS, a.role)}`] as const,
                        )}
                        value={v.assignmentId}
                        blank="—（非召回不选）"
                        errors={p.errors}
                      />
                    ) : null}
                  </>
                ) : null}
                <div class="actions">
                  <button type="submit">记录{ESCALATION_STEP_LABELS[pr.nextStep]}</button>
                </div>
              </form>
            </>
          ) : null}
        </>
      ) : null}
    </>
  );
}

export function SupervisionReportPage(p: { base: string; report: SupervisionReportView; canOversight?: boolean }) {
  const r = p.report;
  const t = r.totals;
  const tiles: [string, number][] = [
    ["督查次数", t.inspections],
    ["确认问题", t.problems],
    ["已销号", t.closed],
    ["逾期未整改", t.overdue],
    ["通报（次）", t.notices],
    ["约谈（次）", t.interviews],
    ["问责单位（家）", t.accountableUnits],
    ["问责个人（人）", t.accountablePersons],
    ["移交纪委（人）", t.referredPersons],
  ];
  const topUnits = r.byUnit.slice(0, 10);
  return (
    <>
      <h1>督查问责报表 · {r.year} 年</h1>
      <form class="inline card" method="get" action={`${p.base}/supervision-report`}>
        <Field name="year" label="年度" value={String(r.year)} maxlength={4} inputmode="numeric" />
        <button type="submit" class="secondary">
          查看
        </button>
        <a class="button secondary" href={`${p.base}/supervision-report/export?year=${r.year}`}>
          导出 CSV
        </a>
        {p.canOversight ? (
          <a href={`${p.base}/oversight-report?year=${r.year}`}>考核监督报表（等次、问责、整改、满意率）</a>
        ) : null}
      </form>
      <div class="tiles">
        {tiles.map(([k, n]) => (
          <div class="tile">
            <b>{n}</b>
            <span>{k}</span>
          </div>
        ))}
      </div>
      <BarChart title="各乡镇确认问题数" rows={r.byTownship.map((x) => ({ label: x.name, value: x.problems }))} />
      <BarChart
        title="各乡镇通报、约谈、问责次数"
        color="#cf222e"
        rows={r.byTownship.map((x) => ({ label: x.name, value: x.notices + x.interviews + x.accountabilities }))}
      />
      <BarChart
        title="问题最多的帮扶单位（前 10）"
        color="#9a6700"
        rows={topUnits.map((x) => ({ label: x.name, value: x.problems }))}
      />
      <h2>按乡镇</h2>
      <CountsTable rows={r.byTownship} />
      <h2>按帮扶单位</h2>
      <CountsTable rows={r.byUnit} />
    </>
  );
}

type CountsRow = SupervisionReportView["byUnit"][number] | SupervisionReportView["byTownship"][number];
function CountsTable(p: { rows: CountsRow[] }) {
  const cols: [Exclude<keyof CountsRow, "name">, string][] = [
    ["inspections", "督查"],
    ["problems", "问题"],
    ["closed", "销号"],
    ["overdue", "逾期"],
    ["notices", "通报"],
    ["interviews", "约谈"],
    ["accountabilities", "问责"],
    ["referrals", "移交纪委"],
  ];
  return (
    <div class="table-wrap">
      {/* On a phone each row is a card: the name, then the counts two by two (table.stack.pairs). */}
      <table class="stack pairs">
        <thead>
          <tr>
            <th>名称</th>
            {cols.map(([, l]) => (
              <th class="num">{l}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rows.length === 0 ? (
            <tr>
              <td colspan={9} class="muted">
                没有数据
              </td>
            </tr>
          ) : null}
          {p.rows.map((row) => (
            <tr>
              <td class="title">{row.name}</td>
              {cols.map(([k, l]) => (
                <td class="num" data-label={l}>
                  {row[k]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
