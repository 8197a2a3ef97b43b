CREATE TABLE `refusal_counts` (
	`minute` integer NOT NULL,
	`reason` text NOT NULL,
	`route_kind` text NOT NULL,
	`campaign_id` integer DEFAULT 0 NOT NULL,
	`ip_prefix_hash` text DEFAULT '' NOT NULL,
	`count` integer NOT NULL,
	`sample` text,
	PRIMARY KEY(`minute`, `reason`, `route_kind`, `campaign_id`, `ip_prefix_hash`)
);
--> statement-breakpoint
DROP TABLE `bot_failures`;