/** Campaigns, lists and entries: import (upsert keeping ids and votes) and loading for memory. */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Queryable, Tx } from "./client.ts";
import { allRevocations, type StoredRevocation } from "./revocations.ts";
import { campaigns, components, dimensions, entries, listOverrides, lists, meta, tallies } from "./schema.ts";

export interface StoredEntry {
  id: number;
  listId: number;
  slug: string;
  data: unknown;
  position: number;
  active: boolean;
}

export interface StoredList {
  id: number;
  campaignId: number;
  slug: string;
  title: unknown;
  ranking: "ranked" | "unranked";
  revealScores: "always" | "after_close" | "never";
  opensAt: number | null;
  closesAt: number | null;
  perDay: number;
  perEntryPerDay: number;
  position: number;
  active: boolean;
}

export interface StoredCampaign {
  id: number;
  slug: string;
  definition: unknown;
  timezone: string;
  position: number;
}

/** A manual open or close of a list's voting, or a new window set by hand (`schedule`); never updated. */
export interface StoredOverride {
  listId: number;
  kind: "open" | "close" | "schedule";
  at: number;
  until: number | null;
}

export interface StoredCatalog {
  version: number;
  campaigns: StoredCampaign[];
  lists: StoredList[];
  entries: StoredEntry[];
  /** every list's override history, in commit order */
  overrides: StoredOverride[];
  /** every revocation (摘牌), oldest first */
  revocations: StoredRevocation[];
}

/** The override history of `listIds` (all lists when omitted), in commit order. */
export async function listOverrideHistory(db: Queryable, listIds?: number[]): Promise<StoredOverride[]> {
  const q = db
    .select({ listId: listOverrides.listId, kind: listOverrides.kind, at: listOverrides.at, until: listOverrides.until })
    .from(listOverrides);
  return (listIds ? q.where(inArray(listOverrides.listId, listIds)) : q).orderBy(asc(listOverrides.id));
}

/** Everything the server keeps in memory about campaigns, in one consistent read. */
export async function loadCatalog(db: Queryable): Promise<StoredCatalog> {
  const [version, cs, ls, es, overrides, revocations] = await Promise.all([
    catalogVersion(db),
    db.select().from(campaigns).orderBy(asc(campaigns.position), asc(campaigns.id)),
    db.select().from(lists).orderBy(asc(lists.position)),
    db.select().from(entries).orderBy(asc(entries.position)),
    listOverrideHistory(db),
    allRevocations(db),
  ]);
  return {
    version,
    overrides,
    revocations,
    campaigns: cs.map((c) => ({
      id: c.id,
      slug: c.slug,
      definition: JSON.parse(c.definition),
      timezone: c.timezone,
      position: c.position,
    })),
    lists: ls.map((l) => ({ ...l, title: JSON.parse(l.title) })),
    entries: es.map((e) => ({
      id: e.id,
      listId: e.listId,
      slug: e.slug,
      data: JSON.parse(e.data),
      position: e.position,
      active: e.active,
    })),
  };
}

export async function catalogVersion(db: Queryable): Promise<number> {
  const row = await db.select({ value: meta.value }).from(meta).where(eq(meta.key, "catalog_version")).get();
  return row ? Number(row.value) : 0;
}

export async function bumpCatalogVersion(tx: Tx): Promise<void> {
  await tx
    .insert(meta)
    .values({ key: "catalog_version", value: "1" })
    .onConflictDoUpdate({ target: meta.key, set: { value: sql`CAST(${meta.value} AS INTEGER) + 1` } });
}

export async function getMeta(db: Queryable, key: string): Promise<string | undefined> {
  const row = await db.select({ value: meta.value }).from(meta).where(eq(meta.key, key)).get();
  return row?.value;
}

export async function setMeta(tx: Tx, key: string, value: string): Promise<void> {
  await tx.insert(meta).values({ key, value }).onConflictDoUpdate({ target: meta.key, set: { value } });
}

/** Stores `value` under `key` unless one is there already; returns what is stored (the first writer's). */
export async function claimMeta(tx: Tx, key: string, value: string): Promise<string> {
  await tx.insert(meta).values({ key, value }).onConflictDoNothing();
  return (await getMeta(tx, key)) ?? value;
}

export interface CampaignImport {
  slug: string;
  timezone: string;
  definition: unknown;
  dimensions: { key: string; title: unknown; weight: number }[];
  components: { key: string; title: unknown; weight: number; trim: boolean; normalize: "max" | "rank" }[];
  lists: {
    slug: string;
    title: unknown;
    ranking: "ranked" | "unranked";
    revealScores: "always" | "after_close" | "never";
    window: { opensAt: number; closesAt: number } | null;
    perDay: number;
    perEntryPerDay: number;
    entries: { slug: string; data: unknown }[];
  }[];
}

