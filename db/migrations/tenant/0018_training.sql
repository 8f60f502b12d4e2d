-- Issue 12 (seeds 001, 004): training plans, sessions and attendance; 应知应会 question bank,
-- tests and attempts (below the pass mark → 回炉, retrained and retested). Additive only.
-- A person is (taker_kind, taker_id): 'cadre' → cadres.id, 'user' → users.id; 'village_cadre' is
-- admitted already so the village cadre roster can join without rebuilding these tables.
CREATE TABLE `training_plans` (
  `id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  `title` text NOT NULL,
  `year` integer NOT NULL CHECK (`year` BETWEEN 2000 AND 2100),
  `audience` text NOT NULL CHECK (`audience` IN ('first_secretaries', 'resident_cadres', 'poor_village_resident_cadres')),
  `deadline` text NOT NULL,
  `description` text,
  `created_by` integer NOT NULL,
  `created_at` integer NOT NULL DEFAULT (unixepoch())
);
--> statement-breakpoint
CREATE INDEX `training_plans_year_idx` ON `training_plans` (`year`, `deadline`);
--> statement-breakpoint
CREATE TABLE `training_sessions` (
  `id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  `plan_id` integer NOT NULL REFERENCES `training_plans`(`id`),
  `title` text NOT NULL,
  `format` text NOT NULL CHECK (`format` IN ('lecture', 'online', 'night_class', 'rotation')),
  `start_date` text NOT NULL,
  `days` integer NOT NULL CHECK (`days` BETWEEN 1 AND 60),
  `location` text,
  `township_code` text,
  `created_by` integer NOT NULL,
  `created_at` integer NOT NULL DEFAULT (unixepoch())
);
--> statement-breakpoint
CREATE INDEX `training_sessions_plan_idx` ON `training_sessions` (`plan_id`, `start_date`);
--> statement-breakpoint
-- One row per person per session (人次); a second record of the same person is a 409.
CREATE TABLE `training_attendance` (
  `id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  `session_id` integer NOT NULL REFERENCES `training_sessions`(`id`),
  `taker_kind` text NOT NULL CHECK (`taker_kind` IN ('cadre', 'user', 'village_cadre')),
  `taker_id` integer NOT NULL,
  `township_code` text,
  `recorded_by` integer NOT NULL,
  `created_at` integer NOT NULL DEFAULT (unixepoch())
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_attendance_uq` ON `training_attendance` (`session_id`, `taker_kind`, `taker_id`);
--> statement-breakpoint
CREATE INDEX `training_attendance_taker_idx` ON `training_attendance` (`taker_kind`, `taker_id`, `created_at`);
--> statement-breakpoint
CREATE TABLE `exam_questions` (
  `id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  `stem` text NOT NULL,
  `options` text NOT NULL CHECK (json_valid(`options`) AND json_array_length(`options`) BETWEEN 2 AND 6),
  `correct_option` integer NOT NULL CHECK (`correct_option` >= 0 AND `correct_option` < json_array_length(`options`)),
  `active` integer NOT NULL DEFAULT 1,
  `created_by` integer NOT NULL,
  `created_at` integer NOT NULL DEFAULT (unixepoch())
);
--> statement-breakpoint
-- A question is never edited (attempts are scored against it); it can only be retired.
CREATE TRIGGER exam_questions_fixed
BEFORE UPDATE OF `stem`, `options`, `correct_option` ON exam_questions
BEGIN
  SELECT RAISE(ABORT, 'exam_question_fixed: a question is retired, never edited');
END;
--> statement-breakpoint
CREATE TABLE `exams` (
  `id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  `title` text NOT NULL,
  `question_ids` text NOT NULL CHECK (json_valid(`question_ids`) AND json_array_length(`question_ids`) BETWEEN 1 AND 100),
  `pass_score` integer NOT NULL DEFAULT 90 CHECK (`pass_score` BETWEEN 1 AND 100),
  `status` text NOT NULL DEFAULT 'open' CHECK (`status` IN ('open', 'closed')),
  `created_by` integer NOT NULL,
  `created_at` integer NOT NULL DEFAULT (unixepoch())
);
--> statement-breakpoint
CREATE TABLE `exam_attempts` (
  `id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  `exam_id` integer NOT NULL REFERENCES `exams`(`id`),
  `taker_kind` text NOT NULL CHECK (`taker_kind` IN ('cadre', 'user', 'village_cadre')),
  `taker_id` integer NOT NULL,
  `taker_name` text NOT NULL,
  `township_code` text,
  `status` text NOT NULL DEFAULT 'in_progress' CHECK (`status` IN ('in_progress', 'submitted')),
  `answers` text,
  `correct_count` integer,
  `score` integer CHECK (`score` IS NULL OR `score` BETWEEN 0 AND 100),
  `passed` integer,
  `started_by` integer NOT NULL,
  `started_at` integer NOT NULL,
  `submitted_at` integer,
  CHECK ((`status` = 'submitted') = (`score` IS NOT NULL AND `submitted_at` IS NOT NULL AND `answers` IS NOT NULL))
);
--> statement-breakpoint
-- At most one open sitting per person and test: two "start" taps at once give one attempt.
CREATE UNIQUE INDEX `exam_attempts_open_uq` ON `exam_attempts` (`exam_id`, `taker_kind`, `taker_id`) WHERE `status` = 'in_progress';
--> statement-breakpoint
CREATE INDEX `exam_attempts_taker_idx` ON `exam_attempts` (`taker_kind`, `taker_id`, `submitted_at`);
--> statement-breakpoint
CREATE INDEX `exam_attempts_exam_idx` ON `exam_attempts` (`exam_id`, `status`);
--> statement-breakpoint
CREATE INDEX `exam_attempts_township_idx` ON `exam_attempts` (`township_code`);
--> statement-breakpoint
-- A scored attempt is evidence for the assessment: never changed, never deleted.
CREATE TRIGGER exam_attempts_scored_immutable
BEFORE UPDATE ON exam_attempts
WHEN OLD.status = 'submitted'
BEGIN
  SELECT RAISE(ABORT, 'exam_attempt_immutable: a scored attempt is never changed');
END;
--> statement-breakpoint
CREATE TRIGGER exam_attempts_undeletable
BEFORE DELETE ON exam_attempts
BEGIN
  SELECT RAISE(ABORT, 'exam_attempt_immutable: an attempt is never deleted');
END;
