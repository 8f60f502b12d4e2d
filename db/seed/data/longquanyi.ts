import type { DemoTenantData, DemoUnit, DemoVillage, DemoProgram } from "./types.ts";

/**
 * 成都市龙泉驿区 (510112), seed 000. Township codes are the 统计用区划代码 after the 2019–2020
 * merger (茶店镇、万兴乡 → 山泉镇; 黄土镇 → 洪安镇). Village names are realistic for the area;
 * village codes are plausible (township + 0xx 社区 / 2xx 村), not authoritative.
 */

const NUM = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];
const zu = (n: number): string[] => NUM.slice(0, n).map((c) => `${c}组`);

// unit names used below, so village references cannot drift from the unit list
const ZZB = "中共成都市龙泉驿区委组织部";
const CZJ = "成都市龙泉驿区财政局";
const NYJ = "成都市龙泉驿区农业农村局";
const JYJ = "成都市龙泉驿区教育局";
const WJJ = "成都市龙泉驿区卫生健康局";
const SFJ = "成都市龙泉驿区司法局";
const ZJJ = "成都市龙泉驿区住房和城乡建设局";
const JKQ = "成都经济技术开发区管理委员会";
const YY = "成都市龙泉驿区第一人民医院";
const YZ = "成都市龙泉驿区第一中学校";
const GW = "国网四川省电力公司成都市龙泉驿供电分公司";
const NSH = "成都农村商业银行龙泉驿支行";
const FAW = "一汽-大众汽车有限公司成都分公司";
const CHANGSONG = "成都市龙泉驿区长松水蜜桃专业合作社";
const WANXING = "成都万兴好农人农业开发有限公司";
const LUODAI = "成都市龙泉驿区洛带镇人民政府";

const units: DemoUnit[] = [
  { name: ZZB, kind: "party_government", level: "county", seedRef: "000: 区委组织部会同各街镇乡调查摸底、选派第一书记" },
  { name: CZJ, kind: "party_government", level: "county", seedRef: "000: 区财政每年划拨帮扶工作经费150万元" },
  { name: NYJ, kind: "party_government", level: "county" },
  { name: JYJ, kind: "party_government", level: "county" },
  { name: WJJ, kind: "party_government", level: "county" },
  { name: SFJ, kind: "party_government", level: "county", seedRef: "000: 矛盾问题村重点选派有群众工作经验的干部" },
  { name: ZJJ, kind: "party_government", level: "county" },
  { name: JKQ, kind: "party_government", level: "county", seedRef: "000: 立足经开区汽车产业开展帮扶" },
  { name: YY, kind: "hospital", level: "county", seedRef: "000: 支部、党员、学校、医院等多形式'1+1'结对" },
  { name: YZ, kind: "school", level: "county", seedRef: "000: 学校'1+1'结对" },
  { name: GW, kind: "state_enterprise", level: "city" },
  { name: NSH, kind: "state_enterprise", level: "county" },
  { name: FAW, kind: "state_enterprise", level: "city", seedRef: "000: '企业+村社'模式发展富村产业" },
  { name: CHANGSONG, kind: "other", level: "village", seedRef: "000: 培育'长松水蜜桃合作社'等108个农民专业合作组织" },
  { name: WANXING, kind: "private_enterprise", level: "county", seedRef: "000: '万兴好农人'农业产业化基地" },
  { name: LUODAI, kind: "party_government", level: "township", seedRef: "000: 12个街镇乡机关与村(社区)基层党组织结对" },
];

