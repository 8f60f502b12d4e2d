-- Issue "Integrity holes" (rules): additive only.
-- 四议两公开: a vote that misses its majority ends the item at that stage (recorded, public).
ALTER TABLE `village_decisions` ADD `failed_stage` text;--> statement-breakpoint
