import { type CheckpointKey, deriveCheckpointKey } from "../lib/checkpoint-sign.ts";

const cache = new Map<string, Promise<CheckpointKey>>();

/**
 * The tenant's audit-checkpoint signing key, derived once per isolate, or null without a master
 * secret (then no checkpoint is written: an unsigned one would prove nothing).
 */
export function checkpointKeyFor(master: string | undefined, slug: string): Promise<CheckpointKey | null> {
  if (!master) return Promise.resolve(null);
  const cacheKey = `${slug}:${master.length}:${master.slice(0, 6)}`;
  let key = cache.get(cacheKey);
  if (!key) {
    key = deriveCheckpointKey(master, slug);
    cache.set(cacheKey, key);
    key.catch(() => cache.delete(cacheKey));
  }
  return key;
}
