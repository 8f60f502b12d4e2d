import type { DemoTenantData, DemoUnit, DemoVillage, DemoProgram } from "./types.ts";

/**
 * 达州市 (511700), a city tenant holding counties; seed 004, plus the 楚雄 (002) village-cadre
 * allowances and awards, which are set at 州/市 level and so fit the one city tenant.
 * Township codes are the 统计用区划代码. 金凤村、化马村、天山村 are villages named as
 * 示范村 in Sichuan's 2020 乡村振兴 list; other village names and all village codes are plausible.
 */

const NUM = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];
const zu = (n: number): string[] => NUM.slice(0, n).map((c) => `${c}组`);

const TONGCHUAN = "511702";
const XUANHAN = "511722";
const QUXIAN = "511725";

const SW_ZZB = "中共达州市委组织部";
const CZJ = "达州市财政局";
const NYJ = "达州市农业农村局";
const WJW = "达州市卫生健康委员会";
const SFJ = "达州市司法局";
const JYJ = "达州市教育局";
const ZXYY = "达州市中心医院";
const WLXY = "四川文理学院";
const GW = "国网四川省电力公司达州供电公司";
const NH = "中国农业银行股份有限公司达州分行";
const PG = "中国石化中原油田普光分公司";
const DG = "四川达州钢铁集团有限责任公司";
const TC_ZZB = "中共达州市通川区委组织部";
const XH_ZZB = "中共宣汉县委组织部";
const XH_NYJ = "宣汉县农业农村局";
const QX_CZJ = "渠县财政局";
const HH = "渠县中滩黄花专业合作社";

const units: DemoUnit[] = [
  { name: SW_ZZB, kind: "party_government", level: "city", seedRef: "004: 市县组织部门牵头帮扶的乡村全部成为先进示范乡村" },
  { name: CZJ, kind: "party_government", level: "city" },
  { name: NYJ, kind: "party_government", level: "city", seedRef: "004: 达州市扶贫移民局 (now part of 农业农村局)" },
  { name: WJW, kind: "party_government", level: "city" },
  { name: SFJ, kind: "party_government", level: "city" },
  { name: JYJ, kind: "party_government", level: "city" },
  { name: ZXYY, kind: "hospital", level: "city" },
  { name: WLXY, kind: "school", level: "province", seedRef: "004: '1+3'合作模式，高校、科研院所、龙头企业共同支撑" },
  { name: GW, kind: "state_enterprise", level: "city" },
  { name: NH, kind: "state_enterprise", level: "city" },
  { name: PG, kind: "state_enterprise", level: "province", countyCode: XUANHAN, seedRef: "004: '企业+村庄'村企联合党组织" },
  { name: DG, kind: "state_enterprise", level: "city" },
  { name: TC_ZZB, kind: "party_government", level: "county", countyCode: TONGCHUAN },
  { name: XH_ZZB, kind: "party_government", level: "county", countyCode: XUANHAN, seedRef: "004: 动员离退休干部回村担任第一书记" },
  { name: XH_NYJ, kind: "party_government", level: "county", countyCode: XUANHAN },
  { name: QX_CZJ, kind: "party_government", level: "county", countyCode: QUXIAN },
  { name: HH, kind: "other", level: "village", countyCode: QUXIAN, seedRef: "004: '支部+合作社(协会)+基地+产业大户+贫困户'" },
];

