-- Issue 12 (seed 001): 签到 and 请假/销假, so that resident days are evidence, not a number typed in.
-- Additive only. Villages get their registered location (WGS-84 degrees; NULL until recorded):
-- a check-in far from it is flagged, never refused.
ALTER TABLE `villages` ADD `latitude` real CHECK (`latitude` IS NULL OR `latitude` BETWEEN -90 AND 90);
--> statement-breakpoint
ALTER TABLE `villages` ADD `longitude` real CHECK (`longitude` IS NULL OR `longitude` BETWEEN -180 AND 180);
--> statement-breakpoint
-- One check-in per assignment, China calendar day and slot (morning / evening): a second tap is a 409.
CREATE TABLE `check_ins` (
  `id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  `assignment_id` integer NOT NULL REFERENCES `assignments`(`id`),
  `day` text NOT NULL,
  `slot` text NOT NULL CHECK (`slot` IN ('morning', 'evening')),
  `checked_at` integer NOT NULL,
  `latitude` real CHECK (`latitude` IS NULL OR `latitude` BETWEEN -90 AND 90),
  `longitude` real CHECK (`longitude` IS NULL OR `longitude` BETWEEN -180 AND 180),
  `accuracy_m` integer CHECK (`accuracy_m` IS NULL OR `accuracy_m` BETWEEN 0 AND 100000),
  `distance_m` integer,
  `flag` text CHECK (`flag` IS NULL OR `flag` IN ('far', 'no_location', 'village_unlocated')),
  `no_location_reason` text CHECK (`no_location_reason` IS NULL OR `no_location_reason` IN ('denied', 'unavailable', 'unsupported', 'other')),
  `note` text,
  `created_by` integer NOT NULL,
  `created_at` integer NOT NULL DEFAULT (unixepoch()),
  CHECK ((`latitude` IS NULL) = (`longitude` IS NULL)),
  CHECK ((`latitude` IS NULL) = (`no_location_reason` IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `check_ins_slot_uq` ON `check_ins` (`assignment_id`, `day`, `slot`);
--> statement-breakpoint
CREATE INDEX `check_ins_day_idx` ON `check_ins` (`day`);
--> statement-breakpoint
-- A check-in is evidence: never changed, never deleted.
CREATE TRIGGER check_ins_immutable
BEFORE UPDATE ON check_ins
BEGIN
  SELECT RAISE(ABORT, 'check_in_immutable: a check-in is never changed');
END;
--> statement-breakpoint
CREATE TRIGGER check_ins_undeletable
BEFORE DELETE ON check_ins
BEGIN
  SELECT RAISE(ABORT, 'check_in_immutable: a check-in is never deleted');
END;
--> statement-breakpoint
-- 请假: requested by the resident cadre, approved or rejected by the township (or the county), never
-- by the requester; 销假 records the day the cadre was back (the leave then ends the day before).
CREATE TABLE `leaves` (
  `id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  `assignment_id` integer NOT NULL REFERENCES `assignments`(`id`),
  `kind` text NOT NULL CHECK (`kind` IN ('personal', 'sick', 'official', 'other')),
  `start_date` text NOT NULL,
  `end_date` text NOT NULL,
  `reason` text NOT NULL,
  `status` text NOT NULL DEFAULT 'pending' CHECK (`status` IN ('pending', 'approved', 'rejected', 'cancelled', 'returned')),
  `requested_by` integer NOT NULL,
  `decided_by` integer,
  `decided_at` integer,
  `decision_note` text,
  `returned_on` text,
  `created_at` integer NOT NULL DEFAULT (unixepoch()),
  `updated_at` integer NOT NULL DEFAULT (unixepoch()),
  CHECK (`start_date` <= `end_date`),
  CHECK ((`status` = 'returned') = (`returned_on` IS NOT NULL)),
  CHECK (`returned_on` IS NULL OR `returned_on` >= `start_date`)
);
--> statement-breakpoint
CREATE INDEX `leaves_assignment_idx` ON `leaves` (`assignment_id`, `start_date`);
--> statement-breakpoint
CREATE INDEX `leaves_status_idx` ON `leaves` (`status`, `start_date`);
