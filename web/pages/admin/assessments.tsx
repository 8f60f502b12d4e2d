import type { AssessmentSummaryView, AssessmentView } from "../../../workers/assessments/service.ts";
import type { TemplateView } from "../../../workers/assessments/templates.ts";
import type { CadreRecordView } from "../../../workers/assessments/record.ts";
import type { GradeReportView } from "../../../workers/assessments/report.ts";
import type { Page } from "../../../workers/lib/paging.ts";
import { formatTime } from "../../components/format.ts";
import { CsrfField, Field, FormErrors, SelectField, type FieldError } from "../../components/form.tsx";
import { Pager } from "../../components/pager.tsx";
import {
  ASSESSMENT_STATUS_LABELS,
  ASSIGNMENT_ROLE_LABELS,
  ASSIGNMENT_STATUS_LABELS,
  CONSEQUENCE_KIND_LABELS,
  EVIDENCE_SOURCE_LABELS,
  GRADE_LABELS,
  PAIRING_KIND_LABELS,
  RESERVE_OUTCOME_LABELS,
  RESERVE_POOL_KIND_LABELS,
  RESERVE_SOURCE_LABELS,
  RESERVE_STATUS_LABELS,
  REVIEW_KIND_LABELS,
  REVIEW_STATUS_LABELS,
  SUBJECT_KIND_LABELS,
  TEMPLATE_ROLE_LABELS,
  VETO_CAP_LABELS,
  keysOf,
  label,
} from "../../i18n/zh-CN.ts";
import { permilleText } from "./reviews.tsx";
import { RecordTable } from "../../components/record-table.tsx";

type Values = Record<string, string | undefined>;
type Form = { values: Values; errors?: FieldError[]; message?: string | undefined; which?: string };
const gradeOptions = keysOf(GRADE_LABELS).map((k) => [k, GRADE_LABELS[k]] as const);
const GRADE_COLORS = {
  excellent: "#2e7d32",
  competent: "#1565c0",
  basically_competent: "#f9a825",
  incompetent: "#c62828",
  pending: "#bdbdbd",
};

/** The subject's own record page (一人一档, team or unit record), when it has one. */
function RecordLink(p: {
  base: string;
  a: Pick<AssessmentSummaryView, "subjectKind" | "cadreId" | "villageId" | "unitId">;
}) {
  const a = p.a;
  const href =
    a.subjectKind === "cadre" && a.cadreId
      ? `${p.base}/cadres/${a.cadreId}/record`
      : a.subjectKind === "team" && a.villageId
        ? `${p.base}/teams/${a.villageId}/record`
        : a.subjectKind === "unit" && a.unitId
          ? `${p.base}/units/${a.unitId}/record`
          : null;
  return href ? (
    <a class="muted" href={href}>
      档案
    </a>
  ) : null;
}

/** Stacked bars of grades per row, as SVG (no script). */
function GradeChart(p: { rows: GradeReportView["byTownship"]; title: string }) {
  const keys = ["excellent", "competent", "basically_competent", "incompetent", "pending"] as const;
  const max = Math.max(1, ...p.rows.map((r) => keys.reduce((n, k) => n + (r[k] ?? 0), 0)));
  const h = 22;
  return (
    <figure class="card">
      <figcaption>{p.title}</figcaption>
      <svg viewBox={`0 0 400 ${Math.max(1, p.rows.length) * h + 4}`} width="100%" role="img" aria-label={p.title}>
        {p.rows.map((r, i) => {
          let x = 120;
          return (
            <g>
              <text x="0" y={i * h + 15} font-size="12">
                {r.name.slice(0, 9)}
              </text>
              {keys.map((k) => {
                const w = ((r[k] ?? 0) / max) * 270;
                const el = <rect x={x} y={i * h + 3} width={w} height={h - 6} fill={GRADE_COLORS[k]} />;
                x += w;
                return el;
              })}
            </g>
          );
        })}
      </svg>
      <p class="muted">
        {keys.map((k) => (
          <span>
            <svg width="10" height="10" aria-hidden="true">
              <rect width="10" height="10" fill={GRADE_COLORS[k]} />
            </svg>{" "}
            {k === "pending" ? "未审定" : GRADE_LABELS[k]}{" "}
          </span>
        ))}
      </p>
    </figure>
  );
}

