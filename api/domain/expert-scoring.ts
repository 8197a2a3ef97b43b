/**
 * Expert scoring (专家评审), the pure part: a campaign's rounds and where each round's scores are
 * stored, the components experts score, checking a draft's cells, what is still missing, recusals,
 * who advances to the next round, and outliers among submitted scores.
 *
 * The final round is stored as "" so that everything reading the composite (leaderboards, reveal,
 * trimming, exports of the total) keeps reading exactly the rows it always read.
 */
import type { Localized } from "./campaign-fields.ts";
import { comparePinyin } from "./ranking.ts";
import { round2, scorerMean } from "./scoring.ts";

export const SCORE_RANGE = { min: 0, max: 100 } as const;
export const COMMENT_MAX = 2000;

export interface RoundView {
  /** the declared key; "" when the campaign declares no rounds */
  key: string;
  title: Localized;
  final: boolean;
  advance: { top: number } | "manual" | null;
  /** the key its scores are stored under: "" for the final round */
  stored: string;
}

export interface RoundsShape {
  rounds?: { key: string; title: Localized; advance?: { top: number } | "manual" }[];
}

/** The campaign's rounds in order; a campaign without `rounds` has one, the final, keyed "". */
export function roundsOf(campaign: RoundsShape): RoundView[] {
  const declared = campaign.rounds ?? [];
  if (declared.length === 0) return [{ key: "", title: { zh: "评审", en: "Review" }, final: true, advance: null, stored: "" }];
  return declared.map((r, i) => {
    const final = i === declared.length - 1;
    return { key: r.key, title: r.title, final, advance: r.advance ?? null, stored: final ? "" : r.key };
  });
}

/** The round of a declared key ("" or the final's key: the final round), or undefined. */
export function findRound(campaign: RoundsShape, key: string): RoundView | undefined {
  const rounds = roundsOf(campaign);
  if (key === "") return rounds[rounds.length - 1];
  return rounds.find((r) => r.key === key);
}

/** The round stored under `stored` ("" = the final round). */
export function roundOfStored(campaign: RoundsShape, stored: string): RoundView | undefined {
  return roundsOf(campaign).find((r) => r.stored === stored);
}

/** The round before this one, whose results decide who enters it. */
export function previousRound(campaign: RoundsShape, round: RoundView): RoundView | undefined {
  const rounds = roundsOf(campaign);
  const i = rounds.findIndex((r) => r.key === round.key);
  return i > 0 ? rounds[i - 1] : undefined;
}

export interface ExpertComponent {
  key: string;
  weight: number;
  trim: boolean;
}

/** The components experts score (`scoredBy: experts`), in the file's order. */
export function expertComponents<C extends { key: string; scoredBy?: "experts" }>(components: readonly C[]): C[] {
  return components.filter((c) => c.scoredBy === "experts");
}

/** One filled cell of a draft. */
export interface DraftCell {
  component: string;
  dimension: string;
  score: number;
}

export type DraftCheck =
  { ok: true; scores: Record<string, unknown>; cells: DraftCell[] } | { ok: false; message: { zh: string; en: string } };

const bad = (zh: string, en: string): DraftCheck => ({ ok: false, message: { zh, en } });

/**
 * Checks a draft's `scores` against the sheet: with one component `{dimension: n}`, with several
 * `{component: {dimension: n}}`. A cell may be missing or null (not scored yet); a score must be a
 * finite number within the range. The answer keeps the cells that hold a number, in the same shape.
 */
