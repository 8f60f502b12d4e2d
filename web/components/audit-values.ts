import * as zh from "../i18n/zh-CN.ts";
import { formatFen, formatTime } from "./format.ts";

type Dict = Record<string, string>;

/** `status` means a different closed list for each entity an audit entry is about. */
const STATUS_BY_ENTITY: Record<string, Dict> = {
  household: zh.HOUSEHOLD_STATUS_LABELS,
  households: zh.HOUSEHOLD_STATUS_LABELS,
  batch: zh.BATCH_STATUS_LABELS,
  line: zh.LINE_STATUS_LABELS,
  batch_line: zh.LINE_STATUS_LABELS,
  batch_lines: zh.LINE_STATUS_LABELS,
  pairing: zh.PAIRING_STATUS_LABELS,
  pairings: zh.PAIRING_STATUS_LABELS,
  user: zh.USER_STATUS_LABELS,
  assignment: zh.ASSIGNMENT_STATUS_LABELS,
  notice: zh.NOTICE_STATUS_LABELS,
  objection: zh.OBJECTION_STATUS_LABELS,
  decision: zh.DECISION_STATUS_LABELS,
  project: zh.PROJECT_STATUS_LABELS,
  feedback: zh.FEEDBACK_STATUS_LABELS,
  csv_import: zh.IMPORT_STATUS_LABELS,
};

/** `kind` and `category` likewise. */
const KIND_BY_ENTITY: Record<string, Dict> = {
  pairing: zh.PAIRING_KIND_LABELS,
  pairings: zh.PAIRING_KIND_LABELS,
  household: zh.DECISION_KIND_LABELS,
  decision: zh.DECISION_KIND_LABELS,
  notice: zh.NOTICE_KIND_LABELS,
  unit: zh.UNIT_KIND_LABELS,
  units: zh.UNIT_KIND_LABELS,
  batch_line: zh.RECIPIENT_KIND_LABELS,
  line: zh.RECIPIENT_KIND_LABELS,
};
const CATEGORY_BY_ENTITY: Record<string, Dict> = {
  program: zh.PROGRAM_CATEGORY_LABELS,
  feedback: zh.FEEDBACK_CATEGORY_LABELS,
};

/** Fields that hold the same closed list whatever the entity. */
const BY_FIELD: Record<string, Dict> = {
  role: zh.ROLE_LABELS,
  fromStatus: zh.HOUSEHOLD_STATUS_LABELS,
  toStatus: zh.HOUSEHOLD_STATUS_LABELS,
  householdStatus: zh.HOUSEHOLD_STATUS_LABELS,
  monitorKind: zh.MONITOR_KIND_LABELS,
  fromMonitorKind: zh.MONITOR_KIND_LABELS,
  toMonitorKind: zh.MONITOR_KIND_LABELS,
  type: zh.HOUSEHOLD_TYPE_LABELS,
  causes: zh.POVERTY_CAUSE_LABELS,
  tags: zh.VILLAGE_TAG_LABELS,
  level: zh.UNIT_LEVEL_LABELS,
  endReason: zh.END_REASON_LABELS,
  occasion: zh.VISIT_OCCASION_LABELS,
  helpKinds: zh.HELP_KIND_LABELS,
  help: zh.HELP_KIND_LABELS,
  fundSource: zh.FUND_SOURCE_LABELS,
  recipientKind: zh.RECIPIENT_KIND_LABELS,
  ruleKind: zh.RULE_KIND_LABELS,
  stage: zh.DECISION_STAGE_LABELS,
  decision: zh.DECISION_KIND_LABELS,
};

function dictFor(entity: string, field: string): Dict | undefined {
  if (field === "status") return STATUS_BY_ENTITY[entity];
  if (field === "kind") return KIND_BY_ENTITY[entity];
  if (field === "category") return CATEGORY_BY_ENTITY[entity];
  return BY_FIELD[field];
}

/** Every closed list's key → label, for a coded value whose field names no list (last resort). */
const ANY_ENUM: Dict = Object.assign(
  {},
  ...Object.values(zh).filter(
    (v): v is Dict => typeof v === "object" && v !== null && Object.values(v).every((x) => typeof x === "string"),
  ),
  zh.AUDIT_VALUE_LABELS,
);
// Field and entity names are no values: drop what the merge picked up from those dictionaries.
for (const k of [
  ...Object.keys(zh.FIELD_LABELS),
  ...Object.keys(zh.ENTITY_LABELS),
  ...Object.keys(zh.AUDIT_ACTION_LABELS),
])
  if (!(k in zh.AUDIT_VALUE_LABELS)) delete ANY_ENUM[k];

function fieldLabel(field: string): string {
  return zh.FIELD_LABELS[field] ?? zh.ENTITY_LABELS[field] ?? "其他信息";
}

/** One recorded value as people read it: labels for coded values, yuan for fen, times, 是/否. */
export function auditValue(entity: string, field: string, value: unknown, depth = 0): string {
  if (value === null || value === undefined || value === "") return "（空）";
  if (typeof value === "boolean") return value ? "是" : "否";
  if (typeof value === "number") {
    if (/Fen$/.test(field) && Number.isSafeInteger(value)) return formatFen(value);
    if (/At$/.test(field)) return formatTime(value);
    return String(value);
  }
  if (typeof value === "string") {
    const dict = dictFor(entity, field);
    if (dict?.[value]) return dict[value];
    // Seed module names have hyphens ("village-cadres"): looked up as recorded, not as a code.
    if (field === "module" && zh.AUDIT_VALUE_LABELS[value]) return zh.AUDIT_VALUE_LABELS[value];
    if (/^[a-z]+(_[a-z]+)*$/.test(value) && ANY_ENUM[value]) return ANY_ENUM[value];
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return "（无）";
    return value.map((v) => auditValue(entity, field, v, depth + 1)).join("、");
  }
  if (typeof value === "object") {
    if (depth > 2) return "…";
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${fieldLabel(k)}：${auditValue(entity, k, v, depth + 1)}`);
    return parts.length ? parts.join("；") : "（无）";
  }
  return String(value);
}

export interface AuditChange {
  field: string;
  /** Absent when the entry recorded no earlier value for this field (a creation, or only the change). */
  before?: string;
  /** Absent when the entry recorded only the earlier value (a deletion, or the state a change started from). */
  after?: string;
}

function parse(json: string | null): Record<string, unknown> | undefined {
  if (!json) return undefined;
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { text: json };
  }
}

/**
 * An audit entry's before/after records as a readable diff: one row per field of either,
 * labelled in Chinese, values through their labels; a field recorded with the same value before
 * and after is not repeated. The stored
 * text, which the hash chain covers, is not changed.
 */
export function auditChanges(entity: string, beforeJson: string | null, afterJson: string | null): AuditChange[] {
  const before = parse(beforeJson);
  const after = parse(afterJson);
  const fields = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])];
  const rows: AuditChange[] = [];
  for (const f of fields) {
    const row: AuditChange = { field: fieldLabel(f) };
    if (before && f in before && before[f] !== undefined) row.before = auditValue(entity, f, before[f]);
    if (after && f in after && after[f] !== undefined) row.after = auditValue(entity, f, after[f]);
    if (row.before === undefined && row.after === undefined) continue;
    if (row.before !== undefined && row.before === row.after) continue;
    rows.push(row);
  }
  return rows;
}
