-- Key rotation, the remaining gaps (issue 13).
-- 1. Audit-checkpoint keys now derive from the master key plus the tenant's key_salt and carry a key
--    id. When PII_MASTER_KEY is rotated, the re-encryption job has the new checkpoint key endorse
--    every older one (signature over tenant, kid and public key), so checkpoints signed before the
--    rotation still verify after the old master key is removed. One row per endorsed public key;
--    rows are never changed or deleted (a verifier walks them from the configured keys).
CREATE TABLE `checkpoint_key_endorsements` (
	`public_key` text PRIMARY KEY NOT NULL,
	`kid` text,
	`endorser_public_key` text NOT NULL,
	`signature` text NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "checkpoint_key_endorsements_not_self" CHECK(`public_key` <> `endorser_public_key`)
);
--> statement-breakpoint
CREATE TRIGGER `checkpoint_key_endorsements_no_update` BEFORE UPDATE ON `checkpoint_key_endorsements`
BEGIN
  SELECT RAISE(ABORT, 'checkpoint_key_endorsements rows are never changed');
END;
--> statement-breakpoint
CREATE TRIGGER `checkpoint_key_endorsements_no_delete` BEFORE DELETE ON `checkpoint_key_endorsements`
BEGIN
  SELECT RAISE(ABORT, 'checkpoint_key_endorsements rows are never deleted');
END;
--> statement-breakpoint
-- 2. 评议 QR codes keep an encrypted copy of the code (v3, free context "review_ballots.code"), so
--    the re-encryption job can re-hash a code printed before a rotation under the new key. Codes
--    issued before this migration have none and stay valid only while the old key is configured.
ALTER TABLE `review_ballots` ADD `code_enc` text;