export function checkDraftScores(
  scores: unknown,
  components: readonly { key: string }[],
  dimensions: readonly { key: string }[],
  range: { min: number; max: number } = SCORE_RANGE,
): DraftCheck {
  if (scores === null || typeof scores !== "object" || Array.isArray(scores)) return bad("scores 须为对象", "scores must be an object");
  const dims = new Set(dimensions.map((d) => d.key));
  const cells: DraftCell[] = [];
  const checkSheet = (sheet: Record<string, unknown>, component: string, prefix: string): DraftCheck => {
    const kept: Record<string, number> = {};
    for (const [dimension, value] of Object.entries(sheet)) {
      if (!dims.has(dimension))
        return bad(
          `没有评价维度 ${prefix}${dimension}（可用：${[...dims].join("、")}）`,
          `No dimension ${prefix}${dimension} (known: ${[...dims].join(", ")})`,
        );
      if (value === null) continue;
      if (typeof value !== "number" || !Number.isFinite(value))
        return bad(`${prefix}${dimension} 的分数须为数字`, `The score of ${prefix}${dimension} must be a number`);
      if (value < range.min || value > range.max)
        return bad(
          `${prefix}${dimension} 的分数须在 ${range.min}–${range.max} 之间，收到 ${value}`,
          `The score of ${prefix}${dimension} must be within ${range.min}–${range.max}; got ${value}`,
        );
      kept[dimension] = value;
      cells.push({ component, dimension, score: value });
    }
    return { ok: true, scores: kept, cells: [] };
  };
  if (components.length === 1) {
    const result = checkSheet(scores as Record<string, unknown>, components[0]!.key, "");
    return result.ok ? { ok: true, scores: result.scores, cells } : result;
  }
  const known = new Set(components.map((c) => c.key));
  const out: Record<string, unknown> = {};
  for (const [component, sheet] of Object.entries(scores as Record<string, unknown>)) {
    if (!known.has(component))
      return bad(
        `没有由专家评分的组成部分 ${component}（可用：${[...known].join("、")}）`,
        `No expert-scored component ${component} (known: ${[...known].join(", ")})`,
      );
    if (sheet === null) continue;
    if (typeof sheet !== "object" || Array.isArray(sheet))
      return bad(`scores.${component} 须为对象（维度 → 分数）`, `scores.${component} must be an object (dimension → score)`);
    const result = checkSheet(sheet as Record<string, unknown>, component, `${component}.`);
    if (!result.ok) return result;
    if (Object.keys(result.scores).length > 0) out[component] = result.scores;
  }
  return { ok: true, scores: out, cells };
}

/** The cells of a stored draft (already checked when saved). */
export function draftCells(scores: Record<string, unknown>, components: readonly { key: string }[]): DraftCell[] {
  if (components.length === 1) {
    const component = components[0]!.key;
    return Object.entries(scores)
      .filter(([, v]) => typeof v === "number")
      .map(([dimension, v]) => ({ component, dimension, score: v as number }));
  }
  return components.flatMap((c) => {
    const sheet = scores[c.key];
    if (!sheet || typeof sheet !== "object") return [];
    return Object.entries(sheet as Record<string, unknown>)
      .filter(([, v]) => typeof v === "number")
      .map(([dimension, v]) => ({ component: c.key, dimension, score: v as number }));
  });
}

/** The cells still empty, named `<component>.<dimension>` with several components, `<dimension>` with one. */
export function missingCells(
  scores: Record<string, unknown>,
  components: readonly { key: string }[],
  dimensions: readonly { key: string }[],
): string[] {
  const filled = new Set(draftCells(scores, components).map((c) => `${c.component}\u0000${c.dimension}`));
  const missing: string[] = [];
  for (const c of components)
    for (const d of dimensions)
      if (!filled.has(`${c.key}\u0000${d.key}`)) missing.push(components.length === 1 ? d.key : `${c.key}.${d.key}`);
  return missing;
}

/** Whether a recusal list (entry slugs or `list/slug`) names this entry. */
export function isRecused(recuse: readonly string[], list: string, entry: string): boolean {
  return recuse.includes(entry) || recuse.includes(`${list}/${entry}`);
}

/** A score of one round as stored (scorer by name). */
export interface RoundCell {
  entryId: number;
  dimension: string;
  component: string;
  scorer: string;
  score: number;
}

