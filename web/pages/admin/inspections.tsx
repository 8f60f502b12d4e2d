import type { InspectionDetailView, InspectionView, ProblemView } from "../../../workers/inspections/service.ts";
import type { Page } from "../../../workers/lib/paging.ts";
import { CsrfField, Field, FilterSelect, FormErrors, SelectField, type FieldError } from "../../components/form.tsx";
import { Pager } from "../../components/pager.tsx";
import { INSPECTION_KIND_LABELS, PROBLEM_STATUS_LABELS, TARGET_KIND_LABELS, options } from "../../i18n/zh-CN.ts";
import type { FailedForm } from "./letters.tsx";
import { RecordTable } from "../../components/record-table.tsx";

type Values = Record<string, string | undefined>;

const problemBadge = (p: ProblemView) =>
  p.status === "closed" || p.status === "dismissed"
    ? "badge ok"
    : p.overdue
      ? "badge err"
      : p.status === "rectified"
        ? "badge warn"
        : "badge";

export function InspectionListPage(p: {
  base: string;
  page: Page<InspectionView>;
  filter: Record<string, string | undefined>;
  canManage: boolean;
}) {
  return (
    <>
      <h1>督查整改</h1>
      <p class="muted">电话抽查、随机检查、实地督查（明察暗访）和交叉督查；问题经核实后限期整改、审核销号。</p>
      <div class="actions">
        {p.canManage ? (
          <a class="button" href={`${p.base}/inspections/new`}>
            登记督查
          </a>
        ) : null}
        <a class="button secondary" href={`${p.base}/problems`}>
          整改台账
        </a>
      </div>
      <form class="inline card" method="get" action={`${p.base}/inspections`}>
        <FilterSelect name="kind" label="督查方式" options={options(INSPECTION_KIND_LABELS)} value={p.filter.kind} />
        <FilterSelect
          name="targetKind"
          label="对象类别"
          options={options(TARGET_KIND_LABELS)}
          value={p.filter.targetKind}
        />
        <Field name="year" label="年度" value={p.filter.year} maxlength={4} inputmode="numeric" />
        <button type="submit" class="secondary">
          筛选
        </button>
      </form>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>日期</th>
              <th>方式</th>
              <th>对象</th>
              <th>督查组</th>
              <th class="num">问题（未销号）</th>
            </tr>
          </thead>
          <tbody>
            {p.page.items.length === 0 ? (
              <tr>
                <td colspan={5} class="muted">
                  没有督查记录
                </td>
              </tr>
            ) : null}
            {p.page.items.map((x) => (
              <tr>
                <td class="nowrap">
                  <a href={`${p.base}/inspections/${x.id}`}>{x.date}</a>
                </td>
                <td>{INSPECTION_KIND_LABELS[x.kind]}</td>
                <td>
                  {x.targetName}
                  <span class="muted">（{TARGET_KIND_LABELS[x.targetKind]}）</span>
                </td>
                <td>
                  {x.groupName ?? "—"}
                  {x.round ? `·第${x.round}轮` : ""}
                </td>
                <td class="num">
                  {x.problemCount}（{x.openCount}）
                </td>
              </tr>
            ))}
          </tbody>
        </RecordTable>
      </div>
      <Pager
        path={`${p.base}/inspections`}
        query={p.filter}
        page={p.page.page}
        size={p.page.size}
        total={p.page.total}
      />
    </>
  );
}

/** The target fields: the kind and the one field that kind needs (the service says which is missing). */
export function TargetFields(p: {
  values: Values;
  errors?: FieldError[] | undefined;
  units: { id: number; name: string }[];
}) {
  const v = p.values;
  return (
    <fieldset>
      <legend>对象（按类别填写其中一项）</legend>
      <SelectField
        name="targetKind"
        label="对象类别"
        required
        options={options(TARGET_KIND_LABELS)}
        value={v.targetKind}
        blank="请选择"
        errors={p.errors}
      />
      <Field name="cadreId" label="干部编号（对象为干部时）" inputmode="numeric" value={v.cadreId} errors={p.errors} />
      <Field
        name="villageCode"
        label="村代码（对象为村或驻村工作队时）"
        maxlength={12}
        inputmode="numeric"
        value={v.villageCode}
        errors={p.errors}
      />
      <Field
        name="townshipCode"
        label="乡镇代码（对象为乡镇时）"
        maxlength={9}
        inputmode="numeric"
        value={v.townshipCode}
        errors={p.errors}
      />
      <SelectField
        name="unitId"
        label="帮扶单位（对象为单位时）"
        options={p.units.map((u) => [String(u.id), u.name] as const)}
        value={v.unitId}
        blank="—"
        errors={p.errors}
      />
    </fieldset>
  );
}

