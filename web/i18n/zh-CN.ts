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

/** Catalog status of a tenant, as platform operators read it. */
export const TENANT_STATUS_LABELS = {
  active: "正常",
  suspended: "已停用",
  provisioning: "开通中",
  deleted: "已删除",
} as const;

/** 密钥轮换 progress (db/schema/tenant/pii-rotation.ts); before the first run the page says 未开始. */
export const PII_ROTATION_STATUS_LABELS = {
  running: "进行中",
  done: "已完成",
  superseded: "已被新密钥取代",
} as const;

/** Tables the re-encryption job rewrites (workers/pii-rotation/columns.ts). */
export const PII_ROTATION_TABLE_LABELS: Record<string, string> = {
  households: "农户",
  cadres: "干部",
  objections: "异议",
  feedback: "意见建议",
  csv_imports: "导入暂存文件",
  review_ballots: "评议二维码票",
  village_officials: "村两委成员",
};

/** Audit actions, as the auditor reads them. Unknown actions fall back to their key. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "pii.rotation_started": "开始密钥轮换",
  "pii.rotated": "密钥轮换：重新加密一页",
  "pii.rotation_done": "密钥轮换完成",
  "pii.rotation_reopened": "密钥轮换：继续重新加密新增的数据表",
  "pii.checkpoint_keys_endorsed": "密钥轮换：新签名密钥为旧校验点公钥背书",
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
  "letter.create": "签订目标责任书",
  "letter.update": "修改目标责任书",
  "letter.scan": "上传责任书扫描件",
  "measure.create": "添加帮扶措施",
  "measure.update": "更新帮扶措施进度",
  "inspection.create": "登记督查",
  "problem.create": "登记督查问题",
  "problem.confirm": "核实督查问题",
  "problem.rectify": "提交整改",
  "problem.sign_off": "整改销号",
  "escalation.create": "记录通报/约谈/问责",
  "review.create": "登记述职评议",
  "review.paper_ballots": "录入纸质评议票",
  "review.codes_issued": "生成评议二维码票",
  "review.ballot_cast": "群众扫码评议",
  "review.publish": "公布评议结果",
  "assessment_template.create": "制定考核清单",
  "assessment.create": "新建年度考核",
  "assessment.score": "人工评分或一票否决认定",
  "assessment.grade": "评定等次",
  "assessment.sign": "考核签署",
  "assessment.consequence": "登记考核结果运用",
  "party_member.create": "登记党员",
  "party_member.update": "修改党员信息",
  "reserve.nominate": "提名后备人选",
  "reserve.publish": "后备人选公示",
  "reserve.finalize": "公示期满纳入培养",
  "reserve.use": "后备人选使用",
  "reserve.exit": "后备人选退出",
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

// Training and 应知应会 tests (issue 12)
export const TRAINING_AUDIENCE_LABELS = {
  first_secretaries: "第一书记",
  resident_cadres: "全体驻村干部",
  poor_village_resident_cadres: "贫困村驻村干部",
  poor_village_secretaries: "贫困村党组织书记（村两委）",
  village_leaders: "村两委班子成员（不含组干部）",
} as const satisfies Record<string, string>;
export const SESSION_FORMAT_LABELS = {
  lecture: "集中授课",
  online: "网上培训",
  night_class: "夜间大课堂",
  rotation: "集中轮训",
} as const satisfies Record<string, string>;
export const TAKER_KIND_LABELS = {
  cadre: "干部",
  user: "乡镇干部（账号）",
  village_cadre: "村干部",
} as const satisfies Record<string, string>;
export const ATTEMPT_STATUS_LABELS = { in_progress: "答题中", submitted: "已交卷" } as const satisfies Record<
  string,
  string
>;
export const EXAM_STATUS_LABELS = { open: "进行中", closed: "已结束" } as const satisfies Record<string, string>;

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
  no_secretary_reserve: "村无党组织书记后备人选",
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
export const RECIPIENT_KIND_LABELS = {
  household: "农户",
  cadre: "干部",
  village: "村",
  project: "项目",
  party_member: "党员",
  village_official: "村干部",
} as const;
export const RULE_KIND_LABELS = {
  fixed_per_recipient: "每人固定金额",
  per_month: "按月计发",
  per_resident_day: "按驻村天数计发",
  per_line: "逐笔填写金额",
  per_year_served: "按任职年限计发",
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
  awards: "本年度表彰（一次性奖励）",
  award_supplement: "连续获评优秀村官（按月补贴）",
  village_officials: "村两委花名册（按岗位标准）",
} as const;

// --- Public notices (公示), objections, publication ledger ---
export const NOTICE_KIND_LABELS = {
  batch: "资金发放名单",
  household_identification: "建档立卡认定",
  household_exit: "脱贫退出",
  household_monitoring: "纳入防返贫监测",
  reserve_nomination: "后备人选",
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
  pii_rotation: "密钥轮换",
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
  reserve_nomination: "后备人选",
  party_member: "党员",
  project: "村级项目",
  village_decision: "四议两公开",
  feedback: "意见建议",
  self_query: "群众自助查询",
  letter: "目标责任书",
  measure: "帮扶措施",
  inspection: "督查",
  problem: "督查问题",
  escalation: "通报约谈问责",
  review: "述职评议",
  assessment_template: "考核清单",
  assessment: "年度考核",
  rectification: "后进村整顿",
  award: "表彰",
};

/**
 * Field names as people read them: in the audit log (the columns and extra keys services record in
 * before/after; a field without a label shows as 其他信息) and in validation messages
 * (workers/platform/zod-messages.ts; without a label the message says 此项).
 */
