/**
 * A page's absolute address exactly as the site links it: the origin (PUBLIC_ORIGIN, else the
 * origin the request came to; the caller knows which), then the page's path from `href`, the
 * English page under /en/. One rule for every place that hands a page's address to someone outside
 * the site: the QR codes on posters and portrait leaderboards, og:url, share links.
 */
import { href, type Lang } from "./i18n";

/** origin + path: "https://bangdan.example" + "/en/cinn-2024/high-tech/" (a trailing "/" on the origin is dropped). */
export function pageUrl(origin: string, lang: Lang, ...segments: string[]): string {
  return origin.replace(/\/+$/, "") + href(lang, ...segments);
}

/** The entry page /{campaign}/{list}/{entry}/ (English: /en/…). */
export function entryPageUrl(origin: string, lang: Lang, entry: { campaign: string; list: string; slug: string }): string {
  return pageUrl(origin, lang, entry.campaign, entry.list, entry.slug);
}

/** The list page /{campaign}/{list}/ (English: /en/…). */
export function listPageUrl(origin: string, lang: Lang, list: { campaign: string; slug: string }): string {
  return pageUrl(origin, lang, list.campaign, list.slug);
}

/** `?lang=en` for English: the images take the language in their query (the API has no /en/ paths). */
const langQuery = (lang: Lang) => (lang === "en" ? "?lang=en" : "");

/** The entry's poster (拉票海报, 750 px wide, a QR code to the entry page), in the page's language. */
export function entryPosterUrl(origin: string, lang: Lang, entryId: number): string {
  return `${origin.replace(/\/+$/, "")}/api/entries/${entryId}/poster.png${langQuery(lang)}`;
}

/** The entry's share card (1200 × 630, for og:image), in the page's language. */
export function entryCardUrl(origin: string, lang: Lang, entryId: number): string {
  return `${origin.replace(/\/+$/, "")}/api/entries/${entryId}/card.png${langQuery(lang)}`;
}

/** The list's share card (1200 × 630, for og:image), in the page's language. */
export function listCardUrl(origin: string, lang: Lang, list: { campaign: string; slug: string }): string {
  const path = `/api/campaigns/${encodeURIComponent(list.campaign)}/lists/${encodeURIComponent(list.slug)}/card.png`;
  return `${origin.replace(/\/+$/, "")}${path}${langQuery(lang)}`;
}
