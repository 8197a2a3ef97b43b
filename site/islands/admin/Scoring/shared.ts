/** What the 专家评审 view reads from GET /api/admin/campaigns/{c}/scoring, and the small functions its parts share. */
import { createSignal } from "solid-js";
import type { FeatureProps } from "../features";
import { nameOf } from "../flow-kit";
import type { Lang } from "../texts";
import { t } from "../texts-scoring";

export type Localized = { zh: string; en?: string };
export type Advance = { top: number } | "manual" | null;

export interface ScoringRound {
  key: string;
  title: Localized | string;
  final: boolean;
  advance: Advance;
}
export interface Scorer {
  name: string;
  round: string;
  lists: string[] | null;
  recused: string[];
  status: "not_started" | "draft" | "submitted";
  scored: number;
  total: number;
  submittedAt: string | null;
  reopened?: { at: string; by: string; reason: string }[];
}
export interface ScoringEntry {
  id: number;
  slug: string;
  list: string;
  name: Localized | string;
  round: string;
  assigned: number;
  submitted: number;
}
export interface Outlier {
  round: string;
  scorer: string;
  entry: string;
  list: string;
  component: string;
  dimension: string;
  score: number;
  mean: number;
  sd: number;
}
/** The full scoring the same answer carries: here only each list's dimension and component titles. */
export interface ScoringList {
  list: string;
  dimensions?: { key: string; title: Localized | string }[];
  components?: { key: string; title: Localized | string }[];
}
export interface ScoringOverview {
  lists: ScoringList[];
  rounds: ScoringRound[];
  scorers: Scorer[];
  entries: ScoringEntry[];
  advancing: Record<string, Record<string, string[]>>;
  outliers: Outlier[];
}

/** The answer with every part present (an older or partial answer leaves a part out). */
export function normalized(raw: Partial<ScoringOverview> | undefined): ScoringOverview {
  return {
    lists: raw?.lists ?? [],
    rounds: raw?.rounds ?? [],
    scorers: raw?.scorers ?? [],
    entries: raw?.entries ?? [],
    advancing: raw?.advancing ?? {},
    outliers: raw?.outliers ?? [],
  };
}

/** What every part of the view needs: the console, the campaign, its words, names for keys. */
export interface View {
  p: FeatureProps;
  lang: Lang;
  s: (typeof t)["zh"];
  slug: string;
  data: ScoringOverview;
  /** more than one round declared: say which round a scorer or entry belongs to */
  rounds: boolean;
  roundTitle: (key: string) => string;
  listTitle: (slug: string) => string;
  entryName: (list: string, entry: string) => string;
  /** a dimension's or a component's title in a list, its key when the answer has none */
  dimensionTitle: (list: string, key: string) => string;
  componentTitle: (list: string, key: string) => string;
  /** fetch the overview again after a change */
  reload: () => void;
}

export function view(p: FeatureProps, data: ScoringOverview, reload: () => void): View {
  const lang = p.c.lang;
  const roundTitle = (key: string) => {
    const r = data.rounds.find((x) => x.key === key);
    return r ? nameOf(r.title, lang) || r.key : key;
  };
  const listTitle = (slug: string) => p.campaign?.lists.find((l) => l.slug === slug)?.title ?? slug;
  const entryName = (list: string, entry: string) => {
    const e = data.entries.find((x) => (x.list === list || !list) && (x.slug === entry || String(x.id) === entry));
    return e ? nameOf(e.name, lang) : entry;
  };
  const titled = (list: string, part: "dimensions" | "components", key: string) => {
    const found = data.lists.find((l) => l.list === list)?.[part]?.find((x) => x.key === key);
    return found ? nameOf(found.title, lang) || key : key;
  };
  return {
    p,
    lang,
    dimensionTitle: (list, key) => titled(list, "dimensions", key),
    componentTitle: (list, key) => titled(list, "components", key),
    s: t[lang],
    slug: p.campaign?.slug ?? "",
    data,
    rounds: data.rounds.length > 1,
    roundTitle,
    listTitle,
    entryName,
    reload,
  };
}

/** 82.333… → "82.33"; 80 → "80". */
export const num = (n: number) => String(Number(n.toFixed(2)));

export type Result = { ok: boolean; message: string };
/** What an action did, kept by the view (the part that took it is drawn anew by the reload that follows). */
export interface Notice {
  get: () => Result | undefined;
  set: (r: Result | undefined) => void;
}
export function notice(): Notice {
  const [get, set] = createSignal<Result>();
  return { get, set: (r) => set(() => r) };
}
