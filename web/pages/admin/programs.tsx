import type { ProgramBatchView } from "../../../workers/programs/service.ts";
import { formatFen, formatFenPlain } from "../../components/format.ts";
import { CsrfField, errorFor, Field, FormErrors, SelectField, type FieldError } from "../../components/form.tsx";
import {
  BATCH_STATUS_LABELS,
  FUND_SOURCE_LABELS,
  PROGRAM_CATEGORY_LABELS,
  RECIPIENT_KIND_LABELS,
  RULE_KIND_LABELS,
  keysOf,
} from "../../i18n/zh-CN.ts";
import { RecordTable } from "../../components/record-table.tsx";

export interface BudgetLine {
  year: number;
  budgetFen: number;
  committedFen: number;
  paidFen: number;
  availableFen: number;
  executionRate: string;
}

export interface ProgramItem {
  id: number;
  name: string;
  category: keyof typeof PROGRAM_CATEGORY_LABELS;
  fundSource: keyof typeof FUND_SOURCE_LABELS;
  recipientKind: keyof typeof RECIPIENT_KIND_LABELS;
  ruleKind: keyof typeof RULE_KIND_LABELS;
  ruleAmountFen: number | null;
  honourUpliftPct: number;
  noticeDays: number;
  allowRepeat: boolean;
  notes: string | null;
  budgets: BudgetLine[];
}

type Values = Record<string, string | undefined>;
const opts = <K extends string>(keys: readonly K[], labels: Record<K, string>) =>
  keys.map((k) => [k, labels[k]] as const);

/** "500 元/月", "100 元/天", "3,000 元/人", "1,000 元/任职满一年" (离任补助), "逐笔填写". */
export function ruleText(p: Pick<ProgramItem, "ruleKind" | "ruleAmountFen" | "honourUpliftPct">): string {
  const amount = p.ruleAmountFen == null ? "" : formatFen(p.ruleAmountFen);
  const base =
    p.ruleKind === "per_month"
      ? `${amount}/月`
      : p.ruleKind === "per_resident_day"
        ? `${amount}/天`
        : p.ruleKind === "fixed_per_recipient"
          ? `${amount}/人`
          : p.ruleKind === "per_year_served"
            ? `${amount}/任职满一年`
            : "逐笔填写金额";
  return p.honourUpliftPct > 0 ? `${base}（受表彰者上浮 ${p.honourUpliftPct}%）` : base;
}

/** Called as a function, not as <BudgetCells/>: RecordTable labels the cells it can see for phones. */
function BudgetCells(p: { b: BudgetLine | undefined }) {
  if (!p.b)
    return (
      <>
        <td class="num muted">未下达</td>
        <td class="num">—</td>
        <td class="num">—</td>
        <td class="num">—</td>
      </>
    );
  return (
    <>
      <td class="num">{formatFen(p.b.budgetFen)}</td>
      <td class="num">{formatFen(p.b.committedFen)}</td>
      <td class="num">{formatFen(p.b.paidFen)}</td>
      <td class="num">{p.b.executionRate}</td>
    </>
  );
}

