-- A rectification's dispatch (选派第一书记 / 指导员) creates a real assignment through the assignments
-- service; the rectification keeps which one. Additive only; no public page reads it.
ALTER TABLE `village_rectifications` ADD `dispatched_assignment_id` integer REFERENCES `assignments`(`id`);
