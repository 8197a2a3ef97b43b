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
  /** ranked lists only: valid votes and rank when the snapshot was taken */
  votes?: number;
  rank?: number;
}

export interface SnapshotList {
  slug: string;
  title: Localized;
  description?: Localized;
  ranking: "ranked" | "unranked";
  revealScores: "always" | "after_close" | "never";
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
  dimensions: { key: string; title: Localized; weight: number }[];
  components: { key: string; title: Localized; weight: number; trim: boolean; normalize: "max" | "rank" }[];
  lists: SnapshotList[];
}

export interface SiteSnapshot {
  generatedAt: string;
  /** Turnstile site key; null means bot-check test mode (the client sends the documented dummy token) */
  turnstileSiteKey: string | null;
  /** PUBLIC_ORIGIN, when set: embed snippets and oEmbed discovery name it (else the page's own origin, filled in by script) */
  publicOrigin?: string;
  campaigns: SnapshotCampaign[];
}
