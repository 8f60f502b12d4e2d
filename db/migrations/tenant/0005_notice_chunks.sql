CREATE TABLE `csv_import_chunks` (
	`import_id` integer NOT NULL,
	`chunk_no` integer NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`import_id`, `chunk_no`),
	FOREIGN KEY (`import_id`) REFERENCES `csv_imports`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `notice_chunks` (
	`notice_id` integer NOT NULL,
	`chunk_no` integer NOT NULL,
	`text` text NOT NULL,
	PRIMARY KEY(`notice_id`, `chunk_no`),
	FOREIGN KEY (`notice_id`) REFERENCES `notices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `notices` ADD `chunk_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `notices` ADD `line_count` integer;--> statement-breakpoint
-- A notice's snapshot is as immutable in pieces as in one row (0003_money_guards.sql): pieces are
-- never changed or deleted, and none beyond the notice's own chunk_count can ever be added, so
-- the concatenation `content_hash` covers is fixed once the notice's batch has committed.
CREATE TRIGGER notice_chunks_immutable
BEFORE UPDATE ON notice_chunks
BEGIN
  SELECT RAISE(ABORT, 'notice_immutable: a published notice is never changed');
END;
--> statement-breakpoint
CREATE TRIGGER notice_chunks_undeletable
BEFORE DELETE ON notice_chunks
BEGIN
  SELECT RAISE(ABORT, 'notice_immutable: a published notice is never changed');
END;
--> statement-breakpoint
CREATE TRIGGER notice_chunks_bounded
BEFORE INSERT ON notice_chunks
WHEN NEW.chunk_no < 0 OR NEW.chunk_no >= coalesce((SELECT chunk_count FROM notices WHERE id = NEW.notice_id), 0)
BEGIN
  SELECT RAISE(ABORT, 'notice_immutable: a notice has exactly chunk_count pieces');
END;
--> statement-breakpoint
CREATE TRIGGER notices_chunking_immutable
BEFORE UPDATE OF chunk_count, line_count ON notices
BEGIN
  SELECT RAISE(ABORT, 'notice_immutable: a published notice is never changed');
END;
