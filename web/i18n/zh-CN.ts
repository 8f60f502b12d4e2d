/**
 * zh-CN labels keyed by the glossary's English enum keys (../shared/GLOSSARY.md).
 * Code stores the key; the UI shows the label. Nothing else in web/ spells these out.
 */
import type { SettingKey } from "../../workers/settings/service.ts";
import type { SideField } from "../../workers/pairings/rules.ts";

export const ROLE_LABELS = {
  county_admin: "帮扶办管理员",
  finance_officer: "财务人员",
  township_officer: "乡镇干部",
  cadre: "驻村（帮扶）干部",
  auditor: "审计（纪检）人员",
} as const;

export const USER_STATUS_LABELS = { active: "启用", disabled: "已停用" } as const;

/** A CSV import's state (csv_imports.status). */
export const IMPORT_STATUS_LABELS = { previewed: "待确认", committed: "已导入", discarded: "已放弃" } as const;

export const TENANT_LEVEL_LABELS = { city: "市州级", county: "区县级" } as const;

/** Audit actions, as the auditor reads them. Unknown actions fall back to their key. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "auth.login": "登录",
  "auth.login_failed": "登录失败",
  "auth.logout": "退出登录",
  "user.create": "新建用户",
  "user.update": "修改用户",
  "user.reset_password": "重置密码",
  "user.disable": "停用用户",
  "user.enable": "启用用户",
  "seed.demo": "写入演示数据",
  "program.create": "新建资金项目",
  "program.update": "修改资金项目",
  "budget.set": "下达预算",
  "batch.create": "新建发放批次",
  "batch.submit": "提交公示",
  "batch.approve": "审批批次",
  "batch.pay": "登记支付",
  "batch.close": "办结批次",
  "batch.cancel": "作废批次",
  "line.create": "添加明细",
  "line.delete": "删除明细",
  "line.generate": "按规则生成明细",
  "line.reverse": "冲正",
  "batch.reconcile": "银行回盘对账",
  "import.preview": "上传导入文件",
  "import.commit": "确认导入",
  "import.discard": "放弃导入",
  "county.create": "新建区县",
  "township.create": "新建乡镇",
  "township.update": "修改乡镇",
  "village.create": "新建村",
  "village.update": "修改村",
  "village.income": "登记集体经济收入",
  "village_group.create": "新建村民小组",
  "household.create": "登记农户",
  "household.update": "修改农户信息",
  "household.status_change": "农户状态变更",
  "household.member_add": "添加家庭成员",
  "household.member_remove": "删除家庭成员",
  "household.reveal_pii": "查看农户完整身份证号和手机号",
  "unit.create": "新建帮扶单位",
  "unit.update": "修改帮扶单位",
  "cadre.create": "新建干部",
  "cadre.update": "修改干部信息",
  "cadre.reveal_phone": "查看干部完整手机号",
  "assignment.create": "派驻干部到村",
  "assignment.end": "结束驻村任务",
  "assignment.replace": "调整更换驻村干部",
  "attendance.record": "填报驻村天数",
  "pairing.create": "新建结对",
  "pairing.update": "修改结对",
  "pairing.end": "结束结对",
  "pairing.handover": "移交结对",
  "visit.create": "登记走访",
  "settings.update": "修改设置",
  "objection.submit": "提交异议",
  "objection.answer": "答复异议",
  "decision.create": "提交户认定公示",
  "decision.finalize": "户认定生效",
  "project.create": "新建村级项目",
  "project.update": "修改村级项目",
  "project.delete": "删除村级项目",
  "village_decision.create": "登记四议两公开事项",
  "village_decision.stage": "记录四议两公开环节",
  "feedback.submit": "提交意见建议",
  "feedback.answer": "答复意见建议",
  "feedback.reveal_contact": "查看意见建议联系方式",
  "objection.reveal_contact": "查看异议人联系方式",
  "public.self_query": "村民查询本人补贴",
};

export function label<T extends Record<string, string>>(dict: T, key: string | null | undefined): string {
  if (key == null) return "";
  return (dict as Record<string, string>)[key] ?? key;
}

// --- Registry (GLOSSARY.md) ---
export const VILLAGE_TAG_LABELS = {
  poor: "贫困村",
  deeply_poor: "深度贫困村",
  weak_party_org: "软弱涣散村",
  lagging: "后进村",
  disputes: "矛盾问题村",
  lagging_economy: "经济发展滞后村",
  no_collective_income: "集体经济空壳村",
  model: "示范村",
} as const;

/** Collective-economy income brackets of the 楚雄 seed, computed from the year's income. */
export const INCOME_BRACKET_LABELS = {
  over_100k: "10 万元以上",
  from_30k: "3–10 万元",
  from_10k: "1–3 万元",
  weak: "1 万元以下（薄弱）",
  none: "无收入（空壳）",
} as const;

