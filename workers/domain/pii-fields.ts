import { AppError } from "../platform/errors/app-error.ts";
import { decryptPiiAt, PiiDecryptError, type PiiKeys, type PiiSlot } from "../lib/pii-crypto.ts";
import type { ServiceContext } from "./service-context.ts";
import { isUniqueViolation } from "./db-errors.ts";

/** Tables whose rows carry row-bound personal data (their ids are reserved before the INSERT). */
export type PiiTable = "households" | "cadres" | "objections" | "feedback" | "village_officials";

/**
 * The next id of `table`, for an INSERT that names it explicitly: row-bound ciphertexts need the
 * id before the row exists. Never below an id AUTOINCREMENT has handed out (deleted rows' ids
 * are not reused). Two writers may read the same id: the second INSERT fails on the primary key
 * and `withNewRowId` tries again, so nothing is written under a wrong id.
 */
export async function nextRowId(d1: D1Database, table: PiiTable): Promise<number> {
  const row = await d1
    .prepare(
      `SELECT max(coalesce((SELECT max(id) FROM ${table}), 0), coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?1), 0)) + 1 AS next`,
    )
    .bind(table)
    .first<{ next: number }>();
  return row?.next ?? 1;
}

/** True when a write failed because another writer took the reserved id of `table` first. */
export function isRowIdTaken(err: unknown, table: PiiTable): boolean {
  return isUniqueViolation(err, `${table}.id`);
}

/**
 * Runs `attempt` with a freshly reserved id of `table`; when a concurrent writer took the id
 * (the whole batch was rolled back), reserves the next one and runs it again.
 */
export async function withNewRowId<T>(
  ctx: ServiceContext,
  table: PiiTable,
  attempt: (id: number) => Promise<T>,
): Promise<T> {
  for (let i = 0; i < 5; i++) {
    const id = await nextRowId(ctx.d1, table);
    try {
      return await attempt(id);
    } catch (err) {
      if (!isRowIdTaken(err, table)) throw err;
    }
  }
  throw new AppError("busy", "同时提交的请求较多，请稍后重试");
}

const TABLE_NAMES: Record<string, string> = {
  households: "农户",
  household_members: "家庭成员",
  cadres: "干部",
  objections: "异议",
  feedback: "意见建议",
  village_officials: "村干部",
};
const COLUMN_NAMES: Record<string, string> = {
  id_number: "身份证号",
  phone: "手机号",
  contact: "联系方式",
};

/**
 * Decrypts a stored personal value of one row for display. A ciphertext that cannot be read here
 * (copied from another row, tampered with, of another tenant or key) is refused with a clear
 * problem naming the record ("农户 #12 的身份证号无法解密…") rather than shown or turned into a 500;
 * the failure is logged with the record, never with any plaintext. Pages showing masked values
 * never decrypt, so they keep working.
 */
export async function revealStored(keys: PiiKeys, stored: string, slot: PiiSlot): Promise<string> {
  try {
    return await decryptPiiAt(keys, stored, slot);
  } catch (err) {
    if (!(err instanceof PiiDecryptError)) throw err;
    console.error(
      `[pii_unreadable] tenant=${keys.tenantSlug} record=${slot.table}#${slot.rowId} column=${slot.column}: ${err.message}`,
    );
    const record = TABLE_NAMES[slot.table] ?? slot.table;
    const field = COLUMN_NAMES[slot.column] ?? slot.column;
    throw new AppError(
      "pii_unreadable",
      `${record} #${slot.rowId} 的${field}无法解密（密文可能被复制、篡改或密钥不符），已拒绝显示，请联系管理员核查`,
    );
  }
}
