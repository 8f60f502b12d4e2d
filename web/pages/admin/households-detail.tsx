import type { HouseholdView } from "../../../workers/households/service.ts";
import { CsrfField, Field, FormErrors, SelectField, type FieldError } from "../../components/form.tsx";
import {
  HOUSEHOLD_STATUS_LABELS,
  HOUSEHOLD_TYPE_LABELS,
  MONITOR_KIND_LABELS,
  POVERTY_CAUSE_LABELS,
  label,
  options,
} from "../../i18n/zh-CN.ts";
import { StatusBadge, type Values } from "./households.tsx";
import { RevealForm } from "../../components/reveal-form.tsx";
import type { HouseholdPicture } from "../../../workers/households/whole-picture.ts";
import { HouseholdPictureSections } from "./household-picture.tsx";
import { RecordTable } from "../../components/record-table.tsx";

interface Member {
  id: number;
  name: string;
  relation: string;
  birthYear: number | null;
}
interface StatusEvent {
  id: number;
  fromStatus: string;
  fromMonitorKind: string | null;
  toStatus: string;
  toMonitorKind: string | null;
  effectiveDate: string;
  reason: string;
  actorName: string;
}

const statusText = (s: string, k: string | null) =>
  `${label(HOUSEHOLD_STATUS_LABELS, s)}${k ? `（${label(MONITOR_KIND_LABELS, k)}）` : ""}`;
