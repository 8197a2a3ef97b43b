/** The vote ledger, tallies and idempotency records. */
import { desc, eq, sql } from "drizzle-orm";
import { listOverrideHistory, type StoredList, type StoredOverride } from "./catalog.ts";
import type { KeptAnswers } from "./answers.ts";
import type { VoteMemory } from "./vote-memory.ts";
import type { Queryable, Tx } from "./client.ts";
import { tallies, votes } from "./schema.ts";
import { inList, rawClient, rawTx, rows, run, textByCount, valuesList, type RawRunner } from "./vote-sql.ts";

/** What the writer judges a vote by: the window, the quotas, and every manual open and close in commit order. */
export type ListVotingRow = Pick<StoredList, "opensAt" | "closesAt" | "perDay" | "perEntryPerDay"> & { overrides: StoredOverride[] };

export type UsageQuery = { listId: number; voterHash: string; day: string; now: number };

/** Votes per entry that this voter cast in this list on this day, from `memory` caught up at `now`. */
export async function voterDayUsage(db: Queryable, memory: VoteMemory, query: UsageQuery): Promise<Map<number, number>> {
  await memory.voterDays.catchUp(rawClient(db), query.now);
  return memory.voterDays.usage(query.listId, query.voterHash, query.day);
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
  /** key hash → the answers already given to that key (to one voter each) */
  answered: Map<string, StoredAnswer[]>;
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
  receivedAt: number;
}

/** Who asks whether a key was answered: the voter, and whether the request came without a cookie. */
export type ReplayAsker = Pick<VoteBatchKey, "voterHash" | "cookieless">;

/** An answer kept for an idempotency key: given to `voterHash`, to a request without a cookie when `cookieless`. */
export interface StoredAnswer extends StoredResponse {
  voterHash: string;
  cookieless: boolean;
}

/**
 * Whether a kept answer replays for a request with the same key (already scoped to its list by
 * `keyHash`). A voter's own answers always do. A client whose first vote's answer (and cookie) was
 * lost retries with its key but no cookie, as a new voter each time: so a request without a cookie
 * is also answered by whatever was given to a request without a cookie. Requests with a cookie only
 * ever see their own voter's answers. (Rows kept before migration 0008 under the voter name
 * `no-cookie` are marked cookie-less, so they replay exactly as they did.)
 */
export const replays = (answer: Pick<StoredAnswer, "voterHash" | "cookieless">, asker: ReplayAsker): boolean =>
  answer.voterHash === asker.voterHash || (asker.cookieless === true && answer.cookieless);

export const usageKey = (listId: number, voterHash: string, day: string) => `${listId}|${voterHash}|${day}`;

const SELECT_LISTS = textByCount(
  (n) =>
    `SELECT id, opens_at AS opensAt, closes_at AS closesAt, per_day AS perDay, per_entry_per_day AS perEntryPerDay FROM lists WHERE id IN ${inList(n)}`,
);
const SELECT_TALLIES = textByCount((n) => `SELECT entry_id AS entryId, votes FROM tallies WHERE entry_id IN ${inList(n)}`);

export async function loadVoteBatchState(tx: Tx, memory: VoteMemory, items: VoteBatchKey[]): Promise<VoteBatchState> {
  const db = rawTx(tx);
  // inside the write transaction: every vote and answer any process committed is known before
  // deciding (the batch's latest arrival is its clock)
  const now = Math.max(...items.map((i) => i.receivedAt));
  await Promise.all([memory.answers.catchUp(db, now), memory.voterDays.catchUp(db, now)]);
  const listIds = [...new Set(items.map((i) => i.listId))];
  const entryIds = [...new Set(items.map((i) => i.entryId))];
  const keyHashes = new Set(items.flatMap((i) => (i.keyHash ? [i.keyHash] : [])));

  type ListRow = { id: number } & Omit<ListVotingRow, "overrides">;
  const [listRows, overrideRows, answered, headRows, tallyRows] = await Promise.all([
    rows<ListRow>(db, SELECT_LISTS(listIds.length), listIds),
    listOverrideHistory(tx, listIds),
    answersGiven(db, memory.answers, keyHashes),
    rows<{ seq: number; hash: string }>(db, "SELECT seq, hash FROM votes ORDER BY seq DESC LIMIT 1"),
    rows<{ entryId: number; votes: number }>(db, SELECT_TALLIES(entryIds.length), entryIds),
  ]);

  const usage = new Map<string, Map<number, number>>();
  for (const i of items) {
    const k = usageKey(i.listId, i.voterHash, i.day);
    if (!usage.has(k)) usage.set(k, memory.voterDays.usage(i.listId, i.voterHash, i.day));
  }
  const head = headRows[0];
  return {
    lists: new Map(
      listRows.map((r) => [
        r.id,
        {
          opensAt: r.opensAt,
          closesAt: r.closesAt,
          perDay: r.perDay,
          perEntryPerDay: r.perEntryPerDay,
          overrides: overrideRows.filter((o) => o.listId === r.id),
        },
      ]),
    ),
    usage,
    answered,
    head: head ? { seq: head.seq, hash: head.hash } : undefined,
    tallies: new Map(tallyRows.map((r) => [r.entryId, r.votes])),
  };
}

/**
 * Rows a multi-row statement: a batch's rows go in pieces of this many and one for the rest. The
 * vote writer's connection keeps its prepared statements by text (db/held-client.ts): in pieces
 * of 64 the texts it meets are at most 64 a table, where a statement a batch would hold one text
 * for every batch size ever seen (the 512 sizes from 1 to 512, held, took about 20 MB more than
 * the same statements run unheld).
 */
export const ROWS_PER_STATEMENT = 64;

