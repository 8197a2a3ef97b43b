/** /sitemap.xml: every public page in both languages (site/lib/sitemap.ts). */
import type { APIRoute } from "astro";
import { loadSnapshot } from "../lib/data";
import { sitemapXml } from "../lib/sitemap";

export const GET: APIRoute = () =>
  new Response(sitemapXml(loadSnapshot()), { headers: { "Content-Type": "application/xml; charset=UTF-8" } });
