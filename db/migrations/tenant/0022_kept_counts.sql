-- Issue 9, county scale: counts that the objection and feedback inboxes and the tenant home read
-- on every request, kept by triggers so that a request reads a few rows instead of counting a
-- table that grows with the county (the 100× benchmark measured 6.9–9.2× slower pages).
--
-- 1. inbox_counts: objections and feedback per status. An unscoped inbox (county officers,
--    auditors) takes its total from here; a township officer's total still counts, over the
--    index, only the township's rows.
CREATE TABLE `inbox_counts` (
	`inbox` text NOT NULL,
	`status` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY (`inbox`, `status`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `inbox_counts` (`inbox`, `status`, `n`)
  SELECT 'objections', status, count(*) FROM objections GROUP BY status
  UNION ALL SELECT 'feedback', status, count(*) FROM feedback GROUP BY status;
--> statement-breakpoint
CREATE TRIGGER inbox_counts_objections_i AFTER INSERT ON objections
BEGIN
  INSERT INTO inbox_counts (inbox, status, n) VALUES ('objections', NEW.status, 1)
    ON CONFLICT (inbox, status) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER inbox_counts_objections_d AFTER DELETE ON objections
BEGIN
  UPDATE inbox_counts SET n = n - 1 WHERE inbox = 'objections' AND status = OLD.status;
END;
--> statement-breakpoint
CREATE TRIGGER inbox_counts_objections_u AFTER UPDATE OF status ON objections
WHEN OLD.status IS NOT NEW.status
BEGIN
  UPDATE inbox_counts SET n = n - 1 WHERE inbox = 'objections' AND status = OLD.status;
  INSERT INTO inbox_counts (inbox, status, n) VALUES ('objections', NEW.status, 1)
    ON CONFLICT (inbox, status) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER inbox_counts_feedback_i AFTER INSERT ON feedback
BEGIN
  INSERT INTO inbox_counts (inbox, status, n) VALUES ('feedback', NEW.status, 1)
    ON CONFLICT (inbox, status) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER inbox_counts_feedback_d AFTER DELETE ON feedback
BEGIN
  UPDATE inbox_counts SET n = n - 1 WHERE inbox = 'feedback' AND status = OLD.status;
END;
--> statement-breakpoint
CREATE TRIGGER inbox_counts_feedback_u AFTER UPDATE OF status ON feedback
WHEN OLD.status IS NOT NEW.status
BEGIN
  UPDATE inbox_counts SET n = n - 1 WHERE inbox = 'feedback' AND status = OLD.status;
  INSERT INTO inbox_counts (inbox, status, n) VALUES ('feedback', NEW.status, 1)
    ON CONFLICT (inbox, status) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
-- 2. The tenant home's figures, in public_figures (0011) next to households_helped:
--    villages_with_team / cadres_resident = villages / cadres with at least one active
--    assignment (assignment_presence keeps the active assignments per village and per cadre; a
--    row crossing 0 moves the figure), 'villages:<township code>' = villages per township, and
--    'paid_fen:<year>' = the year's paid money (the sum of paid_totals, which 0011 keeps).
CREATE TABLE `assignment_presence` (
	`kind` text NOT NULL,
	`id` integer NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY (`kind`, `id`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `assignment_presence` (`kind`, `id`, `n`)
  SELECT 'village', village_id, count(*) FROM assignments WHERE status = 'active' GROUP BY village_id
  UNION ALL SELECT 'cadre', cadre_id, count(*) FROM assignments WHERE status = 'active' GROUP BY cadre_id;
--> statement-breakpoint
INSERT INTO `public_figures` (`key`, `n`)
  SELECT k, v FROM (
    SELECT 'villages_with_team' AS k, count(*) AS v FROM assignment_presence WHERE kind = 'village' AND n > 0
    UNION ALL SELECT 'cadres_resident', count(*) FROM assignment_presence WHERE kind = 'cadre' AND n > 0
    UNION ALL SELECT 'villages:' || township_code, count(*) FROM villages GROUP BY township_code
    UNION ALL SELECT 'paid_fen:' || year, sum(fen) FROM paid_totals GROUP BY year
  ) WHERE true
  ON CONFLICT (`key`) DO UPDATE SET n = excluded.n;
--> statement-breakpoint
CREATE TRIGGER assignment_presence_i AFTER INSERT ON assignments
WHEN NEW.status = 'active'
BEGIN
  INSERT INTO assignment_presence (kind, id, n) VALUES ('village', NEW.village_id, 1)
    ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
  INSERT INTO assignment_presence (kind, id, n) VALUES ('cadre', NEW.cadre_id, 1)
    ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER assignment_presence_d AFTER DELETE ON assignments
WHEN OLD.status = 'active'
BEGIN
  UPDATE assignment_presence SET n = n - 1 WHERE kind = 'village' AND id = OLD.village_id;
  UPDATE assignment_presence SET n = n - 1 WHERE kind = 'cadre' AND id = OLD.cadre_id;
END;
--> statement-breakpoint
CREATE TRIGGER assignment_presence_u_old AFTER UPDATE OF status, village_id, cadre_id ON assignments
WHEN OLD.status = 'active'
  AND (NEW.status IS NOT 'active' OR OLD.village_id IS NOT NEW.village_id OR OLD.cadre_id IS NOT NEW.cadre_id)
BEGIN
  UPDATE assignment_presence SET n = n - 1 WHERE kind = 'village' AND id = OLD.village_id;
  UPDATE assignment_presence SET n = n - 1 WHERE kind = 'cadre' AND id = OLD.cadre_id;
END;
--> statement-breakpoint
CREATE TRIGGER assignment_presence_u_new AFTER UPDATE OF status, village_id, cadre_id ON assignments
WHEN NEW.status = 'active'
  AND (OLD.status IS NOT 'active' OR OLD.village_id IS NOT NEW.village_id OR OLD.cadre_id IS NOT NEW.cadre_id)
BEGIN
  INSERT INTO assignment_presence (kind, id, n) VALUES ('village', NEW.village_id, 1)
    ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
  INSERT INTO assignment_presence (kind, id, n) VALUES ('cadre', NEW.cadre_id, 1)
    ON CONFLICT (kind, id) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER public_figures_presence_i AFTER INSERT ON assignment_presence
WHEN NEW.n > 0
BEGIN
  UPDATE public_figures SET n = n + 1 WHERE key = CASE NEW.kind WHEN 'village' THEN 'villages_with_team' ELSE 'cadres_resident' END;
END;
--> statement-breakpoint
CREATE TRIGGER public_figures_presence_u AFTER UPDATE OF n ON assignment_presence
WHEN (OLD.n > 0) IS NOT (NEW.n > 0)
BEGIN
  UPDATE public_figures SET n = n + CASE WHEN NEW.n > 0 THEN 1 ELSE -1 END
  WHERE key = CASE NEW.kind WHEN 'village' THEN 'villages_with_team' ELSE 'cadres_resident' END;
END;
--> statement-breakpoint
CREATE TRIGGER public_figures_villages_i AFTER INSERT ON villages
BEGIN
  INSERT INTO public_figures (key, n) VALUES ('villages:' || NEW.township_code, 1)
    ON CONFLICT (key) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER public_figures_villages_d AFTER DELETE ON villages
BEGIN
  UPDATE public_figures SET n = n - 1 WHERE key = 'villages:' || OLD.township_code;
END;
--> statement-breakpoint
CREATE TRIGGER public_figures_villages_u AFTER UPDATE OF township_code ON villages
WHEN OLD.township_code IS NOT NEW.township_code
BEGIN
  UPDATE public_figures SET n = n - 1 WHERE key = 'villages:' || OLD.township_code;
  INSERT INTO public_figures (key, n) VALUES ('villages:' || NEW.township_code, 1)
    ON CONFLICT (key) DO UPDATE SET n = n + 1;
END;
--> statement-breakpoint
CREATE TRIGGER public_figures_paid_i AFTER INSERT ON paid_totals
BEGIN
  INSERT INTO public_figures (key, n) VALUES ('paid_fen:' || NEW.year, NEW.fen)
    ON CONFLICT (key) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER public_figures_paid_u AFTER UPDATE OF fen, year ON paid_totals
BEGIN
  UPDATE public_figures SET n = n - OLD.fen WHERE key = 'paid_fen:' || OLD.year;
  INSERT INTO public_figures (key, n) VALUES ('paid_fen:' || NEW.year, NEW.fen)
    ON CONFLICT (key) DO UPDATE SET n = n + excluded.n;
END;
--> statement-breakpoint
CREATE TRIGGER public_figures_paid_d AFTER DELETE ON paid_totals
BEGIN
  UPDATE public_figures SET n = n - OLD.fen WHERE key = 'paid_fen:' || OLD.year;
END;
