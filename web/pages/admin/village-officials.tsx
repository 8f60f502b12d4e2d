import type { VillageOfficialView } from "../../../workers/village-cadres/service.ts";
import type { VillageCadreReportsView } from "../../../workers/village-cadres/reports.ts";
import {
  CsrfField,
  Field,
  FilterSelect,
  FormErrors,
  SelectField,
  errorFor,
  type FieldError,
} from "../../components/form.tsx";
import { lookupUrl, PickerField, type PickCandidate } from "../../components/picker.tsx";
import { Pager, withQuery } from "../../components/pager.tsx";
import { BarChart } from "../../components/charts.tsx";
import { percentOf } from "../../components/format.ts";
import {
  HONOUR_LEVEL_LABELS,
  SEX_LABELS,
  VILLAGE_OFFICIAL_POST_LABELS,
  VILLAGE_OFFICIAL_SOURCE_LABELS,
  VILLAGE_OFFICIAL_STATUS_LABELS,
  options,
} from "../../i18n/zh-CN.ts";
import { DetailList, FilterBar, RecordList, TownshipFilter } from "../../components/record-list.tsx";

type Values = Record<string, string | undefined>;

/** The post as a roster reads it: 书记 with 一肩挑 reads "村党组织书记、村委会主任（一肩挑）". */
export function postLabel(o: Pick<VillageOfficialView, "post" | "concurrentDirector" | "fullTimeSecretary">): string {
  let s = VILLAGE_OFFICIAL_POST_LABELS[o.post];
  if (o.concurrentDirector) s += "、村委会主任（一肩挑）";
  if (o.fullTimeSecretary) s += "（专职）";
  return s;
}

function Check(p: { name: string; label: string; checked: boolean; errors?: FieldError[] | undefined }) {
  const err = errorFor(p.errors, p.name);
  return (
    <div>
      <label>
        <input type="checkbox" name={p.name} value="1" checked={p.checked} /> {p.label}
      </label>
      {err ? <p class="field-error">{err}</p> : null}
    </div>
  );
}

/** Fields shared by the new and the edit form. */
function PostFields(p: { v: Values; errors?: FieldError[] | undefined }) {
  const v = p.v;
  return (
    <>
      <SelectField
        name="post"
        label="职务"
        options={options(VILLAGE_OFFICIAL_POST_LABELS)}
        value={v.post}
        required
        errors={p.errors}
      />
      <Check
        name="concurrentDirector"
        label="一肩挑（书记兼任村委会主任）"
        checked={v.concurrentDirector === "1"}
        errors={p.errors}
      />
      <Check name="fullTimeSecretary" label="专职书记" checked={v.fullTimeSecretary === "1"} errors={p.errors} />
      <SelectField
        name="source"
        label="来源"
        options={options(VILLAGE_OFFICIAL_SOURCE_LABELS)}
        value={v.source ?? "other"}
        required
        errors={p.errors}
      />
      <Check name="partyMember" label="中共党员" checked={v.partyMember === "1"} errors={p.errors} />
      <Field
        name="electionYear"
        label="换届年份"
        hint="如 2021；届中任命可不填"
        inputmode="numeric"
        maxlength={4}
        value={v.electionYear}
        errors={p.errors}
      />
      <SelectField
        name="honourLevel"
        label="最高表彰级别"
        options={options(HONOUR_LEVEL_LABELS)}
        value={v.honourLevel ?? "none"}
        errors={p.errors}
      />
      <Field
        name="honours"
        label="荣誉"
        hint="如 2023 年省级优秀村党组织书记"
        maxlength={200}
        value={v.honours}
        errors={p.errors}
      />
    </>
  );
}

