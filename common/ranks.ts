/**
 * When a ranked list's places are worth showing, and which of them are shared. Pure, for every
 * surface that shows places: the list and entry pages, their islands, the embed and the images.
 *
 * A list ordered by votes where nobody has voted yet has no order of merit: every entry would be
 * "第 1 名". Such a list shows no places at all ("暂无投票"); the JSON and CSV feeds keep `rank`
 * as the contract says. A list ordered by revealed scores always shows its places.
 */

export interface Placed {
  rank?: number;
  votes?: number;
}

/** "votes" while a ranked list is ordered by valid votes, "total" once scores are revealed. */
export type OrderedBy = "votes" | "total";

/** Whether places are public: scores are revealed, or at least one valid vote has been cast. */
export function placesShown(entries: readonly Placed[], orderedBy: OrderedBy | undefined): boolean {
  if (orderedBy === "total") return true;
  return entries.some((e) => (e.votes ?? 0) > 0);
}

/** The ranks more than one entry holds (standard competition ranking: 1, 2, 2, 4 → {2}). */
export function sharedRanks(entries: readonly Placed[]): Set<number> {
  const seen = new Set<number>();
  const shared = new Set<number>();
  for (const e of entries) {
    if (e.rank === undefined) continue;
    if (seen.has(e.rank)) shared.add(e.rank);
    seen.add(e.rank);
  }
  return shared;
}

/**
 * The medal (1, 2 or 3) an entry's place earns: the top three, and on a list still ordered by votes
 * only with votes of its own (entries tied on 0 below the leaders share a place, not a medal).
 */
export function medalOf(place: Placed, orderedBy: OrderedBy | undefined): 1 | 2 | 3 | undefined {
  const r = place.rank;
  if (r === undefined || r > 3 || r < 1) return undefined;
  if (orderedBy !== "total" && !((place.votes ?? 0) > 0)) return undefined;
  return r as 1 | 2 | 3;
}

/** A place as the pages say it: 第 3 名, 并列第 3 名 / No. 3, Joint No. 3. */
export function placeText(rank: number, tied: boolean, lang: "zh" | "en"): string {
  if (lang === "en") return tied ? `Joint No. ${rank}` : `No. ${rank}`;
  return tied ? `并列第 ${rank} 名` : `第 ${rank} 名`;
}

/** The words for a ranked list nobody has voted on yet. */
export const noVotesYet = { zh: "暂无投票", en: "No votes yet" } as const;
