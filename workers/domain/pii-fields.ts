import { AppError } from "../platform/errors/app-error.ts";
import { decryptPiiAt, PiiDecryptError, type PiiKeys, type PiiSlot } from "../lib/pii-crypto.ts";
import type { ServiceContext } from "./service-context.ts";
import { isUniqueViolation } from "./db-errors.ts";

/** Tables whose rows carry row-bound personal data (their ids are reserved before the INSERT). */
export type PiiTable = "households" | "cadres" | "objections" | "feedback";

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

/**
 * Decrypts a stored personal value of one row for display; a ciphertext that does not belong to
 * this row (copied from another person, tampered with, or of another tenant) is refused with a
 * clear error rather than shown or turned into a 500.
 */
export async function revealStored(keys: PiiKeys, stored: string, slot: PiiSlot): Promise<string> {
  try {
    return await decryptPiiAt(keys, stored, slot);
  } catch (err) {
    if (err instanceof PiiDecryptError)
      throw new AppError(
        "conflict",
        "该条个人信息无法解密：密文与本条记录不符（可能被复制或篡改），已拒绝显示，请联系系统管理员核查",
      );
    throw err;
  }
}
