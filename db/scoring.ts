/**
 * Expert scoring's own storage: each scorer token's sheet per round (draft or submitted, with its
 * reopenings), its drafts per entry, and the organizer's picks for a `manual` round. Submitted
 * scores live in `scores` (db/scores.ts), like imported ones; drafts never do.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Queryable, Tx } from "./client.ts";
import { scoreAdvances, scoreDrafts, scoreSheets } from "./schema.ts";

export interface Reopening {
  at: number;
  by: string;
  reason: string;
}

export interface StoredSheet {
  tokenId: number;
  round: string;
  status: "draft" | "submitted";
  submittedAt: number | null;
  reopened: Reopening[];
}

export interface StoredDraft {
  tokenId: number;
  round: string;
  entryId: number;
  /** the cells as the scorer sent them: `{dimension: n}` or `{component: {dimension: n}}` */
  scores: Record<string, unknown>;
  comment: string | null;
  revision: number;
  savedAt: number;
}

const sheetColumns = {
  tokenId: scoreSheets.tokenId,
  round: scoreSheets.round,
  status: scoreSheets.status,
  submittedAt: scoreSheets.submittedAt,
  reopened: scoreSheets.reopened,
};

const toSheet = (r: {
  tokenId: number;
  round: string;
  status: "draft" | "submitted";
  submittedAt: number | null;
  reopened: string;
}): StoredSheet => ({
  ...r,
  reopened: JSON.parse(r.reopened) as Reopening[],
});

export async function findSheet(db: Queryable, tokenId: number, round: string): Promise<StoredSheet | undefined> {
  const row = await db
    .select(sheetColumns)
    .from(scoreSheets)
    .where(and(eq(scoreSheets.tokenId, tokenId), eq(scoreSheets.round, round)))
    .get();
  return row ? toSheet(row) : undefined;
}

/** Every sheet of a campaign's scorers. */
export async function campaignSheets(db: Queryable, campaignId: number): Promise<StoredSheet[]> {
  const rows = await db.select(sheetColumns).from(scoreSheets).where(eq(scoreSheets.campaignId, campaignId));
  return rows.map(toSheet);
}

/** Creates the sheet as a draft when it does not exist yet. */
export async function ensureSheet(tx: Tx, input: { tokenId: number; campaignId: number; round: string }): Promise<void> {
  await tx
    .insert(scoreSheets)
    .values({ ...input, status: "draft", submittedAt: null })
    .onConflictDoNothing({ target: [scoreSheets.tokenId, scoreSheets.round] });
}

export async function setSheetStatus(
  tx: Tx,
  input: { tokenId: number; round: string; status: "draft" | "submitted"; submittedAt: number | null; reopened?: Reopening[] },
): Promise<void> {
  await tx
    .update(scoreSheets)
    .set({
      status: input.status,
      submittedAt: input.submittedAt,
      ...(input.reopened ? { reopened: JSON.stringify(input.reopened) } : {}),
    })
    .where(and(eq(scoreSheets.tokenId, input.tokenId), eq(scoreSheets.round, input.round)));
}

const draftColumns = {
  tokenId: scoreDrafts.tokenId,
  round: scoreDrafts.round,
  entryId: scoreDrafts.entryId,
  scores: scoreDrafts.scores,
  comment: scoreDrafts.comment,
  revision: scoreDrafts.revision,
  savedAt: scoreDrafts.savedAt,
};

const toDraft = (r: Omit<StoredDraft, "scores"> & { scores: string }): StoredDraft => ({
  ...r,
  scores: JSON.parse(r.scores) as Record<string, unknown>,
});

/** A token's drafts of one round. */
export async function sheetDrafts(db: Queryable, tokenId: number, round: string): Promise<StoredDraft[]> {
  const rows = await db
    .select(draftColumns)
    .from(scoreDrafts)
    .where(and(eq(scoreDrafts.tokenId, tokenId), eq(scoreDrafts.round, round)));
  return rows.map(toDraft);
}

/** The drafts of several tokens (the organizer's progress view). */
export async function tokensDrafts(db: Queryable, tokenIds: readonly number[]): Promise<StoredDraft[]> {
  if (tokenIds.length === 0) return [];
  const out: StoredDraft[] = [];
  for (let i = 0; i < tokenIds.length; i += 50) {
    const rows = await db
      .select(draftColumns)
      .from(scoreDrafts)
      .where(inArray(scoreDrafts.tokenId, tokenIds.slice(i, i + 50)));
    out.push(...rows.map(toDraft));
  }
  return out;
}

export async function findDraft(db: Queryable, tokenId: number, round: string, entryId: number): Promise<StoredDraft | undefined> {
  const row = await db
    .select(draftColumns)
    .from(scoreDrafts)
    .where(and(eq(scoreDrafts.tokenId, tokenId), eq(scoreDrafts.round, round), eq(scoreDrafts.entryId, entryId)))
    .get();
  return row ? toDraft(row) : undefined;
}

export async function saveDraft(tx: Tx, draft: StoredDraft): Promise<void> {
  const values = { ...draft, scores: JSON.stringify(draft.scores) };
  await tx
    .insert(scoreDrafts)
    .values(values)
    .onConflictDoUpdate({
      target: [scoreDrafts.tokenId, scoreDrafts.round, scoreDrafts.entryId],
      set: { scores: values.scores, comment: values.comment, revision: values.revision, savedAt: values.savedAt },
    });
}

/** The organizer's picks for a campaign's manual rounds: round → list id → entry slugs. */
export async function campaignAdvances(db: Queryable, campaignId: number): Promise<Map<string, Map<number, string[]>>> {
  const rows = await db.select().from(scoreAdvances).where(eq(scoreAdvances.campaignId, campaignId));
  const out = new Map<string, Map<number, string[]>>();
  for (const r of rows) {
    const byList = out.get(r.round) ?? new Map<number, string[]>();
    byList.set(r.listId, JSON.parse(r.entries) as string[]);
    out.set(r.round, byList);
  }
  return out;
}

export async function saveAdvance(
  tx: Tx,
  input: { campaignId: number; round: string; listId: number; entries: readonly string[]; at: number; actor: string },
): Promise<void> {
  const values = { ...input, entries: JSON.stringify(input.entries) };
  await tx
    .insert(scoreAdvances)
    .values(values)
    .onConflictDoUpdate({
      target: [scoreAdvances.campaignId, scoreAdvances.round, scoreAdvances.listId],
      set: { entries: values.entries, at: values.at, actor: values.actor },
    });
}
