import { RecordTable } from "../../components/record-table.tsx";
import type { SubjectRecordView } from "../../../workers/assessments/subject-record.ts";
import {
  ACCOUNTABILITY_OUTCOME_LABELS,
  ASSESSMENT_STATUS_LABELS,
  ASSIGNMENT_ROLE_LABELS,
  ASSIGNMENT_STATUS_LABELS,
  CONSEQUENCE_KIND_LABELS,
  ESCALATION_STEP_LABELS,
  EVIDENCE_SOURCE_LABELS,
  GRADE_LABELS,
  INSPECTION_KIND_LABELS,
  PAIRING_KIND_LABELS,
  REVIEW_KIND_LABELS,
  REVIEW_STATUS_LABELS,
  TARGET_KIND_LABELS,
  label,
} from "../../i18n/zh-CN.ts";
import { permilleText } from "./reviews.tsx";

const None = () => <p class="muted">暂无记录</p>;

/**
 * 驻村工作队 / 派出单位档案: everything recorded about one team or one unit, in the order the
 * annual assessment reads it (people and days, work, oversight, ratings, grades).
 */
export function SubjectRecordPage(p: { base: string; r: SubjectRecordView; canSupervision: boolean }) {
  const r = p.r;
  const s = r.subject;
  return (
    <>
      <h1>{s.name} · 档案</h1>
      <p class="muted">
        {s.detail}
        {s.villageCode ? (
          <>
            {" · "}
            <a href={`${p.base}/villages/${s.villageCode}`}>村（社区）详情</a>
          </>
        ) : null}
        {s.unitId ? (
          <>
            {" · "}
            <a href={`${p.base}/units/${s.unitId}`}>单位详情</a>
          </>
        ) : null}
      </p>
      <h2>{s.kind === "team" ? "工作队成员" : "选派干部"}</h2>
      {r.assignments.length === 0 ? (
        <None />
      ) : (
        <div class="table-wrap">
          <RecordTable>
            <thead>
              <tr>
                <th>干部</th>
                <th>{s.kind === "team" ? "派出单位" : "所驻村"}</th>
                <th>职务</th>
                <th>状态</th>
                <th>起止</th>
                <th>已确认天数</th>
              </tr>
            </thead>
            <tbody>
              {r.assignments.map((a) => (
                <tr>
                  <td>
                    <a href={`${p.base}/cadres/${a.cadreId}/record`}>{a.cadreName}</a>
                  </td>
                  <td>
                    {s.kind === "team" ? (
                      a.unitName
                    ) : (
                      <a href={`${p.base}/teams/${a.villageId}/record`}>{a.villageName}</a>
                    )}
                  </td>
                  <td>{label(ASSIGNMENT_ROLE_LABELS, a.role)}</td>
                  <td>{label(ASSIGNMENT_STATUS_LABELS, a.status)}</td>
                  <td>
                    {a.startDate} 至 {a.endDate ?? "今"}
                  </td>
                  <td class="num">{a.confirmedDays}</td>
                </tr>
              ))}
            </tbody>
          </RecordTable>
        </div>
      )}
      <h2>逐年依据：驻村天数、走访覆盖、帮扶日志、措施、督查问题</h2>
      {!r.evidenceShown ? (
        <p class="muted">单位的逐年汇总涵盖全县各村，仅县级用户可见。</p>
      ) : r.years.length === 0 ? (
        <None />
      ) : (
        r.years.map((y) => (
          <section class="card">
            <h3>{y.year} 年</h3>
            <ul>
              {y.evidence.map((e) => (
                <li>
                  {label(EVIDENCE_SOURCE_LABELS, e.source)}：{e.detail || "—"}
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
      <h2>结对帮扶</h2>
      {r.pairings.length === 0 ? (
        <None />
      ) : (
        <ul>
          {r.pairings.map((x) => (
            <li>
              {label(PAIRING_KIND_LABELS, x.kind)}：结对中 {x.active}，累计 {x.total}
            </li>
          ))}
        </ul>
      )}
      <h2>目标责任书与措施</h2>
      {r.letters.length === 0 ? (
        <None />
      ) : (
        <ul>
          {r.letters.map((l) => (
            <li>
              {p.canSupervision ? (
                <a href={`${p.base}/letters/${l.id}`}>
                  {l.unitName} ↔ {l.villageName}
                </a>
              ) : (
                `${l.unitName} ↔ ${l.villageName}`
              )}{" "}
              · {l.termStartYear}–{l.termEndYear} 年 · 签订 {l.signedDate} · 措施完成 {l.measuresDone}/{l.measures}
            </li>
          ))}
        </ul>
      )}
      <h2>督查与问题整改</h2>
      {r.inspections.length === 0 ? (
        <None />
      ) : (
        <div class="table-wrap">
          <RecordTable>
            <thead>
              <tr>
                <th>日期</th>
                <th>方式</th>
                <th>对象</th>
                <th>发现问题</th>
                <th>问题</th>
                <th>未整改</th>
                <th>逾期</th>
                <th>已整改</th>
              </tr>
            </thead>
            <tbody>
              {r.inspections.map((i) => (
                <tr>
                  <td>{p.canSupervision ? <a href={`${p.base}/inspections/${i.id}`}>{i.date}</a> : i.date}</td>
                  <td>{label(INSPECTION_KIND_LABELS, i.kind)}</td>
                  <td>{label(TARGET_KIND_LABELS, i.targetKind)}</td>
                  <td class="text">{i.findings}</td>
                  <td class="num">{i.problems}</td>
                  <td class="num">{i.open}</td>
                  <td class="num">{i.overdue}</td>
                  <td class="num">{i.rectified}</td>
                </tr>
              ))}
            </tbody>
          </RecordTable>
        </div>
      )}
      <h2>通报、约谈、问责</h2>
      {r.escalations.length === 0 ? (
        <None />
      ) : (
        <ul>
          {r.escalations.map((e) => (
            <li>
              {e.date} {label(ESCALATION_STEP_LABELS, e.step)}（{label(TARGET_KIND_LABELS, e.targetKind)}
              {e.outcome ? `，${label(ACCOUNTABILITY_OUTCOME_LABELS, e.outcome)}` : ""}）：{e.record}
            </li>
          ))}
        </ul>
      )}
      <h2>述职评议</h2>
      {r.reviews.length === 0 ? (
        <None />
      ) : (
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
      )}
      <h2>年度考核与结果运用</h2>
      {r.assessments.length === 0 ? (
        <None />
      ) : (
        <ul>
          {r.assessments.map((x) => (
            <li>
              <a href={`${p.base}/assessments/${x.id}`}>{x.year} 年度</a>：
              {x.grade ? label(GRADE_LABELS, x.grade) : "未评定"}
              {x.score != null ? ` · ${x.score} 分` : ""} · {label(ASSESSMENT_STATUS_LABELS, x.status)}
              {x.consequences.length
                ? ` · ${x.consequences.map((k) => label(CONSEQUENCE_KIND_LABELS, k)).join("、")}`
                : ""}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
