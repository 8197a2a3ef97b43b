/**
 * The build-time side of entry thumbnails. While pages render, EntryThumb asks for the WebP
 * variants of a raster picture (rasterVariants): their names come from a hash of the source's bytes,
 * and each is noted in a registry on globalThis (the pages render from Astro's server bundle, the
 * integration below runs from the config: two copies of this module, one process). When the build is
 * done, the integration makes every noted variant with sharp into the output's /_thumbs/.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import sharp from "sharp";
import { publicFileOf } from "../../api/embeds/picture.ts";
import { DENSITIES, THUMB_DIR, densitySrcset, variantPath, type ThumbFit } from "./thumb";

interface ThumbJob {
  /** the source file on disk */
  file: string;
  fit: ThumbFit;
  px: number;
}

const REGISTRY = Symbol.for("bangdan.thumb-jobs");

/**
 * This build's variants: path → how to make it. `building` is set by the integration when a build
 * starts; without it (astro dev, astro check, no integration) pages link their sources as they are,
 * since nobody would make the variants. (Not import.meta.env.DEV: a DEV variable in the environment,
 * as a vitest run sets, turns that on in a production build too.)
 */
function registry(): { building: boolean; jobs: Map<string, ThumbJob> } {
  const g = globalThis as { [REGISTRY]?: { building: boolean; jobs: Map<string, ThumbJob> } };
  return (g[REGISTRY] ??= { building: false, jobs: new Map() });
}

const hashes = new Map<string, { stamp: string; hash: string }>();

function contentHash(file: string): string {
  const st = statSync(file);
  const stamp = `${st.mtimeMs}:${st.size}`;
  const known = hashes.get(file);
  if (known?.stamp === stamp) return known.hash;
  const hash = createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 10);
  hashes.set(file, { stamp, hash });
  return hash;
}

/** The file under site/public a site path names, or undefined when it would lie outside it. */
function publicFile(src: string): string | undefined {
  return publicFileOf(src, resolve(process.cwd(), "site/public"));
}

/**
 * The 1×, 2× and 3× WebP variants of a raster picture on this site, shown in a box of `size` CSS
 * pixels, or undefined outside a site build or when the file is not there (the page then links the source as it is: a
 * mistyped path in a campaign file shows its alt text, it does not stop the site's build).
 */
export function rasterVariants(src: string, fit: ThumbFit, size: number): { src: string; srcset: string } | undefined {
  if (!registry().building) return undefined;
  const file = publicFile(src);
  let hash: string;
  try {
    if (!file) throw new Error("outside site/public");
    hash = contentHash(file);
  } catch (err) {
    console.warn(`entry thumbnail: cannot read ${src} (${(err as Error).message}); using it as it is`);
    return undefined;
  }
  const paths = DENSITIES.map((d) => {
    const px = size * d;
    const path = variantPath(src, hash, fit, px);
    registry().jobs.set(path, { file, fit, px });
    return path;
  });
  return { src: paths[0]!, srcset: densitySrcset(paths) };
}

/** Makes the noted variants into `outDir`/_thumbs/; a logo keeps its whole shape on a transparent square. */
async function writeThumbs(outDir: string): Promise<number> {
  const jobs = [...registry().jobs];
  if (jobs.length === 0) return 0;
  await mkdir(join(outDir, THUMB_DIR), { recursive: true });
  await Promise.all(
    jobs.map(async ([path, job]) => {
      const resized = sharp(job.file).resize(job.px, job.px, { fit: job.fit, background: { r: 0, g: 0, b: 0, alpha: 0 } });
      // lossy suits photos, lossless flat artwork (logos): each thumbnail takes whichever is smaller
      const [lossy, lossless] = await Promise.all([
        resized.clone().webp({ quality: 82, effort: 5 }).toBuffer(),
        resized.clone().webp({ lossless: true, effort: 5 }).toBuffer(),
      ]);
      await writeFile(join(outDir, path), lossless.length < lossy.length ? lossless : lossy);
    }),
  );
  return jobs.length;
}

/** The Astro integration that writes the variants the pages asked for once the pages are built. */
export const entryThumbs: AstroIntegration = {
  name: "bangdan:entry-thumbs",
  hooks: {
    "astro:build:start": () => {
      registry().building = true;
      registry().jobs.clear();
    },
    "astro:build:done": async ({ dir, logger }) => {
      const made = await writeThumbs(fileURLToPath(dir));
      if (made > 0) logger.info(`${made} thumbnail variants`);
    },
  },
};
