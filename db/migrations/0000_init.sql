CREATE TABLE `admin_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `admin_tokens_token_hash_unique` ON `admin_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`target` text,
	`details` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`definition` text NOT NULL,
	`timezone` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaigns_slug_unique` ON `campaigns` (`slug`);--> statement-breakpoint
CREATE TABLE `components` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`key` text NOT NULL,
	`title` text NOT NULL,
	`weight` real NOT NULL,
	`trim` integer DEFAULT false NOT NULL,
	`normalize` text DEFAULT 'max' NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `components_campaign_key` ON `components` (`campaign_id`,`key`);--> statement-breakpoint
CREATE TABLE `dimensions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`key` text NOT NULL,
	`title` text NOT NULL,
	`weight` real NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dimensions_campaign_key` ON `dimensions` (`campaign_id`,`key`);--> statement-breakpoint
CREATE TABLE `entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`list_id` integer NOT NULL,
	`slug` text NOT NULL,
	`data` text NOT NULL,
	`position` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`list_id`) REFERENCES `lists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `entries_list_slug` ON `entries` (`list_id`,`slug`);--> statement-breakpoint
CREATE TABLE `idempotency` (
	`voter_hash` text NOT NULL,
	`key_hash` text NOT NULL,
	`status` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`voter_hash`, `key_hash`)
);
--> statement-breakpoint
CREATE TABLE `lists` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`ranking` text NOT NULL,
	`reveal_scores` text NOT NULL,
	`opens_at` integer,
	`closes_at` integer,
	`per_day` integer DEFAULT 3 NOT NULL,
	`per_entry_per_day` integer DEFAULT 1 NOT NULL,
	`override_state` text,
	`override_at` integer,
	`position` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lists_campaign_slug` ON `lists` (`campaign_id`,`slug`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tallies` (
	`entry_id` integer PRIMARY KEY NOT NULL,
	`list_id` integer NOT NULL,
	`votes` integer DEFAULT 0 NOT NULL,
	`voided` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tally_days` (
	`entry_id` integer NOT NULL,
	`day` text NOT NULL,
	`votes` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`entry_id`, `day`)
);
--> statement-breakpoint
CREATE TABLE `votes` (
	`seq` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`campaign_id` integer NOT NULL,
	`list_id` integer NOT NULL,
	`entry_id` integer NOT NULL,
	`voter_hash` text NOT NULL,
	`ip_hash` text NOT NULL,
	`ip_prefix_hash` text NOT NULL,
	`day` text NOT NULL,
	`received_at` integer NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `votes_id_unique` ON `votes` (`id`);--> statement-breakpoint
CREATE INDEX `votes_voter_day` ON `votes` (`list_id`,`voter_hash`,`day`);--> statement-breakpoint
CREATE INDEX `votes_entry` ON `votes` (`entry_id`);