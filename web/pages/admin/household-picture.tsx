import type { HouseholdPicture } from "../../../workers/households/whole-picture.ts";
import { formatFen, formatTime } from "../../components/format.ts";
import { MiniTable, PictureContents, PictureSection } from "../../components/picture.tsx";
import {
  DECISION_KIND_LABELS,
  DECISION_STATUS_LABELS,
  HOUSEHOLD_STATUS_LABELS,
  label,
  NOTICE_KIND_LABELS,
  NOTICE_STATUS_LABELS,
  PAIRING_STATUS_LABELS,
  VISIT_OCCASION_LABELS,
} from "../../i18n/zh-CN.ts";

export const HOUSEHOLD_PICTURE_TOC: [string, string][] = [
  ["responsible", "帮扶责任人"],
  ["visits", "走访记录"],
  ["payments", "收到的资金"],
  ["decisions", "认定与退出"],
  ["notices", "相关公示"],
];

/** A household's surroundings: responsible cadres, visits, money received, decisions, notices. */
export function HouseholdPictureSections(p: { base: string; householdId: number; pic: HouseholdPicture }) {
  const { base, pic } = p;
  return (
    <>
      <PictureContents items={HOUSEHOLD_PICTURE_TOC} />
      <PictureSection
        id="responsible"
        title="帮扶责任人"
        more={{ href: `${base}/pairings?householdId=${p.householdId}`, label: "查看本户的结对记录" }}
      >
        <MiniTable
          columns={["干部", "单位", "状态", "起止日期"]}
          empty="本户尚无帮扶责任人"
          rows={pic.responsible.map((r) => [
            <a href={`${base}/cadres/${r.cadreId}`}>{r.cadreName}</a>,
            r.unitName ?? "—",
            label(PAIRING_STATUS_LABELS, r.status),
            `${r.startDate} 至 ${r.endDate ?? "今"}`,
          ])}
        />
      </PictureSection>
      <PictureSection
        id="visits"
        title={`走访记录（共 ${pic.visitCount} 次）`}
        more={{ href: `${base}/visits?householdId=${p.householdId}`, label: "查看全部走访" }}
      >
        <MiniTable
          columns={["日期", "走访时机", "干部", { label: "情况", text: true }]}
          empty="尚无走访记录"
          rows={pic.visits.map((v) => [
            <span class="nowrap">{v.visitDate}</span>,
            label(VISIT_OCCASION_LABELS, v.occasion),
            v.cadreName,
            v.notes,
          ])}
        />
      </PictureSection>
      <PictureSection
        id="payments"
        title="收到的资金"
        more={pic.payments ? { href: `${base}/reports/households/${p.householdId}`, label: "本户资金报表" } : undefined}
      >
        {pic.payments ? (
          <MiniTable
            columns={["支付日期", "资金项目", "期间", { label: "金额", num: true }, { label: "冲正", num: true }]}
            empty="尚无已支付的资金"
            rows={pic.payments.map((l) => [
              <span class="nowrap">{l.paidDate ?? "—"}</span>,
              <a href={`${base}/batches/${l.batchId}`}>{l.programName}</a>,
              l.period,
              formatFen(l.amountFen),
              l.reversedFen ? formatFen(l.reversedFen) : "—",
            ])}
          />
        ) : (
          <p class="muted">资金明细仅资金管理、财务和审计人员可见。</p>
        )}
      </PictureSection>
      <PictureSection id="decisions" title="认定与退出">
        <MiniTable
          columns={["提出时间", "事项", "拟认定状态", "进度", { label: "原因", text: true }]}
          empty="尚无认定、退出或监测决定"
          rows={pic.decisions.map((d) => [
            <span class="nowrap">{formatTime(d.createdAt)}</span>,
            label(DECISION_KIND_LABELS, d.kind),
            label(HOUSEHOLD_STATUS_LABELS, d.toStatus),
            label(DECISION_STATUS_LABELS, d.status),
            d.reason,
          ])}
        />
      </PictureSection>
      <PictureSection id="notices" title="相关公示">
        <MiniTable
          columns={["公示", "类别", "公示期", "状态"]}
          empty="尚无涉及本户的公示"
          rows={pic.notices.map((n) => [
            <a href={`${base}/notices/${n.id}`}>{n.title}</a>,
            label(NOTICE_KIND_LABELS, n.kind),
            <span class="nowrap">
              {n.startDate} 至 {n.endDate}
            </span>,
            label(NOTICE_STATUS_LABELS, n.status),
          ])}
        />
      </PictureSection>
    </>
  );
}
