import * as zh from "../i18n/zh-CN.ts";

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

function localize(entity: string, value: unknown, field?: string): unknown {
  const dict = field === undefined ? undefined : dictFor(entity, field);
  if (dict && typeof value === "string") return dict[value] ?? value;
  if (dict && Array.isArray(value)) return value.map((v) => (typeof v === "string" ? (dict[v] ?? v) : v));
  if (Array.isArray(value)) return value.map((v) => localize(entity, v));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localize(entity, v, k)]));
  return value;
}

/**
 * An audit entry's before/after JSON as the auditor reads it: enum keys (status poor, kind exit …)
 * replaced by their zh-CN labels, everything else as recorded. The stored text, which the hash
 * chain covers, is not changed; text that is not JSON comes back as it is.
 */
export function auditValueText(entity: string, json: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return json;
  }
  return JSON.stringify(localize(entity, parsed));
}
