-- Operating hundreds of tenants (issue 13): the catalog records what each tenant database holds,
-- so `npm start` checks one table instead of opening every database, and `db:migrate` can tell a
-- deleted database (catalog says migrated, database is empty) from a new one.
ALTER TABLE `tenants` ADD `schema_version` integer;
--> statement-breakpoint
ALTER TABLE `tenants` ADD `migrated_at` integer;
--> statement-breakpoint
-- Time Travel bookmark taken right before the last remote migration (restore point).
ALTER TABLE `tenants` ADD `bookmark` text;
--> statement-breakpoint
-- Random per-tenant salt for PII key derivation (v3 ciphertexts); the slug no longer salts keys.
ALTER TABLE `tenants` ADD `key_salt` text;
--> statement-breakpoint
-- Last successful export (file name and ledger/audit head it contains): deletion requires one.
ALTER TABLE `tenants` ADD `exported_at` integer;
--> statement-breakpoint
ALTER TABLE `tenants` ADD `export_ref` text;
--> statement-breakpoint
CREATE INDEX `tenants_status_division` ON `tenants` (`status`, `division_code`);
--> statement-breakpoint
-- Platform operators sign in separately from tenants: their sessions live here, never in a tenant.
CREATE TABLE `operator_sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`operator_id` integer NOT NULL REFERENCES `operators`(`id`),
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL
);
--> statement-breakpoint
-- What operators did (add, suspend, export, delete, key rotation): the control plane's own log.
CREATE TABLE `operator_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer DEFAULT (unixepoch()) NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`tenant_slug` text,
	`detail` text
);
