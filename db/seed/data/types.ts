import type { VillageOfficialPost } from "../../schema/tenant/village-cadres.ts";
/**
 * Demo data for the three demo tenants: plain typed data, no database or app imports,
 * so a later seeding step can map it into tables. All money is integer fen (¥1 = 100 fen).
 * Vocabulary follows /work/shared/GLOSSARY.md; closed lists are the glossary's English keys.
 */

/** 村 tags (GLOSSARY, closed). */
export type VillageTag =
  | "poor" // 贫困村
  | "deeply_poor" // 深度贫困村
  | "weak_party_org" // 软弱涣散村
  | "lagging" // 后进村
  | "disputes" // 矛盾问题村
  | "lagging_economy" // 经济发展滞后村
  | "no_collective_income" // 集体经济空壳村
  | "model"; // 示范村

/**
 * A deliberate hole for the coverage report to find. The generator creates the data so
 * that exactly this rule is broken in this village (everything else stays compliant).
 */
export type DemoGap =
  /** poor village with no active first_secretary assignment (000/004: every poor village has one) */
  | "no_first_secretary"
  /** only 2 resident team members, below settings.minResidentMembers (000: 3–5) */
  | "too_few_residents"
  /** one cadre is responsible_person for more households than settings.householdCapPerCadre */
  | "cadre_over_cap"
  /** one or two poor households have no responsible_person (000: 每个贫困户都有帮扶责任人) */
  | "household_without_responsible"
  /** a resident cadre was screened as unfit but is still `active` — not yet recalled/replaced (001) */
  | "unfit_cadre_pending"
  /** poor village without a strong/rich partner village (004: 为每个贫困村确定1个强村、富村结对帮扶) */
  | "no_strong_village_pair";

/** Where the first secretary comes from (000: 区级单位; 001: 乡镇干部; 004: 离退休干部回村). */
export type FirstSecretarySource = "unit_cadre" | "township_cadre" | "retired_cadre";

export interface DemoCounty {
  code: string; // 6 digits
  name: string;
}

export interface DemoTownship {
  code: string; // 9 digits, starts with the county/tenant code
  name: string;
  countyCode?: string; // 6 digits, city tenants only
}

export interface DemoVillage {
  code: string; // 12 digits, starts with its township code (0xx 社区/居委会, 2xx 村委会)
  name: string;
  townshipCode: string;
  tags: VillageTag[];
  /** how many demo households to generate */
  households: number;
  /** 村集体经济收入 by year, integer fen */
  collectiveIncomeFen: Record<number, number>;
  /** 村民小组 names */
  groups?: string[];
  /** leading local industry, for realistic project/visit text */
  industry?: string;
  /** unit (name as in `units`) that sends the first secretary / team leader (单位包村) */
  firstSecretaryUnit?: string;
  firstSecretaryFrom?: FirstSecretarySource;
  /** further units paired with the village (unit_village / branch_branch) */
  pairedUnits?: string[];
  /** intended resident team size (3–5); the generator uses 2 when demoGap is too_few_residents */
  residentMembers?: number;
  /** village_village (强村带弱村, 004): code of the strong partner village */
  strongPartnerCode?: string;
  /** enterprise_village (村企联建, 002/004): unit name of the partner enterprise */
  enterprisePartner?: string;
  demoGap?: DemoGap;
  note?: string;
}

export type UnitKind =
  | "party_government"
  | "public_institution"
  | "state_enterprise"
  | "private_enterprise"
  | "school"
  | "hospital"
  | "other";

export type UnitLevel = "province" | "city" | "county" | "township" | "village";

export interface DemoUnit {
  name: string;
  kind: UnitKind;
  level: UnitLevel;
  /** county code for county-level units of a city tenant */
  countyCode?: string;
  seedRef?: string;
}

export type ProgramCategory =
  | "resident_allowance"
  | "village_cadre_pay"
  | "performance_subsidy"
  | "award"
  | "industry_support"
  | "party_care_fund"
  | "project_funds"
  | "other";

export type FundSource = "central" | "provincial" | "city" | "county" | "unit" | "donation" | "party_dues";

export interface DemoProgramRule {
  kind: "fixed_per_recipient" | "per_month" | "per_resident_day" | "per_line";
  /** the rate; absent for per_line (each line carries its own amount) */
  amountFen?: number;
  /** +N % for recipients with a provincial-or-higher honour (002: 上浮20%) */
  honourUpliftPercent?: number;
  /** for per_line programmes: a typical line, for the generator */
  typicalLineFen?: number;
}

export interface DemoProgram {
  name: string;
  category: ProgramCategory;
  fundSource: FundSource;
  recipientKind: "household" | "cadre" | "village" | "project" | "party_member" | "village_official";
  rule: DemoProgramRule;
  /**
   * Village-cadre programs: amount per post (村两委 roster). A program with rates pays only the
   * posts it rates (workers/village-cadres/pay.ts); without, every post gets the rule's amount.
   */
  postRates?: Partial<Record<VillageOfficialPost, number>>;
  /** 公示期 in days */
  noticeDays: number;
  /** may one recipient get more than one line in the same period (month/year)? */
  allowRepeatPerPeriod: boolean;
  budgetFenByYear: Record<number, number>;
  /** where the amount comes from, e.g. "000: 500 元/月" */
  seedRef: string;
  note?: string;
}

/**
 * A past recall or replacement: the generator records `count` ended assignments with this
 * status and reason. Current staffing still follows the village fields (a successor is active
 * unless the village's demoGap says otherwise, e.g. no_first_secretary).
 */
export interface DemoCadreEvent {
  status: "recalled" | "replaced";
  reason: "unfit" | "long_absent" | "wrong_unit" | "poor_performance";
  villageCode: string;
  count: number;
  seedRef: string;
}

/** 001: 一次通报、二次约谈、三次问责. */
export interface DemoEscalation {
  level: "notice" | "interview" | "accountability";
  target: "township" | "unit" | "cadre";
  count: number;
  seedRef: string;
}

export interface DemoSettings {
  minResidentMembers: number;
  householdCapPerCadre: number;
  /** default 公示期 (GLOSSARY: 7 days) */
  defaultNoticeDays?: number;
  /** 应知应会 test: below this score the cadre is sent back to training (001: 90) */
  knowledgeTestPassScore?: number;
}

export interface DemoTenantData {
  slug: string;
  name: string;
  level: "city" | "county";
  divisionCode: string;
  counties?: DemoCounty[];
  townships: DemoTownship[];
  villages: DemoVillage[];
  units: DemoUnit[];
  programs: DemoProgram[];
  settings: DemoSettings;
  cadreEvents?: DemoCadreEvent[];
  escalations?: DemoEscalation[];
  /** which seed mechanisms this tenant's data illustrates */
  notes: string;
}
