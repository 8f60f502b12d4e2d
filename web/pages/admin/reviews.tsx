import type { ReviewView } from "../../../workers/reviews/service.ts";
import type { Page } from "../../../workers/lib/paging.ts";
import { formatTime } from "../../components/format.ts";
import { CsrfField, Field, FormErrors, SelectField, errorFor, type FieldError } from "../../components/form.tsx";
import { Pager } from "../../components/pager.tsx";
import { RATING_LABELS, REVIEW_KIND_LABELS, REVIEW_STATUS_LABELS, keysOf } from "../../i18n/zh-CN.ts";
import { RecordTable } from "../../components/record-table.tsx";

type Values = Record<string, string | undefined>;
const kindOptions = keysOf(REVIEW_KIND_LABELS).map((k) => [k, REVIEW_KIND_LABELS[k]] as const);
export const permilleText = (p: number | null) => (p == null ? "—" : `${(p / 10).toFixed(1)}%`);

/** Three counts as a bar without script: widths are the shares of the ballots. */
export function RatingBar(p: { total: { satisfied: number; fairlySatisfied: number; dissatisfied: number } }) {
  const all = p.total.satisfied + p.total.fairlySatisfied + p.total.dissatisfied;
  if (all === 0) return <span class="muted">暂无评议票</span>;
  const parts = [
    [p.total.satisfied, "#2e7d32"],
    [p.total.fairlySatisfied, "#f9a825"],
    [p.total.dissatisfied, "#c62828"],
  ] as const;
  let x = 0;
  return (
    <svg
      viewBox="0 0 100 6"
      width="160"
      height="10"
      role="img"
      aria-label={`满意 ${p.total.satisfied}，基本满意 ${p.total.fairlySatisfied}，不满意 ${p.total.dissatisfied}`}
    >
      {parts.map(([n, color]) => {
        const w = (n / all) * 100;
        const r = <rect x={x} y="0" width={w} height="6" fill={color} />;
        x += w;
        return r;
      })}
    </svg>
  );
}

