-- Chain entries are appended unsealed (hash = '') and sealed right after the write commits
-- (workers/audit/audited-write.ts, sealChains): sealing fills prev_hash and hash exactly once.
-- Everything else about a ledger entry stays unchangeable, and a sealed entry cannot change at all.
DROP TRIGGER ledger_append_only;
--> statement-breakpoint
CREATE TRIGGER ledger_append_only
BEFORE UPDATE ON ledger_entries
WHEN OLD.hash <> ''
  OR NEW.seq IS NOT OLD.seq OR NEW.at IS NOT OLD.at OR NEW.kind IS NOT OLD.kind OR NEW.ref IS NOT OLD.ref
  OR NEW.village_ids IS NOT OLD.village_ids OR NEW.content IS NOT OLD.content OR NEW.content_hash IS NOT OLD.content_hash
BEGIN
  SELECT RAISE(ABORT, 'ledger_append_only: ledger entries are never changed');
END;
