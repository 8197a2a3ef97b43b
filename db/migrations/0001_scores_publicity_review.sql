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
CREATE TABLE `objections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`publication_id` integer NOT NULL,
	`campaign_id` integer NOT NULL,
	`entry_id` integer NOT NULL,
	`receipt` text NOT NULL,
	`name` text NOT NULL,
	`contact` text NOT NULL,
	`reason` text NOT NULL,
	`evidence` text,
	`ip_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`resolution_note` text,
	`resolved_at` integer,
	`resolved_by` text,
	FOREIGN KEY (`publication_id`) REFERENCES `publications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `objections_receipt_unique` ON `objections` (`receipt`);--> statement-breakpoint
CREATE INDEX `objections_campaign` ON `objections` (`campaign_id`);--> statement-breakpoint
CREATE INDEX `objections_publication` ON `objections` (`publication_id`);--> statement-breakpoint
CREATE TABLE `publications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`kind` text NOT NULL,
	`list_slug` text,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`working_days` integer NOT NULL,
	`snapshot` text NOT NULL,
	`sha256` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `publications_campaign` ON `publications` (`campaign_id`);--> statement-breakpoint
CREATE TABLE `scores` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`list_id` integer NOT NULL,
	`entry_id` integer NOT NULL,
	`dimension` text NOT NULL,
	`component` text NOT NULL,
	`scorer` text DEFAULT '' NOT NULL,
	`score` real NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scores_cell_scorer` ON `scores` (`entry_id`,`dimension`,`component`,`scorer`);--> statement-breakpoint
CREATE INDEX `scores_list` ON `scores` (`list_id`);--> statement-breakpoint
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