import type { RankingView } from "../../../workers/lagging-villages/ranking.ts";
import type { RectificationSummary, RectificationView } from "../../../workers/lagging-villages/service.ts";
import { CsrfField, Field, FormErrors, SelectField, type FieldError } from "../../components/form.tsx";
import { formatFen } from "../../components/format.ts";
import {
  ASSIGNMENT_STATUS_LABELS,
  DISPATCH_ROLE_LABELS,
  label,
  LAGGING_INDICATOR_LABELS,
  RECTIFICATION_CATEGORY_LABELS,
  RECTIFICATION_MEASURE_STATUS_LABELS,
  RECTIFICATION_STATUS_LABELS,
  options,
} from "../../i18n/zh-CN.ts";
import { RecordTable } from "../../components/record-table.tsx";

type Values = Record<string, string | undefined>;
export interface FormOf {
  name: string;
  values?: Values | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}
const pct = (permille: number | null) => (permille === null ? "—" : `${(permille / 10).toFixed(1)}%`);

export function RectificationListPage(p: {
  base: string;
  csrf: string;
  year: number;
  list: { villages: number; listed: number; sharePermille: number; items: RectificationSummary[] };
  ranking: RankingView;
  canConfirm: boolean;
  form?: FormOf | undefined;
}) {
  const f = p.form?.name === "confirm" ? p.form : undefined;
  const chosen = new Set(p.ranking.indicators);
  return (
    <>
      <h1>后进村整顿</h1>
      <p class="muted">
        每年按所选指标对村排名，县级确定约 10%
        的后进村、软弱涣散村党组织进行整顿；每村制定整顿措施、选派第一书记或指导员，措施全部完成并经他人确认后销号退出。
      </p>
      <form class="inline card" method="get" action={`${p.base}/rectifications`}>
        <Field name="year" label="年度" value={p.year} maxlength={4} inputmode="numeric" />
        <fieldset>
          <legend>排名指标</legend>
          {options(LAGGING_INDICATOR_LABELS).map(([k, text]) => (
            <label class="check">
              <input type="checkbox" name="indicators" value={k} checked={chosen.has(k)} /> {text}
            </label>
          ))}
        </fieldset>
        <button type="submit" class="secondary">
          查看
        </button>
      </form>
      <h2>
        {p.year} 年整顿名单（{p.list.listed} / {p.list.villages} 个村，{pct(p.list.sharePermille)}）
      </h2>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>村</th>
              <th>类别</th>
              <th>得分</th>
              <th>选派</th>
              <th>措施</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {p.list.items.length === 0 ? (
              <tr>
                <td colspan={6} class="muted">
                  本年度尚未确定整顿名单
                </td>
              </tr>
            ) : null}
            {p.list.items.map((r) => (
              <tr>
                <td>
                  <a href={`${p.base}/rectifications/${r.id}`}>{r.villageName}</a>
                  <div class="muted">{r.townshipName}</div>
                </td>
                <td>{RECTIFICATION_CATEGORY_LABELS[r.category]}</td>
                <td>{r.score ?? "—"}</td>
                <td>
                  {r.dispatchedCadreName ? (
                    <>
                      {r.dispatchedCadreName}
                      <div class="muted">{r.dispatchRole ? DISPATCH_ROLE_LABELS[r.dispatchRole] : ""}</div>
                    </>
                  ) : (
                    <span class="badge warn">未选派</span>
                  )}
                </td>
                <td class="nowrap">
                  {r.measuresDone} / {r.measuresTotal}
                </td>
                <td>
                  <span
                    class={r.status === "exited" ? "badge ok" : r.status === "exit_requested" ? "badge warn" : "badge"}
                  >
                    {RECTIFICATION_STATUS_LABELS[r.status]}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </RecordTable>
      </div>
      <h2>村级排名（由弱到强，建议 {p.ranking.suggestedCount} 个）</h2>
      <form method="post" action={`${p.base}/rectifications`} class="stack">
        <CsrfField token={p.csrf} />
        <input type="hidden" name="year" value={String(p.year)} />
        <input type="hidden" name="indicators" value={p.ranking.indicators.join(",")} />
        <FormErrors errors={f?.errors} message={f?.message} />
        <div class="table-wrap">
          <RecordTable>
            <thead>
              <tr>
                {p.canConfirm ? <th>选择</th> : null}
                <th>村</th>
                <th>得分</th>
                <th>集体经济收入</th>
                <th>未整改问题</th>
                <th>评议满意率</th>
                <th>走访覆盖率</th>
              </tr>
            </thead>
            <tbody>
              {p.ranking.rows.map((r) => (
                <tr>
                  {p.canConfirm ? (
                    <td>
                      {r.rectificationId ? (
                        <span class="muted">已列入</span>
                      ) : (
                        <input
                          type="checkbox"
                          name="villageIds"
                          value={String(r.villageId)}
                          checked={r.suggested}
                          aria-label={`选择${r.villageName}`}
                        />
                      )}
                    </td>
                  ) : null}
                  <td>
                    {r.villageName}
                    {r.suggested ? <span class="badge warn">建议</span> : null}
                    <div class="muted">{r.townshipName}</div>
                  </td>
                  <td>{r.score}</td>
                  <td class="nowrap">{r.incomeFen === null ? "未填报" : formatFen(r.incomeFen)}</td>
                  <td>{r.openProblems}</td>
                  <td>{pct(r.satisfactionPermille)}</td>
                  <td>{pct(r.coveragePermille)}</td>
                </tr>
              ))}
            </tbody>
          </RecordTable>
        </div>
        {p.canConfirm && p.ranking.rows.length > 0 ? (
          <div class="card stack">
            <SelectField
              name="category"
              label="整顿类别"
              required
              options={options(RECTIFICATION_CATEGORY_LABELS)}
              value={f?.values?.category ?? "lagging"}
              errors={f?.errors}
            />
            <Field name="note" label="说明" value={f?.values?.note} maxlength={500} errors={f?.errors} />
            <label class="check">
              <input type="checkbox" name="acceptOverShare" value="on" /> 确认超过 10%（整顿村超过全县村数的 10%
              时须勾选）
            </label>
            <div class="actions">
              <button type="submit">确定整顿名单</button>
            </div>
          </div>
        ) : null}
      </form>
    </>
  );
}

export function RectificationDetailPage(p: {
  base: string;
  csrf: string;
  r: RectificationView;
  canManage: boolean;
  canConfirm: boolean;
  userId: number;
  cadres: { id: number; name: string }[];
  form?: FormOf | undefined;
}) {
  const r = p.r;
  const path = `${p.base}/rectifications/${r.id}`;
  const f = (name: string) => (p.form?.name === name ? p.form : undefined);
  const open = r.status === "listed";
  return (
    <>
      <p>
        <a href={`${p.base}/rectifications?year=${r.year}`}>← {r.year} 年整顿名单</a>
      </p>
      <h1>
        {r.villageName}（{RECTIFICATION_CATEGORY_LABELS[r.category]}整顿）
      </h1>
      <dl class="card">
        <dt>乡镇</dt>
        <dd>{r.townshipName}</dd>
        <dt>状态</dt>
        <dd>{RECTIFICATION_STATUS_LABELS[r.status]}</dd>
        <dt>列入原因</dt>
        <dd>{r.reason}</dd>
        <dt>选派</dt>
        <dd>
          {r.dispatchedCadreName
            ? `${r.dispatchedCadreName}（${r.dispatchRole ? DISPATCH_ROLE_LABELS[r.dispatchRole] : ""}，${r.dispatchDate}）`
            : "尚未选派"}
          {r.dispatchedAssignmentId ? (
            <>
              {" "}
              <a href={`${p.base}/assignments/${r.dispatchedAssignmentId}`}>
                驻村任务 {r.dispatchedAssignmentId}（{label(ASSIGNMENT_STATUS_LABELS, r.dispatchedAssignmentStatus)}）
              </a>
            </>
          ) : null}
        </dd>
        {r.exitNote ? (
          <>
            <dt>销号申请</dt>
            <dd>
              {r.exitNote}（{r.exitRequestedByName}）
              {r.exitConfirmedByName ? `，${r.exitConfirmedByName} 确认退出` : ""}
            </dd>
          </>
        ) : null}
      </dl>
      <h2>
        整顿措施（已完成 {r.measuresDone} / {r.measuresTotal}）
      </h2>
      <FormErrors errors={f("measure")?.errors} message={f("measure")?.message} />
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>措施</th>
              <th>责任人</th>
              <th>完成时限</th>
              <th>状态</th>
              {p.canManage && open ? <th>更新</th> : null}
            </tr>
          </thead>
          <tbody>
            {r.measures.length === 0 ? (
              <tr>
                <td colspan={5} class="muted">
                  还没有整顿措施
                </td>
              </tr>
            ) : null}
            {r.measures.map((m) => (
              <tr>
                <td>
                  {m.title}
                  {m.evidence ? <div class="muted">佐证：{m.evidence}</div> : null}
                </td>
                <td>{m.owner}</td>
                <td class="nowrap">
                  {m.dueDate}
                  {m.overdue ? <span class="badge err">逾期</span> : null}
                </td>
                <td>
                  {RECTIFICATION_MEASURE_STATUS_LABELS[m.status]}
                  {m.completedDate ? <div class="muted">{m.completedDate}</div> : null}
                </td>
                {p.canManage && open ? (
                  <td>
                    <form method="post" action={`${path}/measures/${m.id}`} class="stack">
                      <CsrfField token={p.csrf} />
                      <SelectField
                        name="status"
                        label="状态"
                        options={options(RECTIFICATION_MEASURE_STATUS_LABELS)}
                        value={m.status}
                      />
                      <Field name="evidence" label="佐证材料" value={m.evidence} maxlength={500} />
                      <Field name="completedDate" label="完成日期" type="date" value={m.completedDate} />
                      <button type="submit" class="secondary">
                        保存
                      </button>
                    </form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </RecordTable>
      </div>
      {p.canManage && open ? (
        <>
          <h2>添加整顿措施</h2>
          <form method="post" action={`${path}/measures`} class="stack card">
            <CsrfField token={p.csrf} />
            <FormErrors errors={f("add")?.errors} message={f("add")?.message} />
            <Field
              name="title"
              label="措施"
              required
              value={f("add")?.values?.title}
              maxlength={200}
              errors={f("add")?.errors}
            />
            <Field
              name="owner"
              label="责任人"
              required
              value={f("add")?.values?.owner}
              maxlength={40}
              errors={f("add")?.errors}
            />
            <Field
              name="dueDate"
              label="完成时限"
              type="date"
              required
              value={f("add")?.values?.dueDate}
              errors={f("add")?.errors}
            />
            <div class="actions">
              <button type="submit">添加</button>
            </div>
          </form>
          <h2>选派第一书记或指导员</h2>
          <p class="muted">
            选派即新建驻村任务（第一书记或工作队队员），受驻村规则约束：每村一名在岗第一书记、工作队不超过 5 人。
          </p>
          <form method="post" action={`${path}/dispatch`} class="stack card">
            <CsrfField token={p.csrf} />
            <FormErrors errors={f("dispatch")?.errors} message={f("dispatch")?.message} />
            <SelectField
              name="cadreId"
              label="干部"
              required
              blank="请选择"
              options={p.cadres.map((c) => [String(c.id), c.name] as const)}
              value={f("dispatch")?.values?.cadreId ?? (r.dispatchedCadreId ? String(r.dispatchedCadreId) : undefined)}
              errors={f("dispatch")?.errors}
            />
            <SelectField
              name="role"
              label="选派身份"
              required
              options={options(DISPATCH_ROLE_LABELS)}
              value={f("dispatch")?.values?.role ?? r.dispatchRole}
              errors={f("dispatch")?.errors}
            />
            <Field
              name="date"
              label="选派日期"
              type="date"
              required
              value={f("dispatch")?.values?.date ?? r.dispatchDate}
              errors={f("dispatch")?.errors}
            />
            <div class="actions">
              <button type="submit">保存选派</button>
            </div>
          </form>
          <h2>申请销号</h2>
          <form method="post" action={`${path}/exit-request`} class="stack card">
            <CsrfField token={p.csrf} />
            <FormErrors errors={f("exit")?.errors} message={f("exit")?.message} />
            <p class="muted">整顿措施须全部完成；销号须由申请人以外的县级人员确认。</p>
            <Field
              name="note"
              label="销号说明"
              required
              value={f("exit")?.values?.note}
              maxlength={1000}
              errors={f("exit")?.errors}
            />
            <div class="actions">
              <button type="submit" disabled={r.measuresTotal === 0 || r.measuresDone < r.measuresTotal}>
                申请销号
              </button>
            </div>
          </form>
        </>
      ) : null}
      {p.canConfirm && r.status === "exit_requested" ? (
        <form method="post" action={`${path}/exit-confirm`} class="stack card">
          <CsrfField token={p.csrf} />
          <FormErrors errors={f("confirm")?.errors} message={f("confirm")?.message} />
          {r.exitRequestedBy === p.userId ? (
            <p class="muted">您提出了销号申请，须由其他县级人员确认。</p>
          ) : (
            <div class="actions">
              <button type="submit">确认销号退出</button>
            </div>
          )}
        </form>
      ) : null}
    </>
  );
}
