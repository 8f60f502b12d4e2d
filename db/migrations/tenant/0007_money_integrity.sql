-- Money integrity (issue 8): maker-checker on batches, confirmed resident days, claims per month.
-- Additive only: new columns, one new table, triggers. No table is rebuilt.

-- Maker-checker: who created (existing created_by), submitted, approved (existing approved_by) and paid.
ALTER TABLE `batches` ADD `submitted_by` integer;--> statement-breakpoint
ALTER TABLE `batches` ADD `paid_by` integer;--> statement-breakpoint

-- 驻村天数 are `reported` (by the cadre or an official) until the township or county confirms them;
-- only confirmed days feed amounts. Rows that exist before this migration were self-reported.
ALTER TABLE `attendance` ADD `status` text DEFAULT 'reported' NOT NULL CHECK (`status` IN ('reported', 'confirmed'));--> statement-breakpoint
ALTER TABLE `attendance` ADD `reported_by` integer;--> statement-breakpoint
ALTER TABLE `attendance` ADD `confirmed_by` integer;--> statement-breakpoint
ALTER TABLE `attendance` ADD `confirmed_at` integer;--> statement-breakpoint

-- A per-day line keeps the confirmation its days came from (names change, payments must not).
ALTER TABLE `batch_lines` ADD `days_confirmed_by` text;--> statement-breakpoint
ALTER TABLE `batch_lines` ADD `days_confirmed_at` integer;--> statement-breakpoint

-- Claims per month: a line claims every month its period covers ("2026-11" one, "2026" twelve),
-- so a monthly and a yearly batch of the same program cannot pay the same month twice.
CREATE TABLE `payment_month_claims` (
	`program_id` integer NOT NULL,
	`recipient_kind` text NOT NULL,
	`recipient_id` integer NOT NULL,
	`month` text NOT NULL,
	`line_id` integer NOT NULL,
	PRIMARY KEY(`program_id`, `recipient_kind`, `recipient_id`, `month`)
);
--> statement-breakpoint
CREATE INDEX `payment_month_claims_line_idx` ON `payment_month_claims` (`line_id`);--> statement-breakpoint

-- Existing claims, month by month (an overlap already paid keeps its first line).
INSERT OR IGNORE INTO `payment_month_claims` (program_id, recipient_kind, recipient_id, month, line_id)
SELECT c.program_id, c.recipient_kind, c.recipient_id, c.period, c.line_id FROM payment_claims c WHERE length(c.period) = 7
UNION ALL
SELECT c.program_id, c.recipient_kind, c.recipient_id, c.period || '-' || m.value, c.line_id
FROM payment_claims c, json_each('["01","02","03","04","05","06","07","08","09","10","11","12"]') m
WHERE length(c.period) = 4
ORDER BY 5;--> statement-breakpoint

-- `payment_claims` stays the one table code writes (a claim per line); these triggers keep the
-- months in step, so every writer (forms, CSV, bank files, seeds) is covered, and the month key
-- refuses an overlap inside the writer's own batch (the whole batch rolls back).
CREATE TRIGGER payment_claims_months_insert
AFTER INSERT ON payment_claims
BEGIN
  INSERT INTO payment_month_claims (program_id, recipient_kind, recipient_id, month, line_id)
  SELECT NEW.program_id, NEW.recipient_kind, NEW.recipient_id, NEW.period, NEW.line_id WHERE length(NEW.period) = 7
  UNION ALL
  SELECT NEW.program_id, NEW.recipient_kind, NEW.recipient_id, NEW.period || '-' || m.value, NEW.line_id
  FROM json_each('["01","02","03","04","05","06","07","08","09","10","11","12"]') m
  WHERE length(NEW.period) = 4;
END;
--> statement-breakpoint
CREATE TRIGGER payment_claims_months_delete
AFTER DELETE ON payment_claims
BEGIN
  DELETE FROM payment_month_claims WHERE line_id = OLD.line_id;
END;