const villages: DemoVillage[] = [
  // 龙泉街道 510112001
  {
    code: "510112001012", name: "石灵社区", townshipCode: "510112001", tags: ["model"], households: 12,
    collectiveIncomeFen: { 2024: 12_500_000, 2025: 13_800_000, 2026: 14_600_000 },
    groups: zu(6), industry: "绿壳蛋鸡养殖（石灵绿壳鸡蛋）", pairedUnits: [NSH],
  },
  {
    code: "510112001201", name: "龙华村", townshipCode: "510112001", tags: ["lagging_economy"], households: 14,
    collectiveIncomeFen: { 2024: 1_850_000, 2025: 2_100_000, 2026: 2_400_000 },
    groups: zu(7), industry: "花卉苗木", firstSecretaryUnit: JKQ, firstSecretaryFrom: "unit_cadre", residentMembers: 3,
  },
  // 洛带镇 510112102
  {
    code: "510112102201", name: "宝胜村", townshipCode: "510112102", tags: ["model"], households: 18,
    collectiveIncomeFen: { 2024: 18_600_000, 2025: 21_000_000, 2026: 23_500_000 },
    groups: zu(9), industry: "客家民俗旅游、农家乐", pairedUnits: [LUODAI],
  },
  {
    code: "510112102202", name: "八角村", townshipCode: "510112102", tags: ["poor"], households: 26,
    collectiveIncomeFen: { 2024: 620_000, 2025: 780_000, 2026: 950_000 },
    groups: zu(8), industry: "枇杷、柑橘", firstSecretaryUnit: NYJ, firstSecretaryFrom: "unit_cadre",
    pairedUnits: [YZ], residentMembers: 3, demoGap: "household_without_responsible",
    note: "two poor households were added at the 2025 review and nobody has been paired with them yet",
  },
  {
    code: "510112102203", name: "岐山村", townshipCode: "510112102", tags: ["poor", "weak_party_org", "no_collective_income"],
    households: 22, collectiveIncomeFen: { 2024: 0, 2025: 0, 2026: 0 },
    groups: zu(7), industry: "柑橘", pairedUnits: [ZZB], demoGap: "no_first_secretary",
    note: "previous first secretary's term ended 2025-06 (completed) and no successor was sent",
  },
  {
    code: "510112102204", name: "燎原村", townshipCode: "510112102", tags: [], households: 16,
    collectiveIncomeFen: { 2024: 4_200_000, 2025: 4_600_000, 2026: 5_100_000 },
    groups: zu(6), industry: "蔬菜种植",
  },
  // 山泉镇 510112115
  {
    code: "510112115201", name: "桃源村", townshipCode: "510112115", tags: ["model"], households: 200,
    collectiveIncomeFen: { 2024: 26_800_000, 2025: 29_500_000, 2026: 31_000_000 },
    groups: zu(12), industry: "水蜜桃、桃花节乡村旅游", firstSecretaryUnit: JKQ, firstSecretaryFrom: "unit_cadre",
    pairedUnits: [FAW], enterprisePartner: FAW, residentMembers: 5,
    note: "disclosure benchmark: the one village with 200 households (large public notice lists)",
  },
  {
    code: "510112115202", name: "美满村", townshipCode: "510112115", tags: ["poor"], households: 28,
    collectiveIncomeFen: { 2024: 1_200_000, 2025: 1_560_000, 2026: 1_980_000 },
    groups: zu(9), industry: "枇杷（美满枇杷沟）", firstSecretaryUnit: CZJ, firstSecretaryFrom: "unit_cadre",
    residentMembers: 4, demoGap: "cadre_over_cap", note: "one cadre is responsible for 8 households (cap 5)",
  },
  {
    code: "510112115203", name: "花果村", townshipCode: "510112115", tags: ["poor"], households: 24,
    collectiveIncomeFen: { 2024: 380_000, 2025: 520_000, 2026: 760_000 },
    groups: zu(8), industry: "水蜜桃、枇杷", firstSecretaryUnit: YY, firstSecretaryFrom: "unit_cadre", residentMembers: 3,
  },
  {
    code: "510112115204", name: "红花村", townshipCode: "510112115", tags: ["poor", "lagging_economy"], households: 20,
    collectiveIncomeFen: { 2024: 90_000, 2025: 210_000, 2026: 300_000 },
    groups: zu(6), industry: "山地水果", firstSecretaryUnit: JYJ, firstSecretaryFrom: "unit_cadre",
    residentMembers: 3, demoGap: "too_few_residents", note: "one team member left 2025-09; only 2 resident members remain",
  },
  {
    code: "510112115005", name: "万兴社区", townshipCode: "510112115", tags: ["lagging_economy"], households: 18,
    collectiveIncomeFen: { 2024: 3_600_000, 2025: 4_300_000, 2026: 5_200_000 },
    groups: zu(8), industry: "生态蔬菜（万兴好农人基地）", firstSecretaryUnit: GW, firstSecretaryFrom: "unit_cadre",
    enterprisePartner: WANXING, residentMembers: 3,
  },
  // 洪安镇 510112108
  {
    code: "510112108001", name: "黄土社区", townshipCode: "510112108", tags: ["model"], households: 10,
    collectiveIncomeFen: { 2024: 10_800_000, 2025: 11_900_000, 2026: 12_600_000 },
    groups: zu(5), industry: "农业示范园（黄土镇农业示范园党支部）",
  },
  {
    code: "510112108201", name: "梧桐村", townshipCode: "510112108", tags: ["weak_party_org", "disputes"], households: 16,
    collectiveIncomeFen: { 2024: 1_050_000, 2025: 1_320_000, 2026: 1_500_000 },
    groups: zu(7), industry: "葡萄", firstSecretaryUnit: SFJ, firstSecretaryFrom: "unit_cadre", residentMembers: 3,
    note: "矛盾问题村: first secretary chosen for 群众工作 experience (000)",
  },
  {
    code: "510112108202", name: "洪福村", townshipCode: "510112108", tags: ["poor", "no_collective_income"], households: 22,
    collectiveIncomeFen: { 2024: 0, 2025: 0, 2026: 480_000 },
    groups: zu(8), industry: "粮油、生猪代养", firstSecretaryUnit: ZJJ, firstSecretaryFrom: "unit_cadre", residentMembers: 3,
    note: "空壳村 in 2024–2025 (tag from the 2025 review); first collective income in 2026",
  },
  // 柏合街道 510112006
  {
    code: "510112006201", name: "长松村", townshipCode: "510112006", tags: ["model"], households: 14,
    collectiveIncomeFen: { 2024: 15_200_000, 2025: 16_800_000, 2026: 18_000_000 },
    groups: zu(8), industry: "水蜜桃（长松水蜜桃合作社）", enterprisePartner: CHANGSONG,
  },
  {
    code: "510112006202", name: "二龙村", townshipCode: "510112006", tags: ["poor", "lagging"], households: 20,
    collectiveIncomeFen: { 2024: 450_000, 2025: 600_000, 2026: 820_000 },
    groups: zu(7), industry: "梨、柑橘", firstSecretaryUnit: WJJ, firstSecretaryFrom: "unit_cadre", residentMembers: 5,
  },
];