const villages: DemoVillage[] = [
  // 通川区 东城街道 511702001
  {
    code: "511702001003", name: "莲花湖社区", townshipCode: "511702001", tags: [], households: 8,
    collectiveIncomeFen: { 2024: 300_000, 2025: 350_000, 2026: 420_000 },
    groups: zu(4), note: "urban community: 监测户 (monitored) households only",
  },
  // 通川区 罗江镇 511702102
  {
    code: "511702102201", name: "金凤村", townshipCode: "511702102", tags: ["model"], households: 14,
    collectiveIncomeFen: { 2024: 16_500_000, 2025: 18_200_000, 2026: 19_600_000 },
    groups: zu(8), industry: "乡村旅游、果蔬", pairedUnits: [DG], note: "strong village for 石佛村",
  },
  {
    code: "511702102202", name: "石佛村", townshipCode: "511702102", tags: ["poor"], households: 24,
    collectiveIncomeFen: { 2024: 500_000, 2025: 720_000, 2026: 900_000 },
    groups: zu(8), industry: "油橄榄", firstSecretaryUnit: NYJ, firstSecretaryFrom: "unit_cadre", residentMembers: 3,
    strongPartnerCode: "511702102201",
  },
  {
    code: "511702102203", name: "龙滩村", townshipCode: "511702102", tags: ["poor", "no_collective_income"], households: 22,
    collectiveIncomeFen: { 2024: 0, 2025: 0, 2026: 0 },
    groups: zu(7), industry: "苎麻", firstSecretaryUnit: TC_ZZB, firstSecretaryFrom: "unit_cadre", residentMembers: 3,
    demoGap: "no_strong_village_pair", note: "poor village with no strong/rich partner village yet (004 requires one each)",
  },
  // 通川区 青宁镇 511702114
  {
    code: "511702114201", name: "化马村", townshipCode: "511702114", tags: ["model"], households: 12,
    collectiveIncomeFen: { 2024: 13_200_000, 2025: 14_800_000, 2026: 15_900_000 },
    groups: zu(7), industry: "乌梅、乡村旅游",
  },
  {
    code: "511702114202", name: "杨家沟村", townshipCode: "511702114", tags: ["poor", "weak_party_org"], households: 26,
    collectiveIncomeFen: { 2024: 1_100_000, 2025: 1_400_000, 2026: 1_800_000 },
    groups: zu(9), industry: "乌梅、生猪", firstSecretaryUnit: SW_ZZB, firstSecretaryFrom: "unit_cadre", residentMembers: 4,
    strongPartnerCode: "511702114201", note: "软乡弱村整顿: led by the city 组织部 (004)",
  },
  // 宣汉县 渡口土家族乡 511722225
  {
    code: "511722225201", name: "渡口村", townshipCode: "511722225", tags: ["model"], households: 10,
    collectiveIncomeFen: { 2024: 8_600_000, 2025: 10_400_000, 2026: 11_800_000 },
    groups: zu(6), industry: "土家民俗旅游、脆红李", note: "crossed 10 万 in 2025; strong village for 观音村 and 黄柏村",
  },
  {
    code: "511722225202", name: "观音村", townshipCode: "511722225", tags: ["poor", "deeply_poor"], households: 30,
    collectiveIncomeFen: { 2024: 280_000, 2025: 460_000, 2026: 700_000 },
    groups: zu(10), industry: "中药材、宣汉黄牛", firstSecretaryUnit: ZXYY, firstSecretaryFrom: "unit_cadre",
    residentMembers: 4, strongPartnerCode: "511722225201", demoGap: "cadre_over_cap",
    note: "土家族 households (use SURNAMES_TUJIA); one cadre responsible for 9 households (cap 6)",
  },
  {
    code: "511722225203", name: "黄柏村", townshipCode: "511722225", tags: ["poor", "lagging"], households: 24,
    collectiveIncomeFen: { 2024: 1_000_000, 2025: 1_250_000, 2026: 1_600_000 },
    groups: zu(8), industry: "茶叶", firstSecretaryUnit: XH_ZZB, firstSecretaryFrom: "retired_cadre", residentMembers: 3,
    strongPartnerCode: "511722225201", note: "first secretary is a retired cadre born in the village (004)",
  },
  // 宣汉县 樊哙镇 511722112
  {
    code: "511722112201", name: "三河村", townshipCode: "511722112", tags: ["lagging_economy"], households: 18,
    collectiveIncomeFen: { 2024: 3_200_000, 2025: 3_900_000, 2026: 4_600_000 },
    groups: zu(7), industry: "天然气配套服务、蔬菜", firstSecretaryUnit: PG, firstSecretaryFrom: "unit_cadre",
    enterprisePartner: PG, residentMembers: 3, note: "村企联合党组织 with the gas field (004)",
  },
  {
    code: "511722112202", name: "大坪村", townshipCode: "511722112", tags: ["poor", "deeply_poor"], households: 28,
    collectiveIncomeFen: { 2024: 150_000, 2025: 300_000, 2026: 520_000 },
    groups: zu(9), industry: "核桃、土鸡", firstSecretaryUnit: XH_NYJ, firstSecretaryFrom: "unit_cadre",
    residentMembers: 3, strongPartnerCode: "511722112201", demoGap: "too_few_residents",
  },
  // 渠县 中滩镇 511725116
  {
    code: "511725116201", name: "天山村", townshipCode: "511725116", tags: ["model"], households: 16,
    collectiveIncomeFen: { 2024: 20_500_000, 2025: 22_800_000, 2026: 24_600_000 },
    groups: zu(9), industry: "渠县黄花、柑橘", enterprisePartner: HH, note: "strong village for the other 中滩 villages",
  },
  {
    code: "511725116202", name: "大河村", townshipCode: "511725116", tags: ["poor"], households: 26,
    collectiveIncomeFen: { 2024: 400_000, 2025: 650_000, 2026: 880_000 },
    groups: zu(8), industry: "黄花", firstSecretaryUnit: CZJ, firstSecretaryFrom: "unit_cadre", residentMembers: 3,
    strongPartnerCode: "511725116201", pairedUnits: [QX_CZJ],
  },
  {
    code: "511725116203", name: "石院村", townshipCode: "511725116", tags: ["poor", "weak_party_org", "disputes"], households: 22,
    collectiveIncomeFen: { 2024: 1_050_000, 2025: 1_200_000, 2026: 1_500_000 },
    groups: zu(7), industry: "柑橘", firstSecretaryUnit: SFJ, firstSecretaryFrom: "unit_cadre", residentMembers: 3,
    strongPartnerCode: "511725116201", note: "first secretary recalled (召回) in 2025 and replaced (004)",
  },
  {
    code: "511725116204", name: "龙井村", townshipCode: "511725116", tags: ["poor"], households: 18,
    collectiveIncomeFen: { 2024: 3_100_000, 2025: 3_500_000, 2026: 4_000_000 },
    groups: zu(6), industry: "生猪、蔬菜", firstSecretaryUnit: NH, firstSecretaryFrom: "unit_cadre", residentMembers: 3,
    strongPartnerCode: "511725116201", pairedUnits: [WLXY, JYJ, WJW, GW], demoGap: "household_without_responsible",
  },
];

