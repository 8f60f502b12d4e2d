-- Issue 11 (second half): 述职评议 with villagers' ratings, 考核清单, 年度考核 with 一票否决 and
-- three-level sign-off, and what follows from the grade. Additive only.

-- 述职评议 / 双向述职 / 双述双评: one report at one meeting, rated by its attendees.
CREATE TABLE `reviews` (
  `id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  `kind` text NOT NULL CHECK (`kind` IN ('team_report', 'two_way', 'dual')),
  `year` integer NOT NULL CHECK (`year` BETWEEN 2000 AND 2100),
  `village_id` integer NOT NULL REFERENCES `villages`(`id`),
  `township_code` text NOT NULL,
  `subject_name` text NOT NULL,
  `subject_cadre_id` integer REFERENCES `cadres`(`id`),
  `audience` text NOT NULL,
  `meeting_date` text NOT NULL,
  `opens_at` integer NOT NULL,
  `closes_at` integer NOT NULL,
  `written_report` text,
  `attendance` integer CHECK (`attendance` IS NULL OR `attendance` BETWEEN 1 AND 100000),
  `paper_satisfied` integer NOT NULL DEFAULT 0 CHECK (`paper_satisfied` >= 0),
  `paper_fairly_satisfied` integer NOT NULL DEFAULT 0 CHECK (`paper_fairly_satisfied` >= 0),
  `paper_dissatisfied` integer NOT NULL DEFAULT 0 CHECK (`paper_dissatisfied` >= 0),
  `status` text NOT NULL DEFAULT 'open' CHECK (`status` IN ('open', 'published')),
  `published_at` integer,
  `created_by` integer,
  `created_at` integer NOT NULL DEFAULT (unixepoch()),
  `updated_at` integer NOT NULL DEFAULT (unixepoch()),
  CHECK (`closes_at` > `opens_at`)
);
CREATE INDEX `reviews_village_idx` ON `reviews` (`village_id`, `year`);
CREATE INDEX `reviews_township_idx` ON `reviews` (`township_code`, `year`);
CREATE INDEX `reviews_cadre_idx` ON `reviews` (`subject_cadre_id`, `year`);

-- One-time ballot codes: only a keyed hash of the code is stored; a used code holds one anonymous rating.
CREATE TABLE `review_ballots` (
  `id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  `review_id` integer NOT NULL REFERENCES `reviews`(`id`),
  `code_hash` text NOT NULL,
  `rating` text CHECK (`rating` IS NULL OR `rating` IN ('satisfied', 'fairly_satisfied', 'dissatisfied')),
  `used_at` integer,
  CHECK ((`rating` IS NULL) = (`used_at` IS NULL))
);
CREATE UNIQUE INDEX `review_ballots_code_uq` ON `review_ballots` (`code_hash`);
CREATE INDEX `review_ballots_review_idx` ON `review_ballots` (`review_id`, `used_at`);
-- A cast ballot is final: nobody (not even an officer with database access through the app) changes it.
CREATE TRIGGER `review_ballot_final` BEFORE UPDATE ON `review_ballots`
  WHEN OLD.`used_at` IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'ballot_final'); END;
CREATE TRIGGER `review_ballot_no_delete` BEFORE DELETE ON `review_ballots`
  WHEN OLD.`used_at` IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'ballot_final'); END;

-- 责任清单 / 考核清单: per year and role, the items assessed and their weights.
CREATE TABLE `assessment_templates` (
  `id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  `year` integer NOT NULL CHECK (`year` BETWEEN 2000 AND 2100),
  `role` text NOT NULL CHECK (`role` IN ('first_secretary', 'team_member', 'team', 'unit', 'township')),
  `name` text NOT NULL,
  `created_by` integer,
  `created_at` integer NOT NULL DEFAULT (unixepoch())
);
CREATE UNIQUE INDEX `assessment_templates_year_role_uq` ON `assessment_templates` (`year`, `role`);

CREATE TABLE `assessment_items` (
  `id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  `template_id` integer NOT NULL REFERENCES `assessment_templates`(`id`),
  `position` integer NOT NULL,
  `title` text NOT NULL,
  `source` text NOT NULL,
  `weight` integer NOT NULL CHECK (`weight` BETWEEN 0 AND 100),
  `target` integer CHECK (`target` IS NULL OR `target` BETWEEN 1 AND 100000),
  -- 一票否决: the best grade an assessment may reach when this item is triggered (NULL: an ordinary item).
  `veto_cap` text CHECK (`veto_cap` IS NULL OR `veto_cap` IN ('competent', 'basically_competent', 'incompetent'))
);
CREATE UNIQUE INDEX `assessment_items_position_uq` ON `assessment_items` (`template_id`, `position`);

