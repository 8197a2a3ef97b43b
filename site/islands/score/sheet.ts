/**
 * The scoring sheet's rules, without a browser or a server: which cells an entry has, what a cell
 * holds, when an entry is scored, the PUT body, and which revision a draft carries. A draft's
 * revision is bound to its content: a retry resends the same content under the same revision (the
 * server answers an equal revision with what it holds, so nothing doubles), and any change after a
 * send takes the next revision (so a late answer never undoes it).
 */
import type { Dimension, Entry, Localized, Scores } from "./types";

export interface Cell {
  /** "dimension", or "component.dimension" with several components: the submit answer's `cells` names */
  key: string;
  component?: { key: string; title: Localized };
  dimension: Dimension;
}

export type Values = Record<string, string>;
export type Range = { min: number; max: number };
export type CellState = "empty" | "ok" | "invalid";
export type EntryStatus = "none" | "draft" | "done";

export function cellsOf(entry: Pick<Entry, "dimensions">, components: { key: string; title: Localized }[]): Cell[] {
  if (components.length <= 1) return entry.dimensions.map((dimension) => ({ key: dimension.key, dimension }));
  return components.flatMap((component) =>
    entry.dimensions.map((dimension) => ({ key: `${component.key}.${dimension.key}`, component, dimension })),
  );
}

/** A stored score in the input's own words ("" for none). */
export function valuesFromScores(scores: Scores, cells: Cell[]): Values {
  const values: Values = {};
  for (const cell of cells) {
    const holder = cell.component ? scores[cell.component.key] : scores;
    const n = holder && typeof holder === "object" ? (holder as Record<string, unknown>)[cell.dimension.key] : undefined;
    values[cell.key] = typeof n === "number" ? String(n) : "";
  }
  return values;
}

export function cellState(raw: string | undefined, range: Range): CellState {
  const text = (raw ?? "").trim();
  if (text === "") return "empty";
  const n = Number(text);
  return Number.isFinite(n) && n >= range.min && n <= range.max ? "ok" : "invalid";
}

/** The PUT body's scores: every valid cell, nested by component when there are several. */
export function scoresFromValues(values: Values, cells: Cell[], range: Range): Scores {
  const scores: Scores = {};
  for (const cell of cells) {
    if (cellState(values[cell.key], range) !== "ok") continue;
    const n = Number(values[cell.key]!.trim());
    if (!cell.component) scores[cell.dimension.key] = n;
    else ((scores[cell.component.key] ??= {}) as Record<string, number>)[cell.dimension.key] = n;
  }
  return scores;
}

export function missingCells(values: Values, cells: Cell[], range: Range): Cell[] {
  return cells.filter((cell) => cellState(values[cell.key], range) !== "ok");
}

export function hasInvalid(values: Values, cells: Cell[], range: Range): boolean {
  return cells.some((cell) => cellState(values[cell.key], range) === "invalid");
}

/** 未评: nothing written; 已评: every cell scored; 草稿: anything between. */
export function entryStatus(values: Values, comment: string, cells: Cell[], range: Range): EntryStatus {
  const states = cells.map((cell) => cellState(values[cell.key], range));
  if (states.length > 0 && states.every((s) => s === "ok")) return "done";
  return states.every((s) => s === "empty") && comment.trim() === "" ? "none" : "draft";
}

/** A draft not yet known to be on the server: its content, the revision it carries, whether that revision went out. */
export interface Draft {
  values: Values;
  comment: string;
  revision: number;
  sent: boolean;
}

/** A change: the same revision while it has not gone out, the next one once it has. */
export function changed(previous: Draft | undefined, serverRevision: number, values: Values, comment: string): Draft {
  if (!previous) return { values, comment, revision: serverRevision + 1, sent: false };
  return { values, comment, revision: previous.sent ? previous.revision + 1 : previous.revision, sent: false };
}

/**
 * A draft kept on this device, against what the server holds: a sent revision the server has reached
 * is done (dropped); an unsent one whose revision the server has passed (another device saved since)
 * keeps its content under the server's next revision.
 */
export function reconcile(kept: Draft | undefined, serverRevision: number): Draft | undefined {
  if (!kept) return undefined;
  if (kept.revision > serverRevision) return kept;
  return kept.sent ? undefined : { ...kept, revision: serverRevision + 1 };
}

/** A kept draft read back; anything malformed counts as none. */
export function parseDraft(text: string | null): Draft | undefined {
  if (!text) return undefined;
  try {
    const d = JSON.parse(text) as Partial<Draft>;
    if (typeof d.revision !== "number" || !Number.isInteger(d.revision) || d.revision < 1) return undefined;
    if (typeof d.values !== "object" || d.values === null || typeof d.comment !== "string") return undefined;
    const values: Values = {};
    for (const [k, v] of Object.entries(d.values)) if (typeof v === "string") values[k] = v;
    return { values, comment: d.comment, revision: d.revision, sent: d.sent === true };
  } catch {
    return undefined;
  }
}

/** Retries after a failed save: 1 s, 2 s, 4 s … at most 30 s. */
export function retryDelay(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt));
}

/** Where a draft is kept: per token (a prefix of its hash, never the token) and entry. */
export function draftKey(tokenPrefix: string, entryId: number): string {
  return `bd_score:${tokenPrefix}:${entryId}`;
}

/** A short, stable fingerprint of the token for the storage keys (SHA-256 where the browser offers it). */
export async function tokenPrefix(token: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle) {
    const digest = new Uint8Array(await subtle.digest("SHA-256", new TextEncoder().encode(token)));
    return Array.from(digest.slice(0, 6), (b) => b.toString(16).padStart(2, "0")).join("");
  }
  // plain http away from localhost has no crypto.subtle: FNV-1a, enough to keep two tokens' drafts apart
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193) >>> 0;
  return "f" + h.toString(16).padStart(8, "0");
}