export function VillageOfficialListPage(p: {
  base: string;
  page: { items: VillageOfficialView[]; total: number; page: number; size: number };
  townships: { code: string; name: string }[];
  filter: Values;
  filterErrors?: FieldError[] | undefined;
  canManage: boolean;
}) {
  const f = p.filter;
  return (
    <>
      <h1>村两委花名册</h1>
      <p class="muted">
        村党组织和村委会成员、组干部的任期、来源与表彰；身份证号加密保存、脱敏显示。
        <a href={`${p.base}/village-officials/reports`}>查看统计（一肩挑、年轻干部、致富能手）</a>
      </p>
      {p.canManage ? (
        <p>
          <a class="button" href={`${p.base}/village-officials/new`}>
            登记村干部
          </a>
        </p>
      ) : null}
      <FilterBar action={`${p.base}/village-officials`} errors={p.filterErrors}>
        <Field name="q" label="姓名" value={f.q} maxlength={40} />
        <TownshipFilter townships={p.townships} value={f.townshipCode} />
        <FilterSelect name="post" label="职务" options={options(VILLAGE_OFFICIAL_POST_LABELS)} value={f.post} />
        <FilterSelect
          name="status"
          label="状态"
          options={options(VILLAGE_OFFICIAL_STATUS_LABELS)}
          value={f.status ?? "serving"}
        />
      </FilterBar>
      <RecordList
        columns={["姓名", "村", "职务", { label: "年龄", class: "num" }, "来源", "任期"]}
        items={p.page.items}
        empty="没有符合条件的村干部"
        row={(o) => (
          <tr>
            <td>
              <a href={`${p.base}/village-officials/${o.id}`}>{o.name}</a>
            </td>
            <td>
              <a href={`${p.base}/villages/${o.villageCode}`}>{o.villageName}</a>
            </td>
            <td>{postLabel(o)}</td>
            <td class="num">{o.age}</td>
            <td>{VILLAGE_OFFICIAL_SOURCE_LABELS[o.source]}</td>
            <td>
              {o.termStart} 至 {o.termEnd ?? "今"}
              {o.status !== "serving" ? <span class="badge">{VILLAGE_OFFICIAL_STATUS_LABELS[o.status]}</span> : null}
            </td>
          </tr>
        )}
      />
      <Pager
        path={`${p.base}/village-officials`}
        query={f}
        page={p.page.page}
        size={p.page.size}
        total={p.page.total}
      />
    </>
  );
}

export function VillageOfficialNewPage(p: {
  base: string;
  csrf: string;
  values: Values;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
  candidates?: PickCandidate[] | undefined;
}) {
  const v = p.values;
  return (
    <>
      <h1>登记村干部</h1>
      <p>
        <a href={`${p.base}/village-officials`}>← 返回花名册</a>
      </p>
      <form class="stack card" method="post" action={`${p.base}/village-officials`}>
        <CsrfField token={p.csrf} />
        <FormErrors errors={p.errors} message={p.message} />
        <PickerField
          name="villageCode"
          label="村（社区）"
          hint="输入村名或 12 位区划代码"
          required
          lookup={lookupUrl(p.base, "villages")}
          value={v.villageCode}
          errors={p.errors}
          candidates={p.candidates}
        />
        <Field name="name" label="姓名" required maxlength={40} value={v.name} errors={p.errors} />
        <Field
          name="idNumber"
          label="身份证号"
          hint="加密保存，出生日期与性别由此得出"
          required
          maxlength={18}
          autocomplete="off"
          value={v.idNumber}
          errors={p.errors}
        />
        <Field name="termStart" label="任职日期" type="date" required value={v.termStart} errors={p.errors} />
        <PostFields v={v} errors={p.errors} />
        <button type="submit">登记</button>
      </form>
    </>
  );
}

