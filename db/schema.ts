/**
 * The database schema. Only `db/` knows drizzle and SQL; everything else goes through the named
 * data functions exported from `db/index.ts`.
 *
 * Votes are an append-only ledger: `seq` is dense and increasing, `hash` chains each vote to the
 * previous one. Tallies are kept in the same transaction as the vote, so reads never aggregate
 * the ledger. No raw IP or cookie id is stored: only keyed hashes.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// the scores and expert scoring's tables, kept in their own file
export * from "./schema-scores.ts";

export const meta = sqliteTable("meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

export const campaigns = sqliteTable("campaigns", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  /** the validated campaign file as imported (JSON) */
  definition: text("definition").notNull(),
  timezone: text("timezone").notNull(),
  position: integer("position").notNull().default(0),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

export const dimensions = sqliteTable(
  "dimensions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    key: text("key").notNull(),
    title: text("title").notNull(),
    weight: real("weight").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [uniqueIndex("dimensions_campaign_key").on(t.campaignId, t.key)],
);

export const components = sqliteTable(
  "components",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    key: text("key").notNull(),
    title: text("title").notNull(),
    weight: real("weight").notNull(),
    trim: integer("trim", { mode: "boolean" }).notNull().default(false),
    normalize: text("normalize", { enum: ["max", "rank"] })
      .notNull()
      .default("max"),
    position: integer("position").notNull(),
  },
  (t) => [uniqueIndex("components_campaign_key").on(t.campaignId, t.key)],
);

export const lists = sqliteTable(
  "lists",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    ranking: text("ranking", { enum: ["ranked", "unranked"] }).notNull(),
    revealScores: text("reveal_scores", { enum: ["always", "after_close", "never"] }).notNull(),
    /** scheduled window, epoch ms; null when the list has no public vote */
    opensAt: integer("opens_at"),
    closesAt: integer("closes_at"),
    perDay: integer("per_day").notNull().default(3),
    perEntryPerDay: integer("per_entry_per_day").notNull().default(1),
    position: integer("position").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [uniqueIndex("lists_campaign_slug").on(t.campaignId, t.slug)],
);

/**
 * Every manual open and close of a list's voting, never updated: a vote is judged at its receipt
 * against all of them (api/domain/voting.ts), so one received during a close does not count when a
 * reopening commits before it does. `schedule` marks a new window set by hand, from which the
 * schedule alone decides again.
 */
export const listOverrides = sqliteTable(
  "list_overrides",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    listId: integer("list_id")
      .notNull()
      .references(() => lists.id),
    kind: text("kind", { enum: ["open", "close", "schedule"] }).notNull(),
    /** when it took effect, epoch ms (the instant its writer job held the lock) */
    at: integer("at").notNull(),
    /** a reopening's end, epoch ms; null = the scheduled `closesAt` */
    until: integer("until"),
    actor: text("actor").notNull(),
  },
  (t) => [index("list_overrides_list_at").on(t.listId, t.at)],
);

export const entries = sqliteTable(
  "entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    listId: integer("list_id")
      .notNull()
      .references(() => lists.id),
    slug: text("slug").notNull(),
    /** the entry as in the campaign file (JSON): name, kind, region, sector, summary, description */
    data: text("data").notNull(),
    position: integer("position").notNull(),
    /** false once a re-import dropped it; kept because votes may point at it */
    active: integer("active", { mode: "boolean" }).notNull().default(true),
  },
  (t) => [uniqueIndex("entries_list_slug").on(t.listId, t.slug)],
);

export const votes = sqliteTable(
  "votes",
  {
    seq: integer("seq").primaryKey(),
    id: text("id").notNull().unique(),
    campaignId: integer("campaign_id").notNull(),
    listId: integer("list_id").notNull(),
    entryId: integer("entry_id").notNull(),
    voterHash: text("voter_hash").notNull(),
    ipHash: text("ip_hash").notNull(),
    /** keyed hash of the /24 (IPv4) or /48 (IPv6) prefix, for anomaly review */
    ipPrefixHash: text("ip_prefix_hash").notNull(),
    /** calendar day of the vote in the campaign's time zone, YYYY-MM-DD */
    day: text("day").notNull(),
    /** when the server received the request (epoch ms); the window is judged at this instant */
    receivedAt: integer("received_at").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
    /**
     * keyed hash of what the browser says about itself (User-Agent, Accept-Language, client hints)
     * and its IP prefix, for anomaly review; not part of the chained fields (decision 002 fixed them)
     */
    deviceHash: text("device_hash").notNull().default(""),
  },
  // No index leads by voter: the daily limits read the writer's memory of the current days
  // (db/voter-days.ts), since an index on a random hash took a random page a vote (decision 042).
  (t) => [index("votes_entry").on(t.entryId)],
);

