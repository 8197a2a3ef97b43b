/** The vote ledger, tallies and idempotency records. */
import { and, desc, eq, sql } from "drizzle-orm";
import type { Queryable, Tx } from "./client.ts";
import { idempotency, lists, tallies, tallyDays, votes } from "./schema.ts";

export interface ListVotingRow {
  opensAt: number | null;
  closesAt: number | null;
  perDay: number;
  perEntryPerDay: number;
  overrideState: "open" | "closed" | null;
  overrideAt: number | null;
}

/** The list's window and manual override as committed now (read inside the writer's transaction). */
export async function listVotingRow(db: Queryable, listId: number): Promise<ListVotingRow | undefined> {
  return db
    .select({
      opensAt: lists.opensAt,
      closesAt: lists.closesAt,
      perDay: lists.perDay,
      perEntryPerDay: lists.perEntryPerDay,
      overrideState: lists.overrideState,
      overrideAt: lists.overrideAt,
    })
    .from(lists)
    .where(eq(lists.id, listId))
    .get();
}

/** Votes per entry that this voter cast in this list on this day. */
export async function voterDayUsage(db: Queryable, listId: number, voterHash: string, day: string): Promise<Map<number, number>> {
  const rows = await db
    .select({ entryId: votes.entryId, n: sql<number>`count(*)` })
    .from(votes)
    .where(and(eq(votes.listId, listId), eq(votes.voterHash, voterHash), eq(votes.day, day)))
    .groupBy(votes.entryId);
  return new Map(rows.map((r) => [r.entryId, r.n]));
}

export async function ledgerHead(db: Queryable): Promise<{ seq: number; hash: string } | undefined> {
  return db.select({ seq: votes.seq, hash: votes.hash }).from(votes).orderBy(desc(votes.seq)).limit(1).get();
}

export interface NewVote {
  seq: number;
  id: string;
  campaignId: number;
  listId: number;
  entryId: number;
  voterHash: string;
  ipHash: string;
  ipPrefixHash: string;
  day: string;
  receivedAt: number;
  prevHash: string;
  hash: string;
}

/** Appends a vote and moves its tallies in the same transaction; returns the entry's valid votes. */
export async function appendVote(tx: Tx, vote: NewVote): Promise<number> {
  await tx.insert(votes).values(vote);
  await tx
    .insert(tallyDays)
    .values({ entryId: vote.entryId, day: vote.day, votes: 1 })
    .onConflictDoUpdate({ target: [tallyDays.entryId, tallyDays.day], set: { votes: sql`${tallyDays.votes} + 1` } });
  const row = await tx
    .insert(tallies)
    .values({ entryId: vote.entryId, listId: vote.listId, votes: 1 })
    .onConflictDoUpdate({ target: tallies.entryId, set: { votes: sql`${tallies.votes} + 1` } })
    .returning({ votes: tallies.votes })
    .get();
  return row.votes;
}

export interface StoredResponse {
  status: number;
  body: string;
}

export async function findIdempotent(db: Queryable, voterHash: string, keyHash: string): Promise<StoredResponse | undefined> {
  return db
    .select({ status: idempotency.status, body: idempotency.body })
    .from(idempotency)
    .where(and(eq(idempotency.voterHash, voterHash), eq(idempotency.keyHash, keyHash)))
    .get();
}

export async function saveIdempotent(tx: Tx, voterHash: string, keyHash: string, response: StoredResponse, at: number): Promise<void> {
  await tx.insert(idempotency).values({ voterHash, keyHash, status: response.status, body: response.body, createdAt: at });
}

/** Valid votes per entry of one list. */
export async function listTallies(db: Queryable, listId: number): Promise<Map<number, number>> {
  const rows = await db.select({ entryId: tallies.entryId, votes: tallies.votes }).from(tallies).where(eq(tallies.listId, listId));
  return new Map(rows.map((r) => [r.entryId, r.votes]));
}

/** Valid votes of every entry, for a full refresh. */
export async function allTallies(db: Queryable): Promise<Map<number, number>> {
  const rows = await db.select({ entryId: tallies.entryId, votes: tallies.votes }).from(tallies);
  return new Map(rows.map((r) => [r.entryId, r.votes]));
}

export async function voteCount(db: Queryable): Promise<number> {
  const row = await db.select({ n: sql<number>`count(*)` }).from(votes).get();
  return row?.n ?? 0;
}

export type LedgerRow = NewVote;

/** Ledger rows in sequence order, from `afterSeq` on, at most `limit` of them. */
export async function readLedger(db: Queryable, afterSeq = 0, limit = 10_000): Promise<LedgerRow[]> {
  return db.select().from(votes).where(sql`${votes.seq} > ${afterSeq}`).orderBy(votes.seq).limit(limit);
}
