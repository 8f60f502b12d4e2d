-- Issue 12 (seed 004): training plans can target village cadres — every poor village's party
-- secretary by year end (`poor_village_secretaries`), every village leader (村两委班子, not 组干部)
-- within two years (`village_leaders`). Attendance and test attempts already admit the
-- 'village_cadre' taker kind (0018); only the plans' audience CHECK lists the cadre audiences, and
-- SQLite cannot widen a CHECK in place, so training_plans is copied into a table with the wider
-- CHECK, row for row with the same ids (sessions keep pointing at their plans; foreign keys are
-- checked once, at the end). Nothing else changes.
PRAGMA defer_foreign_keys = ON;
--> statement-breakpoint
CREATE TABLE `training_plans_0024` (
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
INSERT INTO `training_plans_0024` (`id`, `title`, `year`, `audience`, `deadline`, `description`, `created_by`, `created_at`)
  SELECT `id`, `title`, `year`, `audience`, `deadline`, `description`, `created_by`, `created_at` FROM `training_plans`;
--> statement-breakpoint
DROP TABLE `training_plans`;
--> statement-breakpoint
ALTER TABLE `training_plans_0024` RENAME TO `training_plans`;
--> statement-breakpoint
CREATE INDEX `training_plans_year_idx` ON `training_plans` (`year`, `deadline`);
