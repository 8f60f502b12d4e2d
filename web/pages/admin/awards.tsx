import type { AwardView } from "../../../workers/awards/service.ts";
import { CsrfField, Field, FilterSelect, FormErrors, SelectField, type FieldError } from "../../components/form.tsx";
import { AWARD_KIND_LABELS, LINE_STATUS_LABELS, label, options } from "../../i18n/zh-CN.ts";
import { FilterBar, RecordList } from "../../components/record-list.tsx";

type Values = Record<string, string | undefined>;

export function AwardListPage(p: {
  base: string;
  csrf: string;
  items: AwardView[];
  filter: Values;
  canManage: boolean;
  programs: { id: number; name: string }[];
  cadres: { id: number; name: string }[];
  /** Serving 村两委 members and 致富先锋 party members, with their village. */
  others: {
    officials: { id: number; name: string; village: string }[];
    pioneers: { id: number; name: string; village: string }[];
  };
  values?: Values | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const v = p.values ?? {};
  return (
    <>
      <h1>表彰</h1>
      <p class="muted">
        表彰登记后不直接发钱：奖励由“表彰奖励”类资金项目的批次按表彰记录生成明细，经公示、审批后发放（优秀村官连续两年、三年另按月补贴）。
      </p>
      <FilterBar action={`${p.base}/awards`} card>
        {/* Its own id: the 登记表彰 form below has a year too, and a label must point at its own field. */}
        <Field id="filter-year" name="year" label="年度" value={p.filter.year} maxlength={4} inputmode="numeric" />
        <FilterSelect name="kind" label="类别" options={options(AWARD_KIND_LABELS)} value={p.filter.kind} />
      </FilterBar>
      <RecordList
        columns={["年度", "表彰对象", "类别", "连续", "资金项目", "发放"]}
        items={p.items}
        empty="没有表彰记录"
        row={(a) => (
          <tr>
            <td>{a.year}</td>
            <td>
              {a.recipientName}
              <div class="muted">{a.citation}</div>
            </td>
            <td>{AWARD_KIND_LABELS[a.kind]}</td>
            <td class="nowrap">{a.streak} 年</td>
            <td>{a.programName}</td>
            <td>
              {a.batchId ? (
                <a href={`${p.base}/batches/${a.batchId}`}>{label(LINE_STATUS_LABELS, a.lineStatus)}</a>
              ) : (
                <span class="muted">未列入批次</span>
              )}
            </td>
          </tr>
        )}
      />
      {p.canManage ? (
        <>
          <h2>登记表彰</h2>
          <form method="post" action={`${p.base}/awards`} class="stack card">
            <CsrfField token={p.csrf} />
            <FormErrors errors={p.errors} message={p.message} />
            <Field
              name="year"
              label="年度"
              required
              value={v.year}
              maxlength={4}
              inputmode="numeric"
              errors={p.errors}
            />
            <SelectField
              name="kind"
              label="表彰类别"
              required
              options={options(AWARD_KIND_LABELS)}
              value={v.kind}
              errors={p.errors}
            />
            <SelectField
              name="recipientId"
              label="表彰对象（须与资金项目的发放对象类别一致）"
              required
              blank="请选择"
              options={[
                ...p.cadres.map((c) => [`cadre:${c.id}`, `驻村干部 · ${c.name}`] as const),
                ...p.others.officials.map(
                  (o) => [`village_official:${o.id}`, `村干部 · ${o.name}（${o.village}）`] as const,
                ),
                ...p.others.pioneers.map(
                  (o) => [`party_member:${o.id}`, `致富先锋 · ${o.name}（${o.village}）`] as const,
                ),
              ]}
              value={v.recipientId}
              errors={p.errors}
            />
            <SelectField
              name="programId"
              label="发放奖励的资金项目"
              required
              blank={p.programs.length === 0 ? "请先在资金项目中新建“表彰奖励”类项目" : "请选择"}
              options={p.programs.map((x) => [String(x.id), x.name] as const)}
              value={v.programId}
              errors={p.errors}
            />
            <Field
              name="assessmentId"
              label="依据的年度考核编号"
              hint="选填，须为县级审定的优秀"
              value={v.assessmentId}
              inputmode="numeric"
              errors={p.errors}
            />
            <Field name="citation" label="表彰事由" required value={v.citation} maxlength={500} errors={p.errors} />
            <div class="actions">
              <button type="submit">登记</button>
            </div>
          </form>
        </>
      ) : null}
    </>
  );
}