export const HOUSEHOLD_STATUS_LABELS = {
  poor: "未脱贫",
  exited: "已脱贫",
  monitored: "监测对象",
  registered: "待认定",
} as const;
export const MONITOR_KIND_LABELS = {
  unstable: "脱贫不稳定户",
  marginal: "边缘易致贫户",
  sudden_hardship: "突发严重困难户",
} as const;
export const HOUSEHOLD_TYPE_LABELS = {
  general: "一般贫困户",
  minimum_living: "低保贫困户",
  extreme_hardship: "特困供养贫困户",
} as const;
export const POVERTY_CAUSE_LABELS = {
  illness: "因病",
  disability: "因残",
  education: "因学",
  disaster: "因灾",
  marriage: "因婚",
  lack_land: "缺土地",
  lack_water: "缺水",
  lack_skills: "缺技术",
  lack_labour: "缺劳力",
  lack_capital: "缺资金",
  poor_transport: "交通条件落后",
  lack_motivation: "自身发展动力不足",
  other: "其他",
} as const;

export const UNIT_KIND_LABELS = {
  party_government: "党政机关",
  public_institution: "事业单位",
  state_enterprise: "国有企业",
  private_enterprise: "民营企业",
  school: "学校",
  hospital: "医院",
  other: "其他",
} as const;
export const UNIT_LEVEL_LABELS = {
  province: "省直",
  city: "市直",
  county: "县直",
  township: "乡镇",
  village: "村级",
} as const;

export const CADRE_RANK_LABELS = {
  clerk: "科员及以下",
  deputy_section: "副科级",
  section: "正科级",
  deputy_division: "副处级",
  division: "正处级",
  deputy_bureau: "副厅级及以上",
} as const;

export const ASSIGNMENT_ROLE_LABELS = {
  first_secretary: "第一书记",
  team_leader: "驻村工作队队长",
  team_member: "驻村工作队队员",
} as const;
export const ATTENDANCE_STATUS_LABELS = { reported: "待确认", confirmed: "已确认" } as const;

// --- 签到与请假 (db/schema/tenant/presence.ts) ---
export const CHECK_IN_SLOT_LABELS = { morning: "上午", evening: "下午" } as const;
export const CHECK_IN_FLAG_LABELS = {
  far: "远离村址",
  no_location: "未定位",
  village_unlocated: "村未登记位置",
} as const;
export const NO_LOCATION_REASON_LABELS = {
  denied: "未允许定位",
  unavailable: "暂时无法定位",
  unsupported: "手机不支持定位",
  other: "其他原因",
} as const;
export const LEAVE_KIND_LABELS = {
  personal: "事假",
  sick: "病假",
  official: "公假（培训、会议）",
  other: "其他",
} as const;
export const LEAVE_STATUS_LABELS = {
  pending: "待审批",
  approved: "已批准",
  rejected: "未批准",
  cancelled: "已撤回",
  returned: "已销假",
} as const;
export const ASSIGNMENT_STATUS_LABELS = {
  active: "在岗",
  completed: "期满",
  recalled: "召回",
  replaced: "调整更换",
} as const;
export const END_REASON_LABELS = {
  term_completed: "任期届满",
  unfit: "不胜任",
  long_absent: "长期不在岗",
  wrong_unit: "与派出单位无关联",
  other: "其他",
} as const;