const str = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export function HouseholdDetailPage(p: {
  base: string;
  csrf: string;
  household: HouseholdView & { members: Member[] };
  history: StatusEvent[];
  /** Responsible cadres, visits, payments, decisions and notices around the household. */
  picture: HouseholdPicture;
  today: string;
  canManage: boolean;
  canReveal: boolean;
  revealed?: { idNumber: string; phone: string | null } | undefined;
  form?: "member" | "status" | "reveal" | undefined;
  values?: Values | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const h = p.household;
  const errs = (f: string) => (p.form === f ? p.errors : undefined);
  const vals = (f: string) => (p.form === f ? (p.values ?? {}) : {});
  const sv = vals("status");
  return (
    <>
      <h1>{h.headName}户</h1>
      <div class="card">
        <dl class="kv">
          <dt>农户编号</dt>
          <dd class="mono">{h.id}</dd>
          <dt>身份证号</dt>
          <dd class="mono">{p.revealed ? p.revealed.idNumber : h.idNumberMasked}</dd>
          <dt>联系电话</dt>
          <dd class="mono">{p.revealed ? (p.revealed.phone ?? "未登记") : (h.phoneMasked ?? "未登记")}</dd>
          <dt>所在村</dt>
          <dd>
            {h.townshipName ? `${h.townshipName} · ` : ""}
            <a href={`${p.base}/villages/${h.villageCode}`}>{h.villageName}</a>
            {h.groupName ? ` · ${h.groupName}` : ""}
          </dd>
          <dt>家庭人口</dt>
          <dd>{h.memberCount} 人</dd>
          <dt>贫困户属性</dt>
          <dd>{label(HOUSEHOLD_TYPE_LABELS, h.type)}</dd>
          <dt>户状态</dt>
          <dd>
            <StatusBadge status={h.status} monitorKind={h.monitorKind} />
          </dd>
          <dt>致贫原因</dt>
          <dd>{h.causes.map((k) => label(POVERTY_CAUSE_LABELS, k)).join("、") || "—"}</dd>
          <dt>识别年度</dt>
          <dd>{h.yearIdentified ?? "—"}</dd>
          <dt>脱贫年度</dt>
          <dd>{h.exitYear ?? "—"}</dd>
          <dt>备注</dt>
          <dd>{h.notes ?? "—"}</dd>
        </dl>
        {p.form === "reveal" ? <FormErrors errors={p.errors} message={p.message} /> : null}
        {p.revealed ? (
          <p class="notice info">已显示完整身份证号和联系电话，本次查看已记入审计日志。离开本页后不再显示。</p>
        ) : null}
        <div class="actions">
          {p.canReveal && !p.revealed ? (
            <RevealForm
              action={`${p.base}/households/${h.id}/reveal`}
              csrf={p.csrf}
              button="显示完整信息"
              value={String(vals("reveal").reason ?? "")}
              errors={errs("reveal")}
            />
          ) : null}
          {p.canManage ? (
            <a class="button secondary" href={`${p.base}/households/${h.id}/edit`}>
              修改信息
            </a>
          ) : null}
        </div>
      </div>
      <HouseholdPictureSections base={p.base} householdId={h.id} pic={p.picture} />

      <h2>家庭成员</h2>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>姓名</th>
              <th>与户主关系</th>
              <th>出生年份</th>
              {p.canManage ? <th></th> : null}
            </tr>
          </thead>
          <tbody>
            {h.members.length === 0 ? (
              <tr>
                <td colspan={4} class="muted">
                  尚未登记户主以外的成员
                </td>
              </tr>
            ) : (
              h.members.map((m) => (
                <tr>
                  <td>{m.name}</td>
                  <td>{m.relation}</td>
                  <td>{m.birthYear ?? "—"}</td>
                  {p.canManage ? (
                    <td>
                      <form method="post" action={`${p.base}/households/${h.id}/members/${m.id}/delete`}>
                        <CsrfField token={p.csrf} />
                        <button type="submit" class="secondary">
                          删除
                        </button>
                      </form>
                    </td>
                  ) : null}
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      {p.canManage ? (
        <form class="inline card" method="post" action={`${p.base}/households/${h.id}/members`}>
          <CsrfField token={p.csrf} />
          {p.form === "member" ? <FormErrors errors={p.errors} message={p.message} /> : null}
          <Field
            name="name"
            label="成员姓名"
            required
            maxlength={40}
            value={str(vals("member").name)}
            errors={errs("member")}
          />
          <Field
            name="relation"
            label="与户主关系"
            required
            maxlength={20}
            hint="如 配偶、子女"
            value={str(vals("member").relation)}
            errors={errs("member")}
          />
          <Field
            name="birthYear"
            label="出生年份"
            inputmode="numeric"
            maxlength={4}
            value={str(vals("member").birthYear)}
            errors={errs("member")}
          />
          <button type="submit">添加成员</button>
        </form>
      ) : null}

      <h2>状态变更记录</h2>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>生效日期</th>
              <th>原状态</th>
              <th>新状态</th>
              <th>原因</th>
              <th>登记人</th>
            </tr>
          </thead>
          <tbody>
            {p.history.length === 0 ? (
              <tr>
                <td colspan={5} class="muted">
                  暂无状态变更
                </td>
              </tr>
            ) : (
              p.history.map((e) => (
                <tr>
                  <td class="nowrap">{e.effectiveDate}</td>
                  <td>{statusText(e.fromStatus, e.fromMonitorKind)}</td>
                  <td>{statusText(e.toStatus, e.toMonitorKind)}</td>
                  <td>{e.reason}</td>
                  <td>{e.actorName}</td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      {p.canManage ? (
        <>
          <h2>提出状态变更（须经公示）</h2>
          <p class="muted">
            户状态不直接修改：提交后按建档立卡、脱贫退出或纳入监测发布公示，公示期满且无异议成立后在“户认定公示”中生效。
          </p>
          {p.form === "status" ? <FormErrors errors={p.errors} message={p.message} /> : null}
          <form class="stack card" method="post" action={`${p.base}/households/${h.id}/status-changes`}>
            <CsrfField token={p.csrf} />
            <input type="hidden" name="fromStatus" value={h.status} />
            <SelectField
              name="toStatus"
              label="拟认定状态"
              required
              options={options(HOUSEHOLD_STATUS_LABELS).filter(([k]) => k !== "registered")}
              value={str(sv.toStatus)}
              errors={errs("status")}
            />
            <SelectField
              name="monitorKind"
              label="监测类别"
              blank="（仅监测对象）"
              options={options(MONITOR_KIND_LABELS)}
              value={str(sv.monitorKind)}
              errors={errs("status")}
            />
            <Field
              name="reason"
              label="变更原因"
              required
              maxlength={500}
              hint="如 经民主评议、公示无异议，2024 年脱贫"
              value={str(sv.reason)}
              errors={errs("status")}
            />
            <div class="actions">
              <button type="submit">提交认定并公示</button>
            </div>
          </form>
        </>
      ) : null}
      <p>
        <a href={`${p.base}/households`}>← 返回农户列表</a>
      </p>
    </>
  );
}
