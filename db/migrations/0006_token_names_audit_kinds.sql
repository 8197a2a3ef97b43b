ALTER TABLE `admin_tokens` ADD `last_used_at` integer;--> statement-breakpoint
-- Names become unique among active tokens. Older databases may hold several active tokens of one
-- name: the oldest keeps it, the others become name-2, name-3… in the order they were created.
CREATE TEMP TABLE `token_renames` AS SELECT `id`, `name` || '-' || `rn` AS `name` FROM (SELECT `id`, `name`, row_number() OVER (PARTITION BY `name` ORDER BY `id`) AS `rn` FROM `admin_tokens` WHERE `revoked_at` IS NULL) WHERE `rn` > 1;--> statement-breakpoint
-- a new name that meets an existing one (a token really named name-2) takes its id too: name-2-17
UPDATE `token_renames` SET `name` = `name` || '-' || `id` WHERE `name` IN (SELECT `name` FROM `admin_tokens` WHERE `revoked_at` IS NULL);--> statement-breakpoint
UPDATE `admin_tokens` SET `name` = (SELECT `r`.`name` FROM `token_renames` `r` WHERE `r`.`id` = `admin_tokens`.`id`) WHERE `id` IN (SELECT `id` FROM `token_renames`);--> statement-breakpoint
DROP TABLE `token_renames`;--> statement-breakpoint
-- should any clash remain, the later token takes its id, so the index below is always built
UPDATE `admin_tokens` SET `name` = `name` || '-' || `id` WHERE `revoked_at` IS NULL AND EXISTS (SELECT 1 FROM `admin_tokens` `o` WHERE `o`.`revoked_at` IS NULL AND `o`.`name` = `admin_tokens`.`name` AND `o`.`id` < `admin_tokens`.`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `admin_tokens_active_name` ON `admin_tokens` (`name`) WHERE revoked_at IS NULL;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `kind` text DEFAULT 'write' NOT NULL;--> statement-breakpoint
UPDATE `audit_log` SET `kind` = 'read' WHERE `action` = 'read';--> statement-breakpoint
UPDATE `audit_log` SET `kind` = 'refusal' WHERE `action` IN ('denied', 'refused');--> statement-breakpoint
CREATE INDEX `audit_log_kind_id` ON `audit_log` (`kind`,`id`);
