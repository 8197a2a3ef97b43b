/**
 * Composite scoring (SPEC §3), as plain functions: expert trimming, component weights, the online
 * vote's normalisation, dimension weights, the total and its standard competition ranks.
 *
 *   component score c_{d}  = mean of the scorers' scores for (entry, dimension d, component c);
 *                            with `trim` and ≥ 5 scorers, one highest and one lowest are dropped first
 *   vote score V           = 100 × valid votes / most valid votes in the list   (normalize: max)
 *                          = 100 × (N − r + 1) / N, r its competition rank by votes (normalize: rank)
 *                            (0 for an entry without votes, and for everyone when nobody voted)
 *   dimension score S_d    = Σ_c w_c × c_{d}            (the vote component contributes V to every d)
 *   total                  = Σ_d w_d × S_d / Σ_d w_d
 *
 * Everything is computed at full precision; ranks use the total rounded to two decimals. An entry
 * missing any (dimension, component) cell gets no total (decision 008): it is never ranked on a
 * number that does not measure it.
 */
import { comparePinyin, competitionRank } from "./ranking.ts";

export interface ScoringComponent {
  key: string;
  weight: number;
  trim: boolean;
  normalize: "max" | "rank";
}

export interface ScoringDimension {
  key: string;
  weight: number;
}

/** One imported score: one row of a scores file. */
export interface ScoreCell {
  entryId: number;
  dimension: string;
  component: string;
  /** "" for a single-scorer component */
  scorer: string;
  score: number;
}

export interface ScoringEntry {
  id: number;
  /** Chinese name: the last tie-break, in pinyin order */
  name: string;
  /** valid votes (voided votes never count) */
  votes: number;
}

export const VOTE_COMPONENT = "vote";
/** Minimum number of scorers at which a `trim: true` component drops its highest and lowest score. */
export const TRIM_MIN_SCORERS = 5;

/** Rounds to two decimals for ranking and display, ignoring binary noise such as 78.49999999999999. */
export function round2(x: number): number {
  return Math.round(Number((x * 100).toPrecision(12))) / 100;
}

/**
 * The mean of several scorers' scores; with `trim` and at least five scorers, one highest and one
 * lowest score are dropped first (去掉一个最高分和一个最低分). The scores are summed in sorted order,
 * so the order in which scorers arrive never changes the result, not even in the last bit.
 */
export function scorerMean(scores: readonly number[], trim: boolean): { value: number; trimmed: boolean; scorers: number } {
  if (scores.length === 0) throw new Error("scorerMean needs at least one score");
  const sorted = [...scores].sort((a, b) => a - b);
  const trimmed = trim && sorted.length >= TRIM_MIN_SCORERS;
  const kept = trimmed ? sorted.slice(1, -1) : sorted;
  const sum = kept.reduce((s, x) => s + x, 0);
  return { value: sum / kept.length, trimmed, scorers: scores.length };
}

/** Each entry's vote score V in 0–100. */
export function voteScores(entries: readonly { id: number; votes: number }[], normalize: "max" | "rank"): Map<number, number> {
  const result = new Map<number, number>();
  const most = entries.reduce((m, e) => Math.max(m, e.votes), 0);
  if (most <= 0) {
    for (const e of entries) result.set(e.id, 0);
    return result;
  }
  if (normalize === "max") {
    for (const e of entries) result.set(e.id, (100 * e.votes) / most);
    return result;
  }
  const n = entries.length;
  for (const e of entries) {
    if (e.votes <= 0) {
      result.set(e.id, 0);
      continue;
    }
    const rank = 1 + entries.filter((o) => o.votes > e.votes).length;
    result.set(e.id, (100 * (n - rank + 1)) / n);
  }
  return result;
}

export interface CellResult {
  dimension: string;
  component: string;
  value: number;
  /** how many scores were imported for this cell */
  scorers: number;
  /** the highest and the lowest score were dropped */
  trimmed: boolean;
}

export interface EntryScoring {
  id: number;
  votes: number;
  /** every (dimension, non-vote component) cell has at least one score */
  complete: boolean;
  /** cells without any score, when incomplete */
  missing: { dimension: string; component: string }[];
  /** the imported cells, in dimension then component order */
  cells: CellResult[];
  /** V, 0–100 (0 when the campaign has no vote component) */
  voteScore: number;
  /** only when complete: the contract's `score` */
  score?: { total: number; dimensions: Record<string, number>; components: Record<string, number> };
}

export interface ListScoringInput {
  entries: readonly ScoringEntry[];
  dimensions: readonly ScoringDimension[];
  components: readonly ScoringComponent[];
  /** the imported rows, or their means already computed by `prepareCells` */
  cells: readonly ScoreCell[] | PreparedCells;
}

/** Each entry's cell means, keyed `dimension\0component`: everything that does not depend on votes. */
export interface PreparedCells {
  prepared: true;
  byEntry: Map<number, Map<string, CellResult>>;
}

/**
 * The scorers' means of every (entry, dimension, imported component) cell. They change only with
 * an import, not with votes, so a caller may keep them while votes move the vote component.
 */
