/**
 * Leaderboards served from memory. Each list's tallies are read from the `tallies` table at most
 * once per `ttlMs` (one small indexed read, never a GROUP BY over the ledger), and at once after a
 * close or an import. Concurrent readers of a stale list share one refresh.
 */
import { listScores, listTallyFigures, type Queryable } from "../../db/index.ts";
import type { Clock } from "../ports/clock.ts";
import { listState, type CatalogEntry, type CatalogList } from "./catalog.ts";
import { pinyinOrder } from "../domain/ranking.ts";
import type { PreparedCells } from "../domain/scoring.ts";
import { hasScoring, preparedScores, publicRanking, scoresRevealed, type PublicScore } from "./score-reveal.ts";
import type { VotingState } from "../domain/voting.ts";

export interface PublicEntry {
  id: number;
  slug: string;
  name: string;
  nameEn?: string;
  kind: string;
  region?: string;
  sector?: string;
  summary?: string;
  /** category key → value (S1's 案例领域, S2's 省份/案例类型/征集方向, S3's 领域) */
  categories?: Record<string, string>;
  url: string;
  rank?: number;
  votes?: number;
  /** voided votes (fraud review); ranked lists only */
  voided?: number;
  /** ranked lists, once scores are revealed */
  score?: PublicScore;
  /** 摘牌: absent unless the entry lost its designation */
  revocation?: { date: string; reason: string };
}

export interface LeaderboardView {
  campaign: string;
  list: string;
  title: string;
  ranking: "ranked" | "unranked";
  state: VotingState;
  generatedAt: string;
  /** ranked lists: by valid votes, or by total once scores are revealed */
  orderedBy?: "votes" | "total";
  entries: PublicEntry[];
}

interface Cached {
  at: number;
  catalogVersion: number;
  tallies: Map<number, number>;
  voided: Map<number, number>;
  /** the last view built from these tallies, reused while the list's state is the same */
  view?: RankedView;
}

export interface RankedView {
  /** what the API shows; the same object while nothing changed */
  board: LeaderboardView;
  rankOf: Map<number, Figures>;
}

export interface Figures {
  votes: number;
  rank: number;
  voided?: number;
  score?: PublicScore;
}

export function entryUrl(e: CatalogEntry): string {
  return `/${e.list.campaign.slug}/${e.list.slug}/${e.slug}/`;
}

/** An entry as the public sees it; `votes`/`rank` only ever for ranked lists. */
export function publicEntry(e: CatalogEntry, figures?: Figures): PublicEntry {
  const base: PublicEntry = {
    id: e.id,
    slug: e.slug,
    name: e.name.zh,
    ...(e.name.en ? { nameEn: e.name.en } : {}),
    kind: e.kind,
    ...(e.region ? { region: e.region } : {}),
    ...(e.sector ? { sector: e.sector } : {}),
    ...(e.summary ? { summary: e.summary.zh } : {}),
    ...(e.categories ? { categories: e.categories } : {}),
    url: entryUrl(e),
    ...(e.revocation ? { revocation: { date: e.revocation.date, reason: e.revocation.reason } } : {}),
  };
  if (e.list.ranking === "ranked" && figures) {
    return {
      ...base,
      rank: figures.rank,
      votes: figures.votes,
      voided: figures.voided ?? 0,
      ...(figures.score ? { score: figures.score } : {}),
    };
  }
  return base;
}

export class Leaderboards {
  readonly #cache = new Map<number, Cached>();
  readonly #pending = new Map<number, Promise<Cached>>();
  /** unranked lists have no figures: their view depends only on the catalog and the state */
  readonly #unranked = new WeakMap<CatalogList, RankedView>();
  /** imported scores per list; they change only with the catalog version (an import bumps it) */
  readonly #scores = new Map<number, { catalogVersion: number; cells: Promise<PreparedCells> }>();

  constructor(
    private readonly db: Queryable,
    private readonly clock: Clock,
    private readonly ttlMs = 2000,
  ) {}

