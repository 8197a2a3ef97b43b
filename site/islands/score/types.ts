/** What GET /api/scoring/assignments answers (CONTRACT.md, "Expert scoring"), as the page reads it. */
export interface Localized {
  zh: string;
  en?: string;
}

/** A text the API may send localized or plain. */
export type Text = Localized | string;

export interface Dimension {
  key: string;
  title: Localized;
  description?: Localized;
  weight: number;
}

/** One component: { dimension: n }; several: { component: { dimension: n } }. */
export type Scores = Record<string, number | Record<string, number>>;

export interface Section {
  key?: string;
  title?: Text;
  body?: Text;
  text?: Text;
}

export interface Figure {
  src: string;
  caption?: Text;
  alt?: Text;
}

export interface Indicator {
  key: string;
  title: Text;
  value: string | number | null;
  unit?: string;
}

export interface Entry {
  id: number;
  slug: string;
  name: Localized;
  list: { slug: string; title: Localized };
  summary?: Text;
  body?: Text;
  sections?: Section[];
  figures?: Figure[];
  picture?: string;
  indicators?: Indicator[];
  dimensions: Dimension[];
  scores: Scores;
  comment: string | null;
  complete: boolean;
  revision: number;
  savedAt: string | null;
}

export interface Assignments {
  campaign: { slug: string; title: Localized; timezone: string };
  scorer: { name: string };
  round: { key: string; title: Localized; final: boolean };
  components: { key: string; title: Localized }[];
  range: { min: number; max: number };
  status: "draft" | "submitted";
  submittedAt: string | null;
  progress: { scored: number; total: number };
  entries: Entry[];
}

/** A PUT's answer: the stored draft. */
export interface SavedDraft {
  id: number;
  scores: Scores;
  comment: string | null;
  complete: boolean;
  revision: number;
  savedAt: string | null;
}