export function AssessmentListPage(p: {
  base: string;
  apiBase: string;
  page: Page<AssessmentSummaryView>;
  filter: Values;
  report: GradeReportView;
  canManage: boolean;
  canTemplates: boolean;
}) {
  return (
    <>
      <h1>年度考核</h1>
      <p class="muted">
        依据由记录计算（已确认驻村天数、结对户走访覆盖、帮扶日志、成立的异议、群众评议），其余项目人工评分并写明理由；一票否决项限制最高等次。三级考核：村级评议
        → 乡镇审核 → 县/区帮扶办审定。
      </p>
      <div class="actions">
        {p.canManage ? (
          <a class="button" href={`${p.base}/assessments/new`}>
            新建考核
          </a>
        ) : null}
        <a class="button secondary" href={`${p.base}/assessment-templates`}>
          考核清单
        </a>
        <a
          class="button secondary"
          href={`${p.apiBase}/assessments/export${p.filter.year ? `?year=${p.filter.year}` : ""}`}
        >
          导出 CSV
        </a>
      </div>
      <form class="inline card" method="get" action={`${p.base}/assessments`}>
        <Field name="year" label="年度" value={p.filter.year} maxlength={4} inputmode="numeric" />
        <SelectField
          name="status"
          label="状态"
          options={keysOf(ASSESSMENT_STATUS_LABELS).map((k) => [k, ASSESSMENT_STATUS_LABELS[k]] as const)}
          value={p.filter.status}
          blank="全部"
        />
        <button type="submit" class="secondary">
          筛选
        </button>
      </form>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>考核对象</th>
              <th>年度</th>
              <th class="num">得分</th>
              <th>等次</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {p.page.items.length === 0 ? (
              <tr>
                <td colspan={5} class="muted">
                  暂无考核
                </td>
              </tr>
            ) : (
              p.page.items.map((a) => (
                <tr>
                  <td>
                    <a href={`${p.base}/assessments/${a.id}`}>{a.subjectName}</a>{" "}
                    <small class="muted">{SUBJECT_KIND_LABELS[a.subjectKind]}</small> <RecordLink base={p.base} a={a} />
                  </td>
                  <td>{a.year}</td>
                  <td class="num">{a.score ?? "—"}</td>
                  <td>{a.grade ? GRADE_LABELS[a.grade] : "—"}</td>
                  <td>{ASSESSMENT_STATUS_LABELS[a.status]}</td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      <Pager
        path={`${p.base}/assessments`}
        page={p.page.page}
        size={p.page.size}
        total={p.page.total}
        query={p.filter}
      />
      <h2>{p.report.year} 年度干部考核等次</h2>
      <GradeChart rows={p.report.byTownship} title="按乡镇" />
      <GradeChart rows={p.report.byUnit} title="按派出单位" />
    </>
  );
}

export function AssessmentNewPage(p: { base: string; csrf: string } & Form) {
  const v = p.values;
  return (
    <>
      <h1>新建年度考核</h1>
      <FormErrors errors={p.errors} message={p.message} />
      <form method="post" action={`${p.base}/assessments`} class="card">
        <CsrfField token={p.csrf} />
        <Field name="year" label="年度" value={v.year} required inputmode="numeric" maxlength={4} errors={p.errors} />
        <SelectField
          name="subjectKind"
          label="考核对象类别"
          options={keysOf(SUBJECT_KIND_LABELS).map((k) => [k, SUBJECT_KIND_LABELS[k]] as const)}
          value={v.subjectKind ?? "cadre"}
          required
          errors={p.errors}
        />
        <Field
          name="cadreId"
          label="干部编号"
          hint="考核干部时"
          value={v.cadreId}
          inputmode="numeric"
          errors={p.errors}
        />
        <Field
          name="villageId"
          label="村编号"
          hint="考核驻村工作队时"
          value={v.villageId}
          inputmode="numeric"
          errors={p.errors}
        />
        <Field
          name="unitId"
          label="单位编号"
          hint="考核派出单位时"
          value={v.unitId}
          inputmode="numeric"
          errors={p.errors}
        />
        <Field
          name="townshipCode"
          label="乡镇代码"
          hint="考核乡镇时"
          value={v.townshipCode}
          inputmode="numeric"
          errors={p.errors}
        />
        <button type="submit">新建</button>
      </form>
    </>
  );
}

export function AssessmentDetailPage(p: {
  base: string;
  csrf: string;
  a: AssessmentView;
  canManage: boolean;
  canApprove: boolean;
  form?: Form | undefined;
}) {
  const a = p.a;
  const draft = a.status === "draft";
  const f = p.form;
  const errs = (w: string) => (f?.which === w ? f.errors : undefined);
  const msg = (w: string) => (f?.which === w ? f.message : undefined);
  return (
    <>
      <h1>
        {a.subjectName} · {a.year} 年度考核
      </h1>
      <p class="muted">
        {SUBJECT_KIND_LABELS[a.subjectKind]} · {ASSESSMENT_STATUS_LABELS[a.status]} · 得分 {a.score}
        {a.complete ? "" : "（尚有项目待评分）"} · 建议等次 {GRADE_LABELS[a.suggestedGrade]}
        {a.cap ? ` · 一票否决：最高${GRADE_LABELS[a.cap]}` : ""} · <RecordLink base={p.base} a={a} />
      </p>
      <FormErrors errors={errs("score")} message={msg("score")} />
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>项目</th>
              <th>依据</th>
              <th class="num">分值</th>
              <th>记录</th>
              <th class="num">得分</th>
              {p.canManage && draft ? <th>人工评分 / 认定</th> : null}
            </tr>
          </thead>
          <tbody>
            {a.lines.map((l) => (
              <tr>
                <td>
                  {l.title}
                  {l.vetoCap ? <small class="muted">（一票否决，{VETO_CAP_LABELS[l.vetoCap]}）</small> : null}
                </td>
                <td>{EVIDENCE_SOURCE_LABELS[l.source]}</td>
                <td class="num">{l.vetoCap ? "—" : l.weight}</td>
                <td>
                  {l.detail}
                  {l.comment ? <small class="muted">（{l.comment}）</small> : null}
                </td>
                <td class="num">{l.vetoCap ? (l.triggered ? "触发" : "未触发") : (l.points ?? "待评")}</td>
                {p.canManage && draft ? (
                  <td>
                    {l.computed && !l.vetoCap ? (
                      <span class="muted">自动计算</span>
                    ) : (
                      <form method="post" action={`${p.base}/assessments/${a.id}/scores`} class="inline">
                        <CsrfField token={p.csrf} />
                        <input type="hidden" name="itemId" value={String(l.itemId)} />
                        {l.vetoCap ? (
                          <select name="triggered" aria-label="是否触发">
                            <option value="0">未触发</option>
                            <option value="1" selected={l.triggered}>
                              触发
                            </option>
                          </select>
                        ) : (
                          <input
                            name="points"
                            inputmode="numeric"
                            size={3}
                            aria-label="分数"
                            value={l.points == null ? "" : String(l.points)}
                          />
                        )}
                        <input name="comment" aria-label="说明" placeholder="说明（必填）" value={l.comment ?? ""} />
                        <button type="submit" class="secondary">
                          保存
                        </button>
                      </form>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </RecordTable>
      </div>
      <section class="card">
        <h2>等次</h2>
        <p>{a.grade ? `${GRADE_LABELS[a.grade]}${a.gradeNote ? `（${a.gradeNote}）` : ""}` : "尚未评定"}</p>
        {p.canManage && draft ? (
          <>
            <FormErrors errors={errs("grade")} message={msg("grade")} />
            <form method="post" action={`${p.base}/assessments/${a.id}/grade`} class="inline">
              <CsrfField token={p.csrf} />
              <SelectField
                name="grade"
                label="等次"
                options={gradeOptions}
                value={a.grade ?? a.suggestedGrade}
                required
                errors={errs("grade")}
              />
              <Field name="note" label="说明" value={a.gradeNote ?? ""} errors={errs("grade")} />
              <button type="submit">评定</button>
            </form>
          </>
        ) : null}
      </section>
      <section class="card">
        <h2>三级签署</h2>
        <ol>
          <li>
            村级评议：
            {a.signatures.village.at
              ? `${formatTime(a.signatures.village.at)}${a.signatures.village.signer ? ` · ${a.signatures.village.signer}` : ""}`
              : "未签署"}
          </li>
          <li>乡镇审核：{a.signatures.township.at ? formatTime(a.signatures.township.at) : "未签署"}</li>
          <li>县/区帮扶办审定：{a.signatures.county.at ? formatTime(a.signatures.county.at) : "未签署"}</li>
        </ol>
        <FormErrors message={msg("sign")} />
        {p.canManage && (a.status === "draft" || a.status === "village_signed") ? (
          <form method="post" action={`${p.base}/assessments/${a.id}/sign`} class="inline">
            <CsrfField token={p.csrf} />
            <input type="hidden" name="level" value={a.status === "draft" ? "village" : "township"} />
            {a.status === "draft" ? <Field name="signer" label="村级评议签署人" value="" /> : null}
            <button type="submit">{a.status === "draft" ? "签署村级评议" : "签署乡镇审核"}</button>
          </form>
        ) : null}
        {p.canApprove && a.status === "township_signed" ? (
          <form method="post" action={`${p.base}/assessments/${a.id}/approve`}>
            <CsrfField token={p.csrf} />
            <button type="submit">县级审定</button>
          </form>
        ) : null}
      </section>
      <section class="card">
        <h2>结果运用</h2>
        {a.consequences.length === 0 ? (
          <p class="muted">暂无</p>
        ) : (
          <ul>
            {a.consequences.map((c) => (
              <li>
                {CONSEQUENCE_KIND_LABELS[c.kind]}：{c.note}
              </li>
            ))}
          </ul>
        )}
        {p.canApprove && a.status === "county_signed" ? (
          <>
            <FormErrors errors={errs("consequence")} message={msg("consequence")} />
            <form method="post" action={`${p.base}/assessments/${a.id}/consequences`} class="inline">
              <CsrfField token={p.csrf} />
              <SelectField
                name="kind"
                label="结果运用"
                options={keysOf(CONSEQUENCE_KIND_LABELS).map((k) => [k, CONSEQUENCE_KIND_LABELS[k]] as const)}
                required
                errors={errs("consequence")}
              />
              <Field name="note" label="说明" required errors={errs("consequence")} />
              <button type="submit">登记</button>
            </form>
          </>
        ) : null}
      </section>
    </>
  );
}

/** Errors of the item lines (`items.2.source`), said with the line they are on. */
function itemErrors(errors: FieldError[] | undefined): string[] {
  return (errors ?? [])
    .filter((e) => e.field === "items" || e.field.startsWith("items."))
    .map((e) => {
      const line = /^items\.(\d+)/.exec(e.field);
      return line ? `第 ${Number(line[1]) + 1} 行：${e.message}` : e.message;
    });
}

export function TemplatesPage(p: { base: string; csrf: string; templates: TemplateView[]; canManage: boolean } & Form) {
  return (
    <>
      <h1>考核清单</h1>
      <p class="muted">
        每年按对象（第一书记、队员、工作队、派出单位、乡镇）列出考核项目、依据和分值；分值合计 100 分，一票否决项分值为
        0。
      </p>
      {p.templates.map((t) => (
        <section class="card">
          <h2>
            {t.year} 年度 · {TEMPLATE_ROLE_LABELS[t.role]} · {t.name}
          </h2>
          <RecordTable>
            <tbody>
              {t.items.map((i) => (
                <tr>
                  <td>{i.title}</td>
                  <td>{EVIDENCE_SOURCE_LABELS[i.source]}</td>
                  <td class="num">{i.vetoCap ? VETO_CAP_LABELS[i.vetoCap] : `${i.weight} 分`}</td>
                  <td class="num">{i.target ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </RecordTable>
        </section>
      ))}
      {p.canManage ? (
        <section class="card">
          <h2>制定考核清单</h2>
          <FormErrors errors={p.errors} message={p.message} />
          <form method="post" action={`${p.base}/assessment-templates`}>
            <CsrfField token={p.csrf} />
            <Field name="year" label="年度" value={p.values.year} required inputmode="numeric" errors={p.errors} />
            <SelectField
              name="role"
              label="对象"
              options={keysOf(TEMPLATE_ROLE_LABELS).map((k) => [k, TEMPLATE_ROLE_LABELS[k]] as const)}
              value={p.values.role}
              required
              errors={p.errors}
            />
            <Field name="name" label="名称" value={p.values.name} required errors={p.errors} />
            <div>
              <label for="f-items">项目（每行一项：项目|依据|分值|目标值|一票否决上限）</label>
              <textarea id="f-items" name="items" rows={8}>
                {p.values.items ??
                  "驻村天数|驻村天数|25|200\n走访覆盖|结对户走访覆盖率|25\n帮扶日志|帮扶日志条数|10|24\n群众评议|群众评议满意率|20\n成立的异议|成立的异议|10|3\n组织评价|人工评分|10\n集体经济空壳村|集体经济空壳村|0||最高称职"}
              </textarea>
              {itemErrors(p.errors).map((e) => (
                <p class="field-error">{e}</p>
              ))}
              <p class="muted">
                依据可填：
                {Object.values(EVIDENCE_SOURCE_LABELS)
                  .map((l) => l.replace(/（.*）$/, ""))
                  .join("、")}
                。一票否决上限可填：{Object.values(VETO_CAP_LABELS).join("、")}（一票否决项分值填 0）。
              </p>
            </div>
            <button type="submit">制定</button>
          </form>
        </section>
      ) : null}
    </>
  );
}

export function CadreRecordPage(p: { base: string; r: CadreRecordView; reserveLinks?: boolean }) {
  const r = p.r;
  return (
    <>
      <h1>{r.cadre.name} · 一人一档</h1>
      <p class="muted">
        {r.cadre.unitName}
        {r.cadre.position ? ` · ${r.cadre.position}` : ""}
      </p>
      <h2>驻村</h2>
      <RecordTable>
        <tbody>
          {r.assignments.map((a) => (
            <tr>
              <td>{a.villageName}</td>
              <td>{label(ASSIGNMENT_ROLE_LABELS, a.role)}</td>
              <td>{label(ASSIGNMENT_STATUS_LABELS, a.status)}</td>
              <td>
                {a.startDate} 至 {a.endDate ?? "今"}
              </td>
              <td class="num">已确认 {a.confirmedDays} 天</td>
            </tr>
          ))}
        </tbody>
      </RecordTable>
      <h2>逐年：驻村天数、走访、覆盖</h2>
      <RecordTable>
        <tbody>
          {r.years.map((y) => (
            <tr>
              <td>{y.year}</td>
              <td class="num">已确认 {y.confirmedDays} 天</td>
              <td class="num">走访 {y.visits} 次</td>
              <td>{y.coverage}</td>
            </tr>
          ))}
        </tbody>
      </RecordTable>
      <h2>结对</h2>
      <ul>
        {r.pairings.map((x) => (
          <li>
            {label(PAIRING_KIND_LABELS, x.kind)}：结对中 {x.active}，累计 {x.total}
          </li>
        ))}
      </ul>
      <h2>述职评议</h2>
      <ul>
        {r.reviews.map((x) => (
          <li>
            <a href={`${p.base}/reviews/${x.id}`}>
              {x.year} {label(REVIEW_KIND_LABELS, x.kind)} · {x.villageName}
            </a>{" "}
            · {x.ballots} 票 · 满意率 {permilleText(x.satisfactionPermille)} · {label(REVIEW_STATUS_LABELS, x.status)}
          </li>
        ))}
      </ul>
      <h2>年度考核与结果运用</h2>
      <ul>
        {r.assessments.map((x) => (
          <li>
            <a href={`${p.base}/assessments/${x.id}`}>{x.year} 年度</a>：
            {x.grade ? label(GRADE_LABELS, x.grade) : "未评定"} · {label(ASSESSMENT_STATUS_LABELS, x.status)}
            {x.consequences.length
              ? ` · ${x.consequences.map((k) => label(CONSEQUENCE_KIND_LABELS, k)).join("、")}`
              : ""}
          </li>
        ))}
      </ul>
      <h2>后备干部</h2>
      {r.reserves.length === 0 ? (
        <p class="muted">未列入后备干部库</p>
      ) : (
        <ul>
          {r.reserves.map((x) => (
            <li>
              {p.reserveLinks ? (
                <a href={`${p.base}/reserves/${x.id}`}>{label(RESERVE_POOL_KIND_LABELS, x.poolKind)}</a>
              ) : (
                label(RESERVE_POOL_KIND_LABELS, x.poolKind)
              )}
              ：{x.nominatedOn} 经{label(RESERVE_SOURCE_LABELS, x.source)}提名 ·{" "}
              {label(RESERVE_STATUS_LABELS, x.status)}
              {x.outcome
                ? ` · ${label(RESERVE_OUTCOME_LABELS, x.outcome)}${x.outcomeDate ? `（${x.outcomeDate}）` : ""}`
                : ""}
            </li>
          ))}
        </ul>
      )}
      <p class="muted">目标责任书、督查问题、通报约谈、应知应会测试将在相应模块上线后并入本档。</p>
    </>
  );
}
