CREATE TABLE `bot_failures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`campaign_id` integer NOT NULL,
	`voter_hash` text NOT NULL,
	`ip_prefix_hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `bot_failures_campaign_at` ON `bot_failures` (`campaign_id`,`at`);--> statement-breakpoint
CREATE TABLE `export_manifests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign` text NOT NULL,
	`kind` text NOT NULL,
	`format` text NOT NULL,
	`actor` text NOT NULL,
	`generated_at` integer NOT NULL,
	`manifest` text NOT NULL,
	`sha256` text,
	`bytes` integer
);
--> statement-breakpoint
CREATE TABLE `voids` (
	`seq` integer PRIMARY KEY NOT NULL,
	`vote_seq` integer NOT NULL,
	`campaign_id` integer NOT NULL,
	`list_id` integer NOT NULL,
	`entry_id` integer NOT NULL,
	`reason` text NOT NULL,
	`actor` text NOT NULL,
	`at` integer NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `voids_vote_seq_unique` ON `voids` (`vote_seq`);--> statement-breakpoint
CREATE INDEX `voids_campaign` ON `voids` (`campaign_id`);--> statement-breakpoint
ALTER TABLE `tally_days` ADD `voided` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `votes` ADD `device_hash` text DEFAULT '' NOT NULL;