export function InspectionNewPage(p: {
  base: string;
  csrf: string;
  units: { id: number; name: string }[];
  values?: Values;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const v = p.values ?? {};
  return (
    <>
      <h1>登记督查</h1>
      <FormErrors errors={p.errors} message={p.message} />
      <form class="stack card" method="post" action={`${p.base}/inspections`}>
        <CsrfField token={p.csrf} />
        <SelectField
          name="kind"
          label="督查方式"
          required
          options={options(INSPECTION_KIND_LABELS)}
          value={v.kind}
          blank="请选择"
          errors={p.errors}
        />
        <Field name="date" label="督查日期" type="date" required value={v.date} errors={p.errors} />
        <Field
          name="groupName"
          label="督查组"
          hint="如 第一督查组"
          maxlength={40}
          value={v.groupName}
          errors={p.errors}
        />
        <Field name="round" label="轮次" inputmode="numeric" maxlength={2} value={v.round} errors={p.errors} />
        <TargetFields values={v} errors={p.errors} units={p.units} />
        <div>
          <label for="f-findings">
            督查发现<span aria-hidden="true"> *</span>
          </label>
          <textarea id="f-findings" name="findings" rows={4} required>
            {v.findings ?? ""}
          </textarea>
          {p.errors?.find((e) => e.field === "findings") ? (
            <p class="field-error">{p.errors.find((e) => e.field === "findings")!.message}</p>
          ) : null}
        </div>
        <fieldset>
          <legend>发现的问题（可在详情页继续添加）</legend>
          <Field name="problem" label="问题描述" maxlength={500} value={v.problem} errors={p.errors} />
          <Field name="deadline" label="整改时限" type="date" value={v.deadline} errors={p.errors} />
        </fieldset>
        <div class="actions">
          <button type="submit">登记</button>
          <a class="button secondary" href={`${p.base}/inspections`}>
            取消
          </a>
        </div>
      </form>
    </>
  );
}

function ProblemCard(p: {
  base: string;
  csrf: string;
  problem: ProblemView;
  can: { manage: boolean; rectify: boolean };
  userId: number;
  failed?: FailedForm | undefined;
}) {
  const x = p.problem;
  const mine = p.failed?.form === `problem-${x.id}`;
  const errs = mine ? p.failed!.errors : undefined;
  const val = (k: string) => (mine ? p.failed!.values[k] : undefined);
  return (
    <section class="card" id={`problem-${x.id}`}>
      <p>
        <span class={problemBadge(x)}>{x.overdue ? "逾期未整改" : PROBLEM_STATUS_LABELS[x.status]}</span>{" "}
        {x.description}
      </p>
      <dl class="kv">
        <dt>整改时限</dt>
        <dd>{x.deadline}</dd>
        {x.decisionNote ? (
          <>
            <dt>核实说明</dt>
            <dd>{x.decisionNote}</dd>
          </>
        ) : null}
        {x.rectification ? (
          <>
            <dt>整改情况</dt>
            <dd>
              {x.rectification}（{x.rectifiedDate}）
            </dd>
            <dt>佐证材料</dt>
            <dd>{x.evidence}</dd>
          </>
        ) : null}
        {x.signOffNote ? (
          <>
            <dt>审核意见</dt>
            <dd>{x.signOffNote}</dd>
          </>
        ) : null}
      </dl>
      {mine ? <FormErrors errors={errs} message={p.failed!.message} /> : null}
      {x.status === "open" && p.can.manage ? (
        <form class="stack" method="post" action={`${p.base}/problems/${x.id}/decision`}>
          <CsrfField token={p.csrf} />
          <SelectField
            name="decision"
            label="核实结论"
            required
            options={[
              ["confirmed", "属实（计入通报约谈问责）"],
              ["dismissed", "不成立"],
            ]}
            value={val("decision")}
            errors={errs}
          />
          <Field name="note" label="说明（不成立时必填）" maxlength={500} value={val("note")} errors={errs} />
          <div class="actions">
            <button type="submit" class="secondary">
              核实
            </button>
          </div>
        </form>
      ) : null}
      {x.status === "confirmed" && p.can.rectify ? (
        <form class="stack" method="post" action={`${p.base}/problems/${x.id}/rectification`}>
          <CsrfField token={p.csrf} />
          <Field
            name="rectification"
            label="整改情况"
            required
            maxlength={1000}
            value={val("rectification")}
            errors={errs}
          />
          <Field name="evidence" label="佐证材料" required maxlength={500} value={val("evidence")} errors={errs} />
          <Field name="date" label="整改完成日期" type="date" required value={val("date")} errors={errs} />
          <div class="actions">
            <button type="submit" class="secondary">
              提交整改
            </button>
          </div>
        </form>
      ) : null}
      {x.status === "rectified" && p.can.manage ? (
        x.rectifiedBy === p.userId ? (
          <p class="muted">整改由您本人提交，须由其他人员审核销号。</p>
        ) : (
          <form class="stack" method="post" action={`${p.base}/problems/${x.id}/sign-off`}>
            <CsrfField token={p.csrf} />
            <SelectField
              name="decision"
              label="审核"
              required
              options={[
                ["accept", "整改到位，销号"],
                ["return", "退回重新整改"],
              ]}
              value={val("decision")}
              errors={errs}
            />
            <Field name="note" label="审核意见（退回时必填）" maxlength={500} value={val("note")} errors={errs} />
            <div class="actions">
              <button type="submit" class="secondary">
                提交审核
              </button>
            </div>
          </form>
        )
      ) : null}
    </section>
  );
}

export function InspectionDetailPage(p: {
  base: string;
  csrf: string;
  inspection: InspectionDetailView;
  can: { manage: boolean; rectify: boolean; escalate: boolean };
  userId: number;
  failed?: FailedForm | undefined;
}) {
  const x = p.inspection;
  const f = p.failed;
  const targetQuery = new URLSearchParams({ target: x.targetKey, period: x.date.slice(0, 4) }).toString();
  return (
    <>
      <h1>
        {x.date} {INSPECTION_KIND_LABELS[x.kind]}
      </h1>
      <div class="card">
        <dl class="kv">
          <dt>对象</dt>
          <dd>
            {x.targetName}（{TARGET_KIND_LABELS[x.targetKind]}）
          </dd>
          <dt>督查组</dt>
          <dd>
            {x.groupName ?? "—"}
            {x.round ? ` 第${x.round}轮` : ""}
          </dd>
          <dt>督查发现</dt>
          <dd class="text">{x.findings}</dd>
        </dl>
      </div>
      {p.can.escalate ? (
        <div class="actions">
          <a class="button secondary" href={`${p.base}/escalations/new?${targetQuery}`}>
            查看该对象的通报约谈问责阶梯
          </a>
        </div>
      ) : null}
      <h2>问题与整改（{x.problems.length}）</h2>
      {x.problems.length === 0 ? <p class="muted">未发现问题</p> : null}
      {x.problems.map((pr) => (
        <ProblemCard base={p.base} csrf={p.csrf} problem={pr} can={p.can} userId={p.userId} failed={f} />
      ))}
      {p.can.manage ? (
        <>
          <h2>添加问题</h2>
          {f?.form === "problem" ? <FormErrors errors={f.errors} message={f.message} /> : null}
          <form class="stack card" method="post" action={`${p.base}/inspections/${x.id}/problems`}>
            <CsrfField token={p.csrf} />
            <Field
              name="description"
              label="问题描述"
              required
              maxlength={500}
              value={f?.form === "problem" ? f.values.description : ""}
              errors={f?.form === "problem" ? f.errors : undefined}
            />
            <Field
              name="deadline"
              label="整改时限"
              type="date"
              required
              value={f?.form === "problem" ? f.values.deadline : ""}
              errors={f?.form === "problem" ? f.errors : undefined}
            />
            <div class="actions">
              <button type="submit">添加</button>
            </div>
          </form>
        </>
      ) : null}
      <p>
        <a href={`${p.base}/inspections`}>← 返回督查列表</a>
      </p>
    </>
  );
}

export function ProblemListPage(p: {
  base: string;
  page: Page<ProblemView>;
  filter: Record<string, string | undefined>;
}) {
  return (
    <>
      <h1>整改台账</h1>
      <form class="inline card" method="get" action={`${p.base}/problems`}>
        <FilterSelect name="status" label="状态" options={options(PROBLEM_STATUS_LABELS)} value={p.filter.status} />
        <FilterSelect name="overdue" label="逾期" options={[["1", "只看逾期未整改"]]} value={p.filter.overdue} />
        <button type="submit" class="secondary">
          筛选
        </button>
      </form>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>问题</th>
              <th>对象</th>
              <th>整改时限</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {p.page.items.length === 0 ? (
              <tr>
                <td colspan={4} class="muted">
                  没有问题
                </td>
              </tr>
            ) : null}
            {p.page.items.map((x) => (
              <tr>
                <td>
                  <a href={`${p.base}/inspections/${x.inspectionId}#problem-${x.id}`}>{x.description}</a>
                </td>
                <td>{x.targetName}</td>
                <td class="nowrap">{x.deadline}</td>
                <td>
                  <span class={problemBadge(x)}>{x.overdue ? "逾期未整改" : PROBLEM_STATUS_LABELS[x.status]}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </RecordTable>
      </div>
      <Pager path={`${p.base}/problems`} query={p.filter} page={p.page.page} size={p.page.size} total={p.page.total} />
    </>
  );
}
