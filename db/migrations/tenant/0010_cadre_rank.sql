-- Seed 003 (工作队队长须为副处级（市直单位）或副科级（县直单位）以上干部): cadres record their 职级.
-- Additive only: existing cadres have no rank (NULL) until it is recorded; one without a rank
-- cannot be made team leader (workers/assignments/rules.ts).
ALTER TABLE `cadres` ADD `rank` text;
