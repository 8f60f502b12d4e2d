CREATE TABLE `counties` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL,
	CONSTRAINT "counties_code" CHECK(length("counties"."code") = 6 AND "counties"."code" NOT GLOB '*[^0-9]*')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `counties_code_unique` ON `counties` (`code`);--> statement-breakpoint
CREATE TABLE `townships` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`county_code` text,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL,
	CONSTRAINT "townships_code" CHECK(length("townships"."code") = 9 AND "townships"."code" NOT GLOB '*[^0-9]*')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `townships_code_unique` ON `townships` (`code`);--> statement-breakpoint
CREATE INDEX `townships_county_idx` ON `townships` (`county_code`);--> statement-breakpoint
CREATE TABLE `village_groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`name` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `village_groups_name_uq` ON `village_groups` (`village_id`,`name`);--> statement-breakpoint
CREATE TABLE `village_incomes` (
	`village_id` integer NOT NULL,
	`year` integer NOT NULL,
	`income_fen` integer NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL,
	PRIMARY KEY(`village_id`, `year`),
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "village_incomes_nonneg" CHECK("village_incomes"."income_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE `villages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`township_code` text NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`notes` text,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL,
	CONSTRAINT "villages_code" CHECK(length("villages"."code") = 12 AND "villages"."code" NOT GLOB '*[^0-9]*' AND substr("villages"."code", 1, 9) = "villages"."township_code")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `villages_code_unique` ON `villages` (`code`);--> statement-breakpoint
CREATE INDEX `villages_township_idx` ON `villages` (`township_code`,`name`);--> statement-breakpoint
CREATE TABLE `household_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`household_id` integer NOT NULL,
	`name` text NOT NULL,
	`relation` text NOT NULL,
	`birth_year` integer,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `household_members_household_idx` ON `household_members` (`household_id`);--> statement-breakpoint
CREATE TABLE `household_status_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`household_id` integer NOT NULL,
	`from_status` text NOT NULL,
	`from_monitor_kind` text,
	`to_status` text NOT NULL,
	`to_monitor_kind` text,
	`effective_date` text NOT NULL,
	`reason` text NOT NULL,
	`actor_id` integer,
	`actor_name` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `household_status_events_household_idx` ON `household_status_events` (`household_id`,`id`);--> statement-breakpoint
CREATE TABLE `households` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`group_id` integer,
	`head_name` text NOT NULL,
	`id_number_enc` text NOT NULL,
	`id_number_hash` text NOT NULL,
	`self_query_hash` text NOT NULL,
	`id_number_last4` text NOT NULL,
	`id_number_first4` text NOT NULL,
	`phone_enc` text,
	`phone_hash` text,
	`phone_masked` text,
	`member_count` integer DEFAULT 1 NOT NULL,
	`type` text DEFAULT 'general' NOT NULL,
	`status` text DEFAULT 'poor' NOT NULL,
	`monitor_kind` text,
	`causes` text DEFAULT '[]' NOT NULL,
	`year_identified` integer,
	`exit_year` integer,
	`notes` text,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `village_groups`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "households_monitor_kind" CHECK(("households"."status" = 'monitored') = ("households"."monitor_kind" IS NOT NULL)),
	CONSTRAINT "households_members" CHECK("households"."member_count" BETWEEN 1 AND 30)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `households_id_number_uq` ON `households` (`id_number_hash`);--> statement-breakpoint