-- 年度考核: one per subject (cadre, resident team of a village, unit, township) and year.
CREATE TABLE `assessments` (
  `id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  `year` integer NOT NULL,
  `subject_kind` text NOT NULL CHECK (`subject_kind` IN ('cadre', 'team', 'unit', 'township')),
  `cadre_id` integer REFERENCES `cadres`(`id`),
  `village_id` integer REFERENCES `villages`(`id`),
  `unit_id` integer REFERENCES `units`(`id`),
  -- Scope: the township whose officers see and sign it (NULL: county level only, e.g. a unit).
  `township_code` text,
  `template_id` integer NOT NULL REFERENCES `assessment_templates`(`id`),
  `status` text NOT NULL DEFAULT 'draft' CHECK (`status` IN ('draft', 'village_signed', 'township_signed', 'county_signed')),
  `grade` text CHECK (`grade` IS NULL OR `grade` IN ('excellent', 'competent', 'basically_competent', 'incompetent')),
  `grade_note` text,
  -- Frozen at the county's sign-off: the evidence and total score as they were when it was signed.
  `score` integer,
  `evidence` text,
  `village_signed_by` integer,
  `village_signed_at` integer,
  `village_signer` text,
  `township_signed_by` integer,
  `township_signed_at` integer,
  `county_signed_by` integer,
  `county_signed_at` integer,
  `created_by` integer,
  `created_at` integer NOT NULL DEFAULT (unixepoch()),
  `updated_at` integer NOT NULL DEFAULT (unixepoch()),
  CHECK (CASE `subject_kind`
    WHEN 'cadre' THEN `cadre_id` IS NOT NULL AND `unit_id` IS NULL
    WHEN 'team' THEN `village_id` IS NOT NULL AND `cadre_id` IS NULL AND `unit_id` IS NULL
    WHEN 'unit' THEN `unit_id` IS NOT NULL AND `cadre_id` IS NULL AND `village_id` IS NULL
    WHEN 'township' THEN `township_code` IS NOT NULL AND `cadre_id` IS NULL AND `village_id` IS NULL AND `unit_id` IS NULL
    ELSE 0 END),
  CHECK (`status` <> 'county_signed' OR `grade` IS NOT NULL)
);
CREATE UNIQUE INDEX `assessments_subject_uq` ON `assessments` (`year`, `subject_kind`, coalesce(`cadre_id`, 0), coalesce(`village_id`, 0), coalesce(`unit_id`, 0), coalesce(`township_code`, ''));
CREATE INDEX `assessments_cadre_idx` ON `assessments` (`cadre_id`, `year`);
CREATE INDEX `assessments_township_idx` ON `assessments` (`township_code`, `year`);

-- Hand scores (with the comment that justifies them) and 一票否决 findings, per item.
CREATE TABLE `assessment_scores` (
  `assessment_id` integer NOT NULL REFERENCES `assessments`(`id`),
  `item_id` integer NOT NULL REFERENCES `assessment_items`(`id`),
  `points` integer,
  `triggered` integer NOT NULL DEFAULT 0 CHECK (`triggered` IN (0, 1)),
  `comment` text NOT NULL,
  `updated_by` integer,
  `updated_at` integer NOT NULL DEFAULT (unixepoch()),
  PRIMARY KEY (`assessment_id`, `item_id`)
);

-- What follows from the grade: 表彰/评优, nomination to the reserve pool, 通报批评, recall, term extension.
CREATE TABLE `assessment_consequences` (
  `id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  `assessment_id` integer NOT NULL REFERENCES `assessments`(`id`),
  `kind` text NOT NULL CHECK (`kind` IN ('commendation', 'excellence', 'reserve_nomination', 'criticism', 'recall', 'term_extension')),
  `note` text NOT NULL,
  `assignment_id` integer REFERENCES `assignments`(`id`),
  `created_by` integer,
  `created_at` integer NOT NULL DEFAULT (unixepoch())
);
CREATE UNIQUE INDEX `assessment_consequences_kind_uq` ON `assessment_consequences` (`assessment_id`, `kind`);
