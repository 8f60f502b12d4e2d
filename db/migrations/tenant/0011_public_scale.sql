-- County scale for the public site (issue 9). Additive only.
--
-- 1. public_version: ONE row, the version of everything a public page shows. Triggers on every
--    table a public page reads bump it inside the writing statement itself, so it moves in the
--    same D1 batch as the write and no writer (service, import, seed, a future one) can forget it.
--    A cache hit or a 304 then costs one primary-key read instead of a dozen max()/count() scans.
--    Triggers over-invalidate a little (a cadre's phone edit also bumps it): a wasted render, never
--    a stale page. ledger_seq mirrors the ledger head for the X-Ledger-Head header and the ETag.
CREATE TABLE `public_version` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`n` integer DEFAULT 0 NOT NULL,
	`ledger_seq` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
INSERT INTO `public_version` (`id`, `n`, `ledger_seq`) SELECT 1, 1, coalesce(max(`seq`), 0) FROM `ledger_entries`;
--> statement-breakpoint
CREATE TRIGGER public_version_ledger AFTER INSERT ON ledger_entries
BEGIN
  UPDATE public_version SET n = n + 1, ledger_seq = max(ledger_seq, NEW.seq) WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER public_version_counties_i AFTER INSERT ON counties BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_counties_u AFTER UPDATE ON counties BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_counties_d AFTER DELETE ON counties BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_townships_i AFTER INSERT ON townships BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_townships_u AFTER UPDATE ON townships BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_townships_d AFTER DELETE ON townships BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_villages_i AFTER INSERT ON villages BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_villages_u AFTER UPDATE ON villages BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_villages_d AFTER DELETE ON villages BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_village_incomes_i AFTER INSERT ON village_incomes BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_village_incomes_u AFTER UPDATE ON village_incomes BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_village_incomes_d AFTER DELETE ON village_incomes BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_units_i AFTER INSERT ON units BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_units_u AFTER UPDATE ON units BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_units_d AFTER DELETE ON units BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_cadres_i AFTER INSERT ON cadres BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_cadres_u AFTER UPDATE ON cadres BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_cadres_d AFTER DELETE ON cadres BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_assignments_i AFTER INSERT ON assignments BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_assignments_u AFTER UPDATE ON assignments BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_assignments_d AFTER DELETE ON assignments BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_pairings_i AFTER INSERT ON pairings BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_pairings_u AFTER UPDATE ON pairings BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_pairings_d AFTER DELETE ON pairings BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_programs_i AFTER INSERT ON programs BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_programs_u AFTER UPDATE ON programs BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_programs_d AFTER DELETE ON programs BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_batches_i AFTER INSERT ON batches BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_batches_u AFTER UPDATE ON batches BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_batches_d AFTER DELETE ON batches BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
-- Lines: only what a public page can see of them (their status and payment date; paid lines are
-- immutable, 0003). A draft line's insert or edit is not public and costs nothing here.
CREATE TRIGGER public_version_batch_lines_u AFTER UPDATE OF status, paid_date ON batch_lines
WHEN OLD.status IS NOT NEW.status OR OLD.paid_date IS NOT NEW.paid_date
BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_batch_lines_i AFTER INSERT ON batch_lines WHEN NEW.status = 'paid'
BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_reversals_i AFTER INSERT ON reversals BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_projects_i AFTER INSERT ON projects BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_projects_u AFTER UPDATE ON projects BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_projects_d AFTER DELETE ON projects BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_village_decisions_i AFTER INSERT ON village_decisions BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_village_decisions_u AFTER UPDATE ON village_decisions BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_village_decisions_d AFTER DELETE ON village_decisions BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_decision_stages_i AFTER INSERT ON decision_stages BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_decision_stages_u AFTER UPDATE ON decision_stages BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_decision_stages_d AFTER DELETE ON decision_stages BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_notices_i AFTER INSERT ON notices BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_notices_u AFTER UPDATE ON notices BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_notices_d AFTER DELETE ON notices BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_objections_i AFTER INSERT ON objections BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_objections_u AFTER UPDATE ON objections BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_objections_d AFTER DELETE ON objections BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
-- Feedback is public only once answered with its public text: a villager's new, held message is not.
CREATE TRIGGER public_version_feedback_u AFTER UPDATE ON feedback BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_feedback_d AFTER DELETE ON feedback BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_settings_i AFTER INSERT ON settings BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_settings_u AFTER UPDATE ON settings BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER public_version_settings_d AFTER DELETE ON settings BEGIN UPDATE public_version SET n = n + 1 WHERE id = 1; END;
--> statement-breakpoint
-- 2. notice_villages: which villages a notice concerns, as rows, so a village page finds its
--    notices through an index instead of json_each over every notice of the county. Kept by
--    triggers from notices.village_ids (the one source), backfilled here.
CREATE TABLE `notice_villages` (
	`notice_id` integer NOT NULL,
	`village_id` integer NOT NULL,
	PRIMARY KEY (`village_id`, `notice_id`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT OR IGNORE INTO `notice_villages` (`notice_id`, `village_id`)
  SELECT n.id, j.value FROM notices n, json_each(n.village_ids) j WHERE j.type = 'integer';
--> statement-breakpoint
CREATE INDEX `notice_villages_notice_idx` ON `notice_villages` (`notice_id`);
--> statement-breakpoint
CREATE TRIGGER notice_villages_i AFTER INSERT ON notices
BEGIN
  INSERT OR IGNORE INTO notice_villages (notice_id, village_id)
    SELECT NEW.id, value FROM json_each(NEW.village_ids) WHERE type = 'integer';
END;
--> statement-breakpoint
CREATE TRIGGER notice_villages_u AFTER UPDATE OF village_ids ON notices
BEGIN
  DELETE FROM notice_villages WHERE notice_id = OLD.id;
  INSERT OR IGNORE INTO notice_villages (notice_id, village_id)
    SELECT NEW.id, value FROM json_each(NEW.village_ids) WHERE type = 'integer';
END;
--> statement-breakpoint
CREATE TRIGGER notice_villages_d AFTER DELETE ON notices
BEGIN
  DELETE FROM notice_villages WHERE notice_id = OLD.id;
END;
--> statement-breakpoint
-- 3. paid_totals: paid money per year, village (0: none) and program, so the tenant home and the
--    reports add up a few hundred rows instead of every paid line of the county. Paid lines never
--    change (0003); a line adds when it becomes paid and a reversal takes it back. Two views of a
--    reversal, as the pages had them: `lines`/`fen` leave a reversed line out entirely (the public
--    home's net paid), `all_lines`/`paid_fen`/`reversed_fen` keep it and subtract the reversed
--    amount (the reports).
CREATE TABLE `paid_totals` (
	`year` text NOT NULL,
	`village_id` integer NOT NULL,
	`program_id` integer NOT NULL,
	`lines` integer DEFAULT 0 NOT NULL,
	`fen` integer DEFAULT 0 NOT NULL,
	`all_lines` integer DEFAULT 0 NOT NULL,
	`paid_fen` integer DEFAULT 0 NOT NULL,
	`reversed_fen` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY (`year`, `village_id`, `program_id`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `paid_totals` (`year`, `village_id`, `program_id`, `lines`, `fen`, `all_lines`, `paid_fen`, `reversed_fen`)
  SELECT substr(l.paid_date, 1, 4), coalesce(l.village_id, 0), l.program_id,
    sum(rv.id IS NULL), coalesce(sum(CASE WHEN rv.id IS NULL THEN l.amount_fen END), 0),
    count(*), sum(l.amount_fen), coalesce(sum(rv.amount_fen), 0)
  FROM batch_lines l LEFT JOIN reversals rv ON rv.line_id = l.id
  WHERE l.status = 'paid' AND l.paid_date IS NOT NULL
  GROUP BY 1, 2, 3;
--> statement-breakpoint
CREATE TRIGGER paid_totals_paid AFTER UPDATE OF status ON batch_lines
WHEN NEW.status = 'paid' AND OLD.status IS NOT 'paid' AND NEW.paid_date IS NOT NULL
BEGIN
  INSERT INTO paid_totals (year, village_id, program_id, lines, fen, all_lines, paid_fen, reversed_fen)
    VALUES (substr(NEW.paid_date, 1, 4), coalesce(NEW.village_id, 0), NEW.program_id, 1, NEW.amount_fen, 1, NEW.amount_fen, 0)
    ON CONFLICT (year, village_id, program_id) DO UPDATE SET
      lines = lines + 1, fen = fen + excluded.fen, all_lines = all_lines + 1, paid_fen = paid_fen + excluded.paid_fen;
END;
--> statement-breakpoint
CREATE TRIGGER paid_totals_paid_insert AFTER INSERT ON batch_lines
WHEN NEW.status = 'paid' AND NEW.paid_date IS NOT NULL
BEGIN
  INSERT INTO paid_totals (year, village_id, program_id, lines, fen, all_lines, paid_fen, reversed_fen)
    VALUES (substr(NEW.paid_date, 1, 4), coalesce(NEW.village_id, 0), NEW.program_id, 1, NEW.amount_fen, 1, NEW.amount_fen, 0)
    ON CONFLICT (year, village_id, program_id) DO UPDATE SET
      lines = lines + 1, fen = fen + excluded.fen, all_lines = all_lines + 1, paid_fen = paid_fen + excluded.paid_fen;
END;
--> statement-breakpoint
CREATE TRIGGER paid_totals_reversed AFTER INSERT ON reversals
BEGIN
  UPDATE paid_totals SET
    lines = lines - 1,
    fen = fen - (SELECT amount_fen FROM batch_lines WHERE id = NEW.line_id),
    reversed_fen = reversed_fen + NEW.amount_fen
  WHERE (year, village_id, program_id) = (
    SELECT substr(paid_date, 1, 4), coalesce(village_id, 0), program_id FROM batch_lines WHERE id = NEW.line_id AND status = 'paid'
  );
END;
--> statement-breakpoint
-- 4. Indexes for the pages that grow with the county (each query's plan is checked by
--    tests/perf/query-plans.test.ts).
CREATE INDEX `households_head_name_idx` ON `households` (`head_name`);
--> statement-breakpoint
CREATE INDEX `households_village_name_idx` ON `households` (`village_id`, `head_name`, `id`);
--> statement-breakpoint
CREATE INDEX `batch_lines_village_paid_idx` ON `batch_lines` (`village_id`, `status`, `paid_date`, `id`);
--> statement-breakpoint
CREATE INDEX `assignments_status_village_idx` ON `assignments` (`status`, `village_id`, `cadre_id`);
--> statement-breakpoint
CREATE INDEX `pairings_kind_status_household_idx` ON `pairings` (`kind`, `status`, `household_id`);
--> statement-breakpoint
CREATE INDEX `objections_status_idx` ON `objections` (`status`, `id`);
--> statement-breakpoint
CREATE INDEX `feedback_status_idx` ON `feedback` (`status`, `id`);
--> statement-breakpoint
CREATE INDEX `feedback_village_public_idx` ON `feedback` (`village_id`, `status`, `reply_public`, `answered_at`);
--> statement-breakpoint
-- 5. household_counts: households per village and status, so the household list's total (county,
--    township, village, status filters) adds up a few hundred rows instead of counting 50,000.
CREATE TABLE `household_counts` (
	`village_id` integer NOT NULL,
	`status` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY (`village_id`, `status`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `household_counts` (`village_id`, `status`, `n`) SELECT village_id, status, count(*) FROM households GROUP BY 1, 2;
--> statement-breakpoint
CREATE TRIGGER household_counts_i AFTER INSERT ON households
BEGIN
  INSERT INTO household_counts (village_id, status, n) VALUES (NEW.village_id, NEW.status, 1)
    ON CONFLICT (village_id, status) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER household_counts_d AFTER DELETE ON households
BEGIN
  UPDATE household_counts SET n = n - 1 WHERE village_id = OLD.village_id AND status = OLD.status;
END;
--> statement-breakpoint
CREATE TRIGGER household_counts_u AFTER UPDATE OF village_id, status ON households
WHEN OLD.village_id IS NOT NEW.village_id OR OLD.status IS NOT NEW.status
BEGIN
  UPDATE household_counts SET n = n - 1 WHERE village_id = OLD.village_id AND status = OLD.status;
  INSERT INTO household_counts (village_id, status, n) VALUES (NEW.village_id, NEW.status, 1)
    ON CONFLICT (village_id, status) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
-- 6. The village page's payment summary without reading every line of the village: paid_totals
--    by village (index) and paid_recipients, each recipient's net paid lines per village, year and
--    program (a recipient counts while n > 0, exactly as count(DISTINCT recipient) over net-paid
--    lines did).
CREATE INDEX `paid_totals_village_idx` ON `paid_totals` (`village_id`, `year`, `program_id`);
--> statement-breakpoint
CREATE TABLE `paid_recipients` (
	`village_id` integer NOT NULL,
	`year` text NOT NULL,
	`program_id` integer NOT NULL,
	`recipient_kind` text NOT NULL,
	`recipient_id` integer NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY (`village_id`, `year`, `program_id`, `recipient_kind`, `recipient_id`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `paid_recipients` (`village_id`, `year`, `program_id`, `recipient_kind`, `recipient_id`, `n`)
  SELECT coalesce(l.village_id, 0), substr(l.paid_date, 1, 4), l.program_id, l.recipient_kind, l.recipient_id, count(*)
  FROM batch_lines l
  WHERE l.status = 'paid' AND l.paid_date IS NOT NULL AND NOT EXISTS (SELECT 1 FROM reversals rv WHERE rv.line_id = l.id)
  GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
CREATE TRIGGER paid_recipients_paid AFTER UPDATE OF status ON batch_lines
WHEN NEW.status = 'paid' AND OLD.status IS NOT 'paid' AND NEW.paid_date IS NOT NULL
BEGIN
  INSERT INTO paid_recipients (village_id, year, program_id, recipient_kind, recipient_id, n)
    VALUES (coalesce(NEW.village_id, 0), substr(NEW.paid_date, 1, 4), NEW.program_id, NEW.recipient_kind, NEW.recipient_id, 1)
    ON CONFLICT (village_id, year, program_id, recipient_kind, recipient_id) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER paid_recipients_paid_insert AFTER INSERT ON batch_lines
WHEN NEW.status = 'paid' AND NEW.paid_date IS NOT NULL
BEGIN
  INSERT INTO paid_recipients (village_id, year, program_id, recipient_kind, recipient_id, n)
    VALUES (coalesce(NEW.village_id, 0), substr(NEW.paid_date, 1, 4), NEW.program_id, NEW.recipient_kind, NEW.recipient_id, 1)
    ON CONFLICT (village_id, year, program_id, recipient_kind, recipient_id) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER paid_recipients_reversed AFTER INSERT ON reversals
BEGIN
  UPDATE paid_recipients SET n = n - 1
  WHERE (village_id, year, program_id, recipient_kind, recipient_id) = (
    SELECT coalesce(village_id, 0), substr(paid_date, 1, 4), program_id, recipient_kind, recipient_id FROM batch_lines WHERE id = NEW.line_id AND status = 'paid'
  );
END;
--> statement-breakpoint
-- 7. public_figures: counts the tenant home shows that would otherwise count a growing table.
--    households_helped = active 结对 pairings of a cadre with a household (one per household, by
--    the partial unique index pairings_one_responsible_cadre).
CREATE TABLE `public_figures` (
	`key` text PRIMARY KEY NOT NULL,
	`n` integer DEFAULT 0 NOT NULL
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `public_figures` (`key`, `n`)
  SELECT 'households_helped', count(*) FROM pairings WHERE kind = 'cadre_household' AND status = 'active';
--> statement-breakpoint
CREATE TRIGGER public_figures_pairings_i AFTER INSERT ON pairings
WHEN NEW.kind = 'cadre_household' AND NEW.status = 'active'
BEGIN
  UPDATE public_figures SET n = n + 1 WHERE key = 'households_helped';
END;
--> statement-breakpoint
CREATE TRIGGER public_figures_pairings_d AFTER DELETE ON pairings
WHEN OLD.kind = 'cadre_household' AND OLD.status = 'active'
BEGIN
  UPDATE public_figures SET n = n - 1 WHERE key = 'households_helped';
END;
--> statement-breakpoint
CREATE TRIGGER public_figures_pairings_u AFTER UPDATE OF kind, status ON pairings
WHEN (OLD.kind = 'cadre_household' AND OLD.status = 'active') IS NOT (NEW.kind = 'cadre_household' AND NEW.status = 'active')
BEGIN
  UPDATE public_figures SET n = n + CASE WHEN NEW.kind = 'cadre_household' AND NEW.status = 'active' THEN 1 ELSE -1 END
  WHERE key = 'households_helped';
END;
