/**
 * robots.txt and sitemap.xml, built with the pages from the same snapshot so the sitemap names
 * exactly the pages the build writes: home, privacy, each campaign with its lists and entries, and
 * its publicity and results pages once something is published there; never the organizer console
 * or the embeds (noindex). Each page is listed in both languages, each listing the other as an
 * alternate (zh-CN, en, and x-default for the Chinese page), as search engines ask.
 *
 * URLs are absolute with PUBLIC_ORIGIN (the snapshot's publicOrigin). Without it they are written
 * from the root ("/cinn-2024/"), and the Node server puts the request's origin in front as it
 * serves them (api/site/meta-files.ts); a CDN deployment sets PUBLIC_ORIGIN (decision 022).
 */
import { escapeHtml } from "../../common/escape";
import { href } from "../../common/i18n";
import type { SiteSnapshot } from "../../common/snapshot";

/** Every public page's path segments (without the /en/ prefix). */
export function publicPages(snapshot: SiteSnapshot): string[][] {
  const pages: string[][] = [[], ["privacy"]];
  for (const campaign of snapshot.campaigns) {
    const c = campaign.slug;
    pages.push([c]);
    const kinds = new Set((campaign.publications ?? []).map((p) => p.kind));
    if (kinds.has("preliminary")) pages.push([c, "publicity"]);
    if (kinds.has("final")) pages.push([c, "results"]);
    for (const list of campaign.lists) {
      pages.push([c, list.slug]);
      for (const entry of list.entries) pages.push([c, list.slug, entry.slug]);
    }
  }
  return pages;
}

export function sitemapXml(snapshot: SiteSnapshot): string {
  const origin = snapshot.publicOrigin ?? "";
  const url = (...parts: Parameters<typeof href>) => escapeHtml(origin + href(...parts));
  const entries = publicPages(snapshot).flatMap((path) => {
    const zh = url("zh", ...path);
    const en = url("en", ...path);
    const links = [
      `<xhtml:link rel="alternate" hreflang="zh-CN" href="${zh}"/>`,
      `<xhtml:link rel="alternate" hreflang="en" href="${en}"/>`,
      `<xhtml:link rel="alternate" hreflang="x-default" href="${zh}"/>`,
    ].join("");
    return [zh, en].map((loc) => `<url><loc>${loc}</loc>${links}</url>`);
  });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`,
    ...entries,
    `</urlset>`,
    "",
  ].join("\n");
}

export function robotsTxt(snapshot: SiteSnapshot): string {
  return [
    "# The organizer console is not for search engines; every public page is in the sitemap.",
    "User-agent: *",
    "Disallow: /admin/",
    "Disallow: /en/admin/",
    "",
    `Sitemap: ${snapshot.publicOrigin ?? ""}/sitemap.xml`,
    "",
  ].join("\n");
}
