CREATE TABLE `list_overrides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`list_id` integer NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	`until` integer,
	`actor` text NOT NULL,
	FOREIGN KEY (`list_id`) REFERENCES `lists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `list_overrides_list_at` ON `list_overrides` (`list_id`,`at`);--> statement-breakpoint
INSERT INTO `list_overrides` (`list_id`, `kind`, `at`, `until`, `actor`) SELECT `id`, CASE `override_state` WHEN 'closed' THEN 'close' ELSE 'open' END, `override_at`, NULL, 'system:migration' FROM `lists` WHERE `override_state` IS NOT NULL AND `override_at` IS NOT NULL;--> statement-breakpoint
ALTER TABLE `lists` DROP COLUMN `override_state`;--> statement-breakpoint
ALTER TABLE `lists` DROP COLUMN `override_at`;