import type { PartyMemberView } from "../../../workers/party-members/service.ts";
import { CsrfField, Field, FilterSelect, FormErrors, type FieldError } from "../../components/form.tsx";
import { lookupUrl, PickerField, type PickCandidate } from "../../components/picker.tsx";
import { Pager } from "../../components/pager.tsx";
import { formatFen } from "../../components/format.ts";
import { HOUSEHOLD_STATUS_LABELS, label } from "../../i18n/zh-CN.ts";
import { DetailList, FilterBar, RecordList } from "../../components/record-list.tsx";

type Values = Record<string, string | undefined>;

function Flags(p: { m: PartyMemberView }) {
  return (
    <>
      {p.m.poor ? <span class="badge warn">贫困党员</span> : null}
      {p.m.pioneerYear ? <span class="badge ok">{p.m.pioneerYear} 致富先锋</span> : null}
    </>
  );
}

function FlagFields(p: { values: Values; errors?: FieldError[] | undefined }) {
  return (
    <>
      <div>
        <label>
          <input type="checkbox" name="poor" value="on" checked={p.values.poor === "on" || p.values.poor === "true"} />{" "}
          贫困党员（党内关爱帮扶资金的发放对象）
        </label>
      </div>
      <Field name="joinedOn" label="入党日期" type="date" value={p.values.joinedOn} errors={p.errors} />
      <Field
        name="pioneerYear"
        label="农村党员致富先锋年度"
        inputmode="numeric"
        maxlength={4}
        hint="评为致富先锋的年份，未评选不填"
        value={p.values.pioneerYear}
        errors={p.errors}
      />
      <Field name="pioneerNote" label="致富先锋事迹" maxlength={200} value={p.values.pioneerNote} errors={p.errors} />
      <Field name="note" label="备注" maxlength={300} value={p.values.note} errors={p.errors} />
    </>
  );
}

export function PartyMemberListPage(p: {
  base: string;
  csrf: string;
  page: {
    items: PartyMemberView[];
    total: number;
    page: number;
    size: number;
    poorCount: number;
    pioneerCount: number;
  };
  filter: Values;
  filterErrors?: FieldError[] | undefined;
  canManage: boolean;
  values?: Values | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
  candidates?: PickCandidate[] | undefined;
}) {
  const f = p.filter;
  const v = p.values ?? {};
  return (
    <>
      <h1>党员</h1>
      <p class="muted">
        农户户主或家庭成员中的党员。贫困党员由“党内关爱帮扶资金”项目发放（每人每年 1000 元，经公示、审批、支付）；
        农村党员致富先锋在此登记，奖励另由表彰项目发放。
      </p>
      <div class="tiles">
        <a class="tile" href={`${p.base}/party-members`}>
          <b>{p.page.total}</b>
          <span>{f.only ? "筛选结果" : "党员"}</span>
        </a>
        <a class="tile" href={`${p.base}/party-members?only=poor`}>
          <b>{p.page.poorCount}</b>
          <span>贫困党员</span>
        </a>
        <a class="tile" href={`${p.base}/party-members?only=pioneer`}>
          <b>{p.page.pioneerCount}</b>
          <span>致富先锋</span>
        </a>
      </div>
      <FilterBar action={`${p.base}/party-members`} errors={p.filterErrors}>
        <FilterSelect
          name="only"
          label="类别"
          options={[
            ["poor", "贫困党员"],
            ["pioneer", "致富先锋"],
          ]}
          value={f.only}
        />
        <div>
          <label for="q">姓名</label>
          <input id="q" name="q" type="search" value={f.q ?? ""} maxlength={40} />
        </div>
      </FilterBar>
      <RecordList
        columns={["姓名", "村", "户", "类别", { label: "已领取", class: "num" }]}
        items={p.page.items}
        empty="没有党员记录"
        row={(m) => (
          <tr>
            <td>
              <a href={`${p.base}/party-members/${m.id}`}>{m.name}</a>
              {m.relation ? <span class="muted">（{m.relation}）</span> : <span class="muted">（户主）</span>}
            </td>
            <td>{m.villageName}</td>
            <td>
              <a href={`${p.base}/households/${m.householdId}`}>#{m.householdId}</a>{" "}
              {label(HOUSEHOLD_STATUS_LABELS, m.householdStatus)}
            </td>
            <td>
              <Flags m={m} />
            </td>
            <td class="num">{formatFen(m.paidFen)}</td>
          </tr>
        )}
      />
      <Pager path={`${p.base}/party-members`} query={f} page={p.page.page} size={p.page.size} total={p.page.total} />
      {p.canManage ? (
        <>
          <h2>登记党员</h2>
          <form class="stack card" method="post" action={`${p.base}/party-members`}>
            <CsrfField token={p.csrf} />
            <FormErrors errors={p.errors} message={p.message} />
            <PickerField
              name="householdId"
              label="农户"
              lookup={lookupUrl(p.base, "households")}
              value={v.householdId}
              required
              errors={p.errors}
              candidates={p.candidates}
            />
            <Field
              name="memberName"
              label="家庭成员姓名"
              hint="党员是户主时不填"
              maxlength={40}
              value={v.memberName}
              errors={p.errors}
            />
            <FlagFields values={v} errors={p.errors} />
            <button type="submit">登记</button>
          </form>
        </>
      ) : null}
    </>
  );
}

export function PartyMemberDetailPage(p: {
  base: string;
  csrf: string;
  m: PartyMemberView;
  canManage: boolean;
  values?: Values | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const m = p.m;
  const v: Values = p.values ?? {
    poor: m.poor ? "on" : "",
    joinedOn: m.joinedOn ?? "",
    pioneerYear: m.pioneerYear ? String(m.pioneerYear) : "",
    pioneerNote: m.pioneerNote ?? "",
    note: m.note ?? "",
  };
  return (
    <>
      <h1>党员 {m.name}</h1>
      <p>
        <a href={`${p.base}/party-members`}>← 返回党员名册</a>
      </p>
      <DetailList
        items={[
          [
            "姓名",
            <>
              {m.name}（{m.relation ?? "户主"}）
            </>,
          ],
          [
            "农户",
            <>
              <a href={`${p.base}/households/${m.householdId}`}>#{m.householdId}</a>（
              {label(HOUSEHOLD_STATUS_LABELS, m.householdStatus)}），{m.villageName}
            </>,
          ],
          ["入党日期", m.joinedOn ?? "—"],
          [
            "类别",
            <>
              <Flags m={m} />
              {!m.poor && !m.pioneerYear ? "—" : null}
            </>,
          ],
          m.pioneerNote ? ["致富先锋事迹", m.pioneerNote] : null,
          ["已领取资金", formatFen(m.paidFen)],
          m.note ? ["备注", m.note] : null,
        ]}
      />
      {p.canManage ? (
        <form class="stack card" method="post" action={`${p.base}/party-members/${m.id}`}>
          <h2>修改</h2>
          <CsrfField token={p.csrf} />
          <FormErrors errors={p.errors} message={p.message} />
          <FlagFields values={v} errors={p.errors} />
          <button type="submit">保存</button>
        </form>
      ) : null}
    </>
  );
}
