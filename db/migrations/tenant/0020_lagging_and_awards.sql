-- 后进村整顿 (village rectifications with their measures) and 表彰 (awards paid through award programs).
-- Additive only. Neither feeds a public page, so no public_version triggers.
CREATE TABLE `village_rectifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`village_id` integer NOT NULL,
	`township_code` text NOT NULL,
	`category` text NOT NULL,
	`score` integer,
	`reason` text NOT NULL,
	`status` text DEFAULT 'listed' NOT NULL,
	`dispatched_cadre_id` integer,
	`dispatch_role` text,
	`dispatch_date` text,
	`exit_note` text,
	`exit_requested_by` integer,
	`exit_requested_at` integer,
	`exit_confirmed_by` integer,
	`exit_confirmed_at` integer,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dispatched_cadre_id`) REFERENCES `cadres`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "village_rectifications_exit" CHECK(("village_rectifications"."status" = 'exited') = ("village_rectifications"."exit_confirmed_by" IS NOT NULL) AND coalesce("village_rectifications"."exit_confirmed_by" <> "village_rectifications"."exit_requested_by", 1))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `village_rectifications_year_uq` ON `village_rectifications` (`village_id`,`year`);--> statement-breakpoint
CREATE INDEX `village_rectifications_township_idx` ON `village_rectifications` (`township_code`,`year`);--> statement-breakpoint
CREATE TABLE `rectification_measures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`rectification_id` integer NOT NULL,
	`title` text NOT NULL,
	`owner` text NOT NULL,
	`due_date` text NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`evidence` text,
	`completed_date` text,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`rectification_id`) REFERENCES `village_rectifications`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rectification_measures_completed" CHECK(("rectification_measures"."status" = 'completed') = ("rectification_measures"."completed_date" IS NOT NULL AND "rectification_measures"."evidence" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `rectification_measures_rect_idx` ON `rectification_measures` (`rectification_id`);--> statement-breakpoint
CREATE TABLE `awards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`kind` text NOT NULL,
	`recipient_kind` text NOT NULL,
	`recipient_id` integer NOT NULL,
	`recipient_name` text NOT NULL,
	`village_id` integer,
	`program_id` integer NOT NULL,
	`assessment_id` integer,
	`citation` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assessment_id`) REFERENCES `assessments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `awards_once_uq` ON `awards` (`kind`,`year`,`recipient_kind`,`recipient_id`);--> statement-breakpoint
CREATE INDEX `awards_recipient_idx` ON `awards` (`recipient_kind`,`recipient_id`,`year`);--> statement-breakpoint
CREATE INDEX `awards_program_idx` ON `awards` (`program_id`,`year`);