export class OrphanedVotesError extends Error {
  constructor(readonly dropped: { list: string; entry?: string; votes: number }[]) {
    super("the new definition drops lists or entries that have votes");
  }
}

/**
 * Inserts or replaces a campaign definition. Lists and entries are matched by slug and keep their
 * ids (so votes stay attached); ones the new file drops are marked inactive, unless they have votes,
 * in which case nothing is written and `OrphanedVotesError` names them.
 * A manual open/close stays; a changed window replaces the scheduled one.
 */
export async function upsertCampaign(tx: Tx, input: CampaignImport, now: number): Promise<{ id: number; created: boolean }> {
  const { id: campaignId, created } = await upsertCampaignRow(tx, input, now);
  await replaceScoringParts(tx, campaignId, input);
  const oldLists = await tx.select().from(lists).where(eq(lists.campaignId, campaignId));
  const dropped = await votedEntriesDropped(tx, oldLists, input.lists);
  if (dropped.length > 0) throw new OrphanedVotesError(dropped);

  const keptListSlugs = new Set(input.lists.map((l) => l.slug));
  for (const old of oldLists) {
    if (!keptListSlugs.has(old.slug)) {
      await tx.update(lists).set({ active: false }).where(eq(lists.id, old.id));
      await tx.update(entries).set({ active: false }).where(eq(entries.listId, old.id));
    }
  }
  for (const [position, l] of input.lists.entries()) {
    const listId = await upsertList(
      tx,
      campaignId,
      oldLists.find((o) => o.slug === l.slug),
      l,
      position,
    );
    await upsertEntries(tx, listId, l.entries);
  }
  await bumpCatalogVersion(tx);
  return { id: campaignId, created };
}

type ListImport = CampaignImport["lists"][number];

/** The campaign's own row: its definition replaced, or a new row placed after the others. */
async function upsertCampaignRow(tx: Tx, input: CampaignImport, now: number): Promise<{ id: number; created: boolean }> {
  const existing = await tx.select().from(campaigns).where(eq(campaigns.slug, input.slug)).get();
  if (existing) {
    await tx
      .update(campaigns)
      .set({ definition: JSON.stringify(input.definition), timezone: input.timezone, updatedAt: now })
      .where(eq(campaigns.id, existing.id));
    return { id: existing.id, created: false };
  }
  const count = await tx
    .select({ n: sql<number>`count(*)` })
    .from(campaigns)
    .get();
  const row = await tx
    .insert(campaigns)
    .values({
      slug: input.slug,
      definition: JSON.stringify(input.definition),
      timezone: input.timezone,
      position: count?.n ?? 0,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: campaigns.id })
    .get();
  return { id: row.id, created: true };
}

/** Dimensions and components hold no votes or scores of their own: replaced as a whole. */
async function replaceScoringParts(tx: Tx, campaignId: number, input: CampaignImport): Promise<void> {
  await tx.delete(dimensions).where(eq(dimensions.campaignId, campaignId));
  if (input.dimensions.length > 0) {
    await tx
      .insert(dimensions)
      .values(input.dimensions.map((d, i) => ({ campaignId, key: d.key, title: JSON.stringify(d.title), weight: d.weight, position: i })));
  }
  await tx.delete(components).where(eq(components.campaignId, campaignId));
  if (input.components.length > 0) {
    await tx.insert(components).values(
      input.components.map((c, i) => ({
        campaignId,
        key: c.key,
        title: JSON.stringify(c.title),
        weight: c.weight,
        trim: c.trim,
        normalize: c.normalize,
        position: i,
      })),
    );
  }
}

/** The entries with votes that the new definition drops, alone or with their list. */
async function votedEntriesDropped(
  tx: Tx,
  oldLists: { id: number; slug: string }[],
  newLists: ListImport[],
): Promise<OrphanedVotesError["dropped"]> {
  const dropped: OrphanedVotesError["dropped"] = [];
  const keptListSlugs = new Set(newLists.map((l) => l.slug));
  for (const old of oldLists) {
    const oldEntries = await tx.select().from(entries).where(eq(entries.listId, old.id));
    const newList = newLists.find((l) => l.slug === old.slug);
    const keptEntrySlugs = new Set(newList?.entries.map((e) => e.slug) ?? []);
    const gone = oldEntries.filter((e) => !keptListSlugs.has(old.slug) || !keptEntrySlugs.has(e.slug));
    if (gone.length === 0) continue;
    const counts = await tx
      .select({ entryId: tallies.entryId, votes: tallies.votes, voided: tallies.voided })
      .from(tallies)
      .where(
        inArray(
          tallies.entryId,
          gone.map((e) => e.id),
        ),
      );
    for (const c of counts) {
      // voided votes are still in the ledger, pointing at the entry
      if (c.votes + c.voided > 0) {
        const e = gone.find((g) => g.id === c.entryId)!;
        dropped.push({ list: old.slug, entry: e.slug, votes: c.votes + c.voided });
      }
    }
  }
  return dropped;
}

