/**
 * zh-CN labels keyed by the glossary's English enum keys (../shared/GLOSSARY.md).
 * Code stores the key; the UI shows the label. Nothing else in web/ spells these out.
 */
export const ROLE_LABELS = {
  county_admin: "县（市）帮扶办管理员",
  finance_officer: "财务人员",
  township_officer: "乡镇干部",
  cadre: "驻村（帮扶）干部",
  auditor: "审计（纪检）人员",
} as const;

export const USER_STATUS_LABELS = { active: "启用", disabled: "已停用" } as const;

export const TENANT_LEVEL_LABELS = { city: "市（州）", county: "区（县）" } as const;

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
};

export function label<T extends Record<string, string>>(dict: T, key: string | null | undefined): string {
  if (key == null) return "";
  return (dict as Record<string, string>)[key] ?? key;
}
