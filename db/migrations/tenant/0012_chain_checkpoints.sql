-- County scale (issue 9): no statement of a write walks audit_log or ledger_entries.
-- The head checks of 0009 read the head row through the primary key (max(seq) is one B-tree
-- descent, then the row by rowid) instead of ORDER BY … LIMIT 1, so EXPLAIN QUERY PLAN shows a
-- SEARCH for every chain statement a write runs (tests/integrity/chain-writes.test.ts).
DROP TRIGGER audit_log_extends_head;
--> statement-breakpoint
CREATE TRIGGER audit_log_extends_head
BEFORE INSERT ON audit_log
WHEN NEW.seq IS NOT coalesce((SELECT max(seq) FROM audit_log), 0) + 1
  OR NEW.prev_hash IS NOT coalesce(
    (SELECT hash FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)),
    '0000000000000000000000000000000000000000000000000000000000000000'
  )
BEGIN
  SELECT RAISE(ABORT, 'audit_chain_moved: an audit entry must extend the current head');
END;
--> statement-breakpoint
DROP TRIGGER ledger_extends_head;
--> statement-breakpoint
CREATE TRIGGER ledger_extends_head
BEFORE INSERT ON ledger_entries
WHEN NEW.seq IS NOT coalesce((SELECT max(seq) FROM ledger_entries), 0) + 1
  OR NEW.prev_hash IS NOT coalesce(
    (SELECT hash FROM ledger_entries WHERE seq = (SELECT max(seq) FROM ledger_entries)),
    '0000000000000000000000000000000000000000000000000000000000000000'
  )
BEGIN
  SELECT RAISE(ABORT, 'ledger_chain_moved: a ledger entry must extend the current head');
END;
--> statement-breakpoint
-- The newest signed checkpoint, where a verification starts (workers/ledger/verify.ts).
CREATE INDEX ledger_kind_seq_idx ON ledger_entries (kind, seq);
--> statement-breakpoint
-- A paged full verification of the audit log checks the checkpoints that sign a seq of its page
-- (ref = 'audit:<seq>').
CREATE INDEX ledger_checkpoint_audit_seq_idx ON ledger_entries (CAST(substr(ref, 7) AS INTEGER))
WHERE kind = 'audit.checkpoint';