const programs: DemoProgram[] = [
  {
    name: "党内关爱帮扶资金（千名贫困党员精准扶贫示范计划）", category: "party_care_fund", fundSource: "party_dues",
    recipientKind: "household", rule: { kind: "fixed_per_recipient", amountFen: 100_000 }, noticeDays: 7,
    allowRepeatPerPeriod: false, budgetFenByYear: { 2025: 100_000_000, 2026: 100_000_000 },
    seedRef: "004: 在市管党费中设立100万元党内关爱帮扶资金，每年支持1千名贫困党员创业",
    note: "1000 members × 1000 元; recipient is the household of a poor party member",
  },
  {
    name: "村（社区）党组织书记、村（居）委会主任基础补贴", category: "village_cadre_pay", fundSource: "city",
    recipientKind: "cadre", rule: { kind: "per_month", amountFen: 56_000, honourUpliftPercent: 20 }, noticeDays: 7,
    allowRepeatPerPeriod: false, budgetFenByYear: { 2025: 3_722_880_000, 2026: 3_722_880_000 },
    seedRef: "002: 书记、主任每人每月560元；受省部级及以上表彰的再上浮20%",
    note: "rates from the 楚雄 seed, used for the demo; 2770 建制村 × 2 × 12 (672 元/月 with the uplift)",
  },
  {
    name: "村（居）委会副主任、文书基础补贴", category: "village_cadre_pay", fundSource: "city",
    recipientKind: "cadre", rule: { kind: "per_month", amountFen: 54_000, honourUpliftPercent: 20 }, noticeDays: 7,
    allowRepeatPerPeriod: false, budgetFenByYear: { 2025: 3_589_920_000, 2026: 3_589_920_000 },
    seedRef: "002: 副主任、文书每人每月540元；受省部级及以上表彰的再上浮20%", note: "648 元/月 with the uplift",
  },
  {
    name: "村（社区）干部绩效补贴", category: "performance_subsidy", fundSource: "county", recipientKind: "cadre",
    rule: { kind: "per_month", amountFen: 15_000 }, noticeDays: 7, allowRepeatPerPeriod: false,
    budgetFenByYear: { 2025: 1_994_400_000, 2026: 1_994_400_000 },
    seedRef: "002: 各县市财政按人均每月不少于150元的标准配套村干部绩效补贴",
  },
  {
    name: "优秀村（社区）党组织书记奖励", category: "award", fundSource: "city", recipientKind: "cadre",
    rule: { kind: "fixed_per_recipient", amountFen: 300_000 }, noticeDays: 7, allowRepeatPerPeriod: false,
    budgetFenByYear: { 2025: 30_000_000, 2026: 30_000_000 },
    seedRef: "002: 100名优秀村(社区)党组织书记一次性给予3000元奖励",
  },
  {
    name: "农村党员致富先锋奖励", category: "award", fundSource: "city", recipientKind: "household",
    rule: { kind: "fixed_per_recipient", amountFen: 150_000 }, noticeDays: 7, allowRepeatPerPeriod: false,
    budgetFenByYear: { 2025: 15_000_000, 2026: 15_000_000 },
    seedRef: "002: 每年评选100名'农村党员致富先锋'，每名奖励1500元", note: "recipient is the pioneer's household",
  },
  {
    name: "村级集体经济发展扶持资金", category: "project_funds", fundSource: "city", recipientKind: "village",
    rule: { kind: "per_line", typicalLineFen: 5_000_000 }, noticeDays: 7, allowRepeatPerPeriod: false,
    budgetFenByYear: { 2025: 100_000_000, 2026: 100_000_000 },
    seedRef: "002: 州财政每年安排100万元，重点扶持空壳村和年收入1万元以下的薄弱村",
    note: "eligible: villages tagged no_collective_income or with income < 1 万 (1_000_000 fen)",
  },
  {
    name: "扶贫产业链到户扶持资金", category: "industry_support", fundSource: "county", recipientKind: "household",
    rule: { kind: "per_line", typicalLineFen: 400_000 }, noticeDays: 7, allowRepeatPerPeriod: true,
    budgetFenByYear: { 2025: 800_000_000, 2026: 850_000_000 },
    seedRef: "004: '支部+合作社(协会)+基地+产业大户+贫困户'模式",
  },
];

