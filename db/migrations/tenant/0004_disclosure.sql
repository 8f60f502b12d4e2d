CREATE TABLE `decision_stages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`decision_id` integer NOT NULL,
	`stage` text NOT NULL,
	`date` text NOT NULL,
	`attendees` integer,
	`eligible` integer,
	`votes_for` integer,
	`votes_against` integer,
	`votes_abstain` integer,
	`summary` text NOT NULL,
	`attachments` text DEFAULT '[]' NOT NULL,
	`ledger_seq` integer,
	`recorded_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`decision_id`) REFERENCES `village_decisions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "decision_stages_votes" CHECK(coalesce("decision_stages"."votes_for", 0) >= 0 AND coalesce("decision_stages"."votes_against", 0) >= 0 AND coalesce("decision_stages"."votes_abstain", 0) >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `decision_stages_uq` ON `decision_stages` (`decision_id`,`stage`);--> statement-breakpoint
CREATE TABLE `feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer,
	`category` text NOT NULL,
	`text` text NOT NULL,
	`contact_enc` text,
	`tracking_code` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`reply` text,
	`reply_public` integer DEFAULT true NOT NULL,
	`answered_by` integer,
	`answered_at` integer,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_tracking_uq` ON `feedback` (`tracking_code`);--> statement-breakpoint
CREATE INDEX `feedback_village_idx` ON `feedback` (`village_id`,`status`);--> statement-breakpoint
CREATE TABLE `projects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`fund_source` text NOT NULL,
	`budget_fen` integer NOT NULL,
	`spent_fen` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`start_date` text,
	`end_date` text,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "projects_money" CHECK("projects"."budget_fen" >= 0 AND "projects"."spent_fen" >= 0)
);
--> statement-breakpoint
CREATE INDEX `projects_village_idx` ON `projects` (`village_id`);--> statement-breakpoint
CREATE TABLE `village_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`village_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`amount_fen` integer,
	`project_id` integer,
	`requires_township_review` integer DEFAULT false NOT NULL,
	`stage` text DEFAULT 'proposed' NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL,
	FOREIGN KEY (`village_id`) REFERENCES `villages`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `village_decisions_village_idx` ON `village_decisions` (`village_id`,`stage`);