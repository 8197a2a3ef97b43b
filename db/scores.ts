/** Organizers' imported scores (the research and expert components; votes come from the tallies). */
import { eq, sql } from "drizzle-orm";
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
    for (const r of await listScores(tx, listId)) existing.add(scoreKey(r));
  }
  const replaced = rows.filter((r) => existing.has(scoreKey(r))).length;
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
        })),
      )
      .onConflictDoUpdate({
        target: [scores.entryId, scores.dimension, scores.component, scores.scorer],
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

/** Every score of one list. */
export async function listScores(db: Queryable, listId: number): Promise<StoredScore[]> {
  return db
    .select({
      entryId: scores.entryId,
      dimension: scores.dimension,
      component: scores.component,
      scorer: scores.scorer,
      score: scores.score,
    })
    .from(scores)
    .where(eq(scores.listId, listId));
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
    .from(scores);
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
