import { RecordTable } from "../../components/record-table.tsx";
import type { OversightReportView } from "../../../workers/oversight-reports/schemas.ts";
import { BarChart, type BarDatum } from "../../components/charts.tsx";
import { Field } from "../../components/form.tsx";
import { withQuery } from "../../components/pager.tsx";
import { GRADE_LABELS, OVERSIGHT_GROUPING_LABELS, keysOf } from "../../i18n/zh-CN.ts";
import { permilleText } from "./reviews.tsx";

const sum = (rows: OversightReportView["rows"], f: (r: OversightReportView["rows"][number]) => number) =>
  rows.reduce((n, r) => n + f(r), 0);
const count = (label: string, value: number): BarDatum => ({ label, value, display: String(value) });

/**
 * 考核监督报表: grades, the 通报→约谈→问责 ladder, inspection problems and villagers' satisfaction,
 * per township or per dispatching unit. Every chart is SVG with its figures as a table; the full
 * table follows and downloads as CSV.
 */
export function OversightReportPage(p: {
  base: string;
  report: OversightReportView;
  /** Unit rows link their record (the county's view; a township officer's rows may name units whose record is not theirs). */
  linkUnits: boolean;
}) {
  const r = p.report;
  const rows = r.rows;
  const groupings = keysOf(OVERSIGHT_GROUPING_LABELS);
  const rated = rows.filter((x) => x.satisfactionPermille != null);
  const withProblems = rows.filter((x) => x.problems > 0);
  return (
    <>
      <h1>
        考核监督报表 · {r.year} 年 · {OVERSIGHT_GROUPING_LABELS[r.by]}
      </h1>
      <p class="actions">
        {groupings.map((g) =>
          g === r.by ? (
            <strong>{OVERSIGHT_GROUPING_LABELS[g]}</strong>
          ) : (
            <a href={withQuery(`${p.base}/oversight-report`, { year: r.year, by: g })}>
              {OVERSIGHT_GROUPING_LABELS[g]}
            </a>
          ),
        )}
        <a href={`${p.base}/supervision-report?year=${r.year}`}>督查问责报表</a>
      </p>
      <form class="inline card" method="get" action={`${p.base}/oversight-report`}>
        <input type="hidden" name="by" value={r.by} />
        <Field name="year" label="年度" value={String(r.year)} maxlength={4} inputmode="numeric" />
        <button type="submit" class="secondary">
          查看
        </button>
        <a class="button secondary" href={withQuery(`${p.base}/oversight-report/export`, { year: r.year, by: r.by })}>
          导出 CSV
        </a>
      </form>
      <div class="charts">
        <BarChart
          id="grades"
          title="干部年度考核等次分布（县级已签署）"
          desc="各等次的干部人数，未定等次为尚未经县级签署的考核"
          columns={["等次", "人数"]}
          data={[
            count(
              GRADE_LABELS.excellent,
              sum(rows, (x) => x.excellent),
            ),
            count(
              GRADE_LABELS.competent,
              sum(rows, (x) => x.competent),
            ),
            count(
              GRADE_LABELS.basically_competent,
              sum(rows, (x) => x.basicallyCompetent),
            ),
            count(
              GRADE_LABELS.incompetent,
              sum(rows, (x) => x.incompetent),
            ),
            count(
              "未定等次",
              sum(rows, (x) => x.ungraded),
            ),
          ]}
        />
        <BarChart
          id="ladder"
          title="通报、约谈、问责、移交纪委"
          desc="本年度记录的通报、约谈、问责次数和移交纪委人数"
          columns={["环节", "次数"]}
          data={[
            count(
              "通报",
              sum(rows, (x) => x.notices),
            ),
            count(
              "约谈",
              sum(rows, (x) => x.interviews),
            ),
            count(
              "问责",
              sum(rows, (x) => x.accountabilities),
            ),
            count(
              "移交纪委",
              sum(rows, (x) => x.referrals),
            ),
          ]}
        />
        <BarChart
          id="rectified"
          title="督查问题整改（已整改 / 问题总数）"
          desc="每行的深色条为已整改的问题数，浅色底为本年度督查发现的问题总数"
          columns={[r.by === "township" ? "乡镇" : "派出单位", "已整改", "问题总数"]}
          empty="本年度没有督查问题"
          data={withProblems.map((x) => ({
            label: x.name,
            value: x.rectified,
            display: `${x.rectified}/${x.problems}`,
            total: x.problems,
            totalDisplay: String(x.problems),
          }))}
        />
        <BarChart
          id="overdue"
          title="逾期未整改问题"
          desc="超过整改时限仍未整改的督查问题数"
          columns={[r.by === "township" ? "乡镇" : "派出单位", "逾期问题"]}
          empty="本年度没有督查问题"
          data={withProblems.map((x) => count(x.name, x.overdue))}
        />
        <BarChart
          id="satisfaction"
          title="述职评议满意率（满意 + 基本满意）"
          desc="已公布的驻村工作队述职评议中，满意和基本满意票占全部票数的比例"
          columns={[r.by === "township" ? "乡镇" : "派出单位", "满意率", "票数"]}
          empty="本年度没有已公布的述职评议"
          data={rated.map((x) => ({
            label: x.name,
            value: x.satisfactionPermille ?? 0,
            display: permilleText(x.satisfactionPermille),
            total: 1000,
            totalDisplay: `${x.ballots} 票`,
          }))}
        />
      </div>
      <h2>明细</h2>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>{r.by === "township" ? "乡镇" : "派出单位"}</th>
              <th class="num">优秀</th>
              <th class="num">称职</th>
              <th class="num">基本称职</th>
              <th class="num">不称职</th>
              <th class="num">未定</th>
              <th class="num">通报</th>
              <th class="num">约谈</th>
              <th class="num">问责</th>
              <th class="num">移交纪委</th>
              <th class="num">问题</th>
              <th class="num">未整改</th>
              <th class="num">逾期</th>
              <th class="num">已整改</th>
              <th class="num">评议</th>
              <th class="num">满意率</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colspan={16} class="muted">
                  暂无数据
                </td>
              </tr>
            ) : (
              rows.map((x) => (
                <tr>
                  <td>
                    {r.by === "unit" && p.linkUnits ? <a href={`${p.base}/units/${x.key}/record`}>{x.name}</a> : x.name}
                  </td>
                  <td class="num">{x.excellent}</td>
                  <td class="num">{x.competent}</td>
                  <td class="num">{x.basicallyCompetent}</td>
                  <td class="num">{x.incompetent}</td>
                  <td class="num">{x.ungraded}</td>
                  <td class="num">{x.notices}</td>
                  <td class="num">{x.interviews}</td>
                  <td class="num">{x.accountabilities}</td>
                  <td class="num">{x.referrals}</td>
                  <td class="num">{x.problems}</td>
                  <td class="num">{x.open}</td>
                  <td class="num">{x.overdue}</td>
                  <td class="num">{x.rectified}</td>
                  <td class="num">{x.reviews}</td>
                  <td class="num">{permilleText(x.satisfactionPermille)}</td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
    </>
  );
}