const programs: DemoProgram[] = [
  {
    name: "驻村干部交通生活补助", category: "resident_allowance", fundSource: "county", recipientKind: "cadre",
    rule: { kind: "per_month", amountFen: 50_000 }, noticeDays: 7, allowRepeatPerPeriod: false,
    budgetFenByYear: { 2025: 24_000_000, 2026: 26_400_000 },
    seedRef: "000: 每月给予驻村干部500元交通生活补助", note: "2025: 40 resident cadres × 12 × 500 元; 2026: 44",
  },
  {
    name: "党建帮扶工作经费", category: "project_funds", fundSource: "county", recipientKind: "village",
    rule: { kind: "per_line", typicalLineFen: 8_000_000 }, noticeDays: 7, allowRepeatPerPeriod: true,
    budgetFenByYear: { 2025: 150_000_000, 2026: 150_000_000 },
    seedRef: "000: 区财政每年划拨帮扶工作经费150万元", note: "办公场地和工作经费 for village teams",
  },
  {
    name: "助农增收产业扶持资金", category: "industry_support", fundSource: "county", recipientKind: "household",
    rule: { kind: "per_line", typicalLineFen: 300_000 }, noticeDays: 7, allowRepeatPerPeriod: true,
    budgetFenByYear: { 2025: 320_000_000, 2026: 350_000_000 },
    seedRef: "000: 落实助农增收项目213个；投入帮扶项目资金超过2亿元（累计）",
    note: "到户产业扶持, e.g. 果苗、种鸡、农资 lines of 1000–5000 元",
  },
  {
    name: "党群结对“三助一扶”助学金", category: "other", fundSource: "donation", recipientKind: "household",
    rule: { kind: "fixed_per_recipient", amountFen: 100_000 }, noticeDays: 7, allowRepeatPerPeriod: false,
    budgetFenByYear: { 2025: 20_000_000, 2026: 20_000_000 },
    seedRef: "000: 党群结对'三助一扶'（助学、助医、助业、扶贫）；社会力量'三送一捐'",
    note: "1000 元 per pupil per school year from cadres' and enterprises' donations",
  },
];

export const longquanyi: DemoTenantData = {
  slug: "longquanyi",
  name: "成都市龙泉驿区",
  level: "county",
  divisionCode: "510112",
  townships: [
    { code: "510112001", name: "龙泉街道" },
    { code: "510112006", name: "柏合街道" },
    { code: "510112102", name: "洛带镇" },
    { code: "510112108", name: "洪安镇" },
    { code: "510112115", name: "山泉镇" },
  ],
  villages,
  units,
  programs,
  settings: { minResidentMembers: 3, householdCapPerCadre: 5, defaultNoticeDays: 7 },
  cadreEvents: [
    { status: "recalled", reason: "poor_performance", villageCode: "510112115203", count: 1, seedRef: "000: 6名驻村干部因履职不到位被批评教育或被退回原单位" },
    { status: "recalled", reason: "poor_performance", villageCode: "510112108201", count: 1, seedRef: "000: 退回原单位" },
  ],
  notes: [
    "Seed 000. First secretaries sent by 区级单位 (unit_village) to relatively poor, weak-party-org and dispute villages,",
    "each with a resident team of 3–5 (minResidentMembers 3). 1+1 / 1+N cadre_household pairing with a cap of 5 households per cadre;",
    "branch_branch pairing of schools, hospitals and the 经开区 with villages; enterprise_village (一汽-大众, 长松水蜜桃合作社, 万兴好农人).",
    "Money: 500 元/月 交通生活补助, 150 万元/年 帮扶工作经费, 产业扶持 and 三助一扶 donations.",
    "Two resident cadres returned to their unit for poor performance. 桃源村 has 200 households (disclosure benchmark).",
    "Gaps: 岐山村 no first secretary, 红花村 2 residents, 美满村 cadre over cap, 八角村 households without responsible person.",
  ].join(" "),
};
