/**
 * The built site's robots.txt, sitemap.xml and manifest.webmanifest, answered by the Node server
 * itself where the plain file server would answer them wrongly:
 * - without PUBLIC_ORIGIN the build cannot know where it is reached, so robots.txt and the sitemap
 *   are written from the root ("/sitemap.xml"), and here each answer gets the request's origin in
 *   front of those URLs, as crawlers require absolute ones (decision 022). With PUBLIC_ORIGIN the
 *   files are already absolute and the file server answers them;
 * - the manifest needs its own media type, application/manifest+json.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Hono } from "hono";
import { escapeHtml } from "../../common/escape.ts";

const files = {
  "/robots.txt": { type: "text/plain; charset=UTF-8", relative: true },
  "/sitemap.xml": { type: "application/xml; charset=UTF-8", relative: true },
  "/manifest.webmanifest": { type: "application/manifest+json; charset=UTF-8", relative: false },
} as const;

/** Root-relative URLs in a sitemap (<loc>, href="…") or robots.txt (Sitemap: …) made absolute. */
export function withOrigin(text: string, origin: string): string {
  return text.replace(
    /(<loc>|href="|^Sitemap: )\//gm,
    (_m, lead: string) => `${lead}${lead === "Sitemap: " ? origin : escapeHtml(origin)}/`,
  );
}

/**
 * Registers the three paths on the app the Node server serves the site through; registered before
 * its catch-all, they fall through to it (via next) when there is no site or no such file.
 */
export function registerSiteMetaFiles(app: Hono, siteDir: () => string | undefined, publicOrigin: string | undefined): void {
  for (const [path, { type, relative }] of Object.entries(files)) {
    if (relative && publicOrigin) continue;
    app.get(path, async (c, next) => {
      const root = siteDir();
      if (!root) return next();
      let text: string;
      try {
        text = await readFile(join(root, path), "utf8");
      } catch {
        return next();
      }
      if (relative) text = withOrigin(text, new URL(c.req.url).origin);
      return c.body(text, 200, { "Content-Type": type, "Cache-Control": "public, max-age=0, must-revalidate" });
    });
  }
}
