-- Answers appended in the order they were given (decision 042). The table was led by the key's
-- hash, so every vote wrote its answer into a random page (and wrote that page again at the
-- checkpoint): two thirds of the bytes a vote wrote. Now a row goes at the end (`seq`, never
-- reused) and a key is found through the writer's memory of the last days' keys, which reads this
-- table in `seq` order. Older rows are copied oldest first, so `seq` follows `created_at`. No
-- foreign key names this table.
CREATE TABLE `__new_idempotency` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key_hash` text NOT NULL,
	`voter_hash` text NOT NULL,
	`cookieless` integer DEFAULT false NOT NULL,
	`status` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_idempotency`("key_hash", "voter_hash", "cookieless", "status", "body", "created_at") SELECT "key_hash", "voter_hash", "cookieless", "status", "body", "created_at" FROM `idempotency` ORDER BY "created_at", "key_hash", "voter_hash";--> statement-breakpoint
DROP TABLE `idempotency`;--> statement-breakpoint
ALTER TABLE `__new_idempotency` RENAME TO `idempotency`;--> statement-breakpoint
CREATE INDEX `idempotency_created` ON `idempotency` (`created_at`);
