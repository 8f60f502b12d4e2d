-- Money and publications are append-only: the database itself refuses to change what was paid
-- or published. Mistakes are corrected by new entries (reversals, new notices), never by edits.

CREATE TRIGGER batch_lines_paid_immutable
BEFORE UPDATE ON batch_lines
WHEN OLD.status = 'paid'
BEGIN
  SELECT RAISE(ABORT, 'paid_line_immutable: a paid line is never changed; use a reversal');
END;
--> statement-breakpoint
CREATE TRIGGER batch_lines_paid_undeletable
BEFORE DELETE ON batch_lines
WHEN OLD.status IN ('paid', 'failed')
BEGIN
  SELECT RAISE(ABORT, 'paid_line_immutable: a paid or failed line is never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER reversals_immutable
BEFORE UPDATE ON reversals
BEGIN
  SELECT RAISE(ABORT, 'reversal_immutable: reversals are never changed');
END;
--> statement-breakpoint
CREATE TRIGGER reversals_undeletable
BEFORE DELETE ON reversals
BEGIN
  SELECT RAISE(ABORT, 'reversal_immutable: reversals are never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER notices_content_immutable
BEFORE UPDATE OF content, content_hash, kind, subject_id, start_date, end_date ON notices
BEGIN
  SELECT RAISE(ABORT, 'notice_immutable: a published notice is never changed');
END;
--> statement-breakpoint
CREATE TRIGGER ledger_append_only
BEFORE UPDATE ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'ledger_append_only: ledger entries are never changed');
END;
--> statement-breakpoint
CREATE TRIGGER ledger_undeletable
BEFORE DELETE ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'ledger_append_only: ledger entries are never deleted');
END;
