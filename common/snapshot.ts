/**
 * What the static site is built from: a JSON snapshot written by `api/site-build.ts` from the
 * database (the site never talks to the database). Live figures come from the API through islands.
 *
 * Unranked lists carry no `votes` or `rank` on their entries, and their entries are already in
 * pinyin order of the Chinese name; ranked lists are in rank order at build time.
 */
export interface Localized {
  zh: string;
  en?: string;
}

export type VotingState = "none" | "scheduled" | "open" | "closed";

export interface SnapshotEntry {
  id: number;
  slug: string;
  name: Localized;
  kind: string;
  region?: string;
  sector?: string;
  /** one line for the card */
  summary?: Localized;
  /** a few paragraphs for the entry page */
  description?: Localized;
  /** category key → value, from the campaign's categories */
  categories?: Record<string, string>;
  /** the case text (S2); S1's cases use `sections` */
  body?: Localized;
  /** section key → text, in the order of the list's form.sections */
  sections?: Record<string, Localized>;
  images?: { src: string; caption: Localized; alt?: Localized }[];
  /** the entry's logo or photo (a path on this site or an https URL); lists show one as a thumbnail */
  logo?: SnapshotPicture;
  photo?: SnapshotPicture;
  /** 填报单位 / 申报单位 */
  submitter?: string;
  /** 推荐单位 */
  recommender?: string;
  /** ranked lists only: valid votes and rank when the snapshot was taken */
  votes?: number;
  rank?: number;
  /** ranked lists, once scores are revealed, for an entry with every score (see SnapshotScore) */
  score?: SnapshotScore;
  /** ranked lists, once scores are revealed, for an entry still missing scores: which ones */
  scoreMissing?: { dimension: string; component: string }[];
  /** 摘牌: the entry lost the designation a final list gave it (that list stays as published) */
  revocation?: { date: string; reason: string };
}

export interface SnapshotPicture {
  src: string;
  alt?: Localized;
}

/** An entry's revealed score and its breakdown (api/scoring.ts); numbers at full precision. */
export interface SnapshotScore {
  total: number;
  dimensions: Record<string, number>;
  components: Record<string, number>;
  /** each imported (dimension, component) cell: mean of its scorers, trimmed or not */
  cells: { dimension: string; component: string; value: number; scorers: number; trimmed: boolean }[];
  /** the online vote's score V, the same in every dimension */
  voteScore: number;
}

/** How a ranked list is scored, and whether the public may see it yet. */
export interface SnapshotScoring {
  revealed: boolean;
  /** "total" once revealed and scored; the entries are then in order of total */
  orderedBy: "total" | "votes";
  /** this list's dimensions (its own or the campaign's) */
  dimensions: { key: string; title: Localized; weight: number }[];
}

/** A public indicator sheet (S1's county table): the public indicators and each entry's figures. */
export interface SnapshotIndicators {
  title?: Localized;
  periods: { key: string; title: Localized; years: number[] }[];
  /** each indicator's change from one period to the next is shown */
  change: boolean;
  items: {
    key: string;
    title: Localized;
    unit?: string;
    group?: Localized;
    note?: Localized;
    decimals: number;
    format: "number" | "percent";
    change: "relative" | "difference";
    /** the formula a derived indicator is computed by, as written in the campaign file */
    formula?: string;
    /** that formula for readers, titles in place of keys: 长途光缆线路长度 ÷ (常住人口 × 区域面积) */
    formulaText?: Localized;
    /** the indicators the formula uses, public or not (their figures stay out of the snapshot), with units */
    inputs?: { key: string; title: Localized; unit?: string }[];
  }[];
  /** per entry id: per period key, per indicator key (null: no figure or not computable) */
  rows: {
    entryId: number;
    values: Record<string, Record<string, number | null>>;
    changes: Record<string, Record<string, number | null>>;
  }[];
}

export interface SnapshotList {
  slug: string;
  title: Localized;
  description?: Localized;
  /** the parts of the form each entry's text follows */
  form?: { sections: { key: string; title: Localized; group?: Localized }[] };
  /** public indicator sheets only (organizers-only sheets never reach the site) */
  indicators?: SnapshotIndicators;
  ranking: "ranked" | "unranked";
  revealScores: "always" | "after_close" | "never";
  /** ranked lists of a scored campaign */
  scoring?: SnapshotScoring;
  voting: null | {
    opensAt: string;
    closesAt: string;
    perDay: number;
    perEntryPerDay: number;
    /** state when the snapshot was taken; islands ask the API for the live one */
    state: VotingState;
  };
  entries: SnapshotEntry[];
}

export interface SnapshotCampaign {
  slug: string;
  title: Localized;
  organizer?: Localized;
  contact?: string;
  timezone: string;
  stage?: "collecting" | "reviewing" | "voting" | "publicity" | "published";
  rules?: Localized;
  /** what entries are grouped and filtered by */
  categories?: { key: string; title: Localized; values: Localized[] }[];
  dimensions: { key: string; title: Localized; weight: number }[];
  components: { key: string; title: Localized; weight: number; trim: boolean; normalize: "max" | "rank" }[];
  lists: SnapshotList[];
  /** preliminary and final lists published for publicity, newest first (absent in older snapshots) */
  publications?: SnapshotPublication[];
}

/** An entry as a publication froze it; unranked lists' entries have no rank, votes or score. */
export interface PublishedEntry {
  id: number;
  slug: string;
  name: string;
  nameEn?: string;
  region?: string;
  sector?: string;
  rank?: number;
  votes?: number;
  score?: { total: number };
  /** lists with a `designation`: the name it is recognised under (final), or proposed for (preliminary) */
  designation?: string;
  designationEn?: string;
}

export interface SnapshotPublication {
  id: number;
  kind: "preliminary" | "final";
  /** the list's slug; absent when the publication covers the whole campaign */
  list?: string;
  /** ISO 8601 instants; the period ends at 24:00 of its last working day */
  startsAt: string;
  endsAt: string;
  workingDays: number;
  sha256: string;
  /** state when the site was built; pages show the period and islands the live state */
  state: "upcoming" | "open" | "ended";
  lists: { slug: string; title: string; titleEn?: string; ranking: "ranked" | "unranked"; entries: PublishedEntry[] }[];
}

export interface SiteSnapshot {
  generatedAt: string;
  /** Turnstile site key; null means bot-check test mode (the client sends the documented dummy token) */
  turnstileSiteKey: string | null;
  /** PUBLIC_ORIGIN, when set: embed snippets and oEmbed discovery name it (else the page's own origin, filled in by script) */
  publicOrigin?: string;
  campaigns: SnapshotCampaign[];
}
