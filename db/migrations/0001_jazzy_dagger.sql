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