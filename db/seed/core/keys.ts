import { piiKeysFor } from "../../../workers/domain/pii-keys.ts";
import type { PiiKeys } from "../../../workers/lib/pii-crypto.ts";
import type { SeedContext } from "./types.ts";

/**
 * The demo tenant's personal-data keys, derived exactly as the Worker derives them (master key +
 * the tenant's key_salt → v3 values and `<kid>.<hex>` hashes), so a fresh demo holds no legacy
 * ciphertexts and the rotation job has nothing to upgrade.
 */
export function seedPiiKeys(ctx: Pick<SeedContext, "tenant" | "piiMasterKey" | "keySalt">): Promise<PiiKeys> {
  return piiKeysFor({ current: ctx.piiMasterKey }, { slug: ctx.tenant.slug, keySalt: ctx.keySalt });
}
