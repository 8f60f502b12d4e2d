import type { CoverageSummary, Gap, GapItem } from "../../../workers/coverage/service.ts";
import { Pager } from "../../components/pager.tsx";
import { COVERAGE_GAP_LABELS, HOUSEHOLD_STATUS_LABELS, keysOf, label } from "../../i18n/zh-CN.ts";
import { RecordTable } from "../../components/record-table.tsx";

const GAPS = keysOf(COVERAGE_GAP_LABELS);

const gapLink = (base: string, gap: Gap, townshipCode?: string) =>
  `${base}/coverage?gap=${gap}${townshipCode ? `&townshipCode=${townshipCode}` : ""}`;

export function CoverageRules(p: { s: CoverageSummary["settings"]; since: string }) {
  return (
    <p class="muted">
      口径：贫困村（含深度贫困村）须有在岗第一书记；贫困村及已派工作队的村，驻村人员（第一书记、队长、队员）不少于{" "}
      {p.s.minResidentMembers} 人；未脱贫户和监测对象须有帮扶责任人；每名干部结对不超过 {p.s.householdCapPerCadre}{" "}
      户；在岗干部（驻村或结对户）自 {p.since} 起（{p.s.visitGapDays} 天内）须有走访记录；驻村干部连续{" "}
      {p.s.absenceGapDays} 天没有签到且没有获批的请假，视为长期不在岗；每村至少储备 1
      名培养中的村党组织书记后备人选（公示期满无异议）。
    </p>
  );
}

export function CoveragePage(p: { base: string; summary: CoverageSummary; canSettings: boolean }) {
  const s = p.summary;
  return (
    <>
      <h1>覆盖情况</h1>
      <CoverageRules s={s.settings} since={s.visitsSince} />
      {p.canSettings ? (
        <p>
          <a href={`${p.base}/settings`}>调整口径（设置）</a>
        </p>
      ) : null}
      <div class="tiles">
        {GAPS.map((g) => (
          <a class={`tile${s.totals[g] > 0 ? " alert" : ""}`} href={gapLink(p.base, g)}>
            <b>{s.totals[g]}</b>
            <span>{COVERAGE_GAP_LABELS[g]}</span>
          </a>
        ))}
      </div>
      <h2>分乡镇</h2>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>乡镇</th>
              {GAPS.map((g) => (
                <th class="num">{COVERAGE_GAP_LABELS[g]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {s.townships.length === 0 ? (
              <tr>
                <td colspan={GAPS.length + 1} class="muted">
                  尚未登记乡镇
                </td>
              </tr>
            ) : (
              s.townships.map((t) => (
                <tr>
                  <td>{t.name}</td>
                  {GAPS.map((g) => (
                    <td class="num">
                      {t.counts[g] > 0 ? <a href={gapLink(p.base, g, t.code)}>{t.counts[g]}</a> : "0"}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
    </>
  );
}

export function CoverageGapPage(p: {
  base: string;
  gap: Gap;
  /** What the gap's rows are (GAP_ENTITY of the coverage service): decides where a row links to. */
  entity: "village" | "household" | "cadre";
  townshipCode?: string | undefined;
  townshipNames: Map<string, string>;
  data: { items: GapItem[]; total: number; page: number; size: number; settings: CoverageSummary["settings"] };
}) {
  const entity = p.entity;
  const link = (i: GapItem) =>
    p.gap === "no_secretary_reserve"
      ? `${p.base}/reserves/new?poolKind=secretary_reserve&villageCode=${i.villageCode}`
      : entity === "village"
        ? `${p.base}/villages/${i.villageCode}`
        : entity === "household"
          ? `${p.base}/pairings/new?kind=cadre_household&householdId=${i.id}`
          : p.gap === "cadre_over_cap"
            ? `${p.base}/pairings?cadreId=${i.id}&status=active`
            : p.gap === "cadre_long_absent"
              ? `${p.base}/assignments?cadreId=${i.id}&status=active`
              : `${p.base}/visits?cadreId=${i.id}`;
  const valueHead =
    p.gap === "understaffed"
      ? "驻村人数"
      : p.gap === "cadre_over_cap"
        ? "结对户数"
        : p.gap === "cadre_no_recent_visit"
          ? "最近走访"
          : p.gap === "cadre_long_absent"
            ? "最近签到"
            : p.gap === "household_without_cadre"
              ? "状态"
              : p.gap === "no_secretary_reserve"
                ? "提名或公示中"
                : null;
  const value = (i: GapItem) =>
    p.gap === "household_without_cadre"
      ? label(HOUSEHOLD_STATUS_LABELS, i.extra)
      : p.gap === "cadre_no_recent_visit"
        ? (i.value ?? "从未走访")
        : p.gap === "cadre_long_absent"
          ? (i.value ?? "从未签到")
          : i.value;
  return (
    <>
      <h1>
        {COVERAGE_GAP_LABELS[p.gap]}
        {p.townshipCode ? ` · ${p.townshipNames.get(p.townshipCode) ?? p.townshipCode}` : ""}
      </h1>
      <p>
        <a href={`${p.base}/coverage`}>← 返回覆盖情况</a>
      </p>
      <div class="table-wrap">
        <RecordTable>
          <thead>
            <tr>
              <th>{entity === "village" ? "村" : entity === "household" ? "户主" : "干部"}</th>
              {entity === "household" ? <th>村</th> : null}
              {entity === "cadre" ? <th>单位</th> : null}
              <th>乡镇</th>
              {valueHead ? <th>{valueHead}</th> : null}
              <th>处理</th>
            </tr>
          </thead>
          <tbody>
            {p.data.items.length === 0 ? (
              <tr>
                <td colspan={5} class="muted">
                  没有缺口
                </td>
              </tr>
            ) : (
              p.data.items.map((i) => (
                <tr>
                  <td>
                    {i.name}
                    {entity === "village" ? <span class="mono muted"> {i.villageCode}</span> : null}
                  </td>
                  {entity === "household" ? <td>{i.villageName}</td> : null}
                  {entity === "cadre" ? <td>{i.extra ?? "—"}</td> : null}
                  <td>{i.townshipCodes.map((t) => p.townshipNames.get(t) ?? t).join("、")}</td>
                  {valueHead ? <td>{value(i)}</td> : null}
                  <td>
                    <a href={link(i)}>
                      {p.gap === "no_secretary_reserve"
                        ? "提名后备人选"
                        : entity === "household"
                          ? "安排帮扶责任人"
                          : entity === "village"
                            ? "查看村"
                            : p.gap === "cadre_over_cap"
                              ? "查看结对"
                              : p.gap === "cadre_long_absent"
                                ? "查看驻村任务"
                                : "查看走访"}
                    </a>
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </RecordTable>
      </div>
      <Pager
        path={`${p.base}/coverage`}
        query={{ gap: p.gap, townshipCode: p.townshipCode }}
        page={p.data.page}
        size={p.data.size}
        total={p.data.total}
      />
    </>
  );
}
