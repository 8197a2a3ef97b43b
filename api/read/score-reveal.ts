/**
 * Scores as the public and the organizers see them. `fullScoring` computes a list's breakdown
 * whatever its `revealScores` says (organizer exports); `publicRanking` is what every public
 * surface shows (leaderboard JSON and CSV, entry JSON, pages, embeds), and the only place that
 * decides whether scores are revealed (decision 009).
 */
import type { StoredScore } from "../../db/index.ts";
import { currentEnd, listState, type CatalogEntry, type CatalogList } from "./catalog.ts";
import { listDimensions } from "../domain/campaign.ts";
import { competitionRank } from "../domain/ranking.ts";
import {
  prepareCells,
  rankByTotal,
  scoreEntries,
  VOTE_COMPONENT,
  type EntryScoring,
  type PreparedCells,
  type ScoringComponent,
  type ScoringDimension,
} from "../domain/scoring.ts";

/** A list's imported scores: the rows, or their means prepared once per import (`preparedScores`). */
export type ListScores = readonly StoredScore[] | PreparedCells;

/** The scorers' means of a list's cells, which only an import changes (votes do not). */
export function preparedScores(list: CatalogList, cells: readonly StoredScore[]): PreparedCells {
  const rules = scoringRules(list);
  return prepareCells(rules.dimensions, rules.components, cells);
}

export interface ListScoringRules {
  dimensions: (ScoringDimension & { title: { zh: string; en?: string } })[];
  components: (ScoringComponent & { title: { zh: string; en?: string } })[];
}

/** The list's dimensions (its own, or the campaign's) and the campaign's components. */
export function scoringRules(list: CatalogList): ListScoringRules {
  const definition = list.campaign.definition;
  const own = definition.lists.find((l) => l.slug === list.slug);
  return {
    dimensions: listDimensions(definition, own ?? {}).map((d) => ({ key: d.key, weight: d.weight, title: d.title })),
    components: definition.components.map((c) => ({ key: c.key, weight: c.weight, trim: c.trim, normalize: c.normalize, title: c.title })),
  };
}

/** Whether the list is scored at all: it has dimensions and components other than the vote. */
export function hasScoring(list: CatalogList): boolean {
  const rules = scoringRules(list);
  return rules.dimensions.length > 0 && rules.components.some((c) => c.key !== VOTE_COMPONENT);
}

/**
 * Whether the public may see the list's scores at `now` (decision 009):
 * - unranked lists: never (no rank, votes or score anywhere);
 * - `always`: yes; `never`: no;
 * - `after_close`: once the list's voting is closed; a list without public voting has nothing to
 *   close, so its scores show once the organizer has moved the campaign to publicity (公示) or
 *   published (发布).
 */
export function scoresRevealed(list: CatalogList, now: number): boolean {
  if (list.ranking !== "ranked") return false;
  if (list.revealScores === "always") return true;
  if (list.revealScores === "never") return false;
  const state = listState(list, now);
  if (state === "none") {
    const stage = list.campaign.definition.stage;
    return stage === "publicity" || stage === "published";
  }
  return state === "closed";
}

/** Every entry's breakdown, revealed or not: for organizers. */
export function fullScoring(
  list: CatalogList,
  tallies: ReadonlyMap<number, number>,
  cells: ListScores,
): (EntryScoring & { entry: CatalogEntry })[] {
  const rules = scoringRules(list);
  const byId = new Map(list.entries.map((e) => [e.id, e]));
  return scoreEntries({
    entries: list.entries.map((e) => ({ id: e.id, name: e.name.zh, votes: tallies.get(e.id) ?? 0 })),
    dimensions: rules.dimensions,
    components: rules.components,
    cells,
  }).map((s) => ({ ...s, entry: byId.get(s.id)! }));
}

export interface PublicScore {
  total: number;
  dimensions: Record<string, number>;
  components: Record<string, number>;
}

export interface PublicPlace {
  entry: CatalogEntry;
  votes: number;
  rank: number;
  /** only once revealed, and only for entries with every score */
  score?: PublicScore;
  /** the full breakdown, once revealed (pages show it; the JSON shows `score` only) */
  breakdown?: EntryScoring;
}

export interface PublicRanking {
  revealed: boolean;
  /** "total" once revealed and at least one entry has every score; "votes" otherwise */
  orderedBy: "total" | "votes";
  places: PublicPlace[];
}

/**
 * A ranked list as the public sees it: by valid votes until scores are revealed; then by total
 * (rounded to two decimals, competition ranks, SPEC §3 tie order), each entry carrying `score`.
 */
export function publicRanking(list: CatalogList, tallies: ReadonlyMap<number, number>, cells: ListScores, now: number): PublicRanking {
  const revealed = scoresRevealed(list, now) && hasScoring(list);
  if (revealed) {
    const rules = scoringRules(list);
    const scored = fullScoring(list, tallies, cells);
    if (scored.some((s) => s.score)) {
      const ranked = rankByTotal(
        scored.map((s) => ({ ...s, name: s.entry.name.zh })),
        rules.components,
      );
      return {
        revealed,
        orderedBy: "total",
        places: ranked.map((r) => {
          const { entry, name: _name, rank, ...breakdown } = r;
          return { entry, votes: r.votes, rank, ...(r.score ? { score: r.score } : {}), breakdown };
        }),
      };
    }
  }
  const byVotes = competitionRank(
    list.entries.map((e) => ({ entry: e, name: e.name.zh, votes: tallies.get(e.id) ?? 0 })),
    (x) => x.votes,
  );
  return { revealed, orderedBy: "votes", places: byVotes.map((r) => ({ entry: r.entry, votes: r.votes, rank: r.rank })) };
}

/**
 * The next instant at which a list's scores become public by its schedule (an `after_close` list
 * reaching its `closesAt`, or a reopening's end), so the static site can rebuild then: a scheduled close moves no
 * catalog version by itself.
 */
export function nextScheduledReveal(lists: readonly CatalogList[], now: number): number | undefined {
  let next: number | undefined;
  for (const l of lists) {
    if (l.ranking !== "ranked" || l.revealScores !== "after_close" || !l.window) continue;
    const end = currentEnd({ ...l, window: l.window }, now); // a reopening's own end, when one is in force
    if (end <= now) continue;
    if (next === undefined || end < next) next = end;
  }
  return next;
}
