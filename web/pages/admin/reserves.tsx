import type { NominationView } from "../../../workers/reserve-pool/service.ts";
import { CsrfField, Field, FilterSelect, FormErrors, SelectField, type FieldError } from "../../components/form.tsx";
import { lookupUrl, PickerField, type PickCandidate } from "../../components/picker.tsx";
import { Pager } from "../../components/pager.tsx";
import {
  RESERVE_OUTCOME_LABELS,
  RESERVE_POOL_KIND_LABELS,
  RESERVE_SOURCE_LABELS,
  RESERVE_STATUS_LABELS,
  label,
  options,
} from "../../i18n/zh-CN.ts";
import { FilterBar, RecordList } from "../../components/record-list.tsx";

type Values = Record<string, string | undefined>;

function StatusBadge(p: { n: NominationView }) {
  const kind = { nominated: "", noticed: "warn", training: "ok", used: "ok", exited: "", withdrawn: "err" }[p.n.status];
  return <span class={`badge ${kind}`}>{RESERVE_STATUS_LABELS[p.n.status]}</span>;
}

export function ReserveListPage(p: {
  base: string;
  page: { items: NominationView[]; total: number; page: number; size: number; byStatus: Record<string, number> };
  filter: Values;
  filterErrors?: FieldError[] | undefined;
  canManage: boolean;
}) {
  const f = p.filter;
  const count = (s: keyof typeof RESERVE_STATUS_LABELS) => p.page.byStatus[s] ?? 0;
  return (
    <>
      <h1>后备干部库</h1>
      <p class="muted">
        年度考核优秀、墩苗历练、村两委换届和组织推优的人选先提名，经公示（群众可提异议）期满无异议后纳入培养； 每村储备
        1–2 名村党组织书记后备人选，缺口见“覆盖情况”。
      </p>
      <div class="tiles">
        {(["nominated", "noticed", "training", "used", "exited"] as const).map((s) => (
          <a class="tile" href={`${p.base}/reserves?status=${s}${f.poolKind ? `&poolKind=${f.poolKind}` : ""}`}>
            <b>{count(s)}</b>
            <span>{RESERVE_STATUS_LABELS[s]}</span>
          </a>
        ))}
      </div>
      {p.canManage ? (
        <p>
          <a class="button" href={`${p.base}/reserves/new`}>
            提名后备人选
          </a>
        </p>
      ) : null}
      <FilterBar action={`${p.base}/reserves`} errors={p.filterErrors}>
        <FilterSelect name="poolKind" label="库别" options={options(RESERVE_POOL_KIND_LABELS)} value={f.poolKind} />
        <FilterSelect name="status" label="状态" options={options(RESERVE_STATUS_LABELS)} value={f.status} />
      </FilterBar>
      <RecordList
        columns={["姓名", "库别", "来源", "村", "状态"]}
        items={p.page.items}
        empty="没有后备人选"
        row={(n) => (
          <tr>
            <td>
              <a href={`${p.base}/reserves/${n.id}`}>{n.name}</a>
            </td>
            <td>{RESERVE_POOL_KIND_LABELS[n.poolKind]}</td>
            <td>{RESERVE_SOURCE_LABELS[n.source]}</td>
            <td>{n.villageName ?? "—"}</td>
            <td>
              <StatusBadge n={n} />
              {n.outcome ? ` ${RESERVE_OUTCOME_LABELS[n.outcome]}` : ""}
            </td>
          </tr>
        )}
      />
      <Pager path={`${p.base}/reserves`} query={f} page={p.page.page} size={p.page.size} total={p.page.total} />
    </>
  );
}

export function ReserveNewPage(p: {
  base: string;
  csrf: string;
  /** County users may nominate 后备干部 (cadres); township officers only the village pools. */
  canNominateCadres: boolean;
  values: Values;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
  cadreCandidates?: PickCandidate[] | undefined;
  villageCandidates?: PickCandidate[] | undefined;
}) {
  const pools = options(RESERVE_POOL_KIND_LABELS).filter(([k]) => p.canNominateCadres || k !== "cadre_reserve");
  return (
    <>
      <h1>提名后备人选</h1>
      <p>
        <a href={`${p.base}/reserves`}>← 返回后备干部库</a>
      </p>
      <form class="stack card" method="post" action={`${p.base}/reserves`}>
        <CsrfField token={p.csrf} />
        <FormErrors errors={p.errors} message={p.message} />
        <SelectField
          name="poolKind"
          label="库别"
          options={pools}
          value={p.values.poolKind ?? "secretary_reserve"}
          required
          errors={p.errors}
        />
        <SelectField
          name="source"
          label="来源"
          options={options(RESERVE_SOURCE_LABELS)}
          value={p.values.source ?? "recommendation"}
          required
          errors={p.errors}
        />
        {p.canNominateCadres ? (
          <PickerField
            name="cadreId"
            label="干部（后备干部库）"
            lookup={lookupUrl(p.base, "cadres")}
            value={p.values.cadreId}
            hint="后备干部必选；村级各库不选"
            errors={p.errors}
            candidates={p.cadreCandidates}
          />
        ) : null}
        <Field name="name" label="村民姓名（村级各库）" maxlength={40} value={p.values.name} errors={p.errors} />
        <PickerField
          name="villageCode"
          label="所在村（村级各库）"
          lookup={lookupUrl(p.base, "villages")}
          value={p.values.villageCode}
          errors={p.errors}
          candidates={p.villageCandidates}
        />
        <Field
          name="birthYear"
          label="出生年份"
          inputmode="numeric"
          maxlength={4}
          value={p.values.birthYear}
          errors={p.errors}
        />
        <Field name="reason" label="推荐理由" required maxlength={300} value={p.values.reason} errors={p.errors} />
        <button type="submit">提名</button>
      </form>
    </>
  );
}