export function ReviewListPage(p: {
  base: string;
  apiBase: string;
  page: Page<ReviewView>;
  filter: Values;
  canManage: boolean;
}) {
  return (
    <>
      <h1>述职评议</h1>
      <p class="muted">
        驻村工作队每年向派出单位和组织部门书面述职，并在村党员村民代表会议上当场述职、接受评议（满意 / 基本满意 /
        不满意）。评议票可以是纸质票（按选项计票，不超过到会人数），也可以是会上发放的一次性二维码票。只公布汇总，不显示任何单张评议。
      </p>
      <div class="actions">
        {p.canManage ? (
          <a class="button" href={`${p.base}/reviews/new`}>
            登记述职评议
          </a>
        ) : null}
        <a
          class="button secondary"
          href={`${p.apiBase}/reviews/export${p.filter.year ? `?year=${p.filter.year}` : ""}`}
        >
          导出 CSV
        </a>
      </div>
      <form class="inline card" method="get" action={`${p.base}/reviews`}>
        <Field name="year" label="年度" value={p.filter.year} maxlength={4} inputmode="numeric" />
        <SelectField name="kind" label="类别" options={kindOptions} value={p.filter.kind} blank="全部" />
        <button type="submit" class="secondary">
          筛选
        </button>
      </form>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>述职对象</th>
              <th>村</th>
              <th>会议日期</th>
              <th class="num">票数</th>
              <th class="num">满意率</th>
              <th>构成</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {p.page.items.length === 0 ? (
              <tr>
                <td colspan={7} class="muted">
                  暂无述职评议
                </td>
              </tr>
            ) : (
              p.page.items.map((r) => (
                <tr>
                  <td>
                    <a href={`${p.base}/reviews/${r.id}`}>{r.subjectName}</a>
                    <br />
                    <small class="muted">
                      {r.year} 年度 · {REVIEW_KIND_LABELS[r.kind]}
                    </small>
                  </td>
                  <td>{r.villageName}</td>
                  <td>{r.meetingDate}</td>
                  <td class="num">
                    {r.ballots}
                    {r.attendance ? ` / ${r.attendance}` : ""}
                  </td>
                  <td class="num">{permilleText(r.satisfactionPermille)}</td>
                  <td>
                    <RatingBar total={r.total} />
                  </td>
                  <td>{REVIEW_STATUS_LABELS[r.status]}</td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      <Pager path={`${p.base}/reviews`} page={p.page.page} size={p.page.size} total={p.page.total} query={p.filter} />
    </>
  );
}

export function ReviewNewPage(p: {
  base: string;
  csrf: string;
  villages: { id: number; name: string; code: string }[];
  values: Values;
  errors?: FieldError[];
  message?: string | undefined;
}) {
  const v = p.values;
  return (
    <>
      <h1>登记述职评议</h1>
      <p class="muted">评议时段即会议期间：二维码票只在这个时段内有效（北京时间）。</p>
      <FormErrors errors={p.errors} message={p.message} />
      <form method="post" action={`${p.base}/reviews`} class="card">
        <CsrfField token={p.csrf} />
        <SelectField
          name="kind"
          label="类别"
          options={kindOptions}
          value={v.kind ?? "team_report"}
          required
          errors={p.errors}
        />
        <Field
          name="year"
          label="述职年度"
          value={v.year}
          required
          inputmode="numeric"
          maxlength={4}
          errors={p.errors}
        />
        <SelectField
          name="villageId"
          label="召开会议的村"
          options={p.villages.map((x) => [String(x.id), `${x.name}（${x.code}）`] as const)}
          value={v.villageId}
          required
          errors={p.errors}
          blank="请选择"
        />
        <Field
          name="subjectName"
          label="述职对象"
          hint="如：××单位驻村工作队、村党支部书记 张三"
          value={v.subjectName}
          required
          maxlength={100}
          errors={p.errors}
        />
        <Field
          name="subjectCadreId"
          label="述职干部编号"
          hint="本人述职时填写，可不填"
          value={v.subjectCadreId}
          inputmode="numeric"
          errors={p.errors}
        />
        <Field
          name="audience"
          label="参会范围"
          value={v.audience ?? "党员村民代表会议"}
          maxlength={100}
          errors={p.errors}
        />
        <Field name="meetingDate" label="会议日期" type="date" value={v.meetingDate} required errors={p.errors} />
        <Field name="opensAt" label="评议开始时间" type="datetime-local" value={v.opensAt} required errors={p.errors} />
        <Field
          name="closesAt"
          label="评议结束时间"
          type="datetime-local"
          value={v.closesAt}
          required
          errors={p.errors}
        />
        <div>
          <label for="f-writtenReport">书面述职</label>
          <textarea id="f-writtenReport" name="writtenReport" maxlength={5000} rows={6}>
            {v.writtenReport ?? ""}
          </textarea>
          {errorFor(p.errors, "writtenReport") ? (
            <p class="field-error">{errorFor(p.errors, "writtenReport")}</p>
          ) : null}
        </div>
        <button type="submit">登记</button>
      </form>
    </>
  );
}

export function ReviewDetailPage(p: {
  base: string;
  csrf: string;
  review: ReviewView;
  canManage: boolean;
  now: number;
  form?: { values: Values; errors?: FieldError[]; message?: string | undefined; which: "paper" | "codes" | "publish" };
}) {
  const r = p.review;
  const open = r.status === "open";
  const f = p.form;
  const vals = (which: string) => (f?.which === which ? f.values : {});
  const errs = (which: string) => (f?.which === which ? f.errors : undefined);
  const rows = keysOf(RATING_LABELS).map((k) => {
    const key = k === "fairly_satisfied" ? "fairlySatisfied" : k;
    return [RATING_LABELS[k], r.paper[key], r.codes[key], r.total[key]] as const;
  });
  return (
    <>
      <h1>{r.subjectName}</h1>
      <p class="muted">
        {r.year} 年度 · {REVIEW_KIND_LABELS[r.kind]} · {r.villageName} · {r.audience} · {REVIEW_STATUS_LABELS[r.status]}
      </p>
      <dl class="card">
        <dt>会议日期</dt>
        <dd>{r.meetingDate}</dd>
        <dt>评议时段</dt>
        <dd>
          {formatTime(r.opensAt)} 至 {formatTime(r.closesAt)}
        </dd>
        <dt>到会人数</dt>
        <dd>{r.attendance ?? "未录入"}</dd>
        <dt>二维码票</dt>
        <dd>
          已生成 {r.codes.issued} 张，已使用 {r.codes.satisfied + r.codes.fairlySatisfied + r.codes.dissatisfied} 张
        </dd>
        <dt>满意率</dt>
        <dd>
          {permilleText(r.satisfactionPermille)} <RatingBar total={r.total} />
        </dd>
      </dl>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>评价</th>
              <th class="num">纸质票</th>
              <th class="num">扫码票</th>
              <th class="num">合计</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, a, b, c]) => (
              <tr>
                <td>{label}</td>
                <td class="num">{a}</td>
                <td class="num">{b}</td>
                <td class="num">{c}</td>
              </tr>
            ))}
          </tbody>
        </RecordTable>
      </div>
      {r.writtenReport ? (
        <section class="card">
          <h2>书面述职</h2>
          {r.writtenReport.split(/\n/).map((line) => (
            <p>{line}</p>
          ))}
        </section>
      ) : null}
      {p.canManage && open ? (
        <>
          <section class="card">
            <h2>录入纸质评议票</h2>
            <FormErrors errors={errs("paper")} message={f?.which === "paper" ? f.message : undefined} />
            <form method="post" action={`${p.base}/reviews/${r.id}/paper-ballots`} class="inline">
              <CsrfField token={p.csrf} />
              <Field
                name="attendance"
                label="到会人数"
                value={vals("paper").attendance ?? r.attendance}
                required
                inputmode="numeric"
                errors={errs("paper")}
              />
              <Field
                name="satisfied"
                label="满意"
                value={vals("paper").satisfied ?? r.paper.satisfied}
                required
                inputmode="numeric"
                errors={errs("paper")}
              />
              <Field
                name="fairlySatisfied"
                label="基本满意"
                value={vals("paper").fairlySatisfied ?? r.paper.fairlySatisfied}
                required
                inputmode="numeric"
                errors={errs("paper")}
              />
              <Field
                name="dissatisfied"
                label="不满意"
                value={vals("paper").dissatisfied ?? r.paper.dissatisfied}
                required
                inputmode="numeric"
                errors={errs("paper")}
              />
              <button type="submit">保存票数</button>
            </form>
          </section>
          {p.now < r.closesAt ? (
            <section class="card">
              <h2>生成二维码评议票</h2>
              <p class="muted">每张票一个一次性评议码，只在评议时段内有效；生成后立即打印，码只显示一次。</p>
              <FormErrors errors={errs("codes")} message={f?.which === "codes" ? f.message : undefined} />
              <form method="post" action={`${p.base}/reviews/${r.id}/ballot-codes`} class="inline">
                <CsrfField token={p.csrf} />
                <Field
                  name="count"
                  label="张数"
                  value={vals("codes").count ?? "30"}
                  required
                  inputmode="numeric"
                  errors={errs("codes")}
                />
                <button type="submit">生成并打印</button>
              </form>
            </section>
          ) : null}
          <section class="card">
            <h2>公布评议结果</h2>
            <FormErrors message={f?.which === "publish" ? f.message : undefined} />
            <form method="post" action={`${p.base}/reviews/${r.id}/publish`}>
              <CsrfField token={p.csrf} />
              <p class="muted">评议时段结束后公布；汇总票数记入公开账本并显示在村公开页，公布后不能修改。</p>
              <button type="submit" disabled={p.now < r.closesAt}>
                公布
              </button>
            </form>
          </section>
        </>
      ) : null}
    </>
  );
}