/** Runs `write` for each piece of `items`, ROWS_PER_STATEMENT at a time, in order. */
async function inPieces<T>(items: T[], write: (piece: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += ROWS_PER_STATEMENT) await write(items.slice(i, i + ROWS_PER_STATEMENT));
}

const INSERT_VOTES = textByCount(
  (n) =>
    `INSERT INTO votes (seq, id, campaign_id, list_id, entry_id, voter_hash, ip_hash, ip_prefix_hash, day, received_at, prev_hash, hash, device_hash) VALUES ${valuesList(n, 13)}`,
);
const UPSERT_TALLIES = textByCount(
  (n) =>
    `INSERT INTO tallies (entry_id, list_id, votes) VALUES ${valuesList(n, 3)} ON CONFLICT (entry_id) DO UPDATE SET votes = tallies.votes + excluded.votes`,
);
const UPSERT_TALLY_DAYS = textByCount(
  (n) =>
    `INSERT INTO tally_days (entry_id, day, votes) VALUES ${valuesList(n, 3)} ON CONFLICT (entry_id, day) DO UPDATE SET votes = tally_days.votes + excluded.votes`,
);
const INSERT_ANSWERS = textByCount(
  (n) => `INSERT INTO idempotency (key_hash, voter_hash, cookieless, status, body, created_at) VALUES ${valuesList(n, 6)}`,
);
const SELECT_ANSWERS = textByCount(
  (n) =>
    `SELECT key_hash AS keyHash, voter_hash AS voterHash, cookieless, status, body FROM idempotency WHERE seq IN ${inList(n)} ORDER BY seq`,
);

/**
 * Appends a batch of accepted votes (already chained) and their idempotent answers, and moves the
 * tallies by the batch's sums, in a few multi-row statements.
 */
export async function writeVoteBatch(
  tx: Tx,
  accepted: NewVote[],
  answers: (StoredAnswer & { keyHash: string; at: number })[],
): Promise<void> {
  if (accepted.length === 0) return;
  const db = rawTx(tx);
  await inPieces(accepted, (chunk) => {
    const args: (string | number)[] = [];
    for (const v of chunk) {
      args.push(
        v.seq,
        v.id,
        v.campaignId,
        v.listId,
        v.entryId,
        v.voterHash,
        v.ipHash,
        v.ipPrefixHash,
        v.day,
        v.receivedAt,
        v.prevHash,
        v.hash,
        v.deviceHash,
      );
    }
    return run(db, INSERT_VOTES(chunk.length), args);
  });

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
  await inPieces([...perEntry], (piece) =>
    run(
      db,
      UPSERT_TALLIES(piece.length),
      piece.flatMap(([entryId, e]) => [entryId, e.listId, e.n]),
    ),
  );
  await inPieces([...perDay.values()], (piece) =>
    run(
      db,
      UPSERT_TALLY_DAYS(piece.length),
      piece.flatMap((d) => [d.entryId, d.day, d.n]),
    ),
  );
  await inPieces(answers, (piece) =>
    run(
      db,
      INSERT_ANSWERS(piece.length),
      piece.flatMap((a) => [a.keyHash, a.voterHash, a.cookieless ? 1 : 0, a.status, a.body, a.at]),
    ),
  );
}

export interface StoredResponse {
  status: number;
  body: string;
}

/**
 * The answers given to these keys, in the order given, found through `kept` (caught up already):
 * the rows memory names for them, filtered by the whole hash (a clash of prefixes names another
 * key's row). A retry is rare, so usually no statement runs at all.
 */
async function answersGiven(db: RawRunner, kept: KeptAnswers, keyHashes: Set<string>): Promise<Map<string, StoredAnswer[]>> {
  const answered = new Map<string, StoredAnswer[]>();
  const seqs = [...new Set([...keyHashes].flatMap((k) => kept.candidates(k)))];
  if (seqs.length === 0) return answered;
  type AnswerRow = { keyHash: string; voterHash: string; cookieless: number; status: number; body: string };
  const found = await rows<AnswerRow>(db, SELECT_ANSWERS(seqs.length), seqs);
  for (const r of found) {
    if (!keyHashes.has(r.keyHash)) continue;
    const given = answered.get(r.keyHash) ?? [];
    given.push({ voterHash: r.voterHash, cookieless: Boolean(r.cookieless), status: r.status, body: r.body });
    answered.set(r.keyHash, given);
  }
  return answered;
}

/** The answer already given to this key that replays for `asker` (see `replays`), found through `kept` at `now`. */
export async function findIdempotent(
  db: Queryable,
  kept: KeptAnswers,
  asker: ReplayAsker,
  keyHash: string,
  now: number,
): Promise<StoredResponse | undefined> {
  const raw = rawClient(db);
  await kept.catchUp(raw, now);
  const found = (await answersGiven(raw, kept, new Set([keyHash]))).get(keyHash)?.find((a) => replays(a, asker));
  return found ? { status: found.status, body: found.body } : undefined;
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

/** A secondary index as its table's schema declares it. */
export type IndexDefinition = { name: string; sql: string };

/**
 * For a bulk fill of the ledger (scripts/bench/scale-ledger.ts): drops the votes table's secondary
 * indexes and says how to build them again (`buildIndexes`). Never on a live database.
 */
export async function dropVoteIndexes(tx: Tx): Promise<IndexDefinition[]> {
  const found = await tx.all<IndexDefinition>(
    sql`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'votes' AND sql IS NOT NULL`,
  );
  for (const i of found) await tx.run(sql.raw(`DROP INDEX ${i.name}`));
  return found;
}

export async function buildIndexes(tx: Tx, indexes: IndexDefinition[]): Promise<void> {
  for (const i of indexes) await tx.run(sql.raw(i.sql));
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
