import { AppError } from "../platform/errors/app-error.ts";
import { decryptPii, type PiiKeys } from "../lib/pii-crypto.ts";

export interface PiiRecord {
  /** What the record is, in Chinese: 农户, 干部, 意见建议 … */
  record: string;
  id: number | string;
  /** The field, in Chinese: 身份证号, 手机号, 联系方式 … */
  field: string;
}

/**
 * Decrypts one stored value, or answers a clear problem naming the record when it cannot
 * (corrupted, copied from another row or tenant, encrypted under another key): "农户 #12 的身份证号无法
 * 解密，请联系管理员". The failure is logged with the record and the reason, never with any plaintext.
 * Pages that show masked values never decrypt, so they keep working.
 */
export async function readPii(keys: PiiKeys, stored: string, context: string, what: PiiRecord): Promise<string> {
  try {
    return await decryptPii(keys, stored, context);
  } catch (err) {
    console.error(
      `[pii_unreadable] tenant=${keys.tenantSlug} record=${what.record}#${what.id} context=${context}: ${
        err instanceof Error ? err.message : String(err)
      }`,
    );
    throw new AppError("pii_unreadable", `${what.record} #${what.id} 的${what.field}无法解密，请联系管理员`);
  }
}