export function ProgramListPage(p: {
  base: string;
  csrf: string;
  year: number;
  programs: ProgramItem[];
  canManage: boolean;
  values?: Values | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  return (
    <>
      <h1>资金项目</h1>
      <p class="muted">{p.year} 年度预算执行情况（金额单位：元）。</p>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>项目</th>
              <th>类别</th>
              <th>资金来源</th>
              <th>标准</th>
              <th class="num">{p.year} 年预算</th>
              <th class="num">已承诺</th>
              <th class="num">已支付</th>
              <th class="num">支出进度</th>
            </tr>
          </thead>
          <tbody>
            {p.programs.length === 0 ? (
              <tr>
                <td colspan={8} class="muted">
                  还没有资金项目
                </td>
              </tr>
            ) : (
              p.programs.map((pr) => (
                <tr>
                  <td>
                    <a href={`${p.base}/programs/${pr.id}`}>{pr.name}</a>
                  </td>
                  <td>{PROGRAM_CATEGORY_LABELS[pr.category]}</td>
                  <td>{FUND_SOURCE_LABELS[pr.fundSource]}</td>
                  <td>{ruleText(pr)}</td>
                  {BudgetCells({ b: pr.budgets.find((b) => b.year === p.year) })}
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      {p.canManage ? (
        <>
          <h2 id="new">新建资金项目</h2>
          <FormErrors errors={p.errors} message={p.message} />
          <form class="stack card" method="post" action={`${p.base}/programs`}>
            <CsrfField token={p.csrf} />
            <ProgramFields values={p.values ?? {}} errors={p.errors} />
            <div class="actions">
              <button type="submit">创建</button>
            </div>
          </form>
        </>
      ) : null}
    </>
  );
}

function ProgramFields(p: { values: Values; errors?: FieldError[] | undefined }) {
  const v = p.values;
  const repeatErr = errorFor(p.errors, "allowRepeat");
  return (
    <>
      <Field
        name="name"
        label="项目名称"
        required
        value={v.name}
        errors={p.errors}
        maxlength={80}
        hint="如 第一书记生活补助"
      />
      <SelectField
        name="category"
        label="资金类别"
        required
        options={opts(keysOf(PROGRAM_CATEGORY_LABELS), PROGRAM_CATEGORY_LABELS)}
        value={v.category}
        blank="请选择"
        errors={p.errors}
      />
      <SelectField
        name="fundSource"
        label="资金来源"
        required
        options={opts(keysOf(FUND_SOURCE_LABELS), FUND_SOURCE_LABELS)}
        value={v.fundSource}
        blank="请选择"
        errors={p.errors}
      />
      <SelectField
        name="recipientKind"
        label="发放对象"
        required
        options={opts(
          keysOf(RECIPIENT_KIND_LABELS).filter((k) => k !== "project"),
          RECIPIENT_KIND_LABELS,
        )}
        value={v.recipientKind}
        blank="请选择"
        errors={p.errors}
      />
      <SelectField
        name="ruleKind"
        label="金额规则"
        required
        options={opts(keysOf(RULE_KIND_LABELS), RULE_KIND_LABELS)}
        value={v.ruleKind}
        blank="请选择"
        errors={p.errors}
      />
      <Field
        name="ruleAmount"
        label="标准金额（元）"
        hint="按月/按天/每人固定时填写，如 500 或 0.9万；逐笔填写时留空"
        value={v.ruleAmount}
        errors={p.errors}
        inputmode="decimal"
      />
      <Field
        name="honourUpliftPct"
        label="受表彰者上浮（%）"
        hint="如 20；无则填 0"
        value={v.honourUpliftPct ?? "0"}
        errors={p.errors}
        inputmode="numeric"
        maxlength={3}
      />
      <Field
        name="noticeDays"
        label="公示天数"
        value={v.noticeDays ?? "7"}
        errors={p.errors}
        inputmode="numeric"
        maxlength={2}
      />
      <div>
        <label>
          <input type="checkbox" name="allowRepeat" value="1" checked={v.allowRepeat === "1"} /> 同一对象每期可多次发放
        </label>
        {repeatErr ? <p class="field-error">{repeatErr}</p> : null}
      </div>
      <Field name="notes" label="备注" value={v.notes} errors={p.errors} maxlength={500} />
    </>
  );
}

export function ProgramDetailPage(p: {
  base: string;
  csrf: string;
  program: ProgramItem;
  batches: ProgramBatchView[];
  year: number;
  canManage: boolean;
  values?: Values | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const pr = p.program;
  return (
    <>
      <h1>{pr.name}</h1>
      <div class="card">
        <dl class="kv">
          <dt>资金类别</dt>
          <dd>{PROGRAM_CATEGORY_LABELS[pr.category]}</dd>
          <dt>资金来源</dt>
          <dd>{FUND_SOURCE_LABELS[pr.fundSource]}</dd>
          <dt>发放对象</dt>
          <dd>{RECIPIENT_KIND_LABELS[pr.recipientKind]}</dd>
          <dt>金额规则</dt>
          <dd>
            {RULE_KIND_LABELS[pr.ruleKind]}：{ruleText(pr)}
          </dd>
          {pr.recipientKind === "village_official" ? (
            <>
              <dt>岗位标准</dt>
              <dd>
                <a href={`${p.base}/village-official-pay-rates/${pr.id}`}>按职务查看 / 调整标准与表彰上浮</a>
              </dd>
            </>
          ) : null}
          <dt>公示天数</dt>
          <dd>{pr.noticeDays} 天</dd>
          <dt>每期发放</dt>
          <dd>{pr.allowRepeat ? "同一对象可多次" : "同一对象每期一次"}</dd>
          <dt>备注</dt>
          <dd>{pr.notes ?? "—"}</dd>
        </dl>
      </div>
      <h2>年度预算</h2>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>年度</th>
              <th class="num">预算</th>
              <th class="num">已承诺</th>
              <th class="num">已支付</th>
              <th class="num">支出进度</th>
              <th class="num">可用</th>
            </tr>
          </thead>
          <tbody>
            {pr.budgets.length === 0 ? (
              <tr>
                <td colspan={6} class="muted">
                  尚未下达预算
                </td>
              </tr>
            ) : (
              pr.budgets.map((b) => (
                <tr>
                  <td>{b.year}</td>
                  {BudgetCells({ b })}
                  <td class="num">{formatFen(b.availableFen)}</td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      {p.canManage ? (
        <form class="inline card" method="post" action={`${p.base}/programs/${pr.id}/budgets`}>
          <CsrfField token={p.csrf} />
          <FormErrors errors={p.errors} message={p.message} />
          <Field
            name="year"
            label="年度"
            required
            inputmode="numeric"
            maxlength={4}
            value={p.values?.year ?? String(p.year)}
            errors={p.errors}
          />
          <Field
            name="budget"
            label="预算（元）"
            required
            hint="如 1000000 或 100万"
            inputmode="decimal"
            value={
              p.values?.budget ??
              (pr.budgets.find((b) => b.year === p.year)
                ? formatFenPlain(pr.budgets.find((b) => b.year === p.year)!.budgetFen)
                : "")
            }
            errors={p.errors}
          />
          <button type="submit">下达 / 调整预算</button>
        </form>
      ) : null}
      <h2>发放批次</h2>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>批次</th>
              <th>期间</th>
              <th>状态</th>
              <th class="num">笔数</th>
              <th class="num">金额</th>
            </tr>
          </thead>
          <tbody>
            {p.batches.length === 0 ? (
              <tr>
                <td colspan={5} class="muted">
                  还没有批次
                </td>
              </tr>
            ) : (
              p.batches.map((b) => (
                <tr>
                  <td>
                    <a href={`${p.base}/batches/${b.id}`}>{b.title}</a>
                  </td>
                  <td class="nowrap">{b.period}</td>
                  <td>
                    <StatusBadge status={b.status} />
                  </td>
                  <td class="num">{b.lineCount}</td>
                  <td class="num">{formatFen(b.totalFen)}</td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      <p class="actions">
        <a class="button secondary" href={`${p.base}/batches?programId=${pr.id}#new`}>
          新建本项目批次
        </a>
        <a href={`${p.base}/programs`}>← 返回资金项目</a>
      </p>
    </>
  );
}

const STATUS_CLASS: Record<string, string> = {
  draft: "badge",
  noticed: "badge warn",
  approved: "badge warn",
  paid: "badge ok",
  closed: "badge ok",
  cancelled: "badge err",
};
export function StatusBadge(p: { status: keyof typeof BATCH_STATUS_LABELS }) {
  return <span class={STATUS_CLASS[p.status] ?? "badge"}>{BATCH_STATUS_LABELS[p.status]}</span>;
}
