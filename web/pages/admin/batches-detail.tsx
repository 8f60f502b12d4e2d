import type { BatchView } from "../../../workers/batches/queries.ts";
import type { ReconcileResult } from "../../../workers/batches/reconcile.ts";
import { CsrfField, errorFor, Field, FormErrors, SelectField, type FieldError } from "../../components/form.tsx";
import { Pager } from "../../components/pager.tsx";
import { lookupUrl, PickerField, type PickCandidate } from "../../components/picker.tsx";
import { formatTime, formatFen } from "../../components/format.ts";
import { GENERATE_SOURCE_LABELS, LINE_STATUS_LABELS, RECIPIENT_KIND_LABELS } from "../../i18n/zh-CN.ts";
import { ruleText, StatusBadge, type BudgetLine, type ProgramItem } from "./programs.tsx";
import { RecordTable } from "../../components/record-table.tsx";

export interface LineItem {
  id: number;
  recipientKind: keyof typeof RECIPIENT_KIND_LABELS;
  recipientId: number;
  recipientName: string;
  amountFen: number;
  purpose: string;
  quantity: number | null;
  honoured: boolean;
  daysConfirmedBy?: string | null;
  daysConfirmedAt?: number | null;
  status: keyof typeof LINE_STATUS_LABELS;
  paidDate: string | null;
  bankRef: string | null;
  failReason: string | null;
  repaysLineId: number | null;
  reversed: { amountFen: number; reason: string; at: number } | null;
}

export type BatchForm = "line" | "generate" | "pay" | "reverse" | "reconcile" | "import" | "action";

export interface BatchDetailProps {
  base: string;
  csrf: string;
  batch: BatchView;
  program: ProgramItem;
  budget: BudgetLine | undefined;
  lines: { items: LineItem[]; total: number; page: number; size: number };
  lineStatus?: string | undefined;
  can: { manage: boolean; approve: boolean; pay: boolean };
  /** Why approval is not possible yet (empty: it is). */
  approvalBlockers: string[];
  /** Maker-checker: why this user may not approve / register the payment (null: they may). */
  approveRefusal?: string | null | undefined;
  payRefusal?: string | null | undefined;
  /** Which lookup the recipient picker searches (null: the program's recipients are not picked one by one). */
  recipientLookup: keyof typeof PICK_HINT | null;
  /** Matches of a typed recipient that was not one record (the picker's no-script fallback). */
  candidates?: PickCandidate[] | undefined;
  form?: BatchForm | undefined;
  values?: Record<string, string | undefined> | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
  reverseLineId?: number | undefined;
  reconcile?: ReconcileResult | undefined;
}

const PICK_HINT = {
  households: "输入户主姓名、户编号或身份证号后四位",
  cadres: "输入干部姓名或编号",
  villages: "输入村名或 12 位区划代码",
  "party-members": "输入党员姓名、编号或户主身份证号后四位",
  "village-officials": "输入村干部姓名、编号或身份证号后四位",
} as const;

const LINE_BADGE = { pending: "badge", paid: "badge ok", failed: "badge err" } as const;
const OUTCOME = {
  paid: ["badge ok", "已支付"],
  failed: ["badge err", "失败"],
  skipped: ["badge warn", "未处理"],
  error: ["badge err", "有误"],
} as const;

function ActionButton(p: {
  base: string;
  csrf: string;
  batchId: number;
  action: string;
  label: string;
  secondary?: boolean;
  danger?: boolean;
}) {
  return (
    <form method="post" action={`${p.base}/batches/${p.batchId}/${p.action}`}>
      <CsrfField token={p.csrf} />
      <button type="submit" class={p.danger ? "danger" : p.secondary ? "secondary" : undefined}>
        {p.label}
      </button>
    </form>
  );
}

