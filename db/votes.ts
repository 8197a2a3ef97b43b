/** The vote ledger, tallies and idempotency records. */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { listOverrideHistory, type StoredList, type StoredOverride } from "./catalog.ts";
import type { Queryable, Tx } from "./client.ts";
import { idempotency, lists, tallies, tallyDays, votes } from "./schema.ts";

/** What the writer judges a vote by: the window, the quotas, and every manual open and close in commit order. */
export type ListVotingRow = Pick<StoredList, "opensAt" | "closesAt" | "perDay" | "perEntryPerDay"> & { overrides: StoredOverride[] };

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

export type NewVote = typeof votes.$inferSelect;

/** What a batch of votes needs to know, read in a few statements for the whole batch. */
export interface VoteBatchState {
  lists: Map<number, ListVotingRow>;
  /** `${listId}|${voterHash}|${day}` → votes per entry */
  usage: Map<string, Map<number, number>>;
  /** `${voterHash}|${keyHash}` → the answer already given */
  answered: Map<string, StoredResponse>;
  head: { seq: number; hash: string } | undefined;
  /** valid votes per entry, for the entries in the batch */
  tallies: Map<number, number>;
}

export interface VoteBatchKey {
  listId: number;
  entryId: number;
  voterHash: string;
  day: string;
  /** keyed hash of the list and the client's idempotency key */
  keyHash?: string;
  /** the request came without a voter cookie: its key is also honoured per list (`NO_COOKIE`) */
  cookieless?: boolean;
}

/**
 * The `voter_hash` of idempotent answers given to requests that came without a cookie. A client
 * whose first vote's answer (and cookie) was lost retries with its key but no cookie, as a new
 * voter each time: such answers are also kept under this one name, so the key (already scoped to
 * its list by `keyHash`) replays the first answer. Requests with a cookie only ever see their own
 * voter's answers. Not a hash, so it never equals a voter's.
 */
export const NO_COOKIE = "no-cookie";

/** Under whose answers a request looks for its key. */
export const replayScope = (item: Pick<VoteBatchKey, "voterHash" | "cookieless">) => (item.cookieless ? NO_COOKIE : item.voterHash);

export const usageKey = (listId: number, voterHash: string, day: string) => `${listId}|${voterHash}|${day}`;
export const answerKey = (voterHash: string, keyHash: string) => `${voterHash}|${keyHash}`;

export async function loadVoteBatchState(tx: Tx, items: VoteBatchKey[]): Promise<VoteBatchState> {
  const listIds = [...new Set(items.map((i) => i.listId))];
  const voterHashes = [...new Set(items.map((i) => i.voterHash))];
  const days = [...new Set(items.map((i) => i.day))];
  const entryIds = [...new Set(items.map((i) => i.entryId))];
  const keyHashes = [...new Set(items.flatMap((i) => (i.keyHash ? [i.keyHash] : [])))];
  const answerScopes = [...new Set(items.map(replayScope))];

  const [listRows, overrideRows, usageRows, answerRows, head, tallyRows] = await Promise.all([
    tx
      .select({
        id: lists.id,
        opensAt: lists.opensAt,
        closesAt: lists.closesAt,
        perDay: lists.perDay,
        perEntryPerDay: lists.perEntryPerDay,
      })
      .from(lists)
      .where(inArray(lists.id, listIds)),
    listOverrideHistory(tx, listIds),
    tx
      .select({ listId: votes.listId, voterHash: votes.voterHash, day: votes.day, entryId: votes.entryId, n: sql<number>`count(*)` })
      .from(votes)
      .where(and(inArray(votes.listId, listIds), inArray(votes.voterHash, voterHashes), inArray(votes.day, days)))
      .groupBy(votes.listId, votes.voterHash, votes.day, votes.entryId),
    keyHashes.length === 0
      ? Promise.resolve([])
      : tx
          .select()
          .from(idempotency)
          .where(and(inArray(idempotency.voterHash, answerScopes), inArray(idempotency.keyHash, keyHashes))),
    ledgerHead(tx),
    tx.select({ entryId: tallies.entryId, votes: tallies.votes }).from(tallies).where(inArray(tallies.entryId, entryIds)),
  ]);

  const usage = new Map<string, Map<number, number>>();
  for (const r of usageRows) {
    const k = usageKey(r.listId, r.voterHash, r.day);
    let m = usage.get(k);
    if (!m) usage.set(k, (m = new Map()));
    m.set(r.entryId, r.n);
  }
  return {
    lists: new Map(listRows.map(({ id, ...row }) => [id, { ...row, overrides: overrideRows.filter((o) => o.listId === id) }])),
    usage,
    answered: new Map(answerRows.map((r) => [answerKey(r.voterHash, r.keyHash), { status: r.status, body: r.body }])),
    head,
    tallies: new Map(tallyRows.map((r) => [r.entryId, r.votes])),
  };
}

/**
 * Appends a batch of accepted votes (already chained) and their idempotent answers, and moves the
 * tallies by the batch's sums, in a few multi-row statements.
 */
export async function writeVoteBatch(
  tx: Tx,
  accepted: NewVote[],
  answers: { voterHash: string; keyHash: string; response: StoredResponse; at: number }[],
): Promise<void> {
  if (accepted.length === 0) return;
  // SQLite allows 32766 bound parameters; 12 per vote row leaves room for ~2700 rows a statement.
  for (let i = 0; i < accepted.length; i += 1000) await tx.insert(votes).values(accepted.slice(i, i + 1000));

  const perEntry = new Map<number, { listId: number; n: number }>();
  const perDay = new Map<string, { entryId: number; day: string; n: number }>();
  for (const v of accepted) {
    const e = perEntry.get(v.entryId) ?? { listId: v.listId, n: 0 };
    e.n += 1;
    perEntry.set(v.entryId, e);
    const dk = `${v.entryId}|${v.day}`;
    const d = perDay.get(dk) ?? { entryId: v.entryId, day: v.day, n: 0 };
    d.n += 1;
    perDay.set(dk, d);
  }
  await tx
    .insert(tallies)
    .values([...perEntry].map(([entryId, e]) => ({ entryId, listId: e.listId, votes: e.n })))
    .onConflictDoUpdate({ target: tallies.entryId, set: { votes: sql`${tallies.votes} + excluded.votes` } });
  await tx
    .insert(tallyDays)
    .values([...perDay.values()].map((d) => ({ entryId: d.entryId, day: d.day, votes: d.n })))
    .onConflictDoUpdate({ target: [tallyDays.entryId, tallyDays.day], set: { votes: sql`${tallyDays.votes} + excluded.votes` } });
  if (answers.length > 0) {
    await tx.insert(idempotency).values(
      answers.map((a) => ({
        voterHash: a.voterHash,
        keyHash: a.keyHash,
        status: a.response.status,
        body: a.response.body,
        createdAt: a.at,
      })),
    );
  }
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
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(votes)
    .get();
  return row?.n ?? 0;
}

export type LedgerRow = NewVote;

/** Ledger rows in sequence order, from `afterSeq` on, at most `limit` of them. */
export async function readLedger(db: Queryable, afterSeq = 0, limit = 10_000): Promise<LedgerRow[]> {
  return db
    .select()
    .from(votes)
    .where(sql`${votes.seq} > ${afterSeq}`)
    .orderBy(votes.seq)
    .limit(limit);
}