/** A list's row, matched by slug so it keeps its id; its manual opens and closes stay. */
async function upsertList(tx: Tx, campaignId: number, old: { id: number } | undefined, l: ListImport, position: number): Promise<number> {
  const values = {
    title: JSON.stringify(l.title),
    ranking: l.ranking,
    revealScores: l.revealScores,
    opensAt: l.window?.opensAt ?? null,
    closesAt: l.window?.closesAt ?? null,
    perDay: l.perDay,
    perEntryPerDay: l.perEntryPerDay,
    position,
    active: true,
  };
  if (old) {
    await tx.update(lists).set(values).where(eq(lists.id, old.id));
    return old.id;
  }
  const row = await tx
    .insert(lists)
    .values({ campaignId, slug: l.slug, ...values })
    .returning({ id: lists.id })
    .get();
  return row.id;
}

/** A list's entries, matched by slug so they keep their ids (and votes); a new one starts at 0 votes. */
async function upsertEntries(tx: Tx, listId: number, newEntries: ListImport["entries"]): Promise<void> {
  const oldEntries = await tx.select().from(entries).where(eq(entries.listId, listId));
  const keep = new Set(newEntries.map((e) => e.slug));
  for (const e of oldEntries) {
    if (!keep.has(e.slug)) await tx.update(entries).set({ active: false }).where(eq(entries.id, e.id));
  }
  for (const [i, e] of newEntries.entries()) {
    const prior = oldEntries.find((o) => o.slug === e.slug);
    if (prior) {
      await tx
        .update(entries)
        .set({ data: JSON.stringify(e.data), position: i, active: true })
        .where(eq(entries.id, prior.id));
    } else {
      const row = await tx
        .insert(entries)
        .values({ listId, slug: e.slug, data: JSON.stringify(e.data), position: i, active: true })
        .returning({ id: entries.id })
        .get();
      await tx.insert(tallies).values({ entryId: row.id, listId, votes: 0, voided: 0 }).onConflictDoNothing();
    }
  }
}

/**
 * A campaign's stored definition and the voting window each of its active lists has now (an
 * organizer may have moved one since the file was imported): what a merge into it starts from.
 */
export async function storedDefinition(
  db: Queryable,
  slug: string,
): Promise<{ definition: unknown; windows: Record<string, { opensAt: number; closesAt: number } | null> } | undefined> {
  const campaign = await db.select().from(campaigns).where(eq(campaigns.slug, slug)).get();
  if (!campaign) return undefined;
  const rows = await db
    .select()
    .from(lists)
    .where(and(eq(lists.campaignId, campaign.id), eq(lists.active, true)));
  const windows = Object.fromEntries(
    rows.map((l) => [l.slug, l.opensAt !== null && l.closesAt !== null ? { opensAt: l.opensAt, closesAt: l.closesAt } : null]),
  );
  return { definition: JSON.parse(campaign.definition), windows };
}

export async function findList(db: Queryable, campaignSlug: string, listSlug: string): Promise<StoredList | undefined> {
  const row = await db
    .select({ list: lists })
    .from(lists)
    .innerJoin(campaigns, eq(campaigns.id, lists.campaignId))
    .where(and(eq(campaigns.slug, campaignSlug), eq(lists.slug, listSlug), eq(lists.active, true)))
    .get();
  return row ? { ...row.list, title: JSON.parse(row.list.title) } : undefined;
}

/** A manual open (until `until`, or the scheduled close) or close of a list's voting, effective at `at`. */
export async function addListOverride(
  tx: Tx,
  o: { listId: number; kind: "open" | "close"; at: number; until?: number; actor: string },
): Promise<void> {
  await tx.insert(listOverrides).values({ listId: o.listId, kind: o.kind, at: o.at, until: o.until ?? null, actor: o.actor });
  await bumpCatalogVersion(tx);
}

/** A new scheduled window, set at `at`; from then on it decides alone (earlier opens and closes still judge earlier votes). */
export async function setListWindow(
  tx: Tx,
  w: { listId: number; opensAt: number; closesAt: number; at: number; actor: string },
): Promise<void> {
  await tx.update(lists).set({ opensAt: w.opensAt, closesAt: w.closesAt }).where(eq(lists.id, w.listId));
  await tx.insert(listOverrides).values({ listId: w.listId, kind: "schedule", at: w.at, until: null, actor: w.actor });
  await bumpCatalogVersion(tx);
}

export async function campaignCount(db: Queryable): Promise<number> {
  const row = await db
    .select({ n: sql<number>`count(*)` })
    .from(campaigns)
    .get();
  return row?.n ?? 0;
}
