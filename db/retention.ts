/**
 * What `purge` reads and removes (api/services/purge.ts applies the rules of api/domain/retention.ts).
 * Each removal has a count beside it for the dry run. Large removals go in bounded pieces, one
 * writer job each, so votes keep their turn at the write lock. Nothing here touches a chained field.
 */
import { and, asc, eq, gt, inArray, isNotNull, lte, ne, or, sql } from "drizzle-orm";
import type { Queryable, Tx } from "./client.ts";
import { idempotency, objections, publications, votes } from "./schema.ts";

/** Every final publication: its campaign, the list it covers (null: all) and when it was published. */
export async function finalPublicationTimes(db: Queryable) {
  return db
    .select({ campaignId: publications.campaignId, listSlug: publications.listSlug, at: publications.startsAt })
    .from(publications)
    .where(eq(publications.kind, "final"));
}

const ids = (campaignIds: number[]) => (campaignIds.length ? campaignIds : [-1]);

const objectionHasPersonalData = or(
  ne(objections.name, ""),
  ne(objections.contact, ""),
  ne(objections.reason, ""),
  isNotNull(objections.evidence),
  ne(objections.ipHash, ""),
  isNotNull(objections.resolutionNote),
);

export async function countObjectionsToRedact(db: Queryable, campaignIds: number[]): Promise<number> {
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(objections)
    .where(and(inArray(objections.campaignId, ids(campaignIds)), objectionHasPersonalData))
    .get();
  return row?.n ?? 0;
}

/**
 * Blanks the objector's name, contact, reason, evidence and IP hash, and the organizer's note (which
 * may quote them). What stays carries no personal data: the publication, the entry, the receipt
 * number, when it was sent and resolved, and the outcome.
 */
export async function redactObjections(tx: Tx, campaignIds: number[]): Promise<number> {
  const rows = await tx
    .update(objections)
    .set({ name: "", contact: "", reason: "", evidence: null, ipHash: "", resolutionNote: null })
    .where(and(inArray(objections.campaignId, ids(campaignIds)), objectionHasPersonalData))
    .returning({ id: objections.id });
  return rows.length;
}

const voteHasAdvisoryHashes = or(ne(votes.deviceHash, ""), ne(votes.ipPrefixHash, ""));

export async function countVoteAdvisoryHashes(db: Queryable, campaignIds: number[]): Promise<number> {
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(votes)
    .where(and(inArray(votes.campaignId, ids(campaignIds)), voteHasAdvisoryHashes))
    .get();
  return row?.n ?? 0;
}

/**
 * Blanks the device and IP-prefix hashes (outside the chain) of up to `limit` votes after `afterSeq`;
 * returns how many and the last seq changed, from where the next piece goes on.
 */
export async function clearVoteAdvisoryHashes(
  tx: Tx,
  campaignIds: number[],
  afterSeq: number,
  limit: number,
): Promise<{ changed: number; lastSeq: number }> {
  const piece = tx
    .select({ seq: votes.seq })
    .from(votes)
    .where(and(gt(votes.seq, afterSeq), inArray(votes.campaignId, ids(campaignIds)), voteHasAdvisoryHashes))
    .orderBy(asc(votes.seq))
    .limit(limit);
  const rows = await tx
    .update(votes)
    .set({ deviceHash: "", ipPrefixHash: "" })
    .where(inArray(votes.seq, piece))
    .returning({ seq: votes.seq });
  return { changed: rows.length, lastSeq: rows.reduce((m, r) => Math.max(m, r.seq), afterSeq) };
}

export async function countIdempotencyUpTo(db: Queryable, upTo: number): Promise<number> {
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(idempotency)
    .where(lte(idempotency.createdAt, upTo))
    .get();
  return row?.n ?? 0;
}

/** Deletes up to `limit` idempotent answers given at or before `upTo` (the oldest rows come first). */
export async function deleteIdempotencyUpTo(tx: Tx, upTo: number, limit: number): Promise<number> {
  const rows = await tx
    .delete(idempotency)
    // through `idempotency_created`: the oldest rows, without reading the rest
    .where(
      inArray(
        idempotency.seq,
        sql`(select seq from ${idempotency} where ${idempotency.createdAt} <= ${upTo} order by ${idempotency.createdAt} limit ${limit})`,
      ),
    )
    .returning({ seq: idempotency.seq });
  return rows.length;
}
