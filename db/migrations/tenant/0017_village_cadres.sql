-- Issue 12: 村两委 roster and village cadres' pay (seeds 001, 002, 004). Additive only.
-- Recipient kinds and rule kinds are not listed in any CHECK or trigger (0002, 0007, 0011 take
-- them as text), so `village_official` and `per_year_served` need no change to existing tables.
CREATE TABLE `village_officials` (
  `id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  `village_id` integer NOT NULL REFERENCES `villages`(`id`),
  `name` text NOT NULL CHECK (length(`name`) BETWEEN 1 AND 40),
  `id_number_enc` text NOT NULL,
  `id_number_hash` text NOT NULL,
  `id_number_first4` text NOT NULL,
  `id_number_last4` text NOT NULL,
  `birth_date` text NOT NULL,
  `sex` text NOT NULL CHECK (`sex` IN ('male', 'female')),
  `post` text NOT NULL CHECK (`post` IN ('party_secretary', 'committee_director', 'deputy_secretary', 'deputy_director', 'clerk', 'member', 'group_leader')),
  `concurrent_director` integer DEFAULT false NOT NULL CHECK (`concurrent_director` IN (0, 1)),
  `full_time_secretary` integer DEFAULT false NOT NULL CHECK (`full_time_secretary` IN (0, 1)),
  `source` text NOT NULL CHECK (`source` IN ('college_graduate', 'wealth_leader', 'veteran', 'returnee_entrepreneur', 'township_dispatched', 'other')),
  `party_member` integer DEFAULT false NOT NULL CHECK (`party_member` IN (0, 1)),
  `election_year` integer CHECK (`election_year` IS NULL OR `election_year` BETWEEN 1980 AND 2100),
  `term_start` text NOT NULL,
  `term_end` text,
  `status` text DEFAULT 'serving' NOT NULL CHECK (`status` IN ('serving', 'left', 'removed')),
  `honour_level` text DEFAULT 'none' NOT NULL CHECK (`honour_level` IN ('none', 'county', 'city', 'provincial', 'national')),
  `honours` text,
  `created_at` integer DEFAULT (unixepoch()) NOT NULL,
  `updated_at` integer DEFAULT (unixepoch()) NOT NULL,
  -- 一肩挑 and 专职书记 are properties of a party secretary only.
  CONSTRAINT `village_officials_flags` CHECK ((`concurrent_director` = 0 AND `full_time_secretary` = 0) OR `post` = 'party_secretary'),
  -- Serving ⇔ no end date; an end date never precedes the start.
  CONSTRAINT `village_officials_term` CHECK ((`status` = 'serving') = (`term_end` IS NULL) AND coalesce(`term_end`, `term_start`) >= `term_start`)
);
--> statement-breakpoint
CREATE INDEX `village_officials_village_idx` ON `village_officials` (`village_id`, `status`);
--> statement-breakpoint
-- One person holds one serving post (一肩挑 is a flag on the secretary, not a second row).
CREATE UNIQUE INDEX `village_officials_serving_person_uq` ON `village_officials` (`id_number_hash`) WHERE `status` = 'serving';
--> statement-breakpoint
-- One serving party secretary and one serving committee director per village.
CREATE UNIQUE INDEX `village_officials_secretary_uq` ON `village_officials` (`village_id`) WHERE `status` = 'serving' AND `post` = 'party_secretary';
--> statement-breakpoint
CREATE UNIQUE INDEX `village_officials_director_uq` ON `village_officials` (`village_id`) WHERE `status` = 'serving' AND `post` = 'committee_director';
--> statement-breakpoint
-- 一肩挑 and a separate serving director cannot both exist in a village (whichever is written second fails).
CREATE TRIGGER village_officials_concurrent_director_ins
BEFORE INSERT ON village_officials
WHEN NEW.status = 'serving' AND (
  (NEW.concurrent_director = 1 AND EXISTS (SELECT 1 FROM village_officials o WHERE o.village_id = NEW.village_id AND o.status = 'serving' AND o.post = 'committee_director'))
  OR (NEW.post = 'committee_director' AND EXISTS (SELECT 1 FROM village_officials o WHERE o.village_id = NEW.village_id AND o.status = 'serving' AND o.concurrent_director = 1))
)
BEGIN
  SELECT RAISE(ABORT, 'village_officials_concurrent: the secretary is also the director');
END;
--> statement-breakpoint
CREATE TRIGGER village_officials_concurrent_director_upd
BEFORE UPDATE ON village_officials
WHEN NEW.status = 'serving' AND (
  (NEW.concurrent_director = 1 AND EXISTS (SELECT 1 FROM village_officials o WHERE o.village_id = NEW.village_id AND o.id <> NEW.id AND o.status = 'serving' AND o.post = 'committee_director'))
  OR (NEW.post = 'committee_director' AND EXISTS (SELECT 1 FROM village_officials o WHERE o.village_id = NEW.village_id AND o.id <> NEW.id AND o.status = 'serving' AND o.concurrent_director = 1))
)
BEGIN
  SELECT RAISE(ABORT, 'village_officials_concurrent: the secretary is also the director');
END;
--> statement-breakpoint
-- 按岗位标准: amount per post of a village cadre pay program.
CREATE TABLE `village_official_pay_rates` (
  `program_id` integer NOT NULL REFERENCES `programs`(`id`),
  `post` text NOT NULL CHECK (`post` IN ('party_secretary', 'committee_director', 'deputy_secretary', 'deputy_director', 'clerk', 'member', 'group_leader')),
  `amount_fen` integer NOT NULL,
  `updated_at` integer DEFAULT (unixepoch()) NOT NULL,
  PRIMARY KEY (`program_id`, `post`),
  CONSTRAINT `village_official_pay_rates_amount` CHECK (`amount_fen` > 0 AND `amount_fen` <= 100000000)
);
