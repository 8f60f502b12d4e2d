import type { LeaveView } from "../../../workers/leaves/service.ts";
import { CsrfField, Field, FilterSelect, FormErrors, SelectField, type FieldError } from "../../components/form.tsx";
import { Pager } from "../../components/pager.tsx";
import { formatTime } from "../../components/format.ts";
import { ASSIGNMENT_ROLE_LABELS, LEAVE_KIND_LABELS, LEAVE_STATUS_LABELS, options } from "../../i18n/zh-CN.ts";
import { DetailList, FilterBar, RecordList, TownshipFilter } from "../../components/record-list.tsx";

type Values = Record<string, string | undefined>;
type OwnAssignment = { id: number; role: "first_secretary" | "team_leader" | "team_member"; villageName: string };

function StatusBadge(p: { l: LeaveView }) {
  const kind = { pending: "warn", approved: "ok", rejected: "err", cancelled: "", returned: "" }[p.l.status];
  return <span class={`badge ${kind}`}>{LEAVE_STATUS_LABELS[p.l.status]}</span>;
}

function LeaveForm(p: {
  base: string;
  csrf: string;
  assignments: OwnAssignment[];
  values: Values;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  return (
    <form class="stack card" method="post" action={`${p.base}/leaves`}>
      <CsrfField token={p.csrf} />
      <FormErrors errors={p.errors} message={p.message} />
      {p.assignments.length > 1 ? (
        <SelectField
          name="assignmentId"
          label="驻村任务"
          options={p.assignments.map((a) => [String(a.id), `${a.villageName} · ${ASSIGNMENT_ROLE_LABELS[a.role]}`])}
          value={p.values.assignmentId}
          required
          errors={p.errors}
        />
      ) : (
        <input type="hidden" name="assignmentId" value={String(p.assignments[0]!.id)} />
      )}
      <SelectField
        name="kind"
        label="类别"
        options={options(LEAVE_KIND_LABELS)}
        value={p.values.kind ?? "personal"}
        required
        errors={p.errors}
      />
      <Field name="startDate" label="开始日期" type="date" required value={p.values.startDate} errors={p.errors} />
      <Field name="endDate" label="结束日期" type="date" required value={p.values.endDate} errors={p.errors} />
      <Field name="reason" label="事由" required maxlength={300} value={p.values.reason} errors={p.errors} />
      <button type="submit">提交请假</button>
    </form>
  );
}

export function LeaveListPage(p: {
  base: string;
  csrf: string;
  page: { items: LeaveView[]; total: number; page: number; size: number };
  townships: { code: string; name: string }[];
  filter: Values;
  filterErrors?: FieldError[] | undefined;
  /** The signed-in cadre's active assignments (empty for everyone else: they do not ask leave here). */
  ownAssignments: OwnAssignment[];
  canRequest: boolean;
  values?: Values | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const f = p.filter;
  return (
    <>
      <h1>请假</h1>
      <p class="muted">
        驻村干部请假由乡镇（本乡镇）或县级审批，本人不能审批；回村后须销假。获批的请假期间不计入长期不在岗。
      </p>
      {p.canRequest && p.ownAssignments.length > 0 ? (
        <>
          <h2>我要请假</h2>
          <LeaveForm
            base={p.base}
            csrf={p.csrf}
            assignments={p.ownAssignments}
            values={p.values ?? {}}
            errors={p.errors}
            message={p.message}
          />
        </>
      ) : null}
      <h2>请假记录</h2>
      <FilterBar action={`${p.base}/leaves`} errors={p.filterErrors}>
        <FilterSelect name="status" label="状态" options={options(LEAVE_STATUS_LABELS)} value={f.status} />
        <TownshipFilter townships={p.townships} value={f.townshipCode} />
      </FilterBar>
      <RecordList
        columns={["干部", "村", "类别", "日期", { label: "天数", class: "num" }, "状态"]}
        items={p.page.items}
        empty="没有请假记录"
        row={(l) => (
          <tr>
            <td>
              <a href={`${p.base}/leaves/${l.id}`}>{l.cadreName ?? "—"}</a>
            </td>
            <td>{l.villageName}</td>
            <td>{LEAVE_KIND_LABELS[l.kind]}</td>
            <td>
              {l.startDate} 至 {l.endDate}
            </td>
            <td class="num">{l.days}</td>
            <td>
              <StatusBadge l={l} />
            </td>
          </tr>
        )}
      />
      <Pager path={`${p.base}/leaves`} query={f} page={p.page.page} size={p.page.size} total={p.page.total} />
    </>
  );
}

export function LeaveDetailPage(p: {
  base: string;
  csrf: string;
  l: LeaveView;
  userId: number;
  today: string;
  canApprove: boolean;
  canRequest: boolean;
  canClose: boolean;
  form?: "approve" | "reject" | "cancel" | "return" | undefined;
  values?: Values | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const l = p.l;
  const own = l.requestedBy === p.userId;
  const errs = (form: string) => (p.form === form ? p.errors : undefined);
  const msg = (form: string) => (p.form === form ? p.message : undefined);
  return (
    <>
      <h1>请假 {l.id}</h1>
      <p>
        <a href={`${p.base}/leaves`}>← 返回请假列表</a>
      </p>
      <DetailList
        items={[
          ["干部", <a href={`${p.base}/assignments/${l.assignmentId}`}>{l.cadreName ?? "—"}</a>],
          ["村", l.villageName],
          ["类别", LEAVE_KIND_LABELS[l.kind]],
          [
            "日期",
            <>
              {l.startDate} 至 {l.endDate}（{l.days} 天）
            </>,
          ],
          ["事由", l.reason],
          ["状态", <StatusBadge l={l} />],
          l.decidedBy
            ? [
                "审批",
                <>
                  {l.decidedByName ?? "—"}，{formatTime(l.decidedAt)}
                  {l.decisionNote ? `：${l.decisionNote}` : ""}
                </>,
              ]
            : null,
          l.returnedOn ? ["销假", <>{l.returnedOn} 回村</>] : null,
        ]}
      />
      {l.status === "pending" && p.canApprove ? (
        own ? (
          <p class="muted">这是您本人的请假，须由其他人审批。</p>
        ) : (
          <div class="card">
            <h2>审批</h2>
            <form class="stack" method="post" action={`${p.base}/leaves/${l.id}/approve`}>
              <CsrfField token={p.csrf} />
              <FormErrors errors={errs("approve")} message={msg("approve")} />
              <Field
                name="note"
                label="意见"
                hint="可不填"
                maxlength={300}
                value={p.form === "approve" ? p.values?.note : undefined}
                errors={errs("approve")}
              />
              <button type="submit">批准</button>
            </form>
            <form class="stack" method="post" action={`${p.base}/leaves/${l.id}/reject`}>
              <CsrfField token={p.csrf} />
              <FormErrors errors={errs("reject")} message={msg("reject")} />
              <Field
                name="note"
                label="不批准的理由"
                required
                maxlength={300}
                value={p.form === "reject" ? p.values?.note : undefined}
                errors={errs("reject")}
              />
              <button type="submit" class="danger">
                不批准
              </button>
            </form>
          </div>
        )
      ) : null}
      {own && p.canRequest && l.status === "pending" ? (
        <form class="stack card" method="post" action={`${p.base}/leaves/${l.id}/cancel`}>
          <CsrfField token={p.csrf} />
          <FormErrors errors={errs("cancel")} message={msg("cancel")} />
          <button type="submit" class="secondary">
            撤回请假
          </button>
        </form>
      ) : null}
      {(own || !p.canRequest) && p.canClose && l.status === "approved" ? (
        <form class="stack card" method="post" action={`${p.base}/leaves/${l.id}/return`}>
          <h2>销假</h2>
          <CsrfField token={p.csrf} />
          <FormErrors errors={errs("return")} message={msg("return")} />
          <Field
            name="returnedOn"
            label="回村日期"
            type="date"
            required
            value={p.form === "return" ? p.values?.returnedOn : p.today}
            errors={errs("return")}
          />
          <button type="submit">销假</button>
        </form>
      ) : null}
    </>
  );
}
