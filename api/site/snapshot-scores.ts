/**
 * Ranked lists in the site snapshot: the same order, ranks and revealed scores as the public
 * leaderboard (both come from `publicRanking`), plus the breakdown the entry pages show.
 */
import type { StoredScore } from "../../db/index.ts";
import type { SnapshotEntry, SnapshotScoring } from "../../common/snapshot.ts";
import type { CatalogList } from "../read/catalog.ts";
import { hasScoring, publicRanking, scoringRules } from "../read/score-reveal.ts";

export function rankedSnapshotEntries(
  list: CatalogList,
  base: SnapshotEntry[],
  tallies: ReadonlyMap<number, number>,
  cells: readonly StoredScore[],
  now: number,
): { entries: SnapshotEntry[]; scoring?: SnapshotScoring } {
  const byId = new Map(base.map((e) => [e.id, e]));
  const ranking = publicRanking(list, tallies, cells, now);
  const byTotal = ranking.orderedBy === "total";
  const entries = ranking.places.map((p): SnapshotEntry => {
    const e = { ...byId.get(p.entry.id)!, votes: p.votes, rank: p.rank };
    if (!byTotal || !p.breakdown) return e;
    if (p.score) return { ...e, score: { ...p.score, cells: p.breakdown.cells, voteScore: p.breakdown.voteScore } };
    return { ...e, scoreMissing: p.breakdown.missing };
  });
  if (!hasScoring(list)) return { entries };
  const rules = scoringRules(list);
  return {
    entries,
    scoring: {
      revealed: ranking.revealed,
      orderedBy: ranking.orderedBy,
      dimensions: rules.dimensions.map((d) => ({ key: d.key, title: d.title, weight: d.weight })),
    },
  };
}
