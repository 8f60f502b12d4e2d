import {
  DECISION_KIND_LABELS,
  FUND_SOURCE_LABELS,
  HOUSEHOLD_STATUS_LABELS,
  MONITOR_KIND_LABELS,
  NOTICE_SUMMARY_LABELS,
  PROGRAM_CATEGORY_LABELS,
} from "../i18n/zh-CN.ts";

/** Summary fields whose value is an enum key: shown through its dictionary, never as the English key. */
const ENUM_VALUES: Partial<Record<keyof typeof NOTICE_SUMMARY_LABELS, Record<string, string>>> = {
  category: PROGRAM_CATEGORY_LABELS,
  fundSource: FUND_SOURCE_LABELS,
  decision: DECISION_KIND_LABELS,
  toStatus: HOUSEHOLD_STATUS_LABELS,
  toMonitorKind: MONITOR_KIND_LABELS,
};

/**
 * The rows of a notice snapshot's summary as people read them, in the dictionary's order: known
 * fields only (the snapshot also keeps machine fields such as totalFen), enum keys through their
 * zh-CN label, empty values left out. A key without a label shows as 未知 rather than in English.
 */
export function noticeSummaryRows(summary: Record<string, unknown> | undefined): { label: string; value: string }[] {
  if (!summary) return [];
  const rows: { label: string; value: string }[] = [];
  for (const [key, name] of Object.entries(NOTICE_SUMMARY_LABELS) as [keyof typeof NOTICE_SUMMARY_LABELS, string][]) {
    const v = summary[key];
    if (typeof v !== "string" && typeof v !== "number") continue;
    if (v === "") continue;
    const dict = ENUM_VALUES[key];
    rows.push({ label: name, value: dict ? (dict[String(v)] ?? "未知") : String(v) });
  }
  return rows;
}
