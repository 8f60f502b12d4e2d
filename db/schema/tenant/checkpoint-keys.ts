import { sql } from "drizzle-orm";
import { check, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * An older audit-checkpoint public key, vouched for by a newer one when PII_MASTER_KEY is rotated
 * (migration 0025; workers/lib/checkpoint-sign.ts `endorseCheckpointKey`). Never changed or deleted.
 */
export const checkpointKeyEndorsements = sqliteTable(
  "checkpoint_key_endorsements",
  {
    /** The endorsed (older) Ed25519 public key, raw, base64. */
    publicKey: text("public_key").primaryKey(),
    /** Its master key id, or null for a legacy slug-salted key. */
    kid: text("kid"),
    endorserPublicKey: text("endorser_public_key").notNull(),
    /** base64 Ed25519 signature of the endorser over the endorsement message. */
    signature: text("signature").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [check("checkpoint_key_endorsements_not_self", sql`${t.publicKey} <> ${t.endorserPublicKey}`)],
);

export type CheckpointKeyEndorsementRow = typeof checkpointKeyEndorsements.$inferSelect;
