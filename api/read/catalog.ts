/**
 * The campaigns as the server keeps them in memory: built from the database at start and again
 * whenever the catalog version moves (an import, a close or open, from this process or the CLI).
 */
import type { StoredCatalog } from "../../db/index.ts";
import type { CampaignFile, EntryDefinition, Localized } from "../domain/campaign.ts";
import { isoInZone, votingEnd, votingState, type VotingOverride, type VotingState, type VotingWindow } from "../domain/voting.ts";

export interface CatalogEntry {
  id: number;
  slug: string;
  list: CatalogList;
  name: Localized;
  kind: string;
  region?: string;
  sector?: string;
  summary?: Localized;
  description?: Localized;
  categories?: Record<string, string>;
  body?: Localized;
  sections?: Record<string, Localized>;
  images?: EntryDefinition["images"];
  logo?: EntryDefinition["logo"];
  photo?: EntryDefinition["photo"];
  submitter?: string;
  recommender?: string;
  /** 摘牌: a designated entry that lost its designation (the publications stay as they were) */
  revocation?: Revocation;
}

/** A revocation as the public sees it: the day of the decision (YYYY-MM-DD) and its reason. */
export interface Revocation {
  date: string;
  reason: string;
}

export interface CatalogList {
  id: number;
  slug: string;
  campaign: CatalogCampaign;
  title: Localized;
  description?: Localized;
  ranking: "ranked" | "unranked";
  revealScores: "always" | "after_close" | "never";
  window: VotingWindow | null;
  /** every manual open and close, in commit order */
  overrides: VotingOverride[];
  perDay: number;
  perEntryPerDay: number;
  entries: CatalogEntry[];
}

export interface CatalogCampaign {
  id: number;
  slug: string;
  definition: CampaignFile;
  title: Localized;
  timezone: string;
  lists: CatalogList[];
}

export class Catalog {
  readonly campaigns: CatalogCampaign[];
  readonly #entries = new Map<number, CatalogEntry>();
  readonly #lists = new Map<string, CatalogList>();

  constructor(
    readonly version: number,
    campaigns: CatalogCampaign[],
  ) {
    this.campaigns = campaigns;
    for (const c of campaigns) {
      for (const l of c.lists) {
        this.#lists.set(`${c.slug}/${l.slug}`, l);
        for (const e of l.entries) this.#entries.set(e.id, e);
      }
    }
  }

  static empty(): Catalog {
    return new Catalog(-1, []);
  }

  static fromStored(stored: StoredCatalog): Catalog {
    const campaigns: CatalogCampaign[] = stored.campaigns.map((c) => {
      const definition = c.definition as CampaignFile;
      return { id: c.id, slug: c.slug, definition, title: definition.title, timezone: c.timezone, lists: [] };
    });
    const byCampaign = new Map(campaigns.map((c) => [c.id, c]));
    const byList = new Map<number, CatalogList>();
    const overrides = new Map<number, VotingOverride[]>();
    for (const o of stored.overrides) {
      const h = overrides.get(o.listId) ?? [];
      h.push({ kind: o.kind, at: o.at, until: o.until });
      overrides.set(o.listId, h);
    }
    for (const l of stored.lists) {
      const campaign = byCampaign.get(l.campaignId);
      if (!campaign || !l.active) continue;
      const def = campaign.definition.lists.find((d) => d.slug === l.slug);
      const list: CatalogList = {
        id: l.id,
        slug: l.slug,
        campaign,
        title: l.title as Localized,
        description: def?.description,
        ranking: l.ranking,
        revealScores: l.revealScores,
        window: l.opensAt !== null && l.closesAt !== null ? { opensAt: l.opensAt, closesAt: l.closesAt } : null,
        overrides: overrides.get(l.id) ?? [],
        perDay: l.perDay,
        perEntryPerDay: l.perEntryPerDay,
        entries: [],
      };
      campaign.lists.push(list);
      byList.set(l.id, list);
    }
    const revoked = new Map(stored.revocations.map((r) => [r.entryId, { date: r.date, reason: r.reason }]));
    for (const e of stored.entries) {
      const list = byList.get(e.listId);
      if (!list || !e.active) continue;
      const data = e.data as Omit<CatalogEntry, "id" | "list" | "revocation">;
      const revocation = revoked.get(e.id);
      list.entries.push({ ...data, id: e.id, slug: e.slug, list, ...(revocation ? { revocation } : {}) });
    }
    return new Catalog(stored.version, campaigns);
  }

  campaign(slug: string): CatalogCampaign | undefined {
    return this.campaigns.find((c) => c.slug === slug);
  }

  list(campaign: string, list: string): CatalogList | undefined {
    return this.#lists.get(`${campaign}/${list}`);
  }

  entry(id: number): CatalogEntry | undefined {
    return this.#entries.get(id);
  }
}

export function listState(list: CatalogList, now: number): VotingState {
  return votingState(list.window, list.overrides, now);
}

/**
 * When the list's voting ends as of `now`: a reopening's own end while it is in force (what the
 * countdown counts down to), else the scheduled close.
 */
export function currentEnd(list: CatalogList & { window: VotingWindow }, now: number): number {
  const end = votingEnd(list.window, list.overrides, now);
  return Number.isFinite(end) ? end : list.window.closesAt;
}

/** The list's voting as the public API shows it. */
export function votingView(list: CatalogList, now: number) {
  return {
    state: listState(list, now),
    opensAt: list.window ? isoInZone(list.window.opensAt, list.campaign.timezone) : null,
    closesAt: list.window ? isoInZone(currentEnd({ ...list, window: list.window }, now), list.campaign.timezone) : null,
    perDay: list.perDay,
    perEntryPerDay: list.perEntryPerDay,
  };
}