export const PAIRING_KIND_LABELS = {
  unit_village: "单位包村",
  cadre_household: "干部结对户",
  village_village: "强村带弱村",
  branch_branch: "支部共建",
  enterprise_village: "村企联建",
  leader_village: "领导挂点",
} as const;
/** The side fields of a pairing (workers/pairings/rules.ts PAIRING_SIDES), for forms and messages. */
export const PAIRING_SIDE_LABELS = {
  helperUnitId: "帮扶单位",
  helperCadreId: "帮扶干部",
  helperVillageId: "帮扶村（强村）",
  villageId: "被帮扶村",
  householdId: "被帮扶户",
} as const satisfies Record<SideField, string>;
export const PAIRING_STATUS_LABELS = { active: "结对中", ended: "已结束", handed_over: "已移交" } as const;

export const VISIT_OCCASION_LABELS = {
  festival: "传统佳节",
  busy_season: "生产忙季",
  hardship: "有了困难",
  school_enrolment: "子女入学",
  life_event: "生老病死",
  dispute: "发生纠纷",
} as const;
export const HELP_KIND_LABELS = {
  policy: "政策",
  technology: "技术",
  project: "项目",
  funds: "资金",
  sales: "销路",
  livelihood: "生活",
} as const;

/** A dictionary's keys in their written order (the order of the schema's enum tuple), e.g. for a select. */
export function keysOf<T extends Record<string, unknown>>(dict: T): (keyof T & string)[] {
  return Object.keys(dict) as (keyof T & string)[];
}

export function options<T extends Record<string, string>>(dict: T): [keyof T & string, string][] {
  return Object.entries(dict) as [keyof T & string, string][];
}

/**
 * The gaps of the coverage report (workers/coverage/service.ts GAPS), in the report's order; that
 * service types its GAP_LABELS with this object, so a gap without a label does not compile.
 */
export const COVERAGE_GAP_LABELS = {
  no_first_secretary: "贫困村未派第一书记",
  understaffed: "驻村工作队人数不足",
  household_without_cadre: "贫困户无帮扶责任人",
  cadre_over_cap: "干部结对户数超上限",
  cadre_no_recent_visit: "干部长期未走访",
  cadre_long_absent: "驻村干部长期不在岗",
} as const;

// --- Settings (workers/settings/service.ts holds defaults and ranges) ---
export const SETTING_LABELS = {
  minResidentMembers: { label: "驻村工作队最少驻村人数", unit: "人" },
  householdCapPerCadre: { label: "每名干部最多结对户数", unit: "户" },
  visitGapDays: { label: "走访间隔提醒天数", unit: "天" },
  absenceGapDays: { label: "连续未签到视为长期不在岗的天数", unit: "天" },
  batchesSeparatePayer: { label: "发放批次的支付须由审批人以外的人登记（1 是，0 否）", unit: "" },
} as const satisfies Record<SettingKey, { label: string; unit: string }>;

// --- Money (GLOSSARY.md) ---
export const PROGRAM_CATEGORY_LABELS = {
  resident_allowance: "驻村干部补助",
  village_cadre_pay: "村干部报酬",
  performance_subsidy: "绩效补贴",
  award: "奖励",
  industry_support: "产业扶持资金",
  party_care_fund: "党内关爱帮扶资金",
  project_funds: "项目资金",
  other: "其他",
} as const;
export const FUND_SOURCE_LABELS = {
  central: "中央财政",
  provincial: "省级财政",
  city: "市级财政",
  county: "县级财政",
  unit: "帮扶单位",
  donation: "社会捐赠",
  party_dues: "党费",
} as const;
export const RECIPIENT_KIND_LABELS = { household: "农户", cadre: "干部", village: "村", project: "项目" } as const;
export const RULE_KIND_LABELS = {
  fixed_per_recipient: "每人固定金额",
  per_month: "按月计发",
  per_resident_day: "按驻村天数计发",
  per_line: "逐笔填写金额",
} as const;
export const BATCH_STATUS_LABELS = {
  draft: "草稿",
  noticed: "公示中",
  approved: "已审批",
  paid: "已支付",
  closed: "已办结",
  cancelled: "已作废",
} as const;
export const LINE_STATUS_LABELS = { pending: "待支付", paid: "已支付", failed: "支付失败" } as const;
export const GENERATE_SOURCE_LABELS = {
  first_secretaries: "在岗第一书记（按月）",
  resident_team: "全体驻村工作队员（按月）",
  attendance: "驻村天数（按天）",
} as const;

