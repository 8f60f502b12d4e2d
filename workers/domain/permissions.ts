import type { Role } from "../../db/schema/tenant/users.ts";

const ALL: readonly Role[] = ["county_admin", "finance_officer", "township_officer", "cadre", "auditor"];

/**
 * Who may do what: the one permission table of Bangfu. Routes name a permission; nothing else
 * checks roles. What a permitted user may *see* is narrowed further by scope
 * (workers/registry/scope.ts): township officers see their township, cadres their own
 * assignments, pairings and the households paired with them.
 */
export const PERMISSIONS = {
  "dashboard.read": ALL,
  "users.read": ["county_admin", "auditor"],
  "users.manage": ["county_admin"],
  "audit.read": ["county_admin", "auditor"],

  // Registry (issue: registry and pairing records)
  "registry.read": ALL,
  "places.manage": ["county_admin"],
  "villages.manage": ["county_admin", "township_officer"],
  "households.manage": ["county_admin", "township_officer"],
  /** See ID numbers and phones whole; every reveal is audited. */
  "pii.reveal": ["county_admin", "township_officer", "finance_officer", "auditor"],
  "units.manage": ["county_admin"],
  "cadres.manage": ["county_admin"],
  "assignments.manage": ["county_admin", "township_officer"],
  "attendance.record": ["county_admin", "township_officer", "cadre"],
  /** Reported resident days feed pay only once the township (own township) or the county confirms them. */
  "attendance.confirm": ["county_admin", "township_officer"],
  /** 签到 and 请假 are personal: the cadre, their township and the county (and auditors) read them. */
  "presence.read": ["county_admin", "township_officer", "cadre", "auditor"],
  /** Only the resident cadre checks in and asks for leave, for their own active assignment. */
  "checkins.record": ["cadre"],
  "leaves.request": ["cadre"],
  /** Withdraw (the requester only) and 销假 (the cadre, or the township / county recording it for them). */
  "leaves.close": ["cadre", "township_officer", "county_admin"],
  /** 请假 is approved by the township (own township) or the county, never by the requester. */
  "leaves.approve": ["county_admin", "township_officer"],
  /** 村两委花名册: register, change and close village cadres' terms; township officers only in their township. */
  "village_officials.manage": ["county_admin", "township_officer"],
  "pairings.manage": ["county_admin", "township_officer", "cadre"],
  "visits.record": ["county_admin", "township_officer", "cadre"],
  "coverage.read": ["county_admin", "township_officer", "finance_officer", "auditor"],
  "settings.manage": ["county_admin"],
  /** The gate of the import screens; each import also needs its own permission (finance: batch lines). */
  "imports.run": ["county_admin", "township_officer", "finance_officer"],

  // Money (issue: subsidy disbursement)
  "money.read": ["county_admin", "finance_officer", "auditor"],
  "programs.manage": ["county_admin", "finance_officer"],
  "batches.manage": ["county_admin", "finance_officer"],
  /** Approval is the county's decision, separate from the finance officer who prepares and pays. */
  "batches.approve": ["county_admin"],
  "batches.pay": ["finance_officer", "county_admin"],

  // Public notices (公示) and objections
  /** Answer objections (upheld / rejected, public reply); township officers only for their township's notices. */
  "notices.answer": ["county_admin", "township_officer"],

  // Public disclosure (issue: public disclosure site)
  /** Record village projects and 四议两公开 decisions; township officers only in their township. */
  "disclosure.manage": ["county_admin", "township_officer"],
  /** Answer villagers' feedback; township officers only their township's. */
  "feedback.answer": ["county_admin", "township_officer"],

  // Supervision and accountability (issue 11): letters, inspections, the 通报→约谈→问责 ladder
  /** Read letters, inspections, problems and escalations; cadres only their own, township officers their township. */
  "supervision.read": ["county_admin", "township_officer", "cadre", "auditor"],
  /** Sign 目标责任书 and plan their measures; township officers only for their township's villages. */
  "letters.manage": ["county_admin", "township_officer"],
  /** Report a measure's progress and evidence; cadres only in their own villages. */
  "measures.progress": ["county_admin", "township_officer", "cadre"],
  /** Record inspections and problems, confirm them and sign rectifications off. */
  "inspections.manage": ["county_admin", "township_officer"],
  /** Report a problem's rectification with evidence; cadres only their own problems. */
  "rectifications.submit": ["county_admin", "township_officer", "cadre"],
  /** Record 通报, 约谈 and 问责; township officers only for targets in their township. */
  "escalations.manage": ["county_admin", "township_officer"],
  // Oversight 考核 (issue 11): reviews, assessment lists, annual assessment
  /** Read reviews and assessments; scope narrows it (township officers: their township; cadres: their own). */
  "assessments.read": ALL,
  /** 我的档案: a cadre's own 一人一档 (days, visits, reviews, assessments, their 后备干部 record). */
  "record.own": ["cadre"],
  /** Record 述职评议 meetings, paper ballots and ballot codes; publish the aggregate. Township officers: own township. */
  "reviews.manage": ["county_admin", "township_officer"],
  /** The county's 考核清单 per year and role. */
  "assessment_templates.manage": ["county_admin"],
  /** Open assessments, hand scores, 一票否决 findings, grades, the village and township sign-offs. */
  "assessments.manage": ["county_admin", "township_officer"],
  /** The county-level sign-off (县/区帮扶办) and what follows from the grade. */
  "assessments.approve": ["county_admin"],
  // Training and 应知应会 tests (issue 12, seeds 001 and 004)
  /** Plans and sessions are read by all who train or are trained; attendance and scores are personal (scope narrows). */
  "training.read": ["county_admin", "township_officer", "cadre", "auditor"],
  /** The county's 培训计划: audience and deadline. */
  "training.plan": ["county_admin"],
  /** Sessions and attendance; township officers hold sessions and record attendance in their township. */
  "training.record": ["county_admin", "township_officer"],
  /** The 应知应会 question bank (with the correct answers) and the tests made from it. */
  "exams.manage": ["county_admin"],
  /** Reading the bank shows the correct answers: never to anyone who takes tests. */
  "exams.bank_read": ["county_admin", "auditor"],
  /**
   * Taking a test: resident cadres and township cadres (seed 001: 乡镇全体干部); the county may sit
   * its own paper too (as a county-level person), e.g. to try it before the townships do.
   */
  "exams.take": ["county_admin", "township_officer", "cadre"],
  /** 现场测试 of a village cadre (no account): started and submitted by their township's officer or the county. */
  "exams.proctor": ["county_admin", "township_officer"],
  /** Test results are personal: the person, their township and the county (and auditors). */
  "exams.read": ["county_admin", "township_officer", "cadre", "auditor"],

  // Reserve pool and party members (issue 12)
  /** 后备干部库 and the village pools; township officers their township's villages (cadre reserves are the county's). */
  "reserves.read": ["county_admin", "township_officer", "auditor"],
  /** Nominate, notice (公示), use and exit reserves; township officers only village pools of their township. */
  "reserves.manage": ["county_admin", "township_officer"],
  /** 党员 records (贫困党员, 致富先锋); finance reads them to pay the care fund. */
  "party_members.read": ["county_admin", "township_officer", "finance_officer", "auditor"],
  "party_members.manage": ["county_admin", "township_officer"],
  // 后进村整顿 and 表彰 (issue 11); reading rectifications is supervision.read (scope narrows it)
  /** Plan a rectification's measures, dispatch a cadre, ask for the exit; township officers: own township. */
  "rectifications.manage": ["county_admin", "township_officer"],
  /** Confirm the year's list and confirm exits (never one's own request): the county's decision. */
  "rectifications.confirm": ["county_admin"],
  "awards.read": ["county_admin", "finance_officer", "township_officer", "auditor"],
  /** 考核监督报表 by township and unit: the county and auditors all, township officers their township; not cadres. */
  "oversight_reports.read": ["county_admin", "township_officer", "auditor"],
  /** Record 表彰; they pay only through award programs' batches (公示, approval, payment). */
  "awards.manage": ["county_admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