export function prepareCells(
  dimensions: readonly ScoringDimension[],
  components: readonly ScoringComponent[],
  cells: readonly ScoreCell[],
): PreparedCells {
  const byCell = new Map<string, number[]>();
  for (const cell of cells) {
    const key = `${cell.entryId}\u0000${cell.dimension}\u0000${cell.component}`;
    const list = byCell.get(key);
    if (list) list.push(cell.score);
    else byCell.set(key, [cell.score]);
  }
  const byEntry = new Map<number, Map<string, CellResult>>();
  const imported = components.filter((c) => c.key !== VOTE_COMPONENT);
  for (const [key, scores] of byCell) {
    const [entryText, dimension, component] = key.split("\u0000") as [string, string, string];
    const c = imported.find((x) => x.key === component);
    if (!c || !dimensions.some((d) => d.key === dimension)) continue;
    const mean = scorerMean(scores, c.trim);
    const entryId = Number(entryText);
    let cellsOf = byEntry.get(entryId);
    if (!cellsOf) byEntry.set(entryId, (cellsOf = new Map()));
    cellsOf.set(`${dimension}\u0000${component}`, {
      dimension,
      component,
      value: mean.value,
      scorers: mean.scorers,
      trimmed: mean.trimmed,
    });
  }
  return { prepared: true, byEntry };
}

/** Every entry's breakdown, computed regardless of whether the public may see it. */
export function scoreEntries(input: ListScoringInput): EntryScoring[] {
  const voteComponent = input.components.find((c) => c.key === VOTE_COMPONENT);
  const votes = voteScores(input.entries, voteComponent?.normalize ?? "max");
  const imported = input.components.filter((c) => c.key !== VOTE_COMPONENT);
  const prepared = "prepared" in input.cells ? input.cells : prepareCells(input.dimensions, input.components, input.cells);
  const dimensionWeight = input.dimensions.reduce((s, d) => s + d.weight, 0);

  return input.entries.map((entry) => {
    const V = voteComponent ? (votes.get(entry.id) ?? 0) : 0;
    const cells: CellResult[] = [];
    const missing: { dimension: string; component: string }[] = [];
    const value = new Map<string, number>();
    const own = prepared.byEntry.get(entry.id);
    for (const d of input.dimensions) {
      for (const c of imported) {
        const cell = own?.get(`${d.key}\u0000${c.key}`);
        if (!cell) {
          missing.push({ dimension: d.key, component: c.key });
          continue;
        }
        value.set(`${d.key}\u0000${c.key}`, cell.value);
        cells.push(cell);
      }
    }
    const complete = missing.length === 0 && input.dimensions.length > 0 && input.components.length > 0;
    const result: EntryScoring = { id: entry.id, votes: entry.votes, complete, missing, cells, voteScore: V };
    if (!complete) return result;

    const dimensions: Record<string, number> = {};
    const components: Record<string, number> = {};
    for (const c of input.components) components[c.key] = 0;
    let total = 0;
    for (const d of input.dimensions) {
      let S = 0;
      for (const c of input.components) {
        const v = c.key === VOTE_COMPONENT ? V : value.get(`${d.key}\u0000${c.key}`)!;
        S += c.weight * v;
        components[c.key]! += (d.weight * v) / dimensionWeight;
      }
      dimensions[d.key] = S;
      total += (d.weight * S) / dimensionWeight;
    }
    result.score = { total, dimensions, components };
    return result;
  });
}

/**
 * Tie order within an equal rounded total (SPEC §3): expert review, then case research, then the
 * other imported components in the file's order, then valid votes, then the name in pinyin order.
 */
export function tieOrder(components: readonly ScoringComponent[]): string[] {
  const keys = components.map((c) => c.key).filter((k) => k !== VOTE_COMPONENT);
  const preferred = ["expert", "research"].filter((k) => keys.includes(k));
  return [...preferred, ...keys.filter((k) => !preferred.includes(k))];
}

/**
 * Ranks a list by its totals: standard competition ranks (1, 2, 2, 4) on the total rounded to two
 * decimals, ties listed in `tieOrder`. Entries without a total follow all scored ones, sharing the
 * rank after the last scored entry, in order of valid votes then name.
 */
export function rankByTotal<T extends EntryScoring & { name: string }>(
  scored: readonly T[],
  components: readonly ScoringComponent[],
): (T & { rank: number })[] {
  const order = tieOrder(components);
  const complete = scored.filter((e) => e.score);
  // rounded once per entry: the sort compares keys many times
  const rounded = new Map(complete.map((e) => [e, round2(e.score!.total)]));
  const ranked = competitionRank(
    complete,
    (e) => rounded.get(e)!,
    (a, b) => {
      for (const key of order) {
        const diff = b.score!.components[key]! - a.score!.components[key]!;
        if (diff !== 0) return diff;
      }
      return b.votes - a.votes;
    },
  );
  const pendingRank = complete.length + 1;
  const pending = scored
    .filter((e) => !e.score)
    .sort((a, b) => b.votes - a.votes || comparePinyin(a.name, b.name))
    .map((e) => ({ ...e, rank: pendingRank }));
  return [...ranked, ...pending];
}
