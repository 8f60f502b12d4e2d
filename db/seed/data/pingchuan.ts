import type { DemoTenantData, DemoUnit, DemoVillage, DemoProgram } from "./types.ts";

/**
 * 白银市平川区 (620403), seed 001 (traditional script in the source; data here is zh-CN).
 * Township codes are the 统计用区划代码. Village names are realistic for the 旱塬/川区 of 平川
 * (野麻、陡城、打拉池 are local place names); village codes are plausible, not authoritative.
 * 村民小组 in Gansu are usually called 社.
 */

const NUM = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];
const she = (n: number): string[] => NUM.slice(0, n).map((c) => `${c}社`);

const ZZB = "中共白银市平川区委组织部";
const CZJ = "白银市平川区财政局";
const NYJ = "白银市平川区农业农村局";
const ZJJ = "白银市平川区住房和城乡建设局";
const SWJ = "白银市平川区水务局";
const MZJ = "白银市平川区民政局";
const YBJ = "白银市平川区医疗保障局";
const JYJ = "白银市平川区教育局";
const JW = "中共白银市平川区纪律检查委员会";
const YY = "白银市平川区人民医院";
const SCZ = "白银市财政局";
const JM = "靖远煤业集团有限责任公司";
const GW = "国网甘肃省电力公司白银供电公司平川分公司";
const NSH = "白银农村商业银行平川支行";
const SQZ = "白银市平川区水泉镇人民政府";
const GHZ = "白银市平川区共和镇人民政府";
const TC = "白银市平川区兴平陶瓷有限公司";

const units: DemoUnit[] = [
  { name: ZZB, kind: "party_government", level: "county", seedRef: "001: 由区委组织部牵头，对15个贫困村驻村帮扶人员全面排查" },
  { name: CZJ, kind: "party_government", level: "county", seedRef: "001: 村干部报酬和办公经费增长机制" },
  { name: NYJ, kind: "party_government", level: "county", seedRef: "001: 区扶贫办具体负责（现并入农业农村局）" },
  { name: ZJJ, kind: "party_government", level: "county", seedRef: "001: 农业农村、住建、水务、民政、医保等行业部门配合" },
  { name: SWJ, kind: "party_government", level: "county" },
  { name: MZJ, kind: "party_government", level: "county" },
  { name: YBJ, kind: "party_government", level: "county" },
  { name: JYJ, kind: "party_government", level: "county" },
  { name: JW, kind: "party_government", level: "county", seedRef: "001: 移交纪委处理1人" },
  { name: YY, kind: "hospital", level: "county" },
  { name: SCZ, kind: "party_government", level: "city", seedRef: "001: 派出单位签订《承诺书》" },
  { name: JM, kind: "state_enterprise", level: "province", seedRef: "001: 排查出不符合驻村帮扶条件的11名工人" },
  { name: GW, kind: "state_enterprise", level: "city" },
  { name: NSH, kind: "state_enterprise", level: "city" },
  { name: SQZ, kind: "party_government", level: "township", seedRef: "001: 选派61名乡镇优秀干部到村担任第一书记" },
  { name: GHZ, kind: "party_government", level: "township" },
  { name: TC, kind: "private_enterprise", level: "county", seedRef: "001: '党组织+公司+基地+农户'" },
];

