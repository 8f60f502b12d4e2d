import { AppError } from "../platform/errors/app-error.ts";
import { derivePiiKeys, type PiiKeys } from "../lib/pii-crypto.ts";

/** Derived keys per tenant, per isolate: HKDF is cheap but not free, and keys never change at runtime. */
const cache = new Map<string, Promise<PiiKeys>>();

/**
 * The personal-data keys of one tenant, derived from the PII_MASTER_KEY secret.
 * Without the secret Bangfu refuses to read or write personal data rather than store it plain.
 */
export function piiKeysFor(master: string | undefined, slug: string): Promise<PiiKeys> {
  if (!master) throw new AppError("tenant_unavailable", "个人信息加密密钥未配置（PII_MASTER_KEY），暂不能处理个人信息");
  const cacheKey = `${slug}:${master.length}:${master.slice(0, 6)}`;
  let keys = cache.get(cacheKey);
  if (!keys) {
    keys = derivePiiKeys(master, slug);
    cache.set(cacheKey, keys);
    keys.catch(() => cache.delete(cacheKey));
  }
  return keys;
}
