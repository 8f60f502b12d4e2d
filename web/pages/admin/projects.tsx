import { lookupUrl, PickerField, type PickCandidate } from "../../components/picker.tsx";
import type { ProjectView } from "../../../workers/projects/service.ts";
import type { Page } from "../../../workers/lib/paging.ts";
import { formatFen, formatFenPlain } from "../../components/format.ts";
import { CsrfField, Field, FormErrors, SelectField, type FieldError } from "../../components/form.tsx";
import { Pager } from "../../components/pager.tsx";
import { FUND_SOURCE_LABELS, PROJECT_STATUS_LABELS, keysOf } from "../../i18n/zh-CN.ts";
import { RecordTable } from "../../components/record-table.tsx";

type Values = Record<string, string | undefined>;
const fundOptions = keysOf(FUND_SOURCE_LABELS).map((k) => [k, FUND_SOURCE_LABELS[k]] as const);
const statusOptions = keysOf(PROJECT_STATUS_LABELS).map((k) => [k, PROJECT_STATUS_LABELS[k]] as const);

export function ProjectListPage(p: {
  base: string;
  page: Page<ProjectView>;
  filter: { villageCode?: string | undefined; status?: string | undefined };
  canManage: boolean;
  tenantSlug: string;
}) {
  return (
    <>
      <h1>村级项目</h1>
      <p class="muted">项目及其资金在村公开页上公开；每次新建、修改都记入公开账本。</p>
      <div class="actions">
        {p.canManage ? (
          <a class="button" href={`${p.base}/projects/new`}>
            新建项目
          </a>
        ) : null}
      </div>
      <form class="inline card" method="get" action={`${p.base}/projects`}>
        <Field name="villageCode" label="村代码" value={p.filter.villageCode} maxlength={12} inputmode="numeric" />
        <SelectField name="status" label="状态" options={statusOptions} value={p.filter.status} blank="全部" />
        <button type="submit" class="secondary">
          筛选
        </button>
      </form>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>项目</th>
              <th>村</th>
              <th>资金来源</th>
              <th class="num">预算</th>
              <th class="num">已支出</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {p.page.items.length === 0 ? (
              <tr>
                <td colspan={6} class="muted">
                  没有项目
                </td>
              </tr>
            ) : null}
            {p.page.items.map((x) => (
              <tr>
                <td>
                  <a href={`${p.base}/projects/${x.id}`}>{x.name}</a>
                </td>
                <td>
                  <a href={`/t/${p.tenantSlug}/v/${x.villageCode}`}>{x.villageName}</a>
                </td>
                <td>{FUND_SOURCE_LABELS[x.fundSource]}</td>
                <td class="num">{formatFen(x.budgetFen)}</td>
                <td class="num">{formatFen(x.spentFen)}</td>
                <td>
                  <span class="badge">{PROJECT_STATUS_LABELS[x.status]}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </RecordTable>
      </div>
      <Pager path={`${p.base}/projects`} query={p.filter} page={p.page.page} size={p.page.size} total={p.page.total} />
    </>
  );
}

function ProjectFields(p: {
  values: Values;
  errors?: FieldError[] | undefined;
  withVillage: boolean;
  base?: string;
  candidates?: PickCandidate[] | undefined;
}) {
  const v = p.values;
  return (
    <>
      {p.withVillage ? (
        <PickerField
          name="villageCode"
          label="村（社区）"
          hint="输入村名或 12 位区划代码"
          required
          lookup={lookupUrl(p.base ?? "", "villages")}
          value={v.villageCode}
          errors={p.errors}
          candidates={p.candidates}
        />
      ) : null}
      <Field name="name" label="项目名称" required maxlength={80} value={v.name} errors={p.errors} />
      <Field name="description" label="说明" maxlength={1000} value={v.description} errors={p.errors} />
      <SelectField
        name="fundSource"
        label="资金来源"
        required
        options={fundOptions}
        value={v.fundSource}
        errors={p.errors}
      />
      <Field name="budget" label="预算（元）" required hint="如 350000 或 35万" value={v.budget} errors={p.errors} />
      <Field name="spent" label="已支出（元）" value={v.spent} errors={p.errors} />
      <SelectField name="status" label="状态" options={statusOptions} value={v.status ?? "planned"} errors={p.errors} />
      <Field name="startDate" label="开始日期" type="date" value={v.startDate} errors={p.errors} />
      <Field name="endDate" label="结束日期" type="date" value={v.endDate} errors={p.errors} />
    </>
  );
}

export function ProjectNewPage(p: {
  base: string;
  csrf: string;
  /** Villages matching the typed text when it named several (the picker's no-script fallback). */
  candidates?: PickCandidate[] | undefined;
  values?: Values;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  return (
    <>
      <h1>新建村级项目</h1>
      <FormErrors errors={p.errors} message={p.message} />
      <form class="stack card" method="post" action={`${p.base}/projects`}>
        <CsrfField token={p.csrf} />
        <ProjectFields values={p.values ?? {}} errors={p.errors} withVillage base={p.base} candidates={p.candidates} />
        <div class="actions">
          <button type="submit">创建并公开</button>
          <a class="button secondary" href={`${p.base}/projects`}>
            取消
          </a>
        </div>
      </form>
    </>
  );
}

export function ProjectDetailPage(p: {
  base: string;
  csrf: string;
  project: ProjectView;
  canManage: boolean;
  values?: Values | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
  tenantSlug: string;
}) {
  const x = p.project;
  const values: Values = p.values ?? {
    name: x.name,
    description: x.description ?? "",
    fundSource: x.fundSource,
    budget: formatFenPlain(x.budgetFen),
    spent: formatFenPlain(x.spentFen),
    status: x.status,
    startDate: x.startDate ?? "",
    endDate: x.endDate ?? "",
  };
  return (
    <>
      <h1>{x.name}</h1>
      <div class="card">
        <dl class="kv">
          <dt>村</dt>
          <dd>
            <a href={`/t/${p.tenantSlug}/v/${x.villageCode}`}>{x.villageName}</a>（{x.villageCode}）
          </dd>
          <dt>资金来源</dt>
          <dd>{FUND_SOURCE_LABELS[x.fundSource]}</dd>
          <dt>预算</dt>
          <dd>{formatFen(x.budgetFen)}</dd>
          <dt>已支出</dt>
          <dd>{formatFen(x.spentFen)}</dd>
          <dt>状态</dt>
          <dd>{PROJECT_STATUS_LABELS[x.status]}</dd>
          <dt>工期</dt>
          <dd>
            {x.startDate ?? "—"} 至 {x.endDate ?? "—"}
          </dd>
        </dl>
      </div>
      {p.canManage ? (
        <>
          <h2>修改（将记入公开账本）</h2>
          <FormErrors errors={p.errors} message={p.message} />
          <form class="stack card" method="post" action={`${p.base}/projects/${x.id}`}>
            <CsrfField token={p.csrf} />
            <ProjectFields values={values} errors={p.errors} withVillage={false} />
            <div class="actions">
              <button type="submit">保存</button>
            </div>
          </form>
          {x.status === "planned" ? (
            <form method="post" action={`${p.base}/projects/${x.id}/delete`} class="inline">
              <CsrfField token={p.csrf} />
              <button type="submit" class="danger">
                删除（仅计划中的项目）
              </button>
            </form>
          ) : null}
        </>
      ) : null}
      <p>
        <a href={`${p.base}/projects`}>← 返回项目列表</a>
      </p>
    </>
  );
}