/**
 * Void records: fraud review appends one per voided vote; nothing in `votes` changes. They form a
 * chain of their own (`hash` over the previous void's hash and the canonical void fields, which name
 * the vote's seq and hash), so an export can prove every void too.
 */
export const voids = sqliteTable(
  "voids",
  {
    seq: integer("seq").primaryKey(),
    voteSeq: integer("vote_seq").notNull().unique(),
    campaignId: integer("campaign_id").notNull(),
    listId: integer("list_id").notNull(),
    entryId: integer("entry_id").notNull(),
    reason: text("reason").notNull(),
    actor: text("actor").notNull(),
    at: integer("at").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("voids_campaign").on(t.campaignId)],
);

/**
 * Refusals of unauthenticated traffic, counted per minute instead of written per request: organizer
 * calls without a valid token (`admin_read`, `admin_write`) and failed bot checks (`vote`, per
 * campaign and IP-prefix hash, for anomaly review). A minute holds a bounded number of rows (the
 * counter folds keys past its cap into one); `sample` is the last path seen, at most 200 characters.
 */
export const refusalCounts = sqliteTable(
  "refusal_counts",
  {
    /** epoch ms of the minute's start */
    minute: integer("minute").notNull(),
    reason: text("reason").notNull(),
    routeKind: text("route_kind").notNull(),
    /** 0 when the refusal names no campaign */
    campaignId: integer("campaign_id").notNull().default(0),
    /** "" when the refusal is not counted per prefix */
    ipPrefixHash: text("ip_prefix_hash").notNull().default(""),
    count: integer("count").notNull(),
    sample: text("sample"),
  },
  (t) => [primaryKey({ columns: [t.minute, t.reason, t.routeKind, t.campaignId, t.ipPrefixHash] })],
);

/** Every export's manifest, its sha256 filled in once the file has been written out. */
export const exportManifests = sqliteTable("export_manifests", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  campaign: text("campaign").notNull(),
  kind: text("kind").notNull(),
  format: text("format").notNull(),
  actor: text("actor").notNull(),
  generatedAt: integer("generated_at").notNull(),
  /** the manifest as served (JSON), without sha256 and bytes until they are known */
  manifest: text("manifest").notNull(),
  sha256: text("sha256"),
  bytes: integer("bytes"),
});

export const tallies = sqliteTable("tallies", {
  entryId: integer("entry_id").primaryKey(),
  listId: integer("list_id").notNull(),
  votes: integer("votes").notNull().default(0),
  voided: integer("voided").notNull().default(0),
});

export const tallyDays = sqliteTable(
  "tally_days",
  {
    entryId: integer("entry_id").notNull(),
    day: text("day").notNull(),
    votes: integer("votes").notNull().default(0),
    voided: integer("voided").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.day] })],
);

/**
 * The answer given to each idempotency key, one row a vote: the voter it was given to, and whether
 * the request came without a cookie (then cookie-less retries of the key replay it too; decision
 * 025). Rows are appended in the order they were given (`seq`, never reused), so a batch of votes
 * writes its answers at the table's end instead of a random page each; no index leads by the key.
 * A key is found through the writer's memory of the last days' keys (db/answers.ts), which is
 * rebuilt from this table and kept up with it (decision 042).
 */
export const idempotency = sqliteTable(
  "idempotency",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    keyHash: text("key_hash").notNull(),
    voterHash: text("voter_hash").notNull(),
    cookieless: integer("cookieless", { mode: "boolean" }).notNull().default(false),
    status: integer("status").notNull(),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("idempotency_created").on(t.createdAt)],
);