export const FIELD_LABELS: Record<string, string> = {
  password: "密码",
  newPassword: "新密码",
  idNumber: "身份证号",
  phone: "手机号",
  amount: "金额",
  budget: "预算金额",
  income: "集体经济收入",
  q: "搜索词",
  page: "页码",
  limit: "条数",
  id: "编号",
  name: "名称",
  title: "标题",
  code: "代码",
  kind: "类别",
  type: "属性",
  level: "层级",
  status: "状态",
  category: "类别",
  role: "角色",
  username: "用户名",
  displayName: "姓名",
  townshipCode: "乡镇代码",
  countyCode: "区县代码",
  villageId: "村",
  villageIds: "村",
  villageCode: "村代码",
  groupId: "村民小组",
  group: "村民小组",
  tags: "村标签",
  contact: "联系方式",
  headName: "户主姓名",
  memberCount: "家庭人口",
  causes: "致贫原因",
  yearIdentified: "识别年度",
  exitYear: "脱贫年度",
  monitorKind: "监测类别",
  fromStatus: "原状态",
  toStatus: "新状态",
  fromMonitorKind: "原监测类别",
  toMonitorKind: "新监测类别",
  relation: "与户主关系",
  birthYear: "出生年份",
  partyMember: "党员",
  householdId: "农户",
  unitId: "帮扶单位",
  cadreId: "干部",
  position: "职务",
  rank: "职级",
  officePhone: "办公电话",
  phoneMasked: "手机号（脱敏）",
  reservePool: "后备干部",
  assignmentId: "驻村任务",
  startDate: "开始日期",
  endDate: "结束日期",
  endReason: "结束原因",
  endNote: "结束说明",
  replacedById: "接替任务",
  days: "天数",
  month: "月份",
  year: "年度",
  date: "日期",
  reportedBy: "填报人",
  confirmedBy: "确认人",
  confirmedAt: "确认时间",
  helperUnitId: "帮扶单位",
  helperCadreId: "帮扶干部",
  helperVillageId: "帮扶村",
  handedOverToId: "移交给",
  toCadreId: "移交给干部",
  toUnitId: "移交给单位",
  letterRef: "责任书编号",
  visitDate: "走访日期",
  occasion: "走访情形",
  help: "帮扶内容",
  helpKinds: "帮扶内容",
  notes: "情况说明",
  followUpDate: "跟进日期",
  key: "设置项",
  value: "取值",
  minResidentMembers: "驻村工作队最少驻村人数",
  householdCapPerCadre: "每名干部最多结对户数",
  visitGapDays: "走访间隔提醒天数",
  batchesSeparatePayer: "支付须由审批人以外的人登记",
  publicVillageTags: "公开显示的村标签",
  programId: "资金项目",
  program: "资金项目",
  fundSource: "资金来源",
  recipientKind: "发放对象",
  ruleKind: "计发方式",
  ruleAmountFen: "标准金额",
  honourUpliftPct: "表彰上浮比例",
  allowRepeat: "允许重复发放",
  noticeDays: "公示天数",
  description: "说明",
  budgetFen: "预算金额",
  committedFen: "已占用预算",
  spentFen: "已支出",
  incomeFen: "集体经济收入",
  batchId: "发放批次",
  period: "所属期间",
  totalFen: "合计金额",
  lineCount: "明细笔数",
  amountFen: "金额",
  paidFen: "已支付金额",
  recipientId: "发放对象编号",
  recipientName: "发放对象",
  recipients: "发放对象",
  purpose: "用途",
  quantity: "数量",
  lineId: "明细",
  lineNo: "明细序号",
  paidDate: "支付日期",
  bankRef: "银行流水号",
  paymentRef: "支付凭证号",
  failReason: "失败原因",
  repaysLineId: "冲正的明细",
  approvedBy: "审批人",
  approvedAt: "审批时间",
  paidBy: "支付登记人",
  submittedBy: "提交人",
  createdBy: "创建人",
  createdAt: "创建时间",
  updatedAt: "修改时间",
  closedAt: "办结时间",
  source: "生成依据",
  added: "新增笔数",
  noticeId: "公示",
  noticeStart: "公示开始",
  noticeEnd: "公示结束",
  decisionId: "户认定",
  decision: "认定事项",
  effectiveDate: "生效日期",
  subjectId: "对象编号",
  objectionId: "异议",
  trackingCode: "查询码",
  text: "内容",
  reply: "答复",
  replyPublic: "公开答复",
  publicText: "公开文本",
  withContact: "留有联系方式",
  reason: "原因",
  projectId: "项目",
  quantityUnit: "单位",
  stage: "环节",
  proposed: "提议环节",
  passed: "是否通过",
  attendees: "参会人数",
  votesFor: "赞成票",
  votesAgainst: "反对票",
  votesAbstain: "弃权票",
  failedStage: "未通过环节",
  requiresTownshipReview: "须经乡镇审查",
  resultRef: "实施结果",
  attachments: "附件",
  summary: "摘要",
  contentHash: "内容哈希",
  hash: "哈希",
  prevHash: "前一条哈希",
  entity: "导入对象",
  fileName: "文件名",
  rows: "行数",
  records: "导入记录",
  errors: "错误数",
  rowCount: "行数",
  errorCount: "错误数",
  encoding: "文件编码",
  found: "查到记录",
  module: "数据模块",
  users: "用户",
  counts: "数量",
  gaps: "示范缺口",
  cadreUser: "驻村干部账号",
  ledgerHead: "公开账本头",
  counties: "区县",
  townships: "乡镇",
  villages: "村",
  groups: "村民小组",
  households: "农户",
  members: "家庭成员",
  units: "帮扶单位",
  cadres: "干部",
  assignments: "驻村任务",
  attendance: "驻村天数记录",
  villageOfficials: "村两委成员",
  // demo seed counts of the training modules
  plans: "培训计划",
  sessions: "培训场次",
  attempts: "测试答卷",
  pairings: "结对",
  visits: "走访",
  statusEvents: "状态变更",
  programs: "资金项目",
  budgets: "预算",
  batches: "发放批次",
  batch_lines: "发放明细",
  payment_claims: "支付占用",
  reversals: "冲正",
  notices: "公示",
  notice_chunks: "公示分段",
  objections: "异议",
  household_decisions: "户认定",
  household_status_events: "农户状态变更",
  ledger_entries: "公开账本记录",
  projects: "村级项目",
  village_decisions: "四议两公开事项",
  decision_stages: "四议两公开环节",
  feedback: "意见建议",
  // the demo seed's deliberate gaps (db/seed/modules/registry.ts)
  cadre_over_cap: "干部结对户数超上限",
  household_without_responsible: "贫困户无帮扶责任人",
  no_first_secretary: "贫困村未派第一书记",
  no_strong_village_pair: "未结对强村",
  too_few_residents: "驻村人数不足",
  unfit_cadre_pending: "待调整的不胜任干部",
};