// --- Public notices (公示), objections, publication ledger ---
export const NOTICE_KIND_LABELS = {
  batch: "资金发放名单",
  household_identification: "建档立卡认定",
  household_exit: "脱贫退出",
  household_monitoring: "纳入防返贫监测",
} as const;
/** Fields of a notice snapshot's summary, in the order the notice page shows them. */
export const NOTICE_SUMMARY_LABELS = {
  program: "资金项目",
  category: "资金类别",
  fundSource: "资金来源",
  period: "所属期间",
  lineCount: "人数（笔数）",
  total: "合计金额",
  village: "村",
  household: "户",
  decision: "认定事项",
  toStatus: "拟认定为",
  toMonitorKind: "监测对象类别",
  reason: "理由",
} as const;
export const NOTICE_STATUS_LABELS = { open: "公示中", closed: "已结束", withdrawn: "已撤回" } as const;
export const OBJECTION_STATUS_LABELS = { open: "待答复", upheld: "异议成立", rejected: "异议不成立" } as const;
export const DECISION_KIND_LABELS = {
  identification: "建档立卡（识别为贫困户）",
  exit: "脱贫退出",
  monitoring: "纳入防返贫监测",
} as const;
export const DECISION_STATUS_LABELS = {
  proposed: "待公示",
  noticed: "公示中",
  effective: "已生效",
  rejected: "未通过",
} as const;
export const LEDGER_KIND_LABELS: Record<string, string> = {
  "notice.published": "发布公示",
  "audit.checkpoint": "审计日志签名校验点",
  "notice.withdrawn": "撤回公示",
  "line.reversed": "冲正发放明细",
  "objection.answered": "答复异议",
  "decision.effective": "户认定生效",
  "project.created": "公开村级项目",
  "project.updated": "更新村级项目",
  "project.deleted": "撤销村级项目",
  "village_decision.resolution_published": "四议两公开：决议公开",
  "village_decision.result_published": "四议两公开：实施结果公开",
  "feedback.answered": "答复意见建议",
};

// --- Public disclosure: projects, 四议两公开, feedback ---
export const PROJECT_STATUS_LABELS = { planned: "计划中", in_progress: "实施中", completed: "已完工" } as const;
export const DECISION_STAGE_LABELS = {
  proposed: "党支部提议",
  discussed: "两委商议",
  reviewed: "党员大会审议",
  resolved: "村民（代表）会议决议",
  township_reviewed: "乡镇审查",
  resolution_published: "决议公开",
  result_published: "实施结果公开",
} as const;
export const FEEDBACK_CATEGORY_LABELS = {
  suggestion: "意见建议",
  complaint: "投诉",
  report: "举报",
  inquiry: "咨询",
} as const;
export const FEEDBACK_STATUS_LABELS = { open: "待答复", answered: "已答复" } as const;

/** What an audit entry or a ledger entry is about (audit_log.entity, ledger ref prefix). */
export const ENTITY_LABELS: Record<string, string> = {
  user: "用户",
  seed: "演示数据",
  county: "区县",
  township: "乡镇",
  village: "村",
  villages: "村",
  household: "农户",
  households: "农户",
  unit: "帮扶单位",
  units: "帮扶单位",
  cadre: "干部",
  cadres: "干部",
  assignment: "驻村任务",
  pairing: "结对",
  pairings: "结对",
  visit: "走访",
  settings: "设置",
  csv_import: "CSV 导入",
  program: "资金项目",
  batch: "发放批次",
  batch_line: "发放明细",
  line: "发放明细",
  batch_lines: "发放明细",
  notice: "公示",
  objection: "异议",
  decision: "户认定",
  household_identification: "建档立卡认定",
  household_exit: "脱贫退出",
  household_monitoring: "纳入防返贫监测",
  project: "村级项目",
  village_decision: "四议两公开",
  feedback: "意见建议",
  self_query: "群众自助查询",
};