const activeToken = sql`revoked_at IS NULL`;
/** Admin tokens, by hash; a name is unique among active ones; `last_used_at` kept to the minute. */
export const adminTokens = sqliteTable(
  "admin_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    role: text("role", { enum: ["organizer", "auditor", "scorer"] }).notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    /** a scorer token's scope (JSON `{campaign, lists, recuse, round}`); null for other roles */
    scope: text("scope"),
    createdAt: integer("created_at").notNull(),
    revokedAt: integer("revoked_at"),
    lastUsedAt: integer("last_used_at"),
  },
  (t) => [uniqueIndex("admin_tokens_active_name").on(t.name).where(activeToken)],
);

/** The audit log; `kind`: write (something changed), read (a GET or a preview), refusal (a signed-in caller refused). */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    target: text("target"),
    details: text("details")
      .notNull()
      .default(sql`'{}'`),
    kind: text("kind", { enum: ["write", "read", "refusal"] })
      .notNull()
      .default("write"),
  },
  (t) => [index("audit_log_kind_id").on(t.kind, t.id)],
);

/**
 * Indicator figures (S1's county indicators, S3's park and enterprise indicators) as organizers
 * import them: one row per (entry, indicator, year), or per type, unit rank and item for weighted
 * counts. Formulas, thresholds and changes are computed from these (api/domain/indicators.ts).
 */
export const indicatorValues = sqliteTable(
  "indicator_values",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    campaignId: integer("campaign_id").notNull(),
    listId: integer("list_id").notNull(),
    entryId: integer("entry_id").notNull(),
    indicator: text("indicator").notNull(),
    year: integer("year").notNull(),
    /** weighted counts: the ω type; "" otherwise */
    type: text("type").notNull().default(""),
    /** the entry's rank among the units (1 = lead unit) */
    rank: integer("rank").notNull().default(1),
    /** what makes the same enterprise, platform or patent count once; "" when not given */
    item: text("item").notNull().default(""),
    value: real("value").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("indicator_values_key").on(t.entryId, t.indicator, t.year, t.type, t.rank, t.item),
    index("indicator_values_list").on(t.listId),
  ],
);

/**
 * Publications (公示 and final lists): the served snapshot JSON is stored as text with its sha256
 * and never rewritten; there is no update function for this table.
 */
export const publications = sqliteTable(
  "publications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    kind: text("kind", { enum: ["preliminary", "final"] }).notNull(),
    /** the list's slug when the publication covers one list; null for the whole campaign */
    listSlug: text("list_slug"),
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    workingDays: integer("working_days").notNull(),
    snapshot: text("snapshot").notNull(),
    sha256: text("sha256").notNull(),
    createdAt: integer("created_at").notNull(),
    createdBy: text("created_by").notNull(),
  },
  (t) => [index("publications_campaign").on(t.campaignId)],
);

/** Objections (异议) raised during a publicity period. Name and contact are for organizers only. */
export const objections = sqliteTable(
  "objections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    publicationId: integer("publication_id")
      .notNull()
      .references(() => publications.id),
    campaignId: integer("campaign_id").notNull(),
    entryId: integer("entry_id").notNull(),
    receipt: text("receipt").notNull().unique(),
    name: text("name").notNull(),
    contact: text("contact").notNull(),
    reason: text("reason").notNull(),
    evidence: text("evidence"),
    /** keyed hash of the sender's IP, for abuse review; never the raw address */
    ipHash: text("ip_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    status: text("status", { enum: ["pending", "upheld", "rejected"] })
      .notNull()
      .default("pending"),
    resolutionNote: text("resolution_note"),
    resolvedAt: integer("resolved_at"),
    resolvedBy: text("resolved_by"),
  },
  (t) => [index("objections_campaign").on(t.campaignId), index("objections_publication").on(t.publicationId)],
);

/**
 * Revocations (摘牌): a designated entry losing its designation after a review. One row per entry,
 * written once and never updated; the publications it was designated in stay as they were.
 */
export const revocations = sqliteTable(
  "revocations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    entryId: integer("entry_id")
      .notNull()
      .references(() => entries.id),
    /** the day of the decision, YYYY-MM-DD in the campaign's time zone */
    date: text("date").notNull(),
    reason: text("reason").notNull(),
    createdAt: integer("created_at").notNull(),
    createdBy: text("created_by").notNull(),
  },
  (t) => [uniqueIndex("revocations_entry").on(t.entryId), index("revocations_campaign").on(t.campaignId)],
);
