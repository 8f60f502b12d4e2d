import type { Permission } from "../../workers/domain/permissions.ts";

/** The admin navigation: one entry per screen, shown only to roles holding its permission. */
export interface NavItem {
  key: string;
  label: string;
  path: string;
  permission: Permission;
}

export const ADMIN_NAV: NavItem[] = [
  { key: "dashboard", label: "工作台", path: "", permission: "dashboard.read" },
  { key: "places", label: "区县乡镇", path: "/places", permission: "registry.read" },
  { key: "villages", label: "村（社区）", path: "/villages", permission: "registry.read" },
  { key: "village-officials", label: "村两委", path: "/village-officials", permission: "registry.read" },
  { key: "households", label: "农户", path: "/households", permission: "registry.read" },
  { key: "units", label: "帮扶单位", path: "/units", permission: "registry.read" },
  { key: "cadres", label: "干部", path: "/cadres", permission: "registry.read" },
  { key: "assignments", label: "驻村", path: "/assignments", permission: "registry.read" },
  { key: "check-in", label: "签到", path: "/check-in", permission: "checkins.record" },
  { key: "my-record", label: "我的档案", path: "/cadres/me/record", permission: "record.own" },
  { key: "check-ins", label: "签到记录", path: "/check-ins", permission: "presence.read" },
  { key: "leaves", label: "请假", path: "/leaves", permission: "presence.read" },
  { key: "trainings", label: "培训", path: "/trainings", permission: "training.read" },
  { key: "exams", label: "应知应会", path: "/exams", permission: "exams.read" },
  { key: "pairings", label: "结对帮扶", path: "/pairings", permission: "registry.read" },
  { key: "visits", label: "走访日志", path: "/visits", permission: "registry.read" },
  { key: "coverage", label: "覆盖情况", path: "/coverage", permission: "coverage.read" },
  { key: "settings", label: "设置", path: "/settings", permission: "settings.manage" },
  { key: "programs", label: "资金项目", path: "/programs", permission: "money.read" },
  { key: "batches", label: "发放批次", path: "/batches", permission: "money.read" },
  { key: "reports", label: "资金报表", path: "/reports", permission: "money.read" },
  { key: "notices", label: "公示与异议", path: "/notices", permission: "registry.read" },
  { key: "ledger", label: "公开账本", path: "/ledger", permission: "registry.read" },
  { key: "users", label: "用户管理", path: "/users", permission: "users.read" },
  { key: "audit", label: "审计日志", path: "/audit", permission: "audit.read" },
  { key: "projects", label: "村级项目", path: "/projects", permission: "registry.read" },
  { key: "village-decisions", label: "四议两公开", path: "/village-decisions", permission: "registry.read" },
  { key: "feedback", label: "意见建议", path: "/feedback", permission: "feedback.answer" },
  { key: "letters", label: "目标责任书", path: "/letters", permission: "supervision.read" },
  { key: "inspections", label: "督查整改", path: "/inspections", permission: "supervision.read" },
  { key: "escalations", label: "通报约谈问责", path: "/escalations", permission: "supervision.read" },
  { key: "supervision-report", label: "督查报表", path: "/supervision-report", permission: "supervision.read" },
  { key: "oversight-report", label: "考核监督报表", path: "/oversight-report", permission: "oversight_reports.read" },
  { key: "reviews", label: "述职评议", path: "/reviews", permission: "assessments.read" },
  { key: "assessments", label: "年度考核", path: "/assessments", permission: "assessments.read" },
  { key: "reserves", label: "后备干部库", path: "/reserves", permission: "reserves.read" },
  { key: "party-members", label: "党员", path: "/party-members", permission: "party_members.read" },
  { key: "rectifications", label: "后进村整顿", path: "/rectifications", permission: "supervision.read" },
  { key: "awards", label: "表彰", path: "/awards", permission: "awards.read" },
];
