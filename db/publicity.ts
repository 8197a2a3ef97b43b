/**
 * Publications and objections. A publication row is written once and never updated: its snapshot
 * text is what `GET /api/publications/{id}` serves byte for byte.
 */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Queryable, Tx } from "./client.ts";
import { campaigns, objections, publications } from "./schema.ts";

export interface StoredPublication {
  id: number;
  campaignId: number;
  campaignSlug: string;
  kind: "preliminary" | "final";
  listSlug: string | null;
  startsAt: number;
  endsAt: number;
  workingDays: number;
  snapshot: string;
  sha256: string;
  createdAt: number;
  createdBy: string;
}

export type NewPublication = Omit<StoredPublication, "id" | "campaignSlug">;

export async function insertPublication(tx: Tx, p: NewPublication): Promise<number> {
  const row = await tx.insert(publications).values(p).returning({ id: publications.id }).get();
  return row.id;
}

const publicationColumns = {
  id: publications.id,
  campaignId: publications.campaignId,
  campaignSlug: campaigns.slug,
  kind: publications.kind,
  listSlug: publications.listSlug,
  startsAt: publications.startsAt,
  endsAt: publications.endsAt,
  workingDays: publications.workingDays,
  snapshot: publications.snapshot,
  sha256: publications.sha256,
  createdAt: publications.createdAt,
  createdBy: publications.createdBy,
};

export async function findPublication(db: Queryable, id: number): Promise<StoredPublication | undefined> {
  return db
    .select(publicationColumns)
    .from(publications)
    .innerJoin(campaigns, eq(campaigns.id, publications.campaignId))
    .where(eq(publications.id, id))
    .get();
}

/** A campaign's publications, newest first. */
export async function campaignPublications(db: Queryable, campaignId: number): Promise<StoredPublication[]> {
  return db
    .select(publicationColumns)
    .from(publications)
    .innerJoin(campaigns, eq(campaigns.id, publications.campaignId))
    .where(eq(publications.campaignId, campaignId))
    .orderBy(desc(publications.id));
}

/** Every publication, newest first (for the site snapshot). */
export async function allPublications(db: Queryable): Promise<StoredPublication[]> {
  return db
    .select(publicationColumns)
    .from(publications)
    .innerJoin(campaigns, eq(campaigns.id, publications.campaignId))
    .orderBy(desc(publications.id));
}

/**
 * Whether a final list has been published for `listSlug` (a publication of that list, or of the
 * whole campaign), or, without a list, for any part of the campaign.
 */
export async function hasFinalPublication(db: Queryable, campaignId: number, listSlug?: string): Promise<boolean> {
  const rows = await db
    .select({ listSlug: publications.listSlug })
    .from(publications)
    .where(and(eq(publications.campaignId, campaignId), eq(publications.kind, "final")));
  if (listSlug === undefined) return rows.length > 0;
  return rows.some((r) => r.listSlug === null || r.listSlug === listSlug);
}

export type ObjectionStatus = "pending" | "upheld" | "rejected";

export interface StoredObjection {
  id: number;
  publicationId: number;
  campaignId: number;
  entryId: number;
  receipt: string;
  name: string;
  contact: string;
  reason: string;
  evidence: string | null;
  ipHash: string;
  createdAt: number;
  status: ObjectionStatus;
  resolutionNote: string | null;
  resolvedAt: number | null;
  resolvedBy: string | null;
}

export type NewObjection = Pick<
  StoredObjection,
  "publicationId" | "campaignId" | "entryId" | "receipt" | "name" | "contact" | "reason" | "evidence" | "ipHash" | "createdAt"
>;

/** Inserts an objection; false when the receipt number is already taken (the caller draws another). */
export async function insertObjection(tx: Tx, o: NewObjection): Promise<number | undefined> {
  const row = await tx
    .insert(objections)
    .values(o)
    .onConflictDoNothing({ target: objections.receipt })
    .returning({ id: objections.id })
    .get();
  return row?.id;
}

/** Objections with the sender's name and contact: for organizers only (the admin API and exports). */
export async function listObjections(
  db: Queryable,
  filter: { campaignId?: number; publicationIds?: number[] } = {},
): Promise<StoredObjection[]> {
  const where = [];
  if (filter.campaignId !== undefined) where.push(eq(objections.campaignId, filter.campaignId));
  if (filter.publicationIds !== undefined)
    where.push(inArray(objections.publicationId, filter.publicationIds.length ? filter.publicationIds : [-1]));
  return db
    .select()
    .from(objections)
    .where(where.length ? and(...where) : undefined)
    .orderBy(asc(objections.id));
}

export async function findObjection(db: Queryable, id: number): Promise<StoredObjection | undefined> {
  return db.select().from(objections).where(eq(objections.id, id)).get();
}

export async function resolveObjectionRow(
  tx: Tx,
  id: number,
  r: { status: "upheld" | "rejected"; note: string; at: number; by: string },
): Promise<void> {
  await tx
    .update(objections)
    .set({ status: r.status, resolutionNote: r.note, resolvedAt: r.at, resolvedBy: r.by })
    .where(eq(objections.id, id));
}
