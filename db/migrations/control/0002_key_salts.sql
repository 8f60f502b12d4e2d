-- Every tenant gets a random salt for its v3 PII keys (workers/lib/pii-crypto.ts): keys no longer
-- depend on the slug. Existing tenants get one now; their v1/v2 values stay readable through the
-- legacy slug keys until the re-encryption job (docs/OPERATIONS.md, 密钥轮换) rewrites them.
UPDATE `tenants` SET `key_salt` = lower(hex(randomblob(16))) WHERE `key_salt` IS NULL;
--> statement-breakpoint
-- New tenants get one whoever inserts them (tenant-add script, tests, seeds); a salt is never changed.
CREATE TRIGGER `tenants_key_salt_default` AFTER INSERT ON `tenants` FOR EACH ROW WHEN NEW.`key_salt` IS NULL
BEGIN
  UPDATE `tenants` SET `key_salt` = lower(hex(randomblob(16))) WHERE `slug` = NEW.`slug`;
END;
--> statement-breakpoint
CREATE TRIGGER `tenants_key_salt_fixed` BEFORE UPDATE OF `key_salt` ON `tenants` FOR EACH ROW
  WHEN OLD.`key_salt` IS NOT NULL AND NEW.`key_salt` IS NOT OLD.`key_salt`
BEGIN
  SELECT RAISE(ABORT, 'tenants.key_salt cannot change: every PII value of the tenant depends on it');
END;
