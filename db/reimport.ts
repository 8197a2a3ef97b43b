/** What a campaign's re-import may not change, read from what is stored: votes, windows, final lists. */
import { and, eq, sql } from "drizzle-orm";
import type { Queryable } from "./client.ts";
import type { ReimportStored } from "../api/domain/campaign-reimport.ts";
import { campaigns, lists, publications, tallies } from "./schema.ts";

/** The domain's view of what is stored (api/domain/campaign-reimport.ts decides what it forbids). */
export type StoredForReimport = ReimportStored;

/** The stored campaign as a re-import is checked against it; undefined for a new slug. */
export async function storedForReimport(db: Queryable, slug: string): Promise<StoredForReimport | undefined> {
  const campaign = await db
    .select({ id: campaigns.id, timezone: campaigns.timezone })
    .from(campaigns)
    .where(eq(campaigns.slug, slug))
    .get();
  if (!campaign) return undefined;
  const [rows, counted, finals] = await Promise.all([
    db
      .select({ id: lists.id, slug: lists.slug, ranking: lists.ranking, opensAt: lists.opensAt, closesAt: lists.closesAt })
      .from(lists)
      .where(eq(lists.campaignId, campaign.id)),
    db
      .select({ listId: tallies.listId, n: sql<number>`sum(${tallies.votes} + ${tallies.voided})` })
      .from(tallies)
      .innerJoin(lists, eq(lists.id, tallies.listId))
      .where(eq(lists.campaignId, campaign.id))
      .groupBy(tallies.listId),
    db
      .select({ listSlug: publications.listSlug })
      .from(publications)
      .where(and(eq(publications.campaignId, campaign.id), eq(publications.kind, "final"))),
  ]);
  const voted = new Set(counted.filter((c) => c.n > 0).map((c) => c.listId));
  const finalAll = finals.some((f) => f.listSlug === null);
  return {
    timezone: campaign.timezone,
    hasVotes: voted.size > 0,
    lists: rows.map((l) => ({
      slug: l.slug,
      ranking: l.ranking,
      opensAt: l.opensAt,
      closesAt: l.closesAt,
      hasVotes: voted.has(l.id),
      final: finalAll || finals.some((f) => f.listSlug === l.slug),
    })),
  };
}
