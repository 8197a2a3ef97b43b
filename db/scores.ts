/** Organizers' imported scores (the research and expert components; votes come from the tallies). */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Queryable, Tx } from "./client.ts";
import { scores } from "./schema.ts";

export interface StoredScore {
  entryId: number;
  dimension: string;
  component: string;
  scorer: string;
  score: number;
}

export interface ScoreWrite extends StoredScore {
  listId: number;
  /** "" (the default) for the final round, the only one the composite reads; an earlier round's key */
  round?: string;
}

/** A score of any round, with when it was written (exports, the organizer's scoring view). */
export interface RoundScore extends StoredScore {
  listId: number;
  round: string;
  updatedAt: number;
}

/**
 * Writes scores, replacing any earlier score of the same (entry, dimension, component, scorer).
 * Returns how many were new and how many replaced an earlier one.
 */
export async function upsertScores(
  tx: Tx,
  campaignId: number,
  rows: readonly ScoreWrite[],
  at: number,
): Promise<{ inserted: number; replaced: number }> {
  const existing = new Set<string>();
  for (const listId of new Set(rows.map((r) => r.listId))) {
    const stored = await tx
      .select({
        entryId: scores.entryId,
        dimension: scores.dimension,
        component: scores.component,
        scorer: scores.scorer,
        round: scores.round,
      })
      .from(scores)
      .where(eq(scores.listId, listId));
    for (const r of stored) existing.add(scoreKey(r) + "\u0000" + r.round);
  }
  const replaced = rows.filter((r) => existing.has(scoreKey(r) + "\u0000" + (r.round ?? ""))).length;
  // SQLite's variable limit: a few hundred rows per statement.
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await tx
      .insert(scores)
      .values(
        chunk.map((r) => ({
          campaignId,
          listId: r.listId,
          entryId: r.entryId,
          dimension: r.dimension,
          component: r.component,
          scorer: r.scorer,
          score: r.score,
          updatedAt: at,
          round: r.round ?? "",
        })),
      )
      .onConflictDoUpdate({
        target: [scores.entryId, scores.dimension, scores.component, scores.scorer, scores.round],
        set: {
          score: sql`excluded.score`,
          updatedAt: sql`excluded.updated_at`,
          listId: sql`excluded.list_id`,
          campaignId: sql`excluded.campaign_id`,
        },
      });
  }
  return { inserted: rows.length - replaced, replaced };
}

export function scoreKey(r: Pick<StoredScore, "entryId" | "dimension" | "component" | "scorer">): string {
  return `${r.entryId}\u0000${r.dimension}\u0000${r.component}\u0000${r.scorer}`;
}

/**
 * Every score of one list in one round, in the order written: `round` is the stored key, "" (the
 * default) for the final round, what the composite reads; an earlier round's key for its own scores.
 */
export async function listScores(db: Queryable, listId: number, round = ""): Promise<StoredScore[]> {
  return db
    .select({
      entryId: scores.entryId,
      dimension: scores.dimension,
      component: scores.component,
      scorer: scores.scorer,
      score: scores.score,
    })
    .from(scores)
    .where(and(eq(scores.listId, listId), eq(scores.round, round)))
    .orderBy(scores.id);
}

/** Every score of a campaign, every round, with its round and time. */
export async function campaignRoundScores(db: Queryable, campaignId: number): Promise<RoundScore[]> {
  return db
    .select({
      listId: scores.listId,
      entryId: scores.entryId,
      dimension: scores.dimension,
      component: scores.component,
      scorer: scores.scorer,
      score: scores.score,
      round: scores.round,
      updatedAt: scores.updatedAt,
    })
    .from(scores)
    .where(eq(scores.campaignId, campaignId))
    .orderBy(scores.id);
}

/** Removes one scorer's scores of one round on the given entries (a reopened sheet). */
export async function deleteScorerScores(
  tx: Tx,
  input: { campaignId: number; scorer: string; round: string; entryIds: readonly number[] },
): Promise<number> {
  let removed = 0;
  for (let i = 0; i < input.entryIds.length; i += 50) {
    const rows = await tx
      .delete(scores)
      .where(
        and(
          eq(scores.campaignId, input.campaignId),
          eq(scores.scorer, input.scorer),
          eq(scores.round, input.round),
          inArray(scores.entryId, input.entryIds.slice(i, i + 50)),
        ),
      )
      .returning({ id: scores.id });
    removed += rows.length;
  }
  return removed;
}

/** Every score, grouped by list (for the site snapshot). */
export async function allScores(db: Queryable): Promise<Map<number, StoredScore[]>> {
  const rows = await db
    .select({
      listId: scores.listId,
      entryId: scores.entryId,
      dimension: scores.dimension,
      component: scores.component,
      scorer: scores.scorer,
      score: scores.score,
    })
    .from(scores)
    .where(eq(scores.round, ""));
  const byList = new Map<number, StoredScore[]>();
  for (const { listId, ...r } of rows) {
    const list = byList.get(listId);
    if (list) list.push(r);
    else byList.set(listId, [r]);
  }
  return byList;
}

export async function campaignScoreCount(db: Queryable, campaignId: number): Promise<number> {
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(scores)
    .where(eq(scores.campaignId, campaignId))
    .get();
  return row?.n ?? 0;
}