export function VillageOfficialDetailPage(p: {
  base: string;
  csrf: string;
  o: VillageOfficialView;
  canManage: boolean;
  today: string;
  form?: "edit" | "leave" | undefined;
  values?: Values | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const o = p.o;
  const errs = (form: string) => (p.form === form ? p.errors : undefined);
  const flag = (b: boolean) => (b ? "1" : undefined);
  const current: Values = {
    name: o.name,
    post: o.post,
    concurrentDirector: flag(o.concurrentDirector),
    fullTimeSecretary: flag(o.fullTimeSecretary),
    source: o.source,
    partyMember: flag(o.partyMember),
    electionYear: o.electionYear == null ? undefined : String(o.electionYear),
    honourLevel: o.honourLevel,
    honours: o.honours ?? undefined,
  };
  return (
    <>
      <h1>{o.name}</h1>
      <p>
        <a href={`${p.base}/village-officials`}>← 返回花名册</a>
      </p>
      <DetailList
        items={[
          ["村", <a href={`${p.base}/villages/${o.villageCode}`}>{o.villageName}</a>],
          ["职务", postLabel(o)],
          ["身份证号", o.idNumberMasked, "mono"],
          [
            "性别 / 年龄",
            <>
              {SEX_LABELS[o.sex]}，{o.age} 岁（{o.birthDate}）
            </>,
          ],
          [
            "来源",
            <>
              {VILLAGE_OFFICIAL_SOURCE_LABELS[o.source]}
              {o.partyMember ? "，中共党员" : ""}
            </>,
          ],
          [
            "任期",
            <>
              {o.termStart} 至 {o.termEnd ?? "今"}
              {o.electionYear ? `（${o.electionYear} 年换届）` : ""}
              <span class="badge">{VILLAGE_OFFICIAL_STATUS_LABELS[o.status]}</span>
            </>,
          ],
          [
            "表彰",
            <>
              {HONOUR_LEVEL_LABELS[o.honourLevel]}
              {o.honours ? `：${o.honours}` : ""}
            </>,
          ],
        ]}
      />
      {p.canManage && o.status === "serving" ? (
        <>
          <h2>修改</h2>
          <form class="stack card" method="post" action={`${p.base}/village-officials/${o.id}`}>
            <CsrfField token={p.csrf} />
            {p.form === "edit" ? <FormErrors errors={p.errors} message={p.message} /> : null}
            <Field
              name="name"
              label="姓名"
              required
              maxlength={40}
              value={(p.form === "edit" ? p.values : current)?.name}
              errors={errs("edit")}
            />
            <PostFields v={p.form === "edit" ? (p.values ?? {}) : current} errors={errs("edit")} />
            <button type="submit">保存</button>
          </form>
          <h2>离任</h2>
          <form class="stack card" method="post" action={`${p.base}/village-officials/${o.id}/leave`}>
            <CsrfField token={p.csrf} />
            {p.form === "leave" ? <FormErrors errors={p.errors} message={p.message} /> : null}
            <SelectField
              name="status"
              label="离任方式"
              options={[
                ["left", "正常离任（可发离任补助）"],
                ["removed", "免职 / 罢免"],
              ]}
              value={p.form === "leave" ? p.values?.status : "left"}
              required
              errors={errs("leave")}
            />
            <Field
              name="termEnd"
              label="离任日期"
              type="date"
              required
              value={p.form === "leave" ? p.values?.termEnd : p.today}
              errors={errs("leave")}
            />
            <button type="submit" class="danger">
              办理离任
            </button>
          </form>
        </>
      ) : null}
    </>
  );
}

/** The village page's section: who serves on the 两委 now. */
export function VillageRosterSection(p: {
  base: string;
  villageCode: string;
  roster: VillageOfficialView[];
  canManage: boolean;
}) {
  const concurrent = p.roster.some((o) => o.concurrentDirector);
  return (
    <>
      <h2>村两委</h2>
      <p class="muted">
        在任 {p.roster.length} 人{concurrent ? "，书记、主任“一肩挑”" : ""}。
        <a href={`${p.base}/village-officials?villageCode=${p.villageCode}`}>花名册</a>
        {p.canManage ? (
          <>
            {" · "}
            <a href={`${p.base}/village-officials/new?villageCode=${p.villageCode}`}>登记村干部</a>
          </>
        ) : null}
      </p>
      <RecordList
        columns={["职务", "姓名", { label: "年龄", class: "num" }, "来源"]}
        items={p.roster}
        empty="尚未登记"
        row={(o) => (
          <tr>
            <td>{postLabel(o)}</td>
            <td>
              <a href={`${p.base}/village-officials/${o.id}`}>{o.name}</a>
            </td>
            <td class="num">{o.age}</td>
            <td>{VILLAGE_OFFICIAL_SOURCE_LABELS[o.source]}</td>
          </tr>
        )}
      />
    </>
  );
}

export function VillageCadreReportsPage(p: {
  base: string;
  apiBase: string;
  r: VillageCadreReportsView;
  filterErrors?: FieldError[] | undefined;
}) {
  const r = p.r;
  const c = r.concurrent;
  const y = r.youngInPoorVillages;
  const n = r.newSecretaries;
  const short = y.rows.filter((v) => v.young === 0);
  return (
    <>
      <h1>村两委统计</h1>
      <form class="inline" method="get" action={`${p.base}/village-officials/reports`}>
        <Field
          name="year"
          label="年度"
          inputmode="numeric"
          maxlength={4}
          value={String(r.year)}
          errors={p.filterErrors}
        />
        <button type="submit" class="secondary">
          查看
        </button>
        <a href={withQuery(`${p.apiBase}/village-officials/reports/export`, { year: r.year })}>导出 CSV</a>
      </form>
      <FormErrors errors={p.filterErrors} />
      <p class="muted">在任情况与年龄按 {r.asOf} 计算。</p>

      <h2>“一肩挑”比例</h2>
      <p>
        全部 {c.total} 个村中 {c.count} 个村书记、主任“一肩挑”，比例 <strong>{percentOf(c.count, c.total)}</strong>
        （参照：平川区 52 个村实现“一肩挑”，比例 85% 以上）。
      </p>
      <BarChart
        id="concurrent"
        title="各乡镇一肩挑村数"
        desc="每个乡镇一肩挑的村数（深色）与村总数（浅色）"
        data={c.rows.map((t) => ({
          label: t.townshipName,
          value: t.count,
          display: `${t.count}/${t.total}（${percentOf(t.count, t.total)}）`,
          total: t.total,
          totalDisplay: String(t.total),
        }))}
        columns={["乡镇", "一肩挑村数", "村数"]}
        empty="没有村"
      />

      <h2>贫困村 35 岁以下“两委”成员</h2>
      <p>
        {y.villages} 个贫困村中 {y.villagesMeeting} 个配有 35 岁以下“两委”成员（参照：达州市要求每个贫困村配备 1–2
        名）。
        {short.length > 0 ? `尚缺的村：${short.map((v) => v.villageName).join("、")}。` : ""}
      </p>
      <RecordList
        columns={["村", "乡镇", { label: "两委成员", class: "num" }, { label: "35 岁以下", class: "num" }]}
        items={y.rows}
        empty="没有标为贫困村的村"
        row={(v) => (
          <tr>
            <td>
              <a href={`${p.base}/villages/${v.villageCode}`}>{v.villageName}</a>
            </td>
            <td>{v.townshipName}</td>
            <td class="num">{v.members}</td>
            <td class="num">{v.young === 0 ? <span class="badge err">0</span> : v.young}</td>
          </tr>
        )}
      />

      <h2>{r.year} 年新任村党组织书记的来源</h2>
      <p>
        新任书记 {n.total} 名，其中致富能手 {n.wealthLeaders} 名，占{" "}
        <strong>{percentOf(n.wealthLeaders, n.total)}</strong>
        （目标 50% 以上）；新任“两委”委员 {n.newMembers} 名中致富能手占{" "}
        {percentOf(n.newMembersWealthLeaders, n.newMembers)}
        （目标 70% 以上）。
      </p>
      <BarChart
        id="new-secretaries"
        title="新任村党组织书记来源"
        desc="当年新任村党组织书记按来源的人数"
        data={n.rows.map((s) => ({
          label: VILLAGE_OFFICIAL_SOURCE_LABELS[s.source],
          value: s.count,
          display: `${s.count} 人（${percentOf(s.count, n.total)}）`,
        }))}
        columns={["来源", "人数"]}
        empty="当年没有新任书记"
      />
    </>
  );
}
