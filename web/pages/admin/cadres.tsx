import type { CadreView } from "../../../workers/cadres/service.ts";
import type { AssignmentView } from "../../../workers/assignments/service.ts";
import { CsrfField, Field, FormErrors, SelectField, type FieldError } from "../../components/form.tsx";
import { Pager, withQuery } from "../../components/pager.tsx";
import { RevealForm } from "../../components/reveal-form.tsx";
import { ASSIGNMENT_ROLE_LABELS, ASSIGNMENT_STATUS_LABELS, CADRE_RANK_LABELS, options } from "../../i18n/zh-CN.ts";
import { RecordTable } from "../../components/record-table.tsx";

type Values = Record<string, string | undefined>;
const YES_NO = [
  ["true", "是"],
  ["false", "否"],
] as const;
const yesNo = (b: boolean) => (b ? "是" : "否");

export function CadreListPage(p: {
  base: string;
  apiBase: string;
  page: { items: CadreView[]; total: number; page: number; size: number };
  units: { id: number; name: string }[];
  filter: Values;
  canManage: boolean;
  canImport: boolean;
}) {
  const f = p.filter;
  return (
    <>
      <h1>帮扶干部</h1>
      <form class="inline" method="get" action={`${p.base}/cadres`} role="search">
        <div>
          <label for="unitId">单位</label>
          <select id="unitId" name="unitId">
            <option value="">全部</option>
            {p.units.map((u) => (
              <option value={String(u.id)} selected={f.unitId === String(u.id)}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="reservePool">后备干部</label>
          <select id="reservePool" name="reservePool">
            <option value="">全部</option>
            {YES_NO.map(([k, v]) => (
              <option value={k} selected={f.reservePool === k}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="partyMember">党员</label>
          <select id="partyMember" name="partyMember">
            <option value="">全部</option>
            {YES_NO.map(([k, v]) => (
              <option value={k} selected={f.partyMember === k}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label for="q">姓名或手机号</label>
          <input id="q" name="q" value={f.q ?? ""} />
        </div>
        <button type="submit" class="secondary">
          筛选
        </button>
      </form>
      <div class="actions">
        {p.canManage ? (
          <a class="button" href={`${p.base}/cadres/new`}>
            新建干部
          </a>
        ) : null}
        {p.canImport ? (
          <a class="button secondary" href={`${p.base}/imports/cadres`}>
            从 CSV 导入
          </a>
        ) : null}
        <a
          class="button secondary"
          href={withQuery(`${p.apiBase}/cadres/export`, {
            unitId: f.unitId,
            reservePool: f.reservePool,
            partyMember: f.partyMember,
            q: f.q,
          })}
        >
          导出 CSV
        </a>
      </div>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>编号</th>
              <th>姓名</th>
              <th>单位</th>
              <th>职务</th>
              <th>职级</th>
              <th>手机</th>
              <th>党员</th>
              <th>后备</th>
              <th class="num">在岗驻村</th>
            </tr>
          </thead>
          <tbody>
            {p.page.items.length === 0 ? (
              <tr>
                <td colspan={9} class="muted">
                  没有符合条件的干部
                </td>
              </tr>
            ) : (
              p.page.items.map((c) => (
                <tr>
                  <td class="mono">{c.id}</td>
                  <td>
                    <a href={`${p.base}/cadres/${c.id}`}>{c.name}</a>
                  </td>
                  <td>{c.unitName}</td>
                  <td>{c.position ?? "—"}</td>
                  <td>{c.rank ? CADRE_RANK_LABELS[c.rank] : "—"}</td>
                  <td class="mono">{c.phoneMasked ?? "—"}</td>
                  <td>{yesNo(c.partyMember)}</td>
                  <td>{c.reservePool ? <span class="badge ok">后备</span> : "—"}</td>
                  <td class="num">{c.activeAssignments}</td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      <Pager path={`${p.base}/cadres`} query={f} page={p.page.page} size={p.page.size} total={p.page.total} />
    </>
  );
}

function CadreFields(p: {
  values: Values;
  errors?: FieldError[] | undefined;
  units: { id: number; name: string }[];
  phoneHint: string;
}) {
  return (
    <>
      <Field name="name" label="姓名" required value={p.values.name} errors={p.errors} maxlength={40} />
      <SelectField
        name="unitId"
        label="所属单位"
        required
        options={p.units.map((u) => [String(u.id), u.name] as const)}
        value={p.values.unitId}
        errors={p.errors}
        blank="请选择"
      />
      <Field name="position" label="职务" value={p.values.position} errors={p.errors} maxlength={60} />
      <SelectField
        name="rank"
        label="职级"
        options={options(CADRE_RANK_LABELS)}
        value={p.values.rank}
        errors={p.errors}
        blank="未登记"
      />
      <Field
        name="phone"
        label="手机号"
        hint={p.phoneHint}
        type="tel"
        inputmode="tel"
        value={p.values.phone}
        errors={p.errors}
        autocomplete="off"
        maxlength={20}
      />
      <Field
        name="officePhone"
        label="办公电话"
        hint="可公开"
        type="tel"
        inputmode="tel"
        value={p.values.officePhone}
        errors={p.errors}
        maxlength={40}
      />
      <SelectField
        name="partyMember"
        label="中共党员"
        options={YES_NO}
        value={p.values.partyMember ?? "true"}
        errors={p.errors}
      />
      <SelectField
        name="reservePool"
        label="后备干部"
        options={YES_NO}
        value={p.values.reservePool ?? "false"}
        errors={p.errors}
      />
    </>
  );
}

export function CadreNewPage(p: {
  base: string;
  csrf: string;
  units: { id: number; name: string }[];
  values?: Values;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  return (
    <>
      <h1>新建干部</h1>
      <FormErrors errors={p.errors} message={p.message} />
      <form class="stack card" method="post" action={`${p.base}/cadres`}>
        <CsrfField token={p.csrf} />
        <CadreFields values={p.values ?? {}} errors={p.errors} units={p.units} phoneHint="加密保存，列表只显示掩码" />
        <div class="actions">
          <button type="submit">创建</button>
          <a class="button secondary" href={`${p.base}/cadres`}>
            取消
          </a>
        </div>
      </form>
    </>
  );
}

export function CadreDetailPage(p: {
  base: string;
  csrf: string;
  cadre: CadreView;
  assignments: AssignmentView[];
  units: { id: number; name: string }[];
  canManage: boolean;
  canReveal: boolean;
  /** Whether the reader may open the cadre's 一人一档 record. */
  showRecord?: boolean | undefined;
  revealed?: string | null | undefined;
  /** The reveal form re-rendered after a refused reason. */
  reveal?: { value: string; errors?: FieldError[] | undefined; message?: string | undefined } | undefined;
  values?: Values | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const c = p.cadre;
  return (
    <>
      <h1>{c.name}</h1>
      {p.showRecord ? (
        <p>
          <a href={`${p.base}/cadres/${c.id}/record`}>一人一档（驻村天数、走访、评议、考核）</a>
        </p>
      ) : null}
      <div class="card">
        <dl class="kv">
          <dt>干部编号</dt>
          <dd class="mono">{c.id}</dd>
          <dt>所属单位</dt>
          <dd>
            <a href={`${p.base}/units/${c.unitId}`}>{c.unitName}</a>
          </dd>
          <dt>职务</dt>
          <dd>{c.position ?? "—"}</dd>
          <dt>职级</dt>
          <dd>{c.rank ? CADRE_RANK_LABELS[c.rank] : "未登记"}</dd>
          <dt>手机号</dt>
          <dd class="mono">
            {p.revealed !== undefined ? (p.revealed ?? "未登记") : (c.phoneMasked ?? "未登记")}
            {p.canReveal && p.revealed === undefined && c.phoneMasked ? (
              <>
                {p.reveal ? <FormErrors errors={p.reveal.errors} message={p.reveal.message} /> : null}
                <RevealForm
                  action={`${p.base}/cadres/${c.id}/reveal-phone`}
                  csrf={p.csrf}
                  button="查看完整号码"
                  value={p.reveal?.value}
                  errors={p.reveal?.errors}
                />
              </>
            ) : null}
          </dd>
          <dt>办公电话</dt>
          <dd>{c.officePhone ?? "—"}</dd>
          <dt>中共党员</dt>
          <dd>{yesNo(c.partyMember)}</dd>
          <dt>后备干部</dt>
          <dd>{yesNo(c.reservePool)}</dd>
        </dl>
        {p.revealed !== undefined ? <p class="notice info">已显示完整号码，本次查看已记入审计日志。</p> : null}
      </div>
      <h2>驻村任务</h2>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>村</th>
              <th>职务</th>
              <th>开始</th>
              <th>结束</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {p.assignments.length === 0 ? (
              <tr>
                <td colspan={5} class="muted">
                  暂无驻村任务
                </td>
              </tr>
            ) : (
              p.assignments.map((a) => (
                <tr>
                  <td>
                    <a href={`${p.base}/assignments/${a.id}`}>{a.villageName}</a>
                  </td>
                  <td>{ASSIGNMENT_ROLE_LABELS[a.role]}</td>
                  <td class="nowrap">{a.startDate}</td>
                  <td class="nowrap">{a.endDate ?? "—"}</td>
                  <td>
                    <span class={`badge ${a.status === "active" ? "ok" : ""}`}>
                      {ASSIGNMENT_STATUS_LABELS[a.status]}
                    </span>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      {p.canManage ? (
        <>
          <h2>修改干部信息</h2>
          <FormErrors errors={p.errors} message={p.message} />
          <form class="stack card" method="post" action={`${p.base}/cadres/${c.id}`}>
            <CsrfField token={p.csrf} />
            <CadreFields
              values={
                p.values ?? {
                  name: c.name,
                  unitId: String(c.unitId),
                  position: c.position ?? "",
                  rank: c.rank ?? "",
                  officePhone: c.officePhone ?? "",
                  partyMember: String(c.partyMember),
                  reservePool: String(c.reservePool),
                }
              }
              errors={p.errors}
              units={p.units}
              phoneHint="留空则不修改；填写新号码将替换原号码"
            />
            <div class="actions">
              <button type="submit">保存</button>
            </div>
          </form>
          <p>
            <a href={`${p.base}/assignments/new?cadreId=${c.id}`}>派驻该干部到村 →</a>
          </p>
        </>
      ) : null}
      <p>
        <a href={`${p.base}/cadres`}>← 返回干部列表</a>
      </p>
    </>
  );
}