/**
 * An entry's result in a round: the dimension-weighted mean of each dimension's expert value, that
 * being the component-weighted mean (weights among the expert components) of the scorers' mean,
 * trimmed as the component says. Undefined while any cell has no score.
 */
export function roundResult(
  entryId: number,
  cells: readonly RoundCell[],
  components: readonly ExpertComponent[],
  dimensions: readonly { key: string; weight: number }[],
): number | undefined {
  const byCell = new Map<string, number[]>();
  for (const c of cells) {
    if (c.entryId !== entryId) continue;
    const key = `${c.component}\u0000${c.dimension}`;
    const list = byCell.get(key) ?? [];
    list.push(c.score);
    byCell.set(key, list);
  }
  const componentWeight = components.reduce((s, c) => s + c.weight, 0);
  const dimensionWeight = dimensions.reduce((s, d) => s + d.weight, 0);
  if (components.length === 0 || dimensions.length === 0) return undefined;
  let total = 0;
  for (const d of dimensions) {
    let value = 0;
    for (const c of components) {
      const scores = byCell.get(`${c.key}\u0000${d.key}`);
      if (!scores?.length) return undefined;
      const mean = scorerMean(scores, c.trim).value;
      value += componentWeight > 0 ? (mean * c.weight) / componentWeight : mean / components.length;
    }
    total += (value * d.weight) / dimensionWeight;
  }
  return total;
}

/**
 * The entries of one list that advance by `top: N`: ranked by their previous-round result (two
 * decimals, as the composite ranks), everyone tied with the N-th advancing too. Entries without a
 * complete result do not advance. Returned in the list's order.
 */
export function topAdvancing<E extends { id: number; slug: string; name: string }>(
  entries: readonly E[],
  result: (id: number) => number | undefined,
  top: number,
): E[] {
  const scored = entries
    .map((e) => ({ e, value: result(e.id) }))
    .filter((x): x is { e: E; value: number } => x.value !== undefined)
    .map((x) => ({ ...x, value: round2(x.value) }))
    .sort((a, b) => b.value - a.value || comparePinyin(a.e.name, b.e.name));
  if (scored.length <= top) return entries.filter((e) => scored.some((s) => s.e.id === e.id));
  const cut = scored[top - 1]!.value;
  const chosen = new Set(scored.filter((s) => s.value >= cut).map((s) => s.e.id));
  return entries.filter((e) => chosen.has(e.id));
}

export interface Outlier {
  scorer: string;
  entryId: number;
  component: string;
  dimension: string;
  score: number;
  mean: number;
  sd: number;
}

/**
 * Scores far from the others on one (entry, component, dimension): with at least three scorers, a
 * score more than two population standard deviations (of the other scorers' scores, when that is
 * above zero) from the others' mean.
 */
export function findOutliers(cells: readonly RoundCell[]): Outlier[] {
  const groups = new Map<string, RoundCell[]>();
  for (const c of cells) {
    const key = `${c.entryId}\u0000${c.component}\u0000${c.dimension}`;
    const list = groups.get(key) ?? [];
    list.push(c);
    groups.set(key, list);
  }
  const out: Outlier[] = [];
  for (const group of groups.values()) {
    if (group.length < 3) continue;
    for (const cell of group) {
      const others = group.filter((g) => g !== cell).map((g) => g.score);
      const mean = others.reduce((s, x) => s + x, 0) / others.length;
      const sd = Math.sqrt(others.reduce((s, x) => s + (x - mean) ** 2, 0) / others.length);
      if (sd > 0 && Math.abs(cell.score - mean) > 2 * sd)
        out.push({
          scorer: cell.scorer,
          entryId: cell.entryId,
          component: cell.component,
          dimension: cell.dimension,
          score: cell.score,
          mean,
          sd,
        });
    }
  }
  return out;
}