export const dazhou: DemoTenantData = {
  slug: "dazhou",
  name: "达州市",
  level: "city",
  divisionCode: "511700",
  counties: [
    { code: TONGCHUAN, name: "通川区" },
    { code: XUANHAN, name: "宣汉县" },
    { code: QUXIAN, name: "渠县" },
  ],
  townships: [
    { code: "511702001", name: "东城街道", countyCode: TONGCHUAN },
    { code: "511702102", name: "罗江镇", countyCode: TONGCHUAN },
    { code: "511702114", name: "青宁镇", countyCode: TONGCHUAN },
    { code: "511722112", name: "樊哙镇", countyCode: XUANHAN },
    { code: "511722225", name: "渡口土家族乡", countyCode: XUANHAN },
    { code: "511725116", name: "中滩镇", countyCode: QUXIAN },
  ],
  villages,
  units,
  programs,
  settings: { minResidentMembers: 3, householdCapPerCadre: 6, defaultNoticeDays: 7 },
  cadreEvents: [
    { status: "recalled", reason: "poor_performance", villageCode: "511725116203", count: 1, seedRef: "004: 第一书记激励和调整'召回'制度" },
  ],
  notes: [
    "Seed 004 (+002 money). A city tenant: 市直 and 县直 units, counties 通川/宣汉/渠县. First-secretary full coverage",
    "of poor villages (including a retired cadre returning to his home village) and the 召回 system (石院村).",
    "Strong village ↔ poor village pairing, one strong partner per poor village (village_village, strongPartnerCode);",
    "village–enterprise joint party organisations (普光气田, 黄花合作社). Money: 100 万元 党内关爱帮扶资金 from party dues",
    "for 1000 poor party members; 002's 560/540 元/月 village cadre allowances with +20 % for provincial honours,",
    "150 元/月 performance subsidy, 3000/1500 元 awards, 100 万元 collective-economy fund. Household cap 6.",
    "Gaps: 龙滩村 no strong partner, 大坪村 2 residents, 观音村 cadre over cap, 龙井村 household without responsible person.",
  ].join(" "),
};
