CREATE TABLE `indicator_values` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`list_id` integer NOT NULL,
	`entry_id` integer NOT NULL,
	`indicator` text NOT NULL,
	`year` integer NOT NULL,
	`type` text DEFAULT '' NOT NULL,
	`rank` integer DEFAULT 1 NOT NULL,
	`item` text DEFAULT '' NOT NULL,
	`value` real NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicator_values_key` ON `indicator_values` (`entry_id`,`indicator`,`year`,`type`,`rank`,`item`);--> statement-breakpoint
CREATE INDEX `indicator_values_list` ON `indicator_values` (`list_id`);