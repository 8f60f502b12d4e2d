-- Issue 11 (supervision and accountability), first half: 目标责任书 and 帮扶措施 (seed 003),
-- 督查 with problems and rectification, and the ladder 通报 → 约谈 → 问责 (seed 001). Additive only.
CREATE TABLE `responsibility_letters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`village_id` integer NOT NULL,
	`term_start_year` integer NOT NULL,
	`term_end_year` integer NOT NULL,
	`signed_date` text NOT NULL,
	`term_goal` text NOT NULL,
	`goals` text DEFAULT '{}' NOT NULL,
	`scan_name` text,
	`scan_type` text,
	`scan_bytes` integer,
	`scan_sha256` text,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "responsibility_letters_term" CHECK("responsibility_letters"."term_end_year" = "responsibility_letters"."term_start_year" + 2)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `responsibility_letters_term_uq` ON `responsibility_letters` (`unit_id`,`village_id`,`term_start_year`);--> statement-breakpoint
CREATE INDEX `responsibility_letters_village_idx` ON `responsibility_letters` (`village_id`);--> statement-breakpoint
-- The scanned copy (≤ 700 KB) as base64 in pieces of ≤ 400,000 bytes (workers/lib/chunks.ts), written in
-- the same batch as the letter's scan columns: no R2 binding exists, and a D1 value is capped at 2 MB.
CREATE TABLE `letter_scan_chunks` (
	`letter_id` integer NOT NULL,
	`chunk_no` integer NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`letter_id`) REFERENCES `responsibility_letters`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `letter_scan_chunks_pk` ON `letter_scan_chunks` (`letter_id`,`chunk_no`);--> statement-breakpoint
CREATE TABLE `letter_measures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`letter_id` integer NOT NULL,
	`year` integer NOT NULL,
	`title` text NOT NULL,
	`owner` text NOT NULL,
	`due_date` text NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`progress` text,
	`evidence` text,
	`completed_date` text,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`letter_id`) REFERENCES `responsibility_letters`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "letter_measures_completed" CHECK(("letter_measures"."status" = 'completed') = ("letter_measures"."completed_date" IS NOT NULL AND "letter_measures"."evidence" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `letter_measures_letter_idx` ON `letter_measures` (`letter_id`,`year`);--> statement-breakpoint
CREATE TABLE `inspections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`date` text NOT NULL,
	`group_name` text,
	`round` integer,
	`target_kind` text NOT NULL,
	`target_key` text NOT NULL,
	`target_cadre_id` integer,
	`target_unit_id` integer,
	`target_village_id` integer,
	`township_code` text,
	`findings` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`target_cadre_id`) REFERENCES `cadres`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`target_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`target_village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inspections_target_idx` ON `inspections` (`target_key`,`date`);--> statement-breakpoint
CREATE INDEX `inspections_township_idx` ON `inspections` (`township_code`,`date`);--> statement-breakpoint
CREATE INDEX `inspections_cadre_idx` ON `inspections` (`target_cadre_id`);--> statement-breakpoint
CREATE TABLE `inspection_problems` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`inspection_id` integer NOT NULL,
	`description` text NOT NULL,
	`deadline` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`confirmed_by` integer,
	`confirmed_at` integer,
	`decision_note` text,
	`rectification` text,
	`evidence` text,
	`rectified_by` integer,
	`rectified_date` text,
	`signed_off_by` integer,
	`signed_off_at` integer,
	`sign_off_note` text,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`inspection_id`) REFERENCES `inspections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inspection_problems_inspection_idx` ON `inspection_problems` (`inspection_id`,`status`);--> statement-breakpoint
CREATE INDEX `inspection_problems_status_idx` ON `inspection_problems` (`status`,`deadline`);--> statement-breakpoint
CREATE TABLE `escalations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`target_kind` text NOT NULL,
	`target_key` text NOT NULL,
	`target_cadre_id` integer,
	`target_unit_id` integer,
	`target_village_id` integer,
	`township_code` text,
	`period` integer NOT NULL,
	`step` text NOT NULL,
	`problem_id` integer NOT NULL,
	`date` text NOT NULL,
	`record` text NOT NULL,
	`outcome` text,
	`assignment_id` integer,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`target_cadre_id`) REFERENCES `cadres`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`target_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`target_village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`problem_id`) REFERENCES `inspection_problems`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignment_id`) REFERENCES `assignments`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "escalations_outcome" CHECK(("escalations"."step" = 'accountability') = ("escalations"."outcome" IS NOT NULL)),
	CONSTRAINT "escalations_recall" CHECK(("escalations"."outcome" = 'recall') = ("escalations"."assignment_id" IS NOT NULL))
);
--> statement-breakpoint
-- One step once per target and year (a duplicate or a race is a 409); one problem grounds one step.
CREATE UNIQUE INDEX `escalations_step_uq` ON `escalations` (`target_key`,`period`,`step`);--> statement-breakpoint
CREATE UNIQUE INDEX `escalations_problem_uq` ON `escalations` (`problem_id`);--> statement-breakpoint
CREATE INDEX `escalations_township_idx` ON `escalations` (`township_code`,`period`);
