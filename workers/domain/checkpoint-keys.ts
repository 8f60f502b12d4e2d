import {
  type CheckpointKey,
  deriveCheckpointKey,
  deriveCheckpointKeyV3,
  type EndorsedKey,
} from "../lib/checkpoint-sign.ts";
import { masterKeyId } from "../lib/pii-crypto.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { type MasterKeySecrets, masterKeyList } from "./pii-keys.ts";

/** A tenant's checkpoint keys: `current` signs, `ring` (current first) lists every key the configured master keys give. */
export interface CheckpointKeyRing {
  current: CheckpointKey;
  ring: readonly CheckpointKey[];
}

const cache = new Map<string, Promise<CheckpointKeyRing>>();

async function deriveRing(masters: string[], tenant: { slug: string; keySalt: string | null }) {
  const legacy = await Promise.all(masters.map((m) => deriveCheckpointKey(m, tenant.slug)));
  if (!tenant.keySalt) return { current: legacy[0]!, ring: legacy };
  const salt = tenant.keySalt;
  const v3 = await Promise.all(masters.map(async (m) => deriveCheckpointKeyV3(m, salt, await masterKeyId(m))));
  return { current: v3[0]!, ring: [...v3, ...legacy] };
}

/**
 * The tenant's audit-checkpoint keys, derived once per isolate like the personal-data keys: from
 * the master keys (PII_MASTER_KEY signs, PII_MASTER_KEY_PREVIOUS only verifies) and the tenant's
 * random `key_salt`; a tenant without a salt keeps its legacy slug key. Null without a master
 * secret (then no checkpoint is written: an unsigned one would prove nothing).
 * @throws AppError tenant_unavailable (503) for a malformed or oversized key configuration.
 */
export function checkpointKeysFor(
  secrets: MasterKeySecrets,
  tenant: { slug: string; keySalt: string | null },
): Promise<CheckpointKeyRing | null> {
  const masters = masterKeyList(secrets);
  if (masters.length === 0) return Promise.resolve(null);
  // The cache key holds the keys themselves only inside this isolate's memory, never in a log.
  const cacheKey = `${tenant.slug}\n${tenant.keySalt ?? ""}\n${masters.join(",")}`;
  let ring = cache.get(cacheKey);
  if (!ring) {
    ring = deriveRing(masters, tenant).catch((err: unknown) => {
      cache.delete(cacheKey);
      console.error(`[checkpoint_keys] tenant=${tenant.slug}: ${err instanceof Error ? err.message : String(err)}`);
      throw new AppError(
        "tenant_unavailable",
        "审计校验点签名密钥配置有误（PII_MASTER_KEY / PII_MASTER_KEY_PREVIOUS 须为 32 字节的 Base64 密钥），暂不能签名",
      );
    });
    cache.set(cacheKey, ring);
  }
  return ring;
}

/** The public half of a ring's keys, for verification and the public key listing. */
export function publicKeysOf(ring: CheckpointKeyRing | null): EndorsedKey[] {
  return (ring?.ring ?? []).map((k) => ({ kid: k.kid, publicKey: k.publicKey }));
}
