CREATE TABLE `batch_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`program_id` integer NOT NULL,
	`period` text NOT NULL,
	`recipient_kind` text NOT NULL,
	`recipient_id` integer NOT NULL,
	`recipient_name` text NOT NULL,
	`village_id` integer,
	`amount_fen` integer NOT NULL,
	`purpose` text NOT NULL,
	`quantity` integer,
	`honoured` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`paid_date` text,
	`bank_ref` text,
	`fail_reason` text,
	`repays_line_id` integer,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "batch_lines_amount" CHECK("batch_lines"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE INDEX `batch_lines_batch_idx` ON `batch_lines` (`batch_id`,`id`);--> statement-breakpoint
CREATE INDEX `batch_lines_recipient_idx` ON `batch_lines` (`recipient_kind`,`recipient_id`);--> statement-breakpoint
CREATE INDEX `batch_lines_village_idx` ON `batch_lines` (`village_id`,`status`);--> statement-breakpoint
CREATE TABLE `batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`program_id` integer NOT NULL,
	`year` integer NOT NULL,
	`period` text NOT NULL,
	`title` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`total_fen` integer DEFAULT 0 NOT NULL,
	`line_count` integer DEFAULT 0 NOT NULL,
	`notice_id` integer,
	`notice_start` text,
	`notice_end` text,
	`approved_at` integer,
	`approved_by` integer,
	`paid_date` text,
	`payment_ref` text,
	`closed_at` integer,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `batches_program_idx` ON `batches` (`program_id`,`year`,`status`);--> statement-breakpoint
CREATE INDEX `batches_status_idx` ON `batches` (`status`);--> statement-breakpoint
CREATE TABLE `budgets` (
	`program_id` integer NOT NULL,
	`year` integer NOT NULL,
	`budget_fen` integer NOT NULL,
	`committed_fen` integer DEFAULT 0 NOT NULL,
	`paid_fen` integer DEFAULT 0 NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL,
	PRIMARY KEY(`program_id`, `year`),
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "budgets_within" CHECK("budgets"."committed_fen" >= 0 AND "budgets"."committed_fen" <= "budgets"."budget_fen" AND "budgets"."paid_fen" >= 0 AND "budgets"."paid_fen" <= "budgets"."committed_fen")
);
--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`key` text NOT NULL,
	`user_id` integer NOT NULL,
	`route` text NOT NULL,
	`request_hash` text NOT NULL,
	`result_ref` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	PRIMARY KEY(`user_id`, `key`)
);
--> statement-breakpoint
CREATE TABLE `payment_claims` (
	`program_id` integer NOT NULL,
	`period` text NOT NULL,
	`recipient_kind` text NOT NULL,
	`recipient_id` integer NOT NULL,
	`line_id` integer NOT NULL,
	PRIMARY KEY(`program_id`, `period`, `recipient_kind`, `recipient_id`)
);
--> statement-breakpoint
CREATE INDEX `payment_claims_line_idx` ON `payment_claims` (`line_id`);--> statement-breakpoint
CREATE TABLE `programs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`category` text NOT NULL,
	`fund_source` text NOT NULL,
	`recipient_kind` text NOT NULL,
	`rule_kind` text NOT NULL,
	`rule_amount_fen` integer,
	`honour_uplift_pct` integer DEFAULT 0 NOT NULL,
	`notice_days` integer DEFAULT 7 NOT NULL,
	`allow_repeat` integer DEFAULT false NOT NULL,
	`seed_ref` text,
	`notes` text,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL,
	CONSTRAINT "programs_rule" CHECK(("programs"."rule_kind" = 'per_line') = ("programs"."rule_amount_fen" IS NULL) AND coalesce("programs"."rule_amount_fen", 0) >= 0),
	CONSTRAINT "programs_notice_days" CHECK("programs"."notice_days" BETWEEN 1 AND 60),
	CONSTRAINT "programs_uplift" CHECK("programs"."honour_uplift_pct" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `programs_name_uq` ON `programs` (`name`);--> statement-breakpoint
CREATE TABLE `reversals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`line_id` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`reason` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`line_id`) REFERENCES `batch_lines`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "reversals_amount" CHECK("reversals"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reversals_line_uq` ON `reversals` (`line_id`);--> statement-breakpoint
CREATE TABLE `household_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`household_id` integer NOT NULL,
	`kind` text NOT NULL,
	`to_status` text NOT NULL,
	`to_monitor_kind` text,
	`reason` text NOT NULL,
	`status` text DEFAULT 'noticed' NOT NULL,
	`notice_id` integer,
	`decided_at` integer,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `household_decisions_household_idx` ON `household_decisions` (`household_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `household_decisions_one_open` ON `household_decisions` (`household_id`) WHERE "household_decisions"."status" = 'noticed';--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`ref` text NOT NULL,
	`village_ids` text DEFAULT '[]' NOT NULL,
	`content` text NOT NULL,
	`content_hash` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ledger_kind_idx` ON `ledger_entries` (`kind`,`ref`);--> statement-breakpoint
CREATE TABLE `notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`subject_id` integer NOT NULL,
	`title` text NOT NULL,
	`village_ids` text DEFAULT '[]' NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`content` text NOT NULL,
	`content_hash` text NOT NULL,
	`ledger_seq` integer,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `notices_subject_idx` ON `notices` (`kind`,`subject_id`);--> statement-breakpoint
CREATE INDEX `notices_status_idx` ON `notices` (`status`,`end_date`);--> statement-breakpoint
CREATE TABLE `objections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`notice_id` integer NOT NULL,
	`line_no` integer,
	`tracking_code` text NOT NULL,
	`name` text,
	`contact_enc` text,
	`text` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`reply` text,
	`answered_by` integer,
	`answered_at` integer,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`notice_id`) REFERENCES `notices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `objections_tracking_uq` ON `objections` (`tracking_code`);--> statement-breakpoint
CREATE INDEX `objections_notice_idx` ON `objections` (`notice_id`,`status`);--> statement-breakpoint
CREATE TABLE `public_submissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`client_hash` text NOT NULL,
	`at` integer NOT NULL,
	CONSTRAINT "public_submissions_kind" CHECK(length("public_submissions"."kind") > 0)
);
--> statement-breakpoint
CREATE INDEX `public_submissions_idx` ON `public_submissions` (`kind`,`client_hash`,`at`);