export function BatchDetailPage(p: BatchDetailProps) {
  const b = p.batch;
  const pr = p.program;
  const errs = (f: BatchForm) => (p.form === f ? p.errors : undefined);
  const vals = (f: BatchForm) => (p.form === f ? (p.values ?? {}) : {});
  const formErrors = (f: BatchForm) => (p.form === f ? <FormErrors errors={p.errors} message={p.message} /> : null);
  const path = `${p.base}/batches/${b.id}`;
  const needsQuantity = pr.ruleKind === "per_resident_day" || pr.ruleKind === "per_month";
  return (
    <>
      <h1>{b.title}</h1>
      {p.form === "action" && p.message ? (
        <p class="notice err" role="alert">
          {p.message}
        </p>
      ) : null}
      <div class="card">
        <dl class="kv">
          <dt>状态</dt>
          <dd>
            <StatusBadge status={b.status} />
          </dd>
          <dt>资金项目</dt>
          <dd>
            <a href={`${p.base}/programs/${pr.id}`}>{pr.name}</a>（{ruleText(pr)}）
          </dd>
          <dt>期间</dt>
          <dd>
            {b.period}（{b.year} 年预算）
          </dd>
          <dt>笔数 / 合计</dt>
          <dd>
            {b.lineCount} 笔，{formatFen(b.totalFen)}
          </dd>
          <dt>公示期</dt>
          <dd>
            {b.noticeStart ? `${b.noticeStart} 至 ${b.noticeEnd}` : "未公示"}
            {b.noticeId ? (
              <>
                {" "}
                · <a href={`${p.base}/notices/${b.noticeId}`}>查看公示</a>
              </>
            ) : null}
          </dd>
          <dt>经办</dt>
          <dd>
            创建 {b.createdByName ?? "—"}
            {b.submittedByName ? ` · 提交 ${b.submittedByName}` : ""}
            {b.approvedByName ? ` · 审批 ${b.approvedByName}` : ""}
            {b.paidByName ? ` · 登记支付 ${b.paidByName}` : ""}
          </dd>
          <dt>未处理异议</dt>
          <dd>{b.openObjections > 0 ? <span class="badge err">{b.openObjections} 条</span> : "无"}</dd>
          <dt>{b.year} 年预算</dt>
          <dd>
            {p.budget
              ? `${formatFen(p.budget.budgetFen)}，已承诺 ${formatFen(p.budget.committedFen)}，可用 ${formatFen(p.budget.availableFen)}`
              : "尚未下达"}
          </dd>
          {b.paidDate ? (
            <>
              <dt>支付</dt>
              <dd>
                {b.paidDate}，凭证 {b.paymentRef}
              </dd>
            </>
          ) : null}
        </dl>
      </div>

      <div class="actions">
        {b.status === "draft" && p.can.manage ? (
          <>
            <ActionButton base={p.base} csrf={p.csrf} batchId={b.id} action="submit" label="提交公示" />
            <ActionButton base={p.base} csrf={p.csrf} batchId={b.id} action="cancel" label="作废" danger />
          </>
        ) : null}
        {b.status === "noticed" && p.can.approve ? (
          p.approveRefusal || p.approvalBlockers.length > 0 ? (
            // An approval that would be refused is not offered: the reason stands beside a disabled button.
            <span>
              <button type="button" disabled>
                审批
              </button>{" "}
              <span class="why">{p.approveRefusal ?? `暂不能审批：${p.approvalBlockers.join("；")}`}</span>
            </span>
          ) : (
            <ActionButton base={p.base} csrf={p.csrf} batchId={b.id} action="approve" label="审批" />
          )
        ) : null}
        {b.status === "paid" && p.can.manage ? (
          <ActionButton base={p.base} csrf={p.csrf} batchId={b.id} action="close" label="办结" />
        ) : null}
        <a class="button secondary" href={`${path}/export.csv`}>
          导出明细 CSV
        </a>
      </div>

      {b.status === "noticed" ? (
        p.approvalBlockers.length ? (
          // Beside the approver's disabled button already; the others read it here.
          p.can.approve && !p.approveRefusal ? null : (
            <div class="notice info" role="status">
              暂不能审批：
              <ul>
                {p.approvalBlockers.map((r) => (
                  <li>{r}</li>
                ))}
              </ul>
            </div>
          )
        ) : (
          <p class="notice ok" role="status">
            公示期已满、无未处理异议、预算充足，可以审批。
          </p>
        )
      ) : null}

      {b.status === "draft" && p.can.manage ? (
        <>
          <h2>添加明细</h2>
          {formErrors("line")}
          <form class="stack card" method="post" action={`${path}/lines`}>
            <CsrfField token={p.csrf} />
            {p.recipientLookup ? (
              <PickerField
                name="recipientId"
                label={`发放对象（${RECIPIENT_KIND_LABELS[pr.recipientKind]}）`}
                hint={PICK_HINT[p.recipientLookup]}
                required
                lookup={lookupUrl(
                  p.base,
                  p.recipientLookup,
                  p.recipientLookup === "village-officials" ? { programId: pr.id } : {},
                )}
                value={vals("line").recipientId}
                errors={errs("line")}
                candidates={p.candidates}
              />
            ) : (
              <Field
                name="recipientId"
                label={`发放对象编号（${RECIPIENT_KIND_LABELS[pr.recipientKind]}）`}
                required
                inputmode="numeric"
                value={vals("line").recipientId}
                errors={errs("line")}
              />
            )}
            {pr.ruleKind === "per_line" ? (
              <Field
                name="amount"
                label="金额（元）"
                required
                inputmode="decimal"
                value={vals("line").amount}
                errors={errs("line")}
              />
            ) : null}
            {needsQuantity ? (
              <Field
                name="quantity"
                label={pr.ruleKind === "per_resident_day" ? "驻村天数" : "月数"}
                hint={pr.ruleKind === "per_month" ? "留空为本期全部月数" : undefined}
                required={pr.ruleKind === "per_resident_day"}
                inputmode="numeric"
                value={vals("line").quantity}
                errors={errs("line")}
              />
            ) : null}
            {pr.honourUpliftPct > 0 ? (
              <div>
                <label>
                  <input type="checkbox" name="honoured" value="1" checked={vals("line").honoured === "1"} />{" "}
                  受表彰（上浮 {pr.honourUpliftPct}%）
                </label>
              </div>
            ) : null}
            <Field
              name="purpose"
              label="用途"
              hint="默认为项目名称"
              value={vals("line").purpose}
              errors={errs("line")}
              maxlength={80}
            />
            <div class="actions">
              <button type="submit">添加</button>
            </div>
          </form>
          {((pr.recipientKind === "cadre" || pr.recipientKind === "village_official") && pr.ruleKind !== "per_line") ||
          pr.category === "award" ? (
            <>
              <h2>按规则生成</h2>
              {formErrors("generate")}
              <form class="inline card" method="post" action={`${path}/generate`}>
                <CsrfField token={p.csrf} />
                <SelectField
                  name="source"
                  label="生成方式"
                  required
                  options={Object.entries(GENERATE_SOURCE_LABELS).filter(
                    // An award program draws on awards only; village cadres' pay on the roster; the others on postings.
                    ([k]) =>
                      pr.category === "award"
                        ? k === "awards" || k === "award_supplement"
                        : (pr.recipientKind === "village_official") === (k === "village_officials"),
                  )}
                  value={vals("generate").source}
                  blank="请选择"
                  errors={errs("generate")}
                />
                <Field
                  name="purpose"
                  label="用途"
                  value={vals("generate").purpose}
                  errors={errs("generate")}
                  maxlength={80}
                />
                <button type="submit">生成明细</button>
              </form>
            </>
          ) : null}
          <h2>从 CSV 导入明细</h2>
          {formErrors("import")}
          <form class="stack card" method="post" action={`${path}/lines/import`} enctype="multipart/form-data">
            <CsrfField token={p.csrf} />
            <p class="muted">
              列：对象类型，身份证号（农户户主、村干部本人；党员填其户主的身份证号，非户主的党员另填姓名）/ 干部编号 /
              村代码，对象名称，金额（元）（逐笔金额的项目），天数/月数，是否享受上浮，用途。
              村干部的金额、月数和表彰上浮按花名册和岗位标准计算，可不填。 UTF-8 或 Excel 默认的 GB18030
              均可；先预览，有任何错误都不会写入。<a href={`${path}/lines/template.csv`}>下载模板</a>
            </p>
            <div>
              <label for="f-file">选择 CSV 文件</label>
              <input
                id="f-file"
                name="file"
                type="file"
                accept=".csv,text/csv"
                required
                aria-invalid={errorFor(errs("import"), "file") ? "true" : undefined}
              />
              {errorFor(errs("import"), "file") ? <p class="field-error">{errorFor(errs("import"), "file")}</p> : null}
            </div>
            <div class="actions">
              <button type="submit">上传并预览</button>
            </div>
          </form>
        </>
      ) : null}

      {b.status === "approved" && p.can.pay && p.payRefusal ? (
        <p class="notice info" role="status">
          {p.payRefusal}
        </p>
      ) : null}
      {b.status === "approved" && p.can.pay && !p.payRefusal ? (
        <>
          <h2>登记支付</h2>
          {formErrors("pay")}
          <form class="stack card" method="post" action={`${path}/pay`}>
            <CsrfField token={p.csrf} />
            <Field
              name="paidDate"
              label="支付日期"
              required
              type="date"
              value={vals("pay").paidDate}
              errors={errs("pay")}
            />
            <Field
              name="paymentRef"
              label="支付凭证号"
              required
              value={vals("pay").paymentRef}
              errors={errs("pay")}
              maxlength={80}
            />
            <div>
              <label for="f-failures">
                支付失败的明细<span class="hint">（每行一条：明细编号,原因；全部成功则留空）</span>
              </label>
              <textarea
                id="f-failures"
                name="failures"
                rows={4}
                aria-invalid={errorFor(errs("pay"), "failures") ? "true" : undefined}
              >
                {vals("pay").failures ?? ""}
              </textarea>
              {errorFor(errs("pay"), "failures") ? (
                <p class="field-error">{errorFor(errs("pay"), "failures")}</p>
              ) : null}
            </div>
            <div class="actions">
              <button type="submit">登记支付</button>
            </div>
          </form>
          <h2>导入银行回盘</h2>
          {formErrors("reconcile")}
          <form class="stack card" method="post" action={`${path}/reconcile`} enctype="multipart/form-data">
            <CsrfField token={p.csrf} />
            <p class="muted">
              CSV
              列：明细编号，状态（成功/失败），银行流水号，说明。逐行处理：成功的记为已支付，失败的释放预算和名额；无法处理的行只报告，不影响其他行。
            </p>
            <Field
              name="paidDate"
              label="支付日期"
              hint="留空为今天"
              type="date"
              value={vals("reconcile").paidDate}
              errors={errs("reconcile")}
            />
            <Field
              name="paymentRef"
              label="整批凭证号"
              hint="可选"
              value={vals("reconcile").paymentRef}
              errors={errs("reconcile")}
              maxlength={80}
            />
            <div>
              <label for="f-bankfile">回盘文件</label>
              <input id="f-bankfile" name="file" type="file" accept=".csv,text/csv" required />
              {errorFor(errs("reconcile"), "file") ? (
                <p class="field-error">{errorFor(errs("reconcile"), "file")}</p>
              ) : null}
            </div>
            <div class="actions">
              <button type="submit">上传对账</button>
            </div>
          </form>
        </>
      ) : null}

      {p.reconcile ? <ReconcileResults r={p.reconcile} /> : null}

      <h2>发放明细</h2>
      <form class="inline" method="get" action={path}>
        <SelectField
          name="status"
          label="明细状态"
          options={Object.entries(LINE_STATUS_LABELS)}
          value={p.lineStatus}
          blank="全部"
        />
        <button type="submit" class="secondary">
          筛选
        </button>
      </form>
      {p.form === "reverse" ? <FormErrors errors={p.errors} message={p.message} /> : null}
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th class="num">编号</th>
              <th>对象</th>
              <th class="num">金额</th>
              <th>用途</th>
              <th>状态</th>
              <th>支付 / 原因</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {p.lines.items.length === 0 ? (
              <tr>
                <td colspan={7} class="muted">
                  没有明细
                </td>
              </tr>
            ) : (
              p.lines.items.map((l) => (
                <tr>
                  <td class="num mono">{l.id}</td>
                  <td>
                    {l.recipientName}
                    <br />
                    <span class="muted">
                      {RECIPIENT_KIND_LABELS[l.recipientKind]} #{l.recipientId}
                      {l.quantity ? ` · ${l.quantity}${pr.ruleKind === "per_resident_day" ? " 天" : " 个月"}` : ""}
                      {pr.ruleKind === "per_resident_day" && l.recipientKind === "cadre"
                        ? l.daysConfirmedBy
                          ? ` · 天数已确认（${l.daysConfirmedBy}${l.daysConfirmedAt ? `，${formatTime(l.daysConfirmedAt)}` : ""}）`
                          : " · 天数来源：未经确认"
                        : ""}
                      {l.honoured ? " · 上浮" : ""}
                      {l.repaysLineId ? ` · 补发 #${l.repaysLineId}` : ""}
                    </span>
                  </td>
                  <td class="num">{formatFen(l.amountFen)}</td>
                  <td>{l.purpose}</td>
                  <td>
                    <span class={LINE_BADGE[l.status]}>{LINE_STATUS_LABELS[l.status]}</span>
                    {l.reversed ? (
                      <>
                        {" "}
                        <span class="badge err">已冲正</span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    {l.status === "paid" ? (
                      <>
                        {l.paidDate} <span class="mono">{l.bankRef}</span>
                      </>
                    ) : l.status === "failed" ? (
                      l.failReason
                    ) : (
                      "—"
                    )}
                    {l.reversed ? (
                      <>
                        <br />
                        <span class="muted">
                          冲正 {formatFen(l.reversed.amountFen)}：{l.reversed.reason}（{formatTime(l.reversed.at)}）
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    {b.status === "draft" && p.can.manage ? (
                      <form method="post" action={`${path}/lines/${l.id}/delete`}>
                        <CsrfField token={p.csrf} />
                        <button type="submit" class="danger">
                          删除
                        </button>
                      </form>
                    ) : null}
                    {l.status === "paid" && !l.reversed && p.can.pay ? (
                      <form class="stack" method="post" action={`${path}/lines/${l.id}/reverse`}>
                        <CsrfField token={p.csrf} />
                        <label for={`r-${l.id}`}>冲正原因</label>
                        <input
                          id={`r-${l.id}`}
                          name="reason"
                          required
                          minlength={2}
                          maxlength={200}
                          value={p.reverseLineId === l.id ? (p.values?.reason ?? "") : ""}
                          aria-invalid={p.reverseLineId === l.id && p.errors?.length ? "true" : undefined}
                        />
                        {p.reverseLineId === l.id && errorFor(p.errors, "reason") ? (
                          <p class="field-error">{errorFor(p.errors, "reason")}</p>
                        ) : null}
                        <button type="submit" class="danger">
                          冲正
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      <Pager
        path={path}
        query={{ status: p.lineStatus }}
        page={p.lines.page}
        size={p.lines.size}
        total={p.lines.total}
      />
      <p>
        <a href={`${p.base}/batches`}>← 返回发放批次</a>
      </p>
    </>
  );
}

export function ReconcileResults(p: { r: ReconcileResult }) {
  const r = p.r;
  return (
    <>
      <h2>对账结果</h2>
      <p class={r.errors + r.skipped > 0 ? "notice info" : "notice ok"} role="status">
        共 {r.rowCount} 行：已支付 {r.paid} 笔（{formatFen(r.paidFen)}），失败 {r.failed} 笔（{formatFen(r.failedFen)}
        ），未处理 {r.skipped} 行，有误 {r.errors} 行；
        {r.pendingLeft > 0 ? `还有 ${r.pendingLeft} 笔待支付。` : "全部明细已处理，批次已支付。"}
      </p>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th class="num">行</th>
              <th class="num">明细编号</th>
              <th>结果</th>
              <th>说明</th>
            </tr>
          </thead>
          <tbody>
            {r.results.map((x) => (
              <tr>
                <td class="num">{x.row}</td>
                <td class="num mono">{x.lineId ?? "—"}</td>
                <td>
                  <span class={OUTCOME[x.outcome][0]}>{OUTCOME[x.outcome][1]}</span>
                </td>
                <td>{x.message}</td>
              </tr>
            ))}
          </tbody>
        </RecordTable>
      </div>
    </>
  );
}