export function ReserveDetailPage(p: {
  base: string;
  csrf: string;
  n: NominationView;
  today: string;
  canManage: boolean;
  form?: "publish" | "finalize" | "use" | "exit" | undefined;
  values?: Values | undefined;
  errors?: FieldError[] | undefined;
  message?: string | undefined;
}) {
  const n = p.n;
  const v = p.values ?? {};
  const errs = (form: string) => (p.form === form ? p.errors : undefined);
  const msg = (form: string) => (p.form === form ? p.message : undefined);
  const live = n.status === "nominated" || n.status === "noticed" || n.status === "training";
  return (
    <>
      <h1>
        {n.name} · {RESERVE_POOL_KIND_LABELS[n.poolKind]}
      </h1>
      <p>
        <a href={`${p.base}/reserves`}>← 返回后备干部库</a>
      </p>
      <div class="card">
        <dl class="kv">
          <dt>库别</dt>
          <dd>{RESERVE_POOL_KIND_LABELS[n.poolKind]}</dd>
          <dt>来源</dt>
          <dd>
            {RESERVE_SOURCE_LABELS[n.source]}
            {n.assessmentId ? (
              <>
                {" "}
                （<a href={`${p.base}/assessments/${n.assessmentId}`}>年度考核 #{n.assessmentId}</a>）
              </>
            ) : null}
          </dd>
          {n.cadreId ? (
            <>
              <dt>干部</dt>
              <dd>
                <a href={`${p.base}/cadres/${n.cadreId}/record`}>{n.name}</a>
              </dd>
            </>
          ) : null}
          <dt>村</dt>
          <dd>{n.villageCode ? <a href={`${p.base}/villages/${n.villageCode}`}>{n.villageName}</a> : "—"}</dd>
          <dt>出生年份</dt>
          <dd>{n.birthYear ?? "—"}</dd>
          <dt>推荐理由</dt>
          <dd>{n.reason}</dd>
          <dt>状态</dt>
          <dd>
            <StatusBadge n={n} />
          </dd>
          {n.noticeId ? (
            <>
              <dt>公示</dt>
              <dd>
                <a href={`${p.base}/notices/${n.noticeId}`}>
                  {n.noticeStart} 至 {n.noticeEnd}
                </a>
                {n.openObjections > 0 ? `，${n.openObjections} 条异议待答复` : ""}
              </dd>
            </>
          ) : null}
          {n.outcome || n.status === "exited" ? (
            <>
              <dt>{n.status === "exited" ? "退出" : "使用"}</dt>
              <dd>
                {n.outcomeDate} {n.outcome ? label(RESERVE_OUTCOME_LABELS, n.outcome) : ""}
                {n.outcomeNote ? `：${n.outcomeNote}` : ""}
              </dd>
            </>
          ) : null}
        </dl>
      </div>
      {p.canManage && n.status === "nominated" ? (
        <form class="stack card" method="post" action={`${p.base}/reserves/${n.id}/publish`}>
          <h2>发布公示</h2>
          <CsrfField token={p.csrf} />
          <FormErrors errors={errs("publish")} message={msg("publish")} />
          <Field
            name="noticeDays"
            label="公示天数"
            inputmode="numeric"
            value={v.noticeDays ?? "7"}
            errors={errs("publish")}
          />
          <button type="submit">发布公示</button>
        </form>
      ) : null}
      {p.canManage && n.status === "noticed" ? (
        <form class="stack card" method="post" action={`${p.base}/reserves/${n.id}/finalize`}>
          <h2>公示期满</h2>
          <CsrfField token={p.csrf} />
          <FormErrors errors={errs("finalize")} message={msg("finalize")} />
          <p class="muted">
            公示到 {n.noticeEnd} 结束；期满且没有未答复或成立的异议，才能纳入培养（今天 {p.today}）。
          </p>
          <button type="submit">纳入培养</button>
        </form>
      ) : null}
      {p.canManage && n.status === "training" ? (
        <form class="stack card" method="post" action={`${p.base}/reserves/${n.id}/use`}>
          <h2>登记使用</h2>
          <CsrfField token={p.csrf} />
          <FormErrors errors={errs("use")} message={msg("use")} />
          <SelectField
            name="outcome"
            label="使用方式"
            options={options(RESERVE_OUTCOME_LABELS)}
            value={v.outcome}
            required
            errors={errs("use")}
          />
          <Field name="date" label="日期" type="date" required value={v.date ?? p.today} errors={errs("use")} />
          <Field name="note" label="说明" maxlength={300} value={v.note} errors={errs("use")} />
          <button type="submit">登记使用</button>
        </form>
      ) : null}
      {p.canManage && live ? (
        <form class="stack card" method="post" action={`${p.base}/reserves/${n.id}/exit`}>
          <h2>退出后备库</h2>
          <CsrfField token={p.csrf} />
          <FormErrors errors={errs("exit")} message={msg("exit")} />
          <Field name="date" label="日期" type="date" required value={v.date ?? p.today} errors={errs("exit")} />
          <Field name="note" label="原因" required maxlength={300} value={v.note} errors={errs("exit")} />
          <button type="submit" class="secondary">
            退出
          </button>
        </form>
      ) : null}
    </>
  );
}
