/** The scores (imported, or submitted by experts) and expert scoring's sheets, drafts and picks: part of db/schema.ts. */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * Organizers' imported scores: one row per (entry, dimension, component, scorer). A re-import of
 * the same cell and scorer replaces the score; the vote component is never stored here (it is
 * computed from the tallies).
 */
export const scores = sqliteTable(
  "scores",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    campaignId: integer("campaign_id").notNull(),
    listId: integer("list_id").notNull(),
    entryId: integer("entry_id").notNull(),
    dimension: text("dimension").notNull(),
    component: text("component").notNull(),
    /** "" for a single-scorer component */
    scorer: text("scorer").notNull().default(""),
    score: real("score").notNull(),
    updatedAt: integer("updated_at").notNull(),
    /** "" for the final round (the only one the composite reads); an earlier round's key otherwise */
    round: text("round").notNull().default(""),
  },
  (t) => [
    uniqueIndex("scores_cell_scorer_round").on(t.entryId, t.dimension, t.component, t.scorer, t.round),
    index("scores_list").on(t.listId),
  ],
);

/**
 * An expert's sheet for one round: draft until submitted; a reopening sets it back to draft and
 * is kept in `reopened` (JSON `[{at, by, reason}]`). Keyed by the scorer token.
 */
export const scoreSheets = sqliteTable(
  "score_sheets",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenId: integer("token_id").notNull(),
    campaignId: integer("campaign_id").notNull(),
    /** the round's stored key: "" for the final round */
    round: text("round").notNull(),
    status: text("status", { enum: ["draft", "submitted"] }).notNull(),
    submittedAt: integer("submitted_at"),
    reopened: text("reopened")
      .notNull()
      .default(sql`'[]'`),
  },
  (t) => [uniqueIndex("score_sheets_token_round").on(t.tokenId, t.round)],
);

/** An expert's draft of one entry: the cells as sent (JSON), the comment, the client's revision. Never counted. */
export const scoreDrafts = sqliteTable(
  "score_drafts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    tokenId: integer("token_id").notNull(),
    round: text("round").notNull(),
    entryId: integer("entry_id").notNull(),
    scores: text("scores").notNull(),
    comment: text("comment"),
    revision: integer("revision").notNull(),
    savedAt: integer("saved_at").notNull(),
  },
  (t) => [uniqueIndex("score_drafts_token_round_entry").on(t.tokenId, t.round, t.entryId)],
);

/** The organizer's pick of the entries entering a `manual` round, per list (JSON array of slugs). */
export const scoreAdvances = sqliteTable(
  "score_advances",
  {
    campaignId: integer("campaign_id").notNull(),
    round: text("round").notNull(),
    listId: integer("list_id").notNull(),
    entries: text("entries").notNull(),
    at: integer("at").notNull(),
    actor: text("actor").notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.round, t.listId] })],
);
