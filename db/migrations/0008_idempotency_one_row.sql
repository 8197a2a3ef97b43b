-- One row a vote in a WITHOUT ROWID table led by the key's hash (decision 029). Until now a vote
-- sent without a cookie kept its answer twice: under its voter and under the name `no-cookie`.
-- Those `no-cookie` rows become rows marked `cookieless`, which is what they always meant; every
-- other row keeps its voter, unmarked. No foreign key names this table.
CREATE TABLE `__new_idempotency` (
	`key_hash` text NOT NULL,
	`voter_hash` text NOT NULL,
	`cookieless` integer DEFAULT false NOT NULL,
	`status` integer NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`key_hash`, `voter_hash`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_idempotency`("key_hash", "voter_hash", "cookieless", "status", "body", "created_at") SELECT "key_hash", "voter_hash", "voter_hash" = 'no-cookie', "status", "body", "created_at" FROM `idempotency`;--> statement-breakpoint
DROP TABLE `idempotency`;--> statement-breakpoint
ALTER TABLE `__new_idempotency` RENAME TO `idempotency`;