const villages: DemoVillage[] = [
  // 长征街道 620403001
  {
    code: "620403001201", name: "新墩村", townshipCode: "620403001", tags: ["model"], households: 10,
    collectiveIncomeFen: { 2024: 12_800_000, 2025: 13_600_000, 2026: 14_500_000 },
    groups: she(5), industry: "设施蔬菜", enterprisePartner: TC,
  },
  {
    code: "620403001202", name: "旱平川村", townshipCode: "620403001", tags: [], households: 14,
    collectiveIncomeFen: { 2024: 5_600_000, 2025: 6_100_000, 2026: 6_800_000 },
    groups: she(6), industry: "光伏、肉羊养殖",
  },
  // 水泉镇 620403101
  {
    code: "620403101201", name: "野麻村", townshipCode: "620403101", tags: ["poor"], households: 26,
    collectiveIncomeFen: { 2024: 5_200_000, 2025: 5_800_000, 2026: 6_300_000 },
    groups: she(8), industry: "枸杞、红枣", firstSecretaryUnit: NYJ, firstSecretaryFrom: "unit_cadre", residentMembers: 3,
  },
  {
    code: "620403101202", name: "陡城村", townshipCode: "620403101", tags: ["poor", "weak_party_org"], households: 24,
    collectiveIncomeFen: { 2024: 5_050_000, 2025: 5_400_000, 2026: 5_900_000 },
    groups: she(7), industry: "小杂粮、肉羊养殖", firstSecretaryUnit: SQZ, firstSecretaryFrom: "township_cadre",
    residentMembers: 3, demoGap: "unfit_cadre_pending",
    note: "专职村党组织书记 sent to a 软弱涣散村 (001); one team member failed the 2025 screening but is still active",
  },
  {
    code: "620403101203", name: "水泉村", townshipCode: "620403101", tags: ["model"], households: 12,
    collectiveIncomeFen: { 2024: 11_600_000, 2025: 12_900_000, 2026: 14_000_000 },
    groups: she(6), industry: "蔬菜、红枣（'11+X'集体经济模式）",
  },
  {
    code: "620403101204", name: "尾泉村", townshipCode: "620403101", tags: ["poor"], households: 22,
    collectiveIncomeFen: { 2024: 5_300_000, 2025: 5_700_000, 2026: 6_200_000 },
    groups: she(7), industry: "枸杞", firstSecretaryUnit: SCZ, firstSecretaryFrom: "unit_cadre", residentMembers: 4,
  },
  // 共和镇 620403102
  {
    code: "620403102201", name: "打拉池村", townshipCode: "620403102", tags: ["poor"], households: 28,
    collectiveIncomeFen: { 2024: 5_800_000, 2025: 6_400_000, 2026: 7_000_000 },
    groups: she(9), industry: "肉羊养殖", firstSecretaryUnit: JM, firstSecretaryFrom: "unit_cadre", residentMembers: 4,
    pairedUnits: [GHZ], note: "two 工人 on the team replaced after the screening (001)",
  },
  {
    code: "620403102202", name: "红山村", townshipCode: "620403102", tags: ["poor", "lagging"], households: 20,
    collectiveIncomeFen: { 2024: 2_200_000, 2025: 2_800_000, 2026: 3_400_000 },
    groups: she(6), industry: "旱作农业、养殖", firstSecretaryUnit: ZJJ, firstSecretaryFrom: "unit_cadre",
    residentMembers: 3, demoGap: "too_few_residents", note: "one of the 3 villages under 5 万 (001: 58 of 61 ≥ 5 万)",
  },
  {
    code: "620403102203", name: "吊沟村", townshipCode: "620403102", tags: ["poor"], households: 18,
    collectiveIncomeFen: { 2024: 5_100_000, 2025: 5_500_000, 2026: 5_900_000 },
    groups: she(6), industry: "设施养殖", firstSecretaryUnit: SWJ, firstSecretaryFrom: "unit_cadre", residentMembers: 3,
  },
  // 种田乡 620403203
  {
    code: "620403203201", name: "种田村", townshipCode: "620403203", tags: ["poor", "deeply_poor"], households: 30,
    collectiveIncomeFen: { 2024: 5_000_000, 2025: 5_300_000, 2026: 5_800_000 },
    groups: she(10), industry: "小杂粮、肉羊养殖", firstSecretaryUnit: CZJ, firstSecretaryFrom: "unit_cadre",
    residentMembers: 4, demoGap: "cadre_over_cap", note: "one cadre responsible for 7 households (cap 5)",
  },
  {
    code: "620403203202", name: "韩家湾村", townshipCode: "620403203", tags: ["poor", "deeply_poor", "lagging_economy"],
    households: 26, collectiveIncomeFen: { 2024: 650_000, 2025: 880_000, 2026: 1_200_000 },
    groups: she(8), industry: "旱作马铃薯", firstSecretaryUnit: YY, firstSecretaryFrom: "unit_cadre", residentMembers: 3,
    demoGap: "household_without_responsible",
  },
  {
    code: "620403203203", name: "杨崖湾村", townshipCode: "620403203", tags: ["poor", "weak_party_org"], households: 22,
    collectiveIncomeFen: { 2024: 5_400_000, 2025: 5_600_000, 2026: 6_000_000 },
    groups: she(7), industry: "肉羊养殖", firstSecretaryUnit: MZJ, firstSecretaryFrom: "unit_cadre", residentMembers: 3,
  },
  // 复兴乡 620403204
  {
    code: "620403204201", name: "复兴村", townshipCode: "620403204", tags: ["poor"], households: 20,
    collectiveIncomeFen: { 2024: 6_000_000, 2025: 6_600_000, 2026: 7_200_000 },
    groups: she(7), industry: "光伏扶贫电站分红", firstSecretaryUnit: GW, firstSecretaryFrom: "unit_cadre", residentMembers: 3,
    pairedUnits: [NSH],
  },
  {
    code: "620403204202", name: "刘寨柯村", townshipCode: "620403204", tags: ["poor", "deeply_poor", "no_collective_income"],
    households: 24, collectiveIncomeFen: { 2024: 0, 2025: 0, 2026: 0 },
    groups: she(8), industry: "旱作农业", pairedUnits: [YBJ], demoGap: "no_first_secretary",
    note: "first secretary recalled 2025-10 for long absence; replacement not yet sent",
  },
  {
    code: "620403204203", name: "马家塬村", townshipCode: "620403204", tags: ["poor"], households: 16,
    collectiveIncomeFen: { 2024: 5_500_000, 2025: 5_900_000, 2026: 6_400_000 },
    groups: she(5), industry: "小杂粮", firstSecretaryUnit: JYJ, firstSecretaryFrom: "unit_cadre", residentMembers: 3,
  },
];

