-- The audit log is append-only, like the ledger: no row is ever changed or deleted.
CREATE TRIGGER audit_log_no_update
BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log_append_only: audit entries are never changed');
END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete
BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log_append_only: audit entries are never deleted');
END;
--> statement-breakpoint
-- Entries are sealed by their writer, in its own batch (workers/domain/audited-write.ts): a new entry
-- must extend the current head (next seq, prev_hash = the head's hash). A writer that read an older
-- head is refused here and retries; nothing seals an entry afterwards.
CREATE TRIGGER audit_log_extends_head
BEFORE INSERT ON audit_log
WHEN NEW.seq IS NOT coalesce((SELECT max(seq) FROM audit_log), 0) + 1
  OR NEW.prev_hash IS NOT coalesce(
    (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1),
    '0000000000000000000000000000000000000000000000000000000000000000'
  )
BEGIN
  SELECT RAISE(ABORT, 'audit_chain_moved: an audit entry must extend the current head');
END;
--> statement-breakpoint
CREATE TRIGGER ledger_extends_head
BEFORE INSERT ON ledger_entries
WHEN NEW.seq IS NOT coalesce((SELECT max(seq) FROM ledger_entries), 0) + 1
  OR NEW.prev_hash IS NOT coalesce(
    (SELECT hash FROM ledger_entries ORDER BY seq DESC LIMIT 1),
    '0000000000000000000000000000000000000000000000000000000000000000'
  )
BEGIN
  SELECT RAISE(ABORT, 'ledger_chain_moved: a ledger entry must extend the current head');
END;
--> statement-breakpoint
-- Checkpoints are looked up by kind and time on every write.
CREATE INDEX ledger_kind_at_idx ON ledger_entries (kind, at);
