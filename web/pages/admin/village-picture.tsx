import type { VillagePicture } from "../../../workers/places/whole-picture.ts";
import { formatFen, formatTime } from "../../components/format.ts";
import { MiniTable, PictureContents, PictureSection } from "../../components/picture.tsx";
import {
  ASSIGNMENT_ROLE_LABELS,
  DECISION_STAGE_LABELS,
  ESCALATION_STEP_LABELS,
  FEEDBACK_CATEGORY_LABELS,
  FEEDBACK_STATUS_LABELS,
  label,
  PAIRING_KIND_LABELS,
  PROBLEM_STATUS_LABELS,
  PROJECT_STATUS_LABELS,
} from "../../i18n/zh-CN.ts";
import { HouseholdStatusChart } from "./dashboard-charts.tsx";

const TOC: [string, string][] = [
  ["team", "驻村工作队"],
  ["pairings", "结对帮扶"],
  ["households", "农户"],
  ["money", "资金"],
  ["projects", "项目"],
  ["decisions", "四议两公开"],
  ["feedback", "意见建议"],
  ["problems", "督查问题"],
];

/** A village's surroundings on its admin page; every list links to its full, filtered list. */
export function VillagePictureSections(p: {
  base: string;
  village: { id: number; code: string };
  pic: VillagePicture;
  canAnswerFeedback: boolean;
}) {
  const { base, pic, village: v } = p;
  const households = pic.householdsByStatus.reduce((s, r) => s + r.n, 0);
  return (
    <>
      <PictureContents items={TOC} />
      <PictureSection
        id="team"
        title="驻村工作队"
        more={{ href: `${base}/assignments?villageCode=${v.code}`, label: "查看全部驻村记录" }}
      >
        <MiniTable
          columns={["干部", "职务", "派出单位", "到村日期"]}
          empty="本村目前没有在岗的驻村干部"
          rows={pic.team.map((t) => [
            <a href={`${base}/cadres/${t.cadreId}`}>{t.cadreName}</a>,
            label(ASSIGNMENT_ROLE_LABELS, t.role),
            t.unitName ?? "—",
            <span class="nowrap">{t.startDate}</span>,
          ])}
        />
      </PictureSection>
      <PictureSection
        id="pairings"
        title={`结对帮扶（在结对 ${pic.pairingCount} 项）`}
        more={{ href: `${base}/pairings?villageId=${v.id}`, label: "查看全部结对" }}
      >
        <MiniTable
          columns={["类型", "帮扶方", "被帮扶", "开始日期"]}
          empty="本村目前没有结对帮扶"
          rows={pic.pairings.map((r) => [
            <a href={`${base}/pairings/${r.id}`}>{label(PAIRING_KIND_LABELS, r.kind)}</a>,
            r.helperHref ? <a href={`${base}/${r.helperHref}`}>{r.helper}</a> : r.helper,
            r.householdId ? <a href={`${base}/households/${r.householdId}`}>{r.householdName}户</a> : "本村",
            <span class="nowrap">{r.startDate}</span>,
          ])}
        />
      </PictureSection>
      <PictureSection
        id="households"
        title={`农户（${households} 户）`}
        more={{ href: `${base}/households?villageCode=${v.code}`, label: "查看本村农户" }}
      >
        <HouseholdStatusChart id="chart-village-households" title="本村农户按状态" rows={pic.householdsByStatus} />
        <p class="more">
          <a href={`${base}/visits?villageId=${v.id}`}>查看本村走访日志</a>
        </p>
      </PictureSection>
      <PictureSection
        id="money"
        title="资金（按年度和资金项目）"
        more={pic.moneyByProgramYear ? { href: `${base}/reports/villages/${v.id}`, label: "本村资金报表" } : undefined}
      >
        {pic.moneyByProgramYear ? (
          <MiniTable
            columns={["年度", "资金项目", { label: "笔数", num: true }, { label: "已发放净额", num: true }]}
            empty="尚无发放到本村的资金"
            rows={pic.moneyByProgramYear.map((m) => [
              m.year,
              <a href={`${base}/programs/${m.programId}`}>{m.programName}</a>,
              String(m.lines),
              formatFen(m.netFen),
            ])}
          />
        ) : (
          <p class="muted">资金明细仅资金管理、财务和审计人员可见。</p>
        )}
      </PictureSection>
      <PictureSection
        id="projects"
        title="村级项目"
        more={{ href: `${base}/projects?villageCode=${v.code}`, label: "查看全部项目" }}
      >
        <MiniTable
          columns={["项目", "状态", { label: "预算", num: true }, { label: "已支出", num: true }]}
          empty="尚无村级项目"
          rows={pic.projects.map((r) => [
            <a href={`${base}/projects/${r.id}`}>{r.name}</a>,
            label(PROJECT_STATUS_LABELS, r.status),
            formatFen(r.budgetFen),
            formatFen(r.spentFen),
          ])}
        />
      </PictureSection>
      <PictureSection
        id="decisions"
        title="四议两公开"
        more={{ href: `${base}/village-decisions?villageCode=${v.code}`, label: "查看全部事项" }}
      >
        <MiniTable
          columns={["事项", "当前环节", "提出时间"]}
          empty="尚无四议两公开事项"
          rows={pic.decisions.map((d) => [
            <a href={`${base}/village-decisions/${d.id}`}>{d.title}</a>,
            d.failedStage
              ? `未通过（${label(DECISION_STAGE_LABELS, d.failedStage)}）`
              : label(DECISION_STAGE_LABELS, d.stage),
            <span class="nowrap">{formatTime(d.createdAt)}</span>,
          ])}
        />
      </PictureSection>
      <PictureSection id="feedback" title="意见建议">
        <MiniTable
          columns={["时间", "类别", "状态", { label: "公开内容", text: true }]}
          empty="尚无本村的意见建议"
          rows={pic.feedback.map((f) => [
            <span class="nowrap">{formatTime(f.createdAt)}</span>,
            p.canAnswerFeedback ? (
              <a href={`${base}/feedback/${f.id}`}>{label(FEEDBACK_CATEGORY_LABELS, f.category)}</a>
            ) : (
              label(FEEDBACK_CATEGORY_LABELS, f.category)
            ),
            label(FEEDBACK_STATUS_LABELS, f.status),
            f.publicText ?? <span class="muted">（内容待审核）</span>,
          ])}
        />
      </PictureSection>
      <PictureSection
        id="problems"
        title="督查问题"
        more={pic.problems ? { href: `${base}/problems`, label: "查看全部督查问题" } : undefined}
      >
        {pic.problems ? (
          <>
            <MiniTable
              columns={[{ label: "问题", text: true }, "对象", "状态", "整改期限"]}
              empty="本村（含驻村工作队、驻村干部）尚无督查问题"
              rows={pic.problems.map((pr) => [
                <a href={`${base}/inspections/${pr.inspectionId}`}>{pr.description}</a>,
                pr.target,
                label(PROBLEM_STATUS_LABELS, pr.status),
                <span class="nowrap">
                  {pr.deadline} {pr.overdue ? <span class="badge err">已逾期</span> : null}
                </span>,
              ])}
            />
            {pic.escalations && pic.escalations.length > 0 ? (
              <>
                <h3>通报、约谈、问责</h3>
                <MiniTable
                  columns={["日期", "对象", "措施", "年度"]}
                  empty=""
                  rows={pic.escalations.map((e) => [
                    <span class="nowrap">{e.date}</span>,
                    e.target,
                    <a href={`${base}/inspections/${e.inspectionId}`}>{label(ESCALATION_STEP_LABELS, e.step)}</a>,
                    `${e.period} 年`,
                  ])}
                />
              </>
            ) : null}
          </>
        ) : (
          <p class="muted">督查问题仅督查、考核人员和本村驻村干部可见。</p>
        )}
      </PictureSection>
    </>
  );
}