  async tallies(list: CatalogList, catalogVersion: number): Promise<Map<number, number>> {
    const now = this.clock.now();
    const cached = this.#cache.get(list.id);
    if (cached && now - cached.at < this.ttlMs && cached.catalogVersion === catalogVersion) return cached.tallies;
    let pending = this.#pending.get(list.id);
    if (!pending) {
      pending = listTallyFigures(this.db, list.id)
        .then(({ votes: tallies, voided }) => {
          const fresh = { at: now, catalogVersion, tallies, voided };
          this.#cache.set(list.id, fresh);
          return fresh;
        })
        .finally(() => this.#pending.delete(list.id));
      this.#pending.set(list.id, pending);
    }
    return (await pending).tallies;
  }

  /** The list's imported scores, read and averaged once per catalog version (votes do not change them). */
  scoreCells(list: CatalogList, catalogVersion: number): Promise<PreparedCells> {
    const cached = this.#scores.get(list.id);
    if (cached && cached.catalogVersion === catalogVersion) return cached.cells;
    const cells = listScores(this.db, list.id).then((rows) => preparedScores(list, rows));
    this.#scores.set(list.id, { catalogVersion, cells });
    cells.catch(() => this.#scores.delete(list.id));
    return cells;
  }

  /** A vote this process committed: its entry's valid votes are now `votes`. */
  noteVote(listId: number, entryId: number, votes: number): void {
    const cached = this.#cache.get(listId);
    if (!cached || (cached.tallies.get(entryId) ?? 0) >= votes) return;
    // A new map, not a mutation: views built from the old one stay as they were.
    const tallies = new Map(cached.tallies);
    tallies.set(entryId, votes);
    this.#cache.set(listId, { ...cached, tallies, view: undefined });
  }

  /** Forget a list's figures so the next read goes to the tallies (after a close, a void, an import). */
  invalidate(listId?: number): void {
    if (listId === undefined) this.#cache.clear();
    else this.#cache.delete(listId);
  }

  /**
   * The list's leaderboard. The same object is returned while its tallies and state are unchanged,
   * so callers may cache what they derive from it (the JSON body and its ETag).
   */
  async view(list: CatalogList, catalogVersion: number): Promise<RankedView> {
    const now = this.clock.now();
    const state = listState(list, now);
    if (list.ranking === "unranked") {
      const cachedUnranked = this.#unranked.get(list);
      if (cachedUnranked && cachedUnranked.board.state === state) return cachedUnranked;
      const ordered = pinyinOrder(list.entries.map((e) => ({ e, name: e.name.zh })));
      const view = { board: { ...this.#head(list, state, now), entries: ordered.map(({ e }) => publicEntry(e)) }, rankOf: new Map() };
      this.#unranked.set(list, view);
      return view;
    }
    const tallies = await this.tallies(list, catalogVersion);
    const cached = this.#cache.get(list.id);
    if (cached?.view && cached.tallies === tallies && cached.view.board.state === state) return cached.view;
    const cells = scoresRevealed(list, now) && hasScoring(list) ? await this.scoreCells(list, catalogVersion) : [];
    const ranking = publicRanking(list, tallies, cells, now);
    const rankOf = new Map<number, Figures>();
    for (const p of ranking.places)
      rankOf.set(p.entry.id, {
        votes: p.votes,
        rank: p.rank,
        voided: cached?.voided.get(p.entry.id) ?? 0,
        ...(p.score ? { score: p.score } : {}),
      });
    const view: RankedView = {
      board: {
        ...this.#head(list, state, cached?.at ?? now),
        orderedBy: ranking.orderedBy,
        entries: ranking.places.map((p) => publicEntry(p.entry, rankOf.get(p.entry.id))),
      },
      rankOf,
    };
    if (cached && cached.tallies === tallies) cached.view = view;
    return view;
  }

  #head(list: CatalogList, state: VotingState, at: number) {
    return {
      campaign: list.campaign.slug,
      list: list.slug,
      title: list.title.zh,
      ranking: list.ranking,
      state,
      generatedAt: new Date(at).toISOString(),
    };
  }
}
