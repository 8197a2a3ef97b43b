CREATE TABLE `score_advances` (
	`campaign_id` integer NOT NULL,
	`round` text NOT NULL,
	`list_id` integer NOT NULL,
	`entries` text NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	PRIMARY KEY(`campaign_id`, `round`, `list_id`)
);
--> statement-breakpoint
CREATE TABLE `score_drafts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_id` integer NOT NULL,
	`round` text NOT NULL,
	`entry_id` integer NOT NULL,
	`scores` text NOT NULL,
	`comment` text,
	`revision` integer NOT NULL,
	`saved_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `score_drafts_token_round_entry` ON `score_drafts` (`token_id`,`round`,`entry_id`);--> statement-breakpoint
CREATE TABLE `score_sheets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_id` integer NOT NULL,
	`campaign_id` integer NOT NULL,
	`round` text NOT NULL,
	`status` text NOT NULL,
	`submitted_at` integer,
	`reopened` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `score_sheets_token_round` ON `score_sheets` (`token_id`,`round`);--> statement-breakpoint
-- Every existing score is the final round's (""): the wider unique index holds on any old data.
DROP INDEX `scores_cell_scorer`;--> statement-breakpoint
ALTER TABLE `scores` ADD `round` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `scores_cell_scorer_round` ON `scores` (`entry_id`,`dimension`,`component`,`scorer`,`round`);--> statement-breakpoint
ALTER TABLE `admin_tokens` ADD `scope` text;