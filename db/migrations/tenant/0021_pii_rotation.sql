-- Key rotation (issue 13): the re-encryption job's progress, one row per target master key.
-- The job rewrites personal data page by page; `step` (which table) and `cursor` (last row id
-- done) are stored after every page, in the same batch as the rewritten rows and their audit
-- entry, so an interrupted job resumes where it stopped and a repeated page changes nothing.
CREATE TABLE `pii_rotations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`target_kid` text NOT NULL,
	`status` text DEFAULT 'running' NOT NULL,
	`step` integer DEFAULT 0 NOT NULL,
	`cursor` integer DEFAULT 0 NOT NULL,
	`rewritten` integer DEFAULT 0 NOT NULL,
	`unreadable` integer DEFAULT 0 NOT NULL,
	`started_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`finished_at` integer,
	CONSTRAINT "pii_rotations_status" CHECK(`status` IN ('running', 'done', 'superseded')),
	CONSTRAINT "pii_rotations_progress" CHECK(`step` >= 0 AND `cursor` >= 0 AND `rewritten` >= 0 AND `unreadable` >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pii_rotations_target_uq` ON `pii_rotations` (`target_kid`);
