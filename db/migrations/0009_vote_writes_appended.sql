-- A vote appends; it writes no random page (decision 042). Until now a vote wrote two: its answer
-- in the idempotency table, led by the key's hash, and its row in `votes_voter_day`, led by the
-- voter's hash. Each such page went to the WAL and again to the file at the checkpoint: 28 KiB a
-- vote, where the vote's own row is a few hundred bytes.
--
-- Answers are now appended in the order they were given (`seq`, never reused) and a key is found
-- through the writer's memory of the last days' keys, which reads this table in `seq` order. Older
-- rows are copied oldest first, so `seq` follows `created_at`. No foreign key names this table.
--
-- The daily limits read the writer's memory of the current days' votes, rebuilt from the ledger,
-- so nothing reads `votes_voter_day` any more.
DROP INDEX `votes_voter_day`;--> statement-breakpoint
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
