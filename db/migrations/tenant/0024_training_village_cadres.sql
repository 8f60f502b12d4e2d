-- Issue 12 (seed 004): training plans can target village cadres — every poor village's party
-- secretary by year end (`poor_village_secretaries`), every village leader (村两委班子, not 组干部)
-- within two years (`village_leaders`). Attendance and test attempts already admit the
-- 'village_cadre' taker kind (0018); only the plans' audience CHECK lists the cadre audiences, and
-- SQLite cannot widen a CHECK in place, so training_plans is rebuilt with the wider CHECK, row for
-- row with the same ids (sessions keep pointing at their plans; foreign keys are checked once, at
-- the end). Nothing else changes.
PRAGMA defer_foreign_keys = ON;
--> statement-breakpoint
-- The plans wait in a plain copy while the table is replaced: dropping the old table counts the
-- sessions as orphans, and putting the plans back into the new table (same ids) counts them found
-- again, so the deferred foreign-key check at the end sees none.
CREATE TABLE `training_plans_0024_copy` AS SELECT * FROM `training_plans`;
--> statement-breakpoint
DROP TABLE `training_plans`;
--> statement-breakpoint
CREATE TABLE `training_plans` (
  `id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  `title` text NOT NULL,
  `year` integer NOT NULL CHECK (`year` BETWEEN 2000 AND 2100),
  `audience` text NOT NULL CHECK (`audience` IN ('first_secretaries', 'resident_cadres', 'poor_village_resident_cadres', 'poor_village_secretaries', 'village_leaders')),
  `deadline` text NOT NULL,
  `description` text,
  `created_by` integer NOT NULL,
  `created_at` integer NOT NULL DEFAULT (unixepoch())
);
--> statement-breakpoint
INSERT INTO `training_plans` (`id`, `title`, `year`, `audience`, `deadline`, `description`, `created_by`, `created_at`)
  SELECT `id`, `title`, `year`, `audience`, `deadline`, `description`, `created_by`, `created_at` FROM `training_plans_0024_copy` ORDER BY `id`;
--> statement-breakpoint
DROP TABLE `training_plans_0024_copy`;
--> statement-breakpoint
CREATE INDEX `training_plans_year_idx` ON `training_plans` (`year`, `deadline`);
