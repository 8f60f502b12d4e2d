import type { BatchView } from "../../../workers/batches/queries.ts";
import { formatFen } from "../../components/format.ts";
import { CsrfField, Field, FormErrors, SelectField, type FieldError } from "../../components/form.tsx";
import { Pager, withQuery } from "../../components/pager.tsx";
import { BATCH_STATUS_LABELS, keysOf } from "../../i18n/zh-CN.ts";
import { StatusBadge } from "./programs.tsx";
import { RecordTable } from "../../components/record-table.tsx";

export interface BatchFilter {
  programId?: string | undefined;
  status?: string | undefined;
  year?: string | undefined;
}

export function BatchListPage(p: {
  base: string;
  csrf: string;
  page: { items: BatchView[]; total: number; page: number; size: number };
  programs: { id: number; name: string }[];
  filter: BatchFilter;
  canManage: boolean;
  values?: Record<string, string | undefined> | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const programOptions = p.programs.map((pr) => [String(pr.id), pr.name] as const);
  return (
    <>
      <h1>发放批次</h1>
      <form class="inline card" method="get" action={`${p.base}/batches`} role="search">
        <SelectField
          name="programId"
          label="资金项目"
          options={programOptions}
          value={p.filter.programId}
          blank="全部"
        />
        <SelectField
          name="status"
          label="状态"
          options={keysOf(BATCH_STATUS_LABELS).map((s) => [s, BATCH_STATUS_LABELS[s]] as const)}
          value={p.filter.status}
          blank="全部"
        />
        <Field name="year" label="年度" inputmode="numeric" maxlength={4} value={p.filter.year} />
        <button type="submit" class="secondary">
          筛选
        </button>
      </form>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>批次</th>
              <th>资金项目</th>
              <th>期间</th>
              <th>状态</th>
              <th>公示期</th>
              <th class="num">笔数</th>
              <th class="num">金额</th>
            </tr>
          </thead>
          <tbody>
            {p.page.items.length === 0 ? (
              <tr>
                <td colspan={7} class="muted">
                  没有符合条件的批次
                </td>
              </tr>
            ) : (
              p.page.items.map((b) => (
                <tr>
                  <td>
                    <a href={`${p.base}/batches/${b.id}`}>{b.title}</a>
                  </td>
                  <td>{b.programName}</td>
                  <td class="nowrap">{b.period}</td>
                  <td>
                    <StatusBadge status={b.status} />
                    {b.openObjections > 0 ? (
                      <>
                        {" "}
                        <span class="badge err">异议 {b.openObjections}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{b.noticeStart ? `${b.noticeStart} 至 ${b.noticeEnd}` : "—"}</td>
                  <td class="num">{b.lineCount}</td>
                  <td class="num">{formatFen(b.totalFen)}</td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      <Pager
        path={`${p.base}/batches`}
        query={{ ...p.filter }}
        page={p.page.page}
        size={p.page.size}
        total={p.page.total}
      />
      {p.canManage ? (
        <>
          <h2 id="new">新建发放批次</h2>
          <FormErrors errors={p.errors} message={p.message} />
          <form class="stack card" method="post" action={`${p.base}/batches`}>
            <CsrfField token={p.csrf} />
            <SelectField
              name="programId"
              label="资金项目"
              required
              options={programOptions}
              value={p.values?.programId ?? p.filter.programId}
              blank="请选择"
              errors={p.errors}
            />
            <Field
              name="period"
              label="期间"
              required
              hint="按月填 2026-11，按年或一次性填 2026"
              value={p.values?.period}
              errors={p.errors}
              maxlength={7}
            />
            <Field
              name="title"
              label="批次名称"
              hint="可留空，默认为 项目名称 + 期间"
              value={p.values?.title}
              errors={p.errors}
              maxlength={80}
            />
            <div class="actions">
              <button type="submit">创建草稿</button>
            </div>
          </form>
        </>
      ) : null}
      <p class="muted">
        <a href={withQuery(`${p.base}/reports`, { year: p.filter.year })}>查看资金报表 →</a>
      </p>
    </>
  );
}
