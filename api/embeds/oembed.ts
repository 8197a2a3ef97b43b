/**
 * oEmbed 1.0 (https://oembed.com) for list pages and embed pages: a CMS given a pasted link asks
 * here and gets the iframe snippet. Only this site's own list and embed URLs are answered.
 */
import { escapeHtml } from "../../common/escape.ts";
import type { CatalogList } from "../read/catalog.ts";
import { embedText, type EmbedLang } from "./text.ts";
import { IMAGE_WIDTH, imageHeight } from "./image.ts";

export interface EmbedTarget {
  campaign: string;
  list: string;
  lang: EmbedLang;
  /** the embed options the URL carried (limit, theme) */
  params: URLSearchParams;
}

/**
 * Reads a site URL as a list to embed: /{c}/{l}/, /en/{c}/{l}/, /embed/{c}/{l}/ or
 * /en/embed/{c}/{l}/, with `lang`, `limit` and `theme` in its query. Undefined when the URL is
 * not one of those paths (the caller has already checked its origin).
 */
export function embedTargetOf(url: URL): EmbedTarget | undefined {
  let parts: string[];
  try {
    parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  } catch {
    return undefined;
  }
  let lang: EmbedLang = url.searchParams.get("lang") === "en" ? "en" : "zh";
  if (parts[0] === "en") {
    lang = "en";
    parts = parts.slice(1);
  }
  if (parts[0] === "embed") parts = parts.slice(1);
  if (parts.length !== 2 || parts.some((p) => !/^[a-z0-9-]+$/.test(p))) return undefined;
  const params = new URLSearchParams();
  for (const key of ["limit", "theme"]) {
    const v = url.searchParams.get(key);
    if (v !== null) params.set(key, v);
  }
  return { campaign: parts[0]!, list: parts[1]!, lang, params };
}

export const EMBED_DEFAULT_LIMIT = 10;
export const EMBED_MAX_LIMIT = 50;

/** Height of the embed page for `rows` entries, near enough for the first paint; embed.js then sets the exact one. */
export function embedHeight(rows: number): number {
  return 150 + rows * 48;
}

export interface OEmbedOptions {
  origin: string;
  maxwidth?: number;
  maxheight?: number;
}

/** The oEmbed answer for one list (type rich: an iframe sized by embed.js). */
export function oembedFor(list: CatalogList, target: EmbedTarget, options: OEmbedOptions) {
  const words = embedText[target.lang];
  const limitParam = Number(target.params.get("limit"));
  const limit = Number.isInteger(limitParam) && limitParam > 0 ? Math.min(limitParam, EMBED_MAX_LIMIT) : EMBED_DEFAULT_LIMIT;
  const rows = Math.min(limit, list.entries.length);
  const width = Math.min(640, options.maxwidth ?? 640);
  const height = Math.min(embedHeight(rows), options.maxheight ?? Infinity);
  const pick = (v: { zh: string; en?: string }) => (target.lang === "en" && v.en ? v.en : v.zh);
  const title = `${pick(list.title)} · ${pick(list.campaign.title)}`;
  const path = `${target.lang === "en" ? "/en" : ""}/embed/${list.campaign.slug}/${list.slug}/`;
  const query = target.params.toString();
  const src = `${options.origin}${path}${query ? `?${query}` : ""}`;
  const html =
    `<iframe src="${escapeHtml(src)}" title="${escapeHtml(title)}" data-bangdan-embed width="${width}" height="${height}" ` +
    `style="border:0;width:100%;max-width:${width}px" loading="lazy"></iframe>` +
    `<script async src="${escapeHtml(options.origin)}/embed.js"></script>`;
  const thumbLimit = Math.min(rows, 5);
  const thumbQuery = new URLSearchParams({ limit: String(Math.max(thumbLimit, 1)), lang: target.lang });
  const thumbnailHeight = imageHeight(thumbLimit) * 2;
  const answer: Record<string, unknown> = {
    version: "1.0",
    type: "rich",
    title,
    provider_name: words.provider,
    provider_url: `${options.origin}/`,
    cache_age: 300,
    html,
    width,
    height,
  };
  // A thumbnail only when it fits inside what the consumer allowed (oEmbed: it must not exceed maxwidth/maxheight).
  if ((options.maxwidth ?? Infinity) >= IMAGE_WIDTH * 2 && (options.maxheight ?? Infinity) >= thumbnailHeight) {
    answer.thumbnail_url = `${options.origin}/api/campaigns/${list.campaign.slug}/lists/${list.slug}/leaderboard.png?${thumbQuery}`;
    answer.thumbnail_width = IMAGE_WIDTH * 2;
    answer.thumbnail_height = thumbnailHeight;
  }
  return answer;
}