const programs: DemoProgram[] = [
  {
    name: "驻村帮扶干部生活补助", category: "resident_allowance", fundSource: "unit", recipientKind: "cadre",
    rule: { kind: "per_resident_day", amountFen: 10_000 }, noticeDays: 7, allowRepeatPerPeriod: false,
    budgetFenByYear: { 2025: 118_800_000, 2026: 118_800_000 },
    seedRef: "001: 驻村帮扶干部每人每天100元的生活补助", note: "paid by the sending unit under its 《承诺书》; 45 cadres × ~22 days × 12",
  },
  {
    name: "驻村帮扶干部通信补贴", category: "resident_allowance", fundSource: "unit", recipientKind: "cadre",
    rule: { kind: "per_month", amountFen: 8_000 }, noticeDays: 7, allowRepeatPerPeriod: false,
    budgetFenByYear: { 2025: 4_320_000, 2026: 4_320_000 },
    seedRef: "001: 每月80元的通信补贴",
  },
  {
    name: "村干部基本报酬", category: "village_cadre_pay", fundSource: "county", recipientKind: "cadre",
    rule: { kind: "fixed_per_recipient", amountFen: 3_000_000 }, noticeDays: 7, allowRepeatPerPeriod: false,
    budgetFenByYear: { 2025: 732_000_000, 2026: 732_000_000 },
    seedRef: "001: 村干部基本报酬最低保障标准由每人每年2.6万元提高到3万元", note: "per year; 61 村 × 4 村干部",
  },
  {
    name: "组干部报酬", category: "village_cadre_pay", fundSource: "county", recipientKind: "cadre",
    rule: { kind: "fixed_per_recipient", amountFen: 900_000 }, noticeDays: 7, allowRepeatPerPeriod: false,
    budgetFenByYear: { 2025: 329_400_000, 2026: 329_400_000 },
    seedRef: "001: 组干部报酬最低保障标准由0.78万元提高到0.9万元", note: "per year; 366 社 (村民小组) cadres",
  },
  {
    name: "村级组织办公经费", category: "other", fundSource: "county", recipientKind: "village",
    rule: { kind: "fixed_per_recipient", amountFen: 5_500_000 }, noticeDays: 7, allowRepeatPerPeriod: false,
    budgetFenByYear: { 2025: 335_500_000, 2026: 335_500_000 },
    seedRef: "001: 村级组织办公经费保障标准由5万元提高到5.5万元", note: "per village per year; 61 村",
  },
  {
    name: "“三变”改革村级集体经济发展资金", category: "industry_support", fundSource: "county", recipientKind: "project",
    rule: { kind: "per_line", typicalLineFen: 30_000_000 }, noticeDays: 7, allowRepeatPerPeriod: true,
    budgetFenByYear: { 2025: 400_000_000, 2026: 300_000_000 },
    seedRef: "001: 筹集资金2028万元；党群创业互助会资金注入企业（合作社）参与保底分红",
  },
  {
    name: "到户产业扶持资金", category: "industry_support", fundSource: "provincial", recipientKind: "household",
    rule: { kind: "per_line", typicalLineFen: 500_000 }, noticeDays: 7, allowRepeatPerPeriod: true,
    budgetFenByYear: { 2025: 150_000_000, 2026: 120_000_000 },
    seedRef: "001: '党组织+专业合作社(协会)+农户'", note: "肉羊、枸杞、设施蔬菜 lines, typically 5000 元",
  },
];