/** Coded values in audit entries that belong to no closed list of the glossary. */
export const AUDIT_VALUE_LABELS: Record<string, string> = {
  unknown_user: "用户名不存在",
  wrong_password: "密码错误",
  disabled: "账号已停用",
  locked: "账号已锁定",
  // demo seed modules (db/seed/modules/*)
  registry: "帮扶台账",
  users: "用户账号",
  publications: "公示公开",
  money: "资金发放",
  disclosure: "村务公开",
  people: "驻村考勤与请假",
  supervision: "督查考核",
  training: "培训与应知应会",
  reserve: "后备干部库",
  "party-members": "党员",
  "village-cadres": "村两委与报酬",
  "village-officials": "村两委花名册",
  "village-cadre-training": "村干部培训与测试",
  "assessment-year": "后进村整顿与表彰",
  "assessment-records": "述职评议与年度考核",
};
// Supervision and accountability (issue 11)
export const SIX_GOAL_LABELS = {
  leadership: "坚强有力的领导班子",
  backbone_team: "本领过硬的骨干队伍",
  service_venue: "功能实用的服务场所",
  service_carriers: "形式多样的服务载体",
  institutions: "健全完善的制度机制",
  satisfaction: "群众满意的服务业绩",
} as const;
export const MEASURE_STATUS_LABELS = { planned: "未开始", in_progress: "推进中", completed: "已完成" } as const;
export const INSPECTION_KIND_LABELS = {
  phone_check: "电话抽查",
  random_check: "随机检查",
  on_site: "实地督查（明察暗访）",
  cross_inspection: "交叉督查",
} as const;
export const TARGET_KIND_LABELS = {
  cadre: "干部",
  team: "驻村工作队",
  unit: "帮扶单位",
  township: "乡镇",
  village: "村",
} as const;
export const PROBLEM_STATUS_LABELS = {
  open: "待核实",
  confirmed: "已确认待整改",
  dismissed: "不成立",
  rectified: "已整改待销号",
  closed: "已销号",
} as const;
export const ESCALATION_STEP_LABELS = { notice: "通报", interview: "约谈", accountability: "问责" } as const;
export const ACCOUNTABILITY_OUTCOME_LABELS = {
  criticism: "批评教育",
  recall: "退回原单位（召回）",
  discipline_referral: "移交纪委",
};

