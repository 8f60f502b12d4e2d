import { AppError } from "../platform/errors/app-error.ts";
import { derivePiiKeys, deriveTenantKeyring, MAX_MASTER_KEYS, type PiiKeys } from "../lib/pii-crypto.ts";

/** The master secrets as the Worker gets them: the current key, and during a rotation the previous one(s). */
export interface MasterKeySecrets {
  /** PII_MASTER_KEY: base64 of 32 random bytes; writes use it. */
  current: string | undefined;
  /** PII_MASTER_KEY_PREVIOUS: comma-separated older keys, read only, kept until the re-encryption job is done. */
  previous?: string | undefined;
}

/**
 * The master keys in ring order (current first); empty without PII_MASTER_KEY.
 * @throws AppError tenant_unavailable (503) with more than MAX_MASTER_KEYS keys: every lookup
 *   hashes under every key, so the ring is capped; the message names the secret to shorten.
 */
export function masterKeyList(secrets: MasterKeySecrets): string[] {
  if (!secrets.current?.trim()) return [];
  const previous = (secrets.previous ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter((k) => k.length > 0);
  if (previous.length > MAX_MASTER_KEYS - 1) {
    console.error(`[pii_keys] PII_MASTER_KEY_PREVIOUS lists ${previous.length} keys, at most ${MAX_MASTER_KEYS - 1}`);
    throw new AppError(
      "tenant_unavailable",
      `个人信息加密密钥配置有误：PII_MASTER_KEY_PREVIOUS 列出了 ${previous.length} 个旧密钥，最多 ${MAX_MASTER_KEYS - 1} 个` +
        "（请先完成重新加密任务，再删除已轮换完毕的旧密钥），暂不能处理个人信息",
    );
  }
  return [secrets.current.trim(), ...previous];
}

/** Derived key rings per tenant, per isolate: HKDF is cheap but not free, and keys never change at runtime. */
const cache = new Map<string, Promise<PiiKeys>>();

/**
 * The personal-data key ring of one tenant: derived from PII_MASTER_KEY (writes) and
 * PII_MASTER_KEY_PREVIOUS (reads only) with the tenant's random salt from the control catalog.
 * A tenant without a salt (catalogued before control migration 0002) keeps its legacy slug keys.
 * Without the secret, or with a malformed one, Bangfu refuses to read or write personal data
 * (503 with a message naming the secret, never the key) rather than store it plain.
 */
export function piiKeysFor(
  secrets: MasterKeySecrets,
  tenant: { slug: string; keySalt: string | null },
): Promise<PiiKeys> {
  const masters = masterKeyList(secrets);
  if (masters.length === 0)
    throw new AppError("tenant_unavailable", "个人信息加密密钥未配置（PII_MASTER_KEY），暂不能处理个人信息");
  // The cache key holds the keys themselves only inside this isolate's memory, never in a log.
  const cacheKey = `${tenant.slug}\n${tenant.keySalt ?? ""}\n${masters.join(",")}`;
  let keys = cache.get(cacheKey);
  if (!keys) {
    keys = (
      tenant.keySalt
        ? deriveTenantKeyring({ masterKeys: masters, tenantSlug: tenant.slug, keySalt: tenant.keySalt })
        : derivePiiKeys(masters[0]!, tenant.slug)
    ).catch((err: unknown) => {
      cache.delete(cacheKey);
      console.error(`[pii_keys] tenant=${tenant.slug}: ${err instanceof Error ? err.message : String(err)}`);
      throw new AppError(
        "tenant_unavailable",
        "个人信息加密密钥配置有误（PII_MASTER_KEY / PII_MASTER_KEY_PREVIOUS 须为 32 字节的 Base64 密钥，且不能重复），暂不能处理个人信息",
      );
    });
    cache.set(cacheKey, keys);
  }
  return keys;
}
