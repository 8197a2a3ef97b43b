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
CREATE INDEX `scores_list` ON `scores` (`list_id`);