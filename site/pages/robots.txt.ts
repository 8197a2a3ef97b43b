/** /robots.txt: the console kept out, the sitemap named (site/lib/sitemap.ts). */
import type { APIRoute } from "astro";
import { loadSnapshot } from "../lib/data";
import { robotsTxt } from "../lib/sitemap";

export const GET: APIRoute = () => new Response(robotsTxt(loadSnapshot()), { headers: { "Content-Type": "text/plain; charset=UTF-8" } });