export const pingchuan: DemoTenantData = {
  slug: "pingchuan",
  name: "白银市平川区",
  level: "county",
  divisionCode: "620403",
  townships: [
    { code: "620403001", name: "长征街道" },
    { code: "620403101", name: "水泉镇" },
    { code: "620403102", name: "共和镇" },
    { code: "620403203", name: "种田乡" },
    { code: "620403204", name: "复兴乡" },
  ],
  villages,
  units,
  programs,
  settings: { minResidentMembers: 3, householdCapPerCadre: 5, defaultNoticeDays: 7, knowledgeTestPassScore: 90 },
  cadreEvents: [
    { status: "replaced", reason: "unfit", villageCode: "620403102201", count: 2, seedRef: "001: 不符合驻村帮扶条件的11名工人全部调整更换" },
    { status: "replaced", reason: "long_absent", villageCode: "620403102203", count: 1, seedRef: "001: 驻村期间长期不在岗的3名驻村干部" },
    { status: "recalled", reason: "long_absent", villageCode: "620403204202", count: 1, seedRef: "001: 长期不在岗 (recalled, successor pending)" },
    { status: "replaced", reason: "wrong_unit", villageCode: "620403101204", count: 1, seedRef: "001: 派驻单位与驻村人员所在单位无隶属关系的2名驻村干部" },
  ],
  escalations: [
    { level: "notice", target: "township", count: 2, seedRef: "001: 通报2次" },
    { level: "interview", target: "cadre", count: 3, seedRef: "001: 一次通报、二次约谈、三次问责" },
    { level: "accountability", target: "unit", count: 1, seedRef: "001: 问责单位5家" },
    { level: "accountability", target: "cadre", count: 2, seedRef: "001: 问责个人11人" },
  ],
  notes: [
    "Seed 001. Screening of resident cadres and their replacement (16 screened: 11 unfit workers, 3 long absent,",
    "2 from a unit unrelated to the sending unit) — scaled to 5 replacements/recalls, plus one unfit cadre still active.",
    "First secretaries from 区直 units, 市直 units and 乡镇 (township_cadre). Subsidies: 100 元/天 living + 80 元/月 phone,",
    "paid by the sending unit; village cadre pay 3 万/年, group (社) cadre 0.9 万/年, office funds 5.5 万/年.",
    "Collective income: 58 of 61 villages ≥ 5 万 in the seed — here all but 3 villages are ≥ 5 万.",
    "Oversight: 通报 → 约谈 → 问责 escalations; 应知应会 pass score 90. Gaps: 刘寨柯村 no first secretary, 红山村 2 residents,",
    "种田村 cadre over cap, 韩家湾村 household without responsible person, 陡城村 unfit cadre pending.",
  ].join(" "),
};
