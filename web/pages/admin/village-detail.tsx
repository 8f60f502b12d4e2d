import type { VillageView } from "../../../workers/places/service.ts";
import { CsrfField, Field, FormErrors, type FieldError } from "../../components/form.tsx";
import { formatFen } from "../../components/format.ts";
import { INCOME_BRACKET_LABELS, VILLAGE_TAG_LABELS } from "../../i18n/zh-CN.ts";
import { VillageFormFields } from "./places.tsx";
import type { VillagePicture } from "../../../workers/places/whole-picture.ts";
import { VillagePictureSections } from "./village-picture.tsx";
import type { VillageOfficialView } from "../../../workers/village-cadres/service.ts";
import { VillageRosterSection } from "./village-officials.tsx";
import { RecordTable } from "../../components/record-table.tsx";

type Detail = VillageView & {
  groups: { id: number; name: string }[];
  incomes: { year: number; incomeFen: number; bracket: string }[];
};

export function VillageNewPage(p: {
  base: string;
  csrf: string;
  values?: Record<string, string | string[] | undefined>;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  return (
    <>
      <h1>新建村（社区）</h1>
      <FormErrors errors={p.errors} message={p.message} />
      <form class="stack card" method="post" action={`${p.base}/villages`}>
        <CsrfField token={p.csrf} />
        <VillageFormFields values={p.values ?? {}} errors={p.errors} withCode />
        <div class="actions">
          <button type="submit">创建</button>
          <a class="button secondary" href={`${p.base}/villages`}>
            取消
          </a>
        </div>
      </form>
    </>
  );
}

export function VillageDetailPage(p: {
  base: string;
  csrf: string;
  village: Detail;
  canManage: boolean;
  form?: "edit" | "income" | "group" | undefined;
  values?: Record<string, string | string[] | undefined>;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
  related?: unknown;
  /** Team, pairings, households, money, projects, decisions, feedback around the village. */
  picture: VillagePicture;
  canAnswerFeedback: boolean;
  /** 村两委 in office (workers/village-cadres). */
  roster: VillageOfficialView[];
  canManageRoster: boolean;
  /** The team record opens for this user (teamInScope, workers/domain/subject-scope.ts). */
  showTeamRecord?: boolean;
}) {
  const v = p.village;
  const errs = (f: string) => (p.form === f ? p.errors : undefined);
  return (
    <>
      <h1>{v.name}</h1>
      <div class="card">
        <dl class="kv">
          <dt>区划代码</dt>
          <dd class="mono">{v.code}</dd>
          <dt>所属乡镇</dt>
          <dd>
            {v.townshipName}（{v.townshipCode}）
          </dd>
          <dt>类别</dt>
          <dd>{v.tags.length ? v.tags.map((t) => <span class="badge">{VILLAGE_TAG_LABELS[t]}</span>) : "—"}</dd>
          {p.showTeamRecord ? (
            <>
              <dt>驻村工作队</dt>
              <dd>
                <a href={`${p.base}/teams/${v.id}/record`}>工作队档案（成员、天数、走访、督查、评议、考核）</a>
              </dd>
            </>
          ) : null}
          <dt>村民小组</dt>
          <dd>{v.groups.length ? v.groups.map((g) => g.name).join("、") : "—"}</dd>
          <dt>备注</dt>
          <dd>{v.notes ?? "—"}</dd>
          <dt>村址位置</dt>
          <dd>
            {v.latitude != null && v.longitude != null
              ? `北纬 ${v.latitude}，东经 ${v.longitude}`
              : "未登记（驻村签到无法核对距离）"}
          </dd>
        </dl>
      </div>
      <VillagePictureSections
        base={p.base}
        village={{ id: v.id, code: v.code }}
        pic={p.picture}
        canAnswerFeedback={p.canAnswerFeedback}
      />
      <VillageRosterSection base={p.base} villageCode={v.code} roster={p.roster} canManage={p.canManageRoster} />
      <h2>集体经济收入</h2>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>年度</th>
              <th class="num">收入</th>
              <th>档次</th>
            </tr>
          </thead>
          <tbody>
            {v.incomes.length === 0 ? (
              <tr>
                <td colspan={3} class="muted">
                  尚未登记
                </td>
              </tr>
            ) : (
              v.incomes.map((i) => (
                <tr>
                  <td>{i.year}</td>
                  <td class="num">{formatFen(i.incomeFen)}</td>
                  <td>{INCOME_BRACKET_LABELS[i.bracket as keyof typeof INCOME_BRACKET_LABELS]}</td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      {p.canManage ? (
        <>
          <form class="inline card" method="post" action={`${p.base}/villages/${v.code}/incomes`}>
            <CsrfField token={p.csrf} />
            {p.form === "income" ? <FormErrors errors={p.errors} message={p.message} /> : null}
            <Field
              name="year"
              label="年度"
              inputmode="numeric"
              maxlength={4}
              required
              value={(p.form === "income" ? p.values?.year : String(new Date().getFullYear())) as string}
              errors={errs("income")}
            />
            <Field
              name="income"
              label="收入（元）"
              hint="如 35000 或 3.5万"
              required
              value={(p.form === "income" ? p.values?.income : "") as string}
              errors={errs("income")}
            />
            <button type="submit">登记</button>
          </form>
          <h2>修改村信息</h2>
          {p.form === "edit" ? <FormErrors errors={p.errors} message={p.message} /> : null}
          <form class="stack card" method="post" action={`${p.base}/villages/${v.code}`}>
            <CsrfField token={p.csrf} />
            <VillageFormFields
              values={
                p.form === "edit" && p.values
                  ? p.values
                  : {
                      name: v.name,
                      tags: v.tags,
                      notes: v.notes ?? "",
                      latitude: v.latitude == null ? "" : String(v.latitude),
                      longitude: v.longitude == null ? "" : String(v.longitude),
                    }
              }
              errors={errs("edit")}
              withCode={false}
            />
            <div class="actions">
              <button type="submit">保存</button>
            </div>
          </form>
          <h2>新建村民小组</h2>
          <form class="inline card" method="post" action={`${p.base}/villages/${v.code}/groups`}>
            <CsrfField token={p.csrf} />
            {p.form === "group" ? <FormErrors errors={p.errors} message={p.message} /> : null}
            <Field name="name" label="小组名称" required errors={errs("group")} />
            <button type="submit">添加</button>
          </form>
        </>
      ) : null}
      <p>
        <a href={`${p.base}/villages`}>← 返回村列表</a>
      </p>
    </>
  );
}
