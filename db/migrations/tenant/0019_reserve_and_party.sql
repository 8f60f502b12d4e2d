-- Issue 12: 后备干部库 and the village pools (seeds 000, 001, 002), and party members with the
-- 党内关爱帮扶资金 (seed 004). Additive only. Nominees are noticed (公示) through `notices`
-- (kind 'reserve_nomination'); party members are paid as batch lines of recipient kind 'party_member'.
CREATE TABLE `reserve_nominations` (
  `id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  `pool_kind` text NOT NULL CHECK (`pool_kind` IN ('secretary_reserve', 'cadre_reserve', 'outstanding_villager', 'party_activist', 'key_candidate')),
  `source` text NOT NULL CHECK (`source` IN ('assessment_excellent', 'dunmiao', 'village_election', 'recommendation')),
  `name` text NOT NULL CHECK (length(`name`) BETWEEN 1 AND 40),
  `cadre_id` integer REFERENCES `cadres`(`id`),
  `household_member_id` integer REFERENCES `household_members`(`id`),
  `village_id` integer REFERENCES `villages`(`id`),
  `birth_year` integer CHECK (`birth_year` IS NULL OR `birth_year` BETWEEN 1930 AND 2015),
  `reason` text NOT NULL,
  `assessment_id` integer REFERENCES `assessments`(`id`),
  `status` text NOT NULL DEFAULT 'nominated' CHECK (`status` IN ('nominated', 'noticed', 'training', 'used', 'exited', 'withdrawn')),
  `notice_id` integer REFERENCES `notices`(`id`),
  `outcome` text CHECK (`outcome` IS NULL OR `outcome` IN ('promoted', 'reused', 'village_secretary', 'village_committee', 'joined_party')),
  `outcome_date` text,
  `outcome_note` text,
  `created_by` integer NOT NULL,
  `created_at` integer NOT NULL DEFAULT (unixepoch()),
  `updated_at` integer NOT NULL DEFAULT (unixepoch()),
  CONSTRAINT "reserve_nominations_cadre" CHECK ((`pool_kind` = 'cadre_reserve') = (`cadre_id` IS NOT NULL)),
  CONSTRAINT "reserve_nominations_village" CHECK (`pool_kind` = 'cadre_reserve' OR `village_id` IS NOT NULL),
  -- 使用 carries its outcome, and only 使用 does.
  CHECK ((`status` = 'used') = (`outcome` IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `reserve_nominations_village_idx` ON `reserve_nominations` (`village_id`, `pool_kind`, `status`);
--> statement-breakpoint
CREATE INDEX `reserve_nominations_status_idx` ON `reserve_nominations` (`status`, `pool_kind`);
--> statement-breakpoint
CREATE UNIQUE INDEX `reserve_nominations_assessment_uq` ON `reserve_nominations` (`assessment_id`);
--> statement-breakpoint
-- One live nomination of a person per pool (a second concurrent request is a 409, not a duplicate).
CREATE UNIQUE INDEX `reserve_nominations_cadre_live_uq` ON `reserve_nominations` (`pool_kind`, `cadre_id`)
  WHERE `cadre_id` IS NOT NULL AND `status` IN ('nominated', 'noticed', 'training');
--> statement-breakpoint
CREATE UNIQUE INDEX `reserve_nominations_member_live_uq` ON `reserve_nominations` (`pool_kind`, `household_member_id`)
  WHERE `household_member_id` IS NOT NULL AND `status` IN ('nominated', 'noticed', 'training');
--> statement-breakpoint
CREATE TABLE `party_members` (
  `id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  `household_id` integer NOT NULL REFERENCES `households`(`id`),
  `household_member_id` integer REFERENCES `household_members`(`id`),
  `name` text NOT NULL,
  `village_id` integer NOT NULL REFERENCES `villages`(`id`),
  `joined_on` text CHECK (`joined_on` IS NULL OR `joined_on` GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  `poor` integer NOT NULL DEFAULT 0 CHECK (`poor` IN (0, 1)),
  `pioneer_year` integer CHECK (`pioneer_year` IS NULL OR `pioneer_year` BETWEEN 2000 AND 2100),
  `pioneer_note` text,
  `note` text,
  `created_by` integer NOT NULL,
  `created_at` integer NOT NULL DEFAULT (unixepoch()),
  `updated_at` integer NOT NULL DEFAULT (unixepoch())
);
--> statement-breakpoint
CREATE INDEX `party_members_village_idx` ON `party_members` (`village_id`, `poor`);
--> statement-breakpoint
CREATE INDEX `party_members_household_idx` ON `party_members` (`household_id`);
--> statement-breakpoint
-- A person is recorded once: the head (member id NULL → 0) or one member of the household.
CREATE UNIQUE INDEX `party_members_person_uq` ON `party_members` (`household_id`, coalesce(`household_member_id`, 0));
