import type { Role } from "../../db/schema/tenant/users.ts";

const ALL: readonly Role[] = ["county_admin", "finance_officer", "township_officer", "cadre", "auditor"];

/**
 * Who may do what: the one permission table of Bangfu. Routes name a permission; nothing else
 * checks roles. Township officers are further limited to their township by the queries that
 * serve them (see `townshipScope`), cadres to their own records.
 */
export const PERMISSIONS = {
  "dashboard.read": ALL,
  "users.read": ["county_admin", "auditor"],
  "users.manage": ["county_admin"],
  "audit.read": ["county_admin", "auditor"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