// --- Oversight 考核 (issue 11: reviews, assessment lists, annual assessment) ---
export const REVIEW_KIND_LABELS = {
  team_report: "驻村工作队述职评议",
  two_way: "书记双向述职",
  dual: "双述双评",
} as const;
export const REVIEW_STATUS_LABELS = { open: "评议中", published: "已公布" } as const;
export const RATING_LABELS = { satisfied: "满意", fairly_satisfied: "基本满意", dissatisfied: "不满意" } as const;
export const GRADE_LABELS = {
  excellent: "优秀",
  competent: "称职",
  basically_competent: "基本称职",
  incompetent: "不称职",
} as const;
export const VETO_CAP_LABELS = {
  competent: "最高称职",
  basically_competent: "最高基本称职",
  incompetent: "定为不称职",
} as const;
export const TEMPLATE_ROLE_LABELS = {
  first_secretary: "第一书记",
  team_member: "驻村工作队队员",
  team: "驻村工作队",
  unit: "派出单位",
  township: "乡镇",
} as const;
export const SUBJECT_KIND_LABELS = { cadre: "干部", team: "驻村工作队", unit: "派出单位", township: "乡镇" } as const;
export const ASSESSMENT_STATUS_LABELS = {
  draft: "考核中",
  village_signed: "村级已评议",
  township_signed: "乡镇已审核",
  county_signed: "县级已审定",
} as const;
export const EVIDENCE_SOURCE_LABELS = {
  resident_days: "驻村天数（已确认）",
  visit_coverage: "结对户走访覆盖率（六走访）",
  diary_entries: "帮扶日志条数",
  measures_done: "帮扶措施完成情况",
  upheld_objections: "成立的异议",
  inspection_problems: "督查发现问题",
  villager_rating: "群众评议满意率",
  test_score: "应知应会测试成绩",
  shell_village: "集体经济空壳村",
  manual: "人工评分",
} as const;
export const CONSEQUENCE_KIND_LABELS = {
  commendation: "通报表扬",
  excellence: "评先评优",
  reserve_nomination: "推荐纳入后备干部库",
  criticism: "通报批评",
  recall: "召回",
  term_extension: "延长帮扶期限",
} as const;

