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
