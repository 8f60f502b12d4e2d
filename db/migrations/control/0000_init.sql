CREATE TABLE `tenants` (
	`slug` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`level` text NOT NULL,
	`division_code` text NOT NULL,
	`binding` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL,
	CONSTRAINT "tenants_slug_format" CHECK("tenants"."slug" GLOB '[a-z]*' AND length("tenants"."slug") BETWEEN 2 AND 40),
	CONSTRAINT "tenants_division_code_format" CHECK(length("tenants"."division_code") = 6 AND "tenants"."division_code" NOT GLOB '*[^0-9]*')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_division_code_unique` ON `tenants` (`division_code`);--> statement-breakpoint
CREATE UNIQUE INDEX `tenants_binding_unique` ON `tenants` (`binding`);--> statement-breakpoint
CREATE TABLE `operators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch()) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `operators_username_unique` ON `operators` (`username`);