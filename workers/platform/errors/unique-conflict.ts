import { AppError } from "./app-error.ts";

/** The text of an error and its causes (D1 wraps SQLite's message in one or two layers). */
function chainText(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    parts.push(e instanceof Error ? e.message : String(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join(" | ");
}

/** True when the error (or one of its causes) is SQLite refusing a write because of a UNIQUE index. */
export function mentionsUniqueConstraint(err: unknown): boolean {
  return chainText(err).includes("UNIQUE constraint failed");
}

/** Chinese names of the columns a UNIQUE index covers, keyed as SQLite names them ("table.column"). */
const UNIQUE_FIELD_LABELS: Record<string, string> = {
  "users.username": "用户名",
  "counties.code": "区划代码",
  "townships.code": "区划代码",
  "villages.code": "区划代码",
  "village_groups.name": "村民小组名称",
  "programs.name": "项目名称",
  "units.name": "单位名称",
  "budgets.year": "预算年度",
  "village_incomes.year": "年度",
  "households.id_number_hash": "身份证号",
  "cadres.phone_hash": "手机号",
  "attendance.month": "月份",
};

/** The columns of the UNIQUE index SQLite named in `err`, e.g. ["village_groups.village_id", "village_groups.name"]. */
export function uniqueViolationColumns(err: unknown): string[] {
  const m = /UNIQUE constraint failed: ([A-Za-z0-9_.,\s]+)/.exec(chainText(err));
  if (!m) return [];
  return m[1]!
    .split(",")
    .map((s) => s.trim())
    .filter((s) => /^[A-Za-z0-9_]+\.[A-Za-z0-9_]+$/.test(s));
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());

/**
 * The 409 for a write refused by a UNIQUE index (two identical creates at the same moment, or a
 * duplicate a service did not look for first), naming the field when the index tells which one.
 * The original error stays reachable as `cause`, so `isUniqueViolation` still recognises it.
 */
export function uniqueConflict(err: unknown): AppError {
  const columns = uniqueViolationColumns(err);
  // The last column of a composite index is the one a person typed (village_groups: village_id, name).
  const named = [...columns].reverse().find((c) => UNIQUE_FIELD_LABELS[c]);
  const label = named ? UNIQUE_FIELD_LABELS[named] : undefined;
  const message = label ? `${label}已存在，不能重复添加` : "相同的记录已存在，不能重复添加（可能是重复提交）";
  const fields = named ? [{ field: camel(named.split(".")[1]!), message }] : [];
  const e = new AppError("conflict", message, { fields });
  e.cause = err;
  return e;
}
