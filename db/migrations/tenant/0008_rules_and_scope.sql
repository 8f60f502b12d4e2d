-- Issue "Integrity holes" (rules): additive only.
-- 四议两公开: a vote that misses its majority ends the item at that stage (recorded, public).
ALTER TABLE `village_decisions` ADD `failed_stage` text;--> statement-breakpoint
-- Public free text is held for review: only an officer's edited version (public_text) is shown publicly.
ALTER TABLE `objections` ADD `public_text` text;--> statement-breakpoint
ALTER TABLE `feedback` ADD `public_text` text;
