/** Fraud review: selecting votes by filter, appending void records, export reads. */
import { and, asc, desc, eq, gt, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { Queryable, ReadDb, Tx } from "./client.ts";
import { exportManifests, lists, tallies, tallyDays, voids, votes } from "./schema.ts";

/** Which votes a void (or a dry run) applies to. Every field narrows; `campaignId` is required. */
export interface VoteSelection {
  campaignId: number;
  listId?: number;
  voteIds?: string[];
  voterHash?: string;
  ipHash?: string;
  ipPrefixHash?: string;
  deviceHash?: string;
  entryId?: number;
  /** epoch ms, both inclusive */
  from?: number;
  to?: number;
}

function selectionWhere(f: VoteSelection): SQL {
  const conditions: SQL[] = [eq(votes.campaignId, f.campaignId)];
  if (f.listId !== undefined) conditions.push(eq(votes.listId, f.listId));
  if (f.voteIds !== undefined) conditions.push(inArray(votes.id, f.voteIds.length ? f.voteIds : [""]));
  if (f.voterHash !== undefined) conditions.push(eq(votes.voterHash, f.voterHash));
  if (f.ipHash !== undefined) conditions.push(eq(votes.ipHash, f.ipHash));
  if (f.ipPrefixHash !== undefined) conditions.push(eq(votes.ipPrefixHash, f.ipPrefixHash));
  if (f.deviceHash !== undefined) conditions.push(eq(votes.deviceHash, f.deviceHash));
  if (f.entryId !== undefined) conditions.push(eq(votes.entryId, f.entryId));
  if (f.from !== undefined) conditions.push(gte(votes.receivedAt, f.from));
  if (f.to !== undefined) conditions.push(lte(votes.receivedAt, f.to));
  conditions.push(sql`not exists (select 1 from ${voids} where ${voids.voteSeq} = ${votes.seq})`);
  return and(...conditions)!;
}

export interface SelectedVote {
  seq: number;
  hash: string;
  campaignId: number;
  listId: number;
  entryId: number;
  day: string;
}

/** The not-yet-voided votes a selection matches, in ledger order. */
export async function selectVotes(db: Queryable, f: VoteSelection): Promise<SelectedVote[]> {
  return db
    .select({
      seq: votes.seq,
      hash: votes.hash,
      campaignId: votes.campaignId,
      listId: votes.listId,
      entryId: votes.entryId,
      day: votes.day,
    })
    .from(votes)
    .where(selectionWhere(f))
    .orderBy(asc(votes.seq));
}

export async function voidHead(db: Queryable): Promise<{ seq: number; hash: string } | undefined> {
  return db.select({ seq: voids.seq, hash: voids.hash }).from(voids).orderBy(desc(voids.seq)).limit(1).get();
}

export type VoidRow = typeof voids.$inferSelect;

/**
 * Appends void records (already chained) and moves the tallies: valid votes down, voided up, per
 * entry and per day. Call inside the writer job that also writes the audit record.
 */
export async function appendVoids(tx: Tx, rows: (VoidRow & { day: string })[]): Promise<void> {
  if (rows.length === 0) return;
  for (let i = 0; i < rows.length; i += 500) {
    await tx.insert(voids).values(rows.slice(i, i + 500).map(({ day: _day, ...r }) => r));
  }
  const perEntry = new Map<number, number>();
  const perDay = new Map<string, { entryId: number; day: string; n: number }>();
  for (const r of rows) {
    perEntry.set(r.entryId, (perEntry.get(r.entryId) ?? 0) + 1);
    const k = `${r.entryId}|${r.day}`;
    const d = perDay.get(k) ?? { entryId: r.entryId, day: r.day, n: 0 };
    d.n += 1;
    perDay.set(k, d);
  }
  for (const [entryId, n] of perEntry) {
    await tx
      .update(tallies)
      .set({ votes: sql`${tallies.votes} - ${n}`, voided: sql`${tallies.voided} + ${n}` })
      .where(eq(tallies.entryId, entryId));
  }
  for (const d of perDay.values()) {
    await tx
      .update(tallyDays)
      .set({ votes: sql`${tallyDays.votes} - ${d.n}`, voided: sql`${tallyDays.voided} + ${d.n}` })
      .where(and(eq(tallyDays.entryId, d.entryId), eq(tallyDays.day, d.day)));
  }
}

/** One page (by seq) of a campaign's valid votes, with what anomaly review looks at. */
export async function anomalyVotes(db: Queryable, campaignId: number, since: number | undefined, afterSeq: number, limit: number) {
  const where = [
    gt(votes.seq, afterSeq),
    eq(votes.campaignId, campaignId),
    sql`not exists (select 1 from ${voids} where ${voids.voteSeq} = ${votes.seq})`,
  ];
  if (since !== undefined) where.push(gte(votes.receivedAt, since));
  return db
    .select({
      seq: votes.seq,
      listId: votes.listId,
      entryId: votes.entryId,
      voterHash: votes.voterHash,
      ipPrefixHash: votes.ipPrefixHash,
      deviceHash: votes.deviceHash,
      receivedAt: votes.receivedAt,
    })
    .from(votes)
    .where(and(...where))
    .orderBy(asc(votes.seq))
    .limit(limit);
}

/** Per entry of a campaign: valid and voided votes. */
export async function campaignTallies(db: Queryable, campaignId: number): Promise<Map<number, { votes: number; voided: number }>> {
  const rows = await db
    .select({ entryId: tallies.entryId, votes: tallies.votes, voided: tallies.voided })
    .from(tallies)
    .innerJoin(lists, eq(lists.id, tallies.listId))
    .where(eq(lists.campaignId, campaignId));
  return new Map(rows.map((r) => [r.entryId, { votes: r.votes, voided: r.voided }]));
}

export interface CampaignTallySnapshot {
  /** the ledger's and the void chain's heads the figures stand at (undefined while empty) */
  head: { seq: number; hash: string } | undefined;
  voidHead: { seq: number; hash: string } | undefined;
  totals: Map<number, { votes: number; voided: number }>;
  /** per entry and day, days ascending */
  days: { entryId: number; day: string; votes: number; voided: number }[];
}

/**
 * A campaign's tallies per entry and per day with both chains' heads, read in one read transaction:
 * a batch of selects (BEGIN DEFERRED, which never takes the write lock, so the vote writer is not
 * kept waiting). Tallies move in the same transaction as the votes and voids they count, so the
 * figures are exactly those of the ledger up to the heads they name, whatever commits meanwhile.
 */
export async function campaignTallySnapshot(db: ReadDb, campaignId: number): Promise<CampaignTallySnapshot> {
  const [voidTop, voteTop, totals, days] = await db.batch([
    db.select({ seq: voids.seq, hash: voids.hash }).from(voids).orderBy(desc(voids.seq)).limit(1),
    db.select({ seq: votes.seq, hash: votes.hash }).from(votes).orderBy(desc(votes.seq)).limit(1),
    db
      .select({ entryId: tallies.entryId, votes: tallies.votes, voided: tallies.voided })
      .from(tallies)
      .innerJoin(lists, eq(lists.id, tallies.listId))
      .where(eq(lists.campaignId, campaignId)),
    db
      .select({ entryId: tallyDays.entryId, day: tallyDays.day, votes: tallyDays.votes, voided: tallyDays.voided })
      .from(tallyDays)
      .innerJoin(tallies, eq(tallies.entryId, tallyDays.entryId))
      .innerJoin(lists, eq(lists.id, tallies.listId))
      .where(eq(lists.campaignId, campaignId))
      .orderBy(asc(tallyDays.day)),
  ]);
  return {
    head: voteTop[0],
    voidHead: voidTop[0],
    totals: new Map(totals.map((r) => [r.entryId, { votes: r.votes, voided: r.voided }])),
    days,
  };
}

/** Valid and voided votes per entry of one list (the leaderboard's figures). */
export async function listTallyFigures(
  db: Queryable,
  listId: number,
): Promise<{ votes: Map<number, number>; voided: Map<number, number> }> {
  const rows = await db
    .select({ entryId: tallies.entryId, votes: tallies.votes, voided: tallies.voided })
    .from(tallies)
    .where(eq(tallies.listId, listId));
  return { votes: new Map(rows.map((r) => [r.entryId, r.votes])), voided: new Map(rows.map((r) => [r.entryId, r.voided])) };
}

export type ExportLedgerRow = typeof votes.$inferSelect & { void: VoidRow | null };

/**
 * Ledger rows after `afterSeq` up to `uptoSeq`, each with its void record if one exists up to
 * `uptoVoidSeq` (so an export is a consistent snapshot while votes and voids keep arriving).
 */
export async function ledgerPage(
  db: Queryable,
  afterSeq: number,
  uptoSeq: number,
  uptoVoidSeq: number,
  limit: number,
): Promise<ExportLedgerRow[]> {
  const rows = await db
    .select({ vote: votes, void: voids })
    .from(votes)
    .leftJoin(voids, and(eq(voids.voteSeq, votes.seq), lte(voids.seq, uptoVoidSeq)))
    .where(and(gt(votes.seq, afterSeq), lte(votes.seq, uptoSeq)))
    .orderBy(asc(votes.seq))
    .limit(limit);
  return rows.map((r) => ({ ...r.vote, void: r.void }));
}

export async function insertExportManifest(
  tx: Tx,
  m: { campaign: string; kind: string; format: string; actor: string; generatedAt: number; manifest: string },
): Promise<number> {
  const row = await tx.insert(exportManifests).values(m).returning({ id: exportManifests.id }).get();
  return row.id;
}

export async function completeExportManifest(tx: Tx, id: number, sha256: string, bytes: number): Promise<void> {
  await tx.update(exportManifests).set({ sha256, bytes }).where(eq(exportManifests.id, id));
}

/** Export manifests, newest first: one by id, or the latest (of one campaign). */
export async function recentExportManifests(db: Queryable, q: { id?: number; campaign?: string; limit: number }) {
  const where = [];
  if (q.id !== undefined) where.push(eq(exportManifests.id, q.id));
  if (q.campaign !== undefined) where.push(eq(exportManifests.campaign, q.campaign));
  return db
    .select()
    .from(exportManifests)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(exportManifests.id))
    .limit(q.limit);
}
