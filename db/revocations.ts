/**
 * Revocations (摘牌). A row is written once and never updated; the catalog loads them all so the
 * public entry JSON and the site show each beside its entry.
 */
import { asc, eq } from "drizzle-orm";
import type { Queryable, Tx } from "./client.ts";
import { revocations } from "./schema.ts";

export interface StoredRevocation {
  id: number;
  campaignId: number;
  entryId: number;
  /** YYYY-MM-DD */
  date: string;
  reason: string;
  createdAt: number;
  createdBy: string;
}

export type NewRevocation = Omit<StoredRevocation, "id">;

/** Inserts a revocation; undefined when the entry already has one (the unique index decides). */
export async function insertRevocation(tx: Tx, r: NewRevocation): Promise<number | undefined> {
  const row = await tx
    .insert(revocations)
    .values(r)
    .onConflictDoNothing({ target: revocations.entryId })
    .returning({ id: revocations.id })
    .get();
  return row?.id;
}

export async function findRevocation(db: Queryable, entryId: number): Promise<StoredRevocation | undefined> {
  return db.select().from(revocations).where(eq(revocations.entryId, entryId)).get();
}

/** Every revocation, oldest first (for the catalog). */
export async function allRevocations(db: Queryable): Promise<StoredRevocation[]> {
  return db.select().from(revocations).orderBy(asc(revocations.id));
}

/** A campaign's revocations, oldest first. */
export async function campaignRevocations(db: Queryable, campaignId: number): Promise<StoredRevocation[]> {
  return db.select().from(revocations).where(eq(revocations.campaignId, campaignId)).orderBy(asc(revocations.id));
}
