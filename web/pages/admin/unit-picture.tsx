import type { UnitPicture } from "../../../workers/units/whole-picture.ts";
import { formatFen } from "../../components/format.ts";
import { MiniTable, PictureContents, PictureSection } from "../../components/picture.tsx";
import { ASSIGNMENT_ROLE_LABELS, label, PAIRING_KIND_LABELS } from "../../i18n/zh-CN.ts";

/** How the unit is tied to a village: a pairing kind, or `resident:<role>` for its resident cadres. */
function howText(how: string): string {
  if (how.startsWith("resident:")) return `选派${label(ASSIGNMENT_ROLE_LABELS, how.slice("resident:".length))}`;
  return label(PAIRING_KIND_LABELS, how);
}

/** A unit's surroundings: the villages it helps, its cadres, 目标责任书 and money. */
export function UnitPictureSections(p: { base: string; unitId: number; pic: UnitPicture }) {
  const { base, pic } = p;
  return (
    <>
      <PictureContents
        items={[
          ["villages", "帮扶的村"],
          ["cadres", "干部"],
          ["letters", "目标责任书"],
          ["money", "资金"],
        ]}
      />
      <PictureSection
        id="villages"
        title="帮扶的村"
        more={{ href: `${base}/pairings?unitId=${p.unitId}`, label: "查看本单位的结对" }}
      >
        <MiniTable
          columns={["村（社区）", "方式", "开始日期"]}
          empty="本单位目前没有结对或选派驻村的村"
          rows={pic.villages.map((v) => [
            <a href={`${base}/villages/${v.code}`}>{v.name}</a>,
            howText(v.how),
            <span class="nowrap">{v.since}</span>,
          ])}
        />
      </PictureSection>
      <PictureSection
        id="cadres"
        title={`干部（${new Set(pic.cadres.map((c) => c.cadreId)).size} 人）`}
        more={{ href: `${base}/cadres?unitId=${p.unitId}`, label: "查看全部干部" }}
      >
        <MiniTable
          columns={["姓名", "职务", "驻村"]}
          empty="本单位尚未登记干部"
          rows={pic.cadres.map((c) => [
            <a href={`${base}/cadres/${c.cadreId}`}>{c.name}</a>,
            c.position ?? "—",
            c.villageCode ? (
              <>
                <a href={`${base}/villages/${c.villageCode}`}>{c.villageName}</a>{" "}
                {label(ASSIGNMENT_ROLE_LABELS, c.role)}
              </>
            ) : (
              <span class="muted">未驻村</span>
            ),
          ])}
        />
      </PictureSection>
      <PictureSection
        id="letters"
        title="目标责任书"
        more={pic.letters ? { href: `${base}/letters`, label: "查看全部目标责任书" } : undefined}
      >
        {pic.letters ? (
          <MiniTable
            columns={["村（社区）", "帮扶期", "签订日期", { label: "措施完成", num: true }]}
            empty="本单位尚未登记目标责任书"
            rows={pic.letters.map((l) => [
              <a href={`${base}/letters/${l.id}`}>{l.villageName}</a>,
              <span class="nowrap">
                {l.termStartYear}–{l.termEndYear} 年
              </span>,
              <span class="nowrap">{l.signedDate}</span>,
              `${l.completedCount} / ${l.measureCount}`,
            ])}
          />
        ) : (
          <p class="muted">目标责任书仅督查、考核人员可见。</p>
        )}
      </PictureSection>
      <PictureSection id="money" title="资金（按年度）">
        {pic.money ? (
          <MiniTable
            columns={["年度", { label: "本单位干部领取的补助", num: true }, { label: "发放到结对村的资金", num: true }]}
            empty="尚无相关资金发放"
            rows={pic.money.map((m) => [m.year, formatFen(m.cadreFen), formatFen(m.villageFen)])}
          />
        ) : (
          <p class="muted">资金明细仅资金管理、财务和审计人员可见。</p>
        )}
      </PictureSection>
    </>
  );
}