CREATE INDEX `households_village_idx` ON `households` (`village_id`,`status`);--> statement-breakpoint
CREATE INDEX `households_self_query_idx` ON `households` (`self_query_hash`);--> statement-breakpoint
CREATE INDEX `households_status_idx` ON `households` (`status`);--> statement-breakpoint
CREATE TABLE `assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cadre_id` integer NOT NULL,
	`village_id` integer NOT NULL,
	`role` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	`status` text DEFAULT 'active' NOT NULL,
	`end_reason` text,
	`end_note` text,
	`replaced_by_id` integer,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`cadre_id`) REFERENCES `cadres`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "assignments_end" CHECK(("assignments"."status" = 'active') = ("assignments"."end_date" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_one_first_secretary` ON `assignments` (`village_id`) WHERE "assignments"."role" = 'first_secretary' AND "assignments"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_one_active_per_cadre_village` ON `assignments` (`cadre_id`,`village_id`) WHERE "assignments"."status" = 'active';--> statement-breakpoint
CREATE INDEX `assignments_village_idx` ON `assignments` (`village_id`,`status`);--> statement-breakpoint
CREATE INDEX `assignments_cadre_idx` ON `assignments` (`cadre_id`,`status`);--> statement-breakpoint
CREATE TABLE `attendance` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assignment_id` integer NOT NULL,
	`month` text NOT NULL,
	`days` integer NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "attendance_days" CHECK("attendance"."days" BETWEEN 0 AND 31)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attendance_month_uq` ON `attendance` (`assignment_id`,`month`);--> statement-breakpoint
CREATE TABLE `cadres` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`unit_id` integer NOT NULL,
	`position` text,
	`phone_enc` text,
	`phone_hash` text,
	`phone_masked` text,
	`office_phone` text,
	`party_member` integer DEFAULT true NOT NULL,
	`reserve_pool` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cadres_identity_uq` ON `cadres` (`name`,`unit_id`,`phone_hash`);--> statement-breakpoint
CREATE INDEX `cadres_unit_idx` ON `cadres` (`unit_id`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`level` text NOT NULL,
	`contact` text,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_name_uq` ON `units` (`name`);--> statement-breakpoint
CREATE TABLE `pairings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`helper_unit_id` integer,
	`helper_cadre_id` integer,
	`helper_village_id` integer,
	`village_id` integer,
	`household_id` integer,
	`start_date` text NOT NULL,
	`end_date` text,
	`status` text DEFAULT 'active' NOT NULL,
	`letter_ref` text,
	`notes` text,
	`end_reason` text,
	`handed_over_to_id` integer,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`helper_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`helper_cadre_id`) REFERENCES `cadres`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`helper_village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "pairings_sides" CHECK(CASE "pairings"."kind"
        WHEN 'unit_village' THEN "pairings"."helper_unit_id" IS NOT NULL AND "pairings"."village_id" IS NOT NULL AND "pairings"."helper_cadre_id" IS NULL AND "pairings"."helper_village_id" IS NULL AND "pairings"."household_id" IS NULL
        WHEN 'branch_branch' THEN "pairings"."helper_unit_id" IS NOT NULL AND "pairings"."village_id" IS NOT NULL AND "pairings"."helper_cadre_id" IS NULL AND "pairings"."helper_village_id" IS NULL AND "pairings"."household_id" IS NULL
        WHEN 'enterprise_village' THEN "pairings"."helper_unit_id" IS NOT NULL AND "pairings"."village_id" IS NOT NULL AND "pairings"."helper_cadre_id" IS NULL AND "pairings"."helper_village_id" IS NULL AND "pairings"."household_id" IS NULL
        WHEN 'cadre_household' THEN "pairings"."helper_cadre_id" IS NOT NULL AND "pairings"."household_id" IS NOT NULL AND "pairings"."helper_unit_id" IS NULL AND "pairings"."helper_village_id" IS NULL
        WHEN 'leader_village' THEN "pairings"."helper_cadre_id" IS NOT NULL AND "pairings"."village_id" IS NOT NULL AND "pairings"."helper_unit_id" IS NULL AND "pairings"."helper_village_id" IS NULL AND "pairings"."household_id" IS NULL
        WHEN 'village_village' THEN "pairings"."helper_village_id" IS NOT NULL AND "pairings"."village_id" IS NOT NULL AND "pairings"."helper_village_id" <> "pairings"."village_id" AND "pairings"."helper_unit_id" IS NULL AND "pairings"."helper_cadre_id" IS NULL AND "pairings"."household_id" IS NULL
        ELSE 0 END),
	CONSTRAINT "pairings_end" CHECK(("pairings"."status" = 'active') = ("pairings"."end_date" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pairings_one_responsible_cadre` ON `pairings` (`household_id`) WHERE "pairings"."kind" = 'cadre_household' AND "pairings"."status" = 'active';--> statement-breakpoint
CREATE INDEX `pairings_village_idx` ON `pairings` (`village_id`,`status`);--> statement-breakpoint
CREATE INDEX `pairings_cadre_idx` ON `pairings` (`helper_cadre_id`,`status`);--> statement-breakpoint
CREATE INDEX `pairings_unit_idx` ON `pairings` (`helper_unit_id`,`status`);--> statement-breakpoint
CREATE INDEX `pairings_household_idx` ON `pairings` (`household_id`,`status`);--> statement-breakpoint
CREATE INDEX `pairings_kind_idx` ON `pairings` (`kind`,`status`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `visits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cadre_id` integer NOT NULL,
	`village_id` integer NOT NULL,
	`household_id` integer,
	`visit_date` text NOT NULL,
	`occasion` text NOT NULL,
	`help` text DEFAULT '[]' NOT NULL,
	`notes` text NOT NULL,
	`follow_up_date` text,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`cadre_id`) REFERENCES `cadres`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `visits_cadre_idx` ON `visits` (`cadre_id`,`visit_date`);--> statement-breakpoint
CREATE INDEX `visits_household_idx` ON `visits` (`household_id`,`visit_date`);--> statement-breakpoint
CREATE INDEX `visits_village_idx` ON `visits` (`village_id`,`visit_date`);--> statement-breakpoint
CREATE TABLE `csv_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity` text NOT NULL,
	`file_name` text,
	`encoding` text NOT NULL,
	`content` text NOT NULL,
	`row_count` integer NOT NULL,
	`error_count` integer NOT NULL,
	`errors` text NOT NULL,
	`status` text DEFAULT 'previewed' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`committed_at` integer
);
--> statement-breakpoint
CREATE INDEX `csv_imports_created_idx` ON `csv_imports` (`created_by`,`id`);