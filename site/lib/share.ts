/**
 * Where a page's share preview and share sheet point: the share cards and posters the API draws
 * (GET /api/entries/{id}/card.png and poster.png, GET /api/campaigns/{c}/lists/{l}/card.png, all
 * 1200×630 except the 750-wide portrait poster), and the site icon for pages without a card of
 * their own. Paths here are from the root; the page puts PUBLIC_ORIGIN in front when the snapshot
 * has it (decision 026).
 */
import type { Lang } from "../../common/i18n";
import { entryCardUrl, entryPosterUrl, listCardUrl } from "../../common/page-url";
import type { SnapshotCampaign, SnapshotEntry, SnapshotList } from "../../common/snapshot";

export interface ShareImage {
  path: string;
  /** a 1200×630 share card (a large preview); otherwise the square site icon */
  card: boolean;
}

/** The square icon scripts/make-icons.ts draws: for pages with no card of their own (home without campaigns, privacy, 404). */
export const SITE_ICON: ShareImage = { path: "/icon-512.png", card: false };

const seg = encodeURIComponent;

// page-url.ts's addresses with no origin: ShareMeta puts PUBLIC_ORIGIN in front when there is one
export function entryCard(entry: Pick<SnapshotEntry, "id">, lang: Lang): ShareImage {
  return { path: entryCardUrl("", lang, entry.id), card: true };
}

export function listCard(campaign: Pick<SnapshotCampaign, "slug">, list: Pick<SnapshotList, "slug">, lang: Lang): ShareImage {
  return { path: listCardUrl("", lang, { campaign: campaign.slug, slug: list.slug }), card: true };
}

/** A campaign's pages (campaign, publicity, results) show its first list's card. */
export function campaignCard(campaign: SnapshotCampaign, lang: Lang): ShareImage {
  const first = campaign.lists[0];
  return first ? listCard(campaign, first, lang) : SITE_ICON;
}

/** The home page shows the first campaign's card: the site's own front. */
export function homeCard(campaigns: SnapshotCampaign[], lang: Lang): ShareImage {
  return campaigns[0] ? campaignCard(campaigns[0], lang) : SITE_ICON;
}

/** The entry's portrait 拉票海报 (750 wide), with its QR code to the entry page. */
export function posterPath(entry: Pick<SnapshotEntry, "id">, lang: Lang): string {
  return entryPosterUrl("", lang, entry.id);
}

/** A list's poster: the portrait leaderboard for articles (750 wide), with its QR code to the list page. */
export function listPosterPath(campaign: Pick<SnapshotCampaign, "slug">, list: Pick<SnapshotList, "slug">, lang: Lang): string {
  return `/api/campaigns/${seg(campaign.slug)}/lists/${seg(list.slug)}/leaderboard.png?layout=portrait${lang === "en" ? "&lang=en" : ""}`;
}
