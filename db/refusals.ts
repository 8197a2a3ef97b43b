/**
 * Refusal counts: what the counter in memory (api/services/refusals.ts) adds up per minute, written
 * in one upsert per flush, read by the organizer API and anomaly review, and purged when old.
 */
import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import type { Queryable, Tx } from "./client.ts";
import { refusalCounts } from "./schema.ts";

export interface RefusalCount {
  minute: number;
  reason: string;
  routeKind: string;
  campaignId: number;
  ipPrefixHash: string;
  count: number;
  sample: string | null;
}

/** Adds each row's count to its minute's row (another process may have counted the same minute). */
export async function addRefusalCounts(tx: Tx, rows: RefusalCount[]): Promise<void> {
  // 7 parameters a row: 100 rows stay well under SQLite's limit of bound parameters
  for (let i = 0; i < rows.length; i += 100) {
    await tx
      .insert(refusalCounts)
      .values(rows.slice(i, i + 100))
      .onConflictDoUpdate({
        target: [refusalCounts.minute, refusalCounts.reason, refusalCounts.routeKind, refusalCounts.campaignId, refusalCounts.ipPrefixHash],
        set: {
          count: sql`${refusalCounts.count} + excluded.count`,
          sample: sql`coalesce(excluded.sample, ${refusalCounts.sample})`,
        },
      });
  }
}

/** Every count from `since` on, oldest first. */
export async function refusalCountsSince(db: Queryable, since: number): Promise<RefusalCount[]> {
  return db.select().from(refusalCounts).where(gte(refusalCounts.minute, since)).orderBy(asc(refusalCounts.minute));
}

/** One campaign's failed bot checks per minute and IP prefix, for anomaly review. */
export async function botFailureCounts(db: Queryable, campaignId: number, since = 0) {
  return db
    .select({ minute: refusalCounts.minute, ipPrefixHash: refusalCounts.ipPrefixHash, count: refusalCounts.count })
    .from(refusalCounts)
    .where(and(eq(refusalCounts.reason, "bot_check_failed"), eq(refusalCounts.campaignId, campaignId), gte(refusalCounts.minute, since)));
}

/** Deletes the counts of minutes that started before `olderThan` (epoch ms); returns how many rows went. */
export async function purgeRefusalCounts(tx: Tx, olderThan: number): Promise<number> {
  const rows = await tx.delete(refusalCounts).where(lt(refusalCounts.minute, olderThan)).returning({ minute: refusalCounts.minute });
  return rows.length;
}

/** How many counts are of minutes that started at `upTo` or earlier (what `purge` would remove). */
export async function countRefusalCountsUpTo(db: Queryable, upTo: number): Promise<number> {
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(refusalCounts)
    .where(lt(refusalCounts.minute, upTo + 1))
    .get();
  return row?.n ?? 0;
}
