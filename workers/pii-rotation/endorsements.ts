/**
 * When PII_MASTER_KEY is rotated, the audit-checkpoint signing key changes with it. Before the old
 * master key is removed, the new checkpoint key endorses every older key the ring still derives
 * (the previous master keys' v3 keys and the legacy slug keys), so checkpoints already published
 * keep verifying afterwards (workers/lib/checkpoint-sign.ts `trustedCheckpointKeys`). The
 * re-encryption job does this on every call; keys already endorsed are skipped.
 */
import { type Actor, AuditedWrite } from "../domain/audited-write.ts";
import type { ServiceContext } from "../domain/service-context.ts";
import { endorseCheckpointKey } from "../lib/checkpoint-sign.ts";

/** Endorses the ring's older checkpoint keys not endorsed yet, in one audited batch; returns how many. */
export async function endorseOlderCheckpointKeys(ctx: ServiceContext, actor: Actor): Promise<number> {
  const ring = await ctx.checkpointKeys();
  if (!ring || ring.current.kid === null) return 0;
  const done = new Set(
    (
      await ctx.d1
        .prepare("SELECT public_key AS publicKey FROM checkpoint_key_endorsements")
        .all<{ publicKey: string }>()
    ).results.map((r) => r.publicKey),
  );
  const older = ring.ring.filter((k) => k.publicKey !== ring.current.publicKey && !done.has(k.publicKey));
  if (older.length === 0) return 0;
  const w = new AuditedWrite(ctx, actor);
  const now = ctx.now();
  for (const k of older) {
    const e = await endorseCheckpointKey(ring.current, ctx.tenant.slug, { kid: k.kid, publicKey: k.publicKey });
    w.addRaw(
      ctx.d1
        .prepare(
          `INSERT INTO checkpoint_key_endorsements (public_key, kid, endorser_public_key, signature, created_at)
           VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (public_key) DO NOTHING`,
        )
        .bind(e.publicKey, e.kid, e.endorserPublicKey, e.signature, now),
    );
  }
  await w
    .audit({
      action: "pii.checkpoint_keys_endorsed",
      entity: "pii_rotation",
      entityId: ring.current.kid,
      after: { endorser: ring.current.publicKey, endorsed: older.map((k) => ({ kid: k.kid, publicKey: k.publicKey })) },
    })
    .commit();
  return older.length;
}