// --- Reserve pool 后备干部库 and party members (workers/reserve-pool, workers/party-members) ---
export const RESERVE_POOL_KIND_LABELS = {
  secretary_reserve: "村党组织书记后备",
  cadre_reserve: "后备干部",
  outstanding_villager: "优秀村民库",
  party_activist: "入党积极分子库",
  key_candidate: "重点培养对象库",
} as const;
export const RESERVE_SOURCE_LABELS = {
  assessment_excellent: "年度考核优秀",
  dunmiao: "墩苗历练",
  village_election: "村两委换届",
  recommendation: "组织推优",
} as const;
export const RESERVE_STATUS_LABELS = {
  nominated: "已提名",
  noticed: "公示中",
  training: "培养中",
  used: "使用",
  exited: "退出",
  withdrawn: "公示未通过",
} as const;
export const RESERVE_OUTCOME_LABELS = {
  promoted: "提拔使用",
  reused: "交流重用",
  village_secretary: "任村党组织书记",
  village_committee: "进入村两委",
  joined_party: "发展为党员",
} as const;
// --- 后进村整顿 and 表彰 (issue 11) ---
export const RECTIFICATION_CATEGORY_LABELS = { lagging: "后进村", weak_party_org: "软弱涣散村党组织" } as const;
export const RECTIFICATION_STATUS_LABELS = {
  listed: "整顿中",
  exit_requested: "已申请销号",
  exited: "已销号退出",
} as const;
export const DISPATCH_ROLE_LABELS = { secretary: "选派第一书记", instructor: "选派指导员" } as const;
export const RECTIFICATION_MEASURE_STATUS_LABELS = {
  planned: "未开始",
  in_progress: "推进中",
  completed: "已完成",
} as const;
export const LAGGING_INDICATOR_LABELS = {
  income: "集体经济收入档次",
  problems: "未整改的督查问题",
  rating: "群众评议满意率",
  coverage: "结对户走访覆盖率",
} as const;
export const AWARD_KIND_LABELS = {
  excellent_village_official: "优秀村官",
  prosperity_pioneer: "农村党员致富先锋",
  excellent_cadre: "优秀驻村干部",
} as const;
/** 考核监督报表 grouping (workers/oversight-reports). */
export const OVERSIGHT_GROUPING_LABELS = { township: "按乡镇", unit: "按派出单位" } as const;
export const AWARD_RECIPIENT_KIND_LABELS = { cadre: "干部", village_official: "村干部", party_member: "党员" } as const;
// --- Village cadres 村两委 (issue 12) ---
export const VILLAGE_OFFICIAL_POST_LABELS = {
  party_secretary: "村党组织书记",
  committee_director: "村委会主任",
  deputy_secretary: "村党组织副书记",
  deputy_director: "村委会副主任",
  clerk: "文书",
  member: "两委委员",
  group_leader: "组干部",
} as const;
export const VILLAGE_OFFICIAL_SOURCE_LABELS = {
  college_graduate: "大学生村官",
  wealth_leader: "致富能手",
  veteran: "退伍军人",
  returnee_entrepreneur: "回乡创业人员",
  township_dispatched: "乡镇机关选派",
  other: "其他",
} as const;
export const VILLAGE_OFFICIAL_STATUS_LABELS = { serving: "在任", left: "正常离任", removed: "免职/罢免" } as const;
export const HONOUR_LEVEL_LABELS = {
  none: "无",
  county: "县级",
  city: "市（州）级",
  provincial: "省部级",
  national: "国家级",
} as const;
export const SEX_LABELS = { male: "男", female: "女" } as const;

/** Kept counters (0022): which inbox a count is for, and what a resident count is per. */
export const INBOX_LABELS = { objections: "异议", feedback: "意见建议" } as const;
export const PRESENCE_KIND_LABELS = { village: "村", cadre: "干部" } as const;
