// The public site: static pages built from a snapshot JSON (see site/lib/data.ts), Solid islands
// for the live parts. The Node server rebuilds it in the background into a fresh BANGDAN_SITE_OUT
// and swaps it in, so nothing here may assume a dev server or a fixed output directory.
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { extname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { defineConfig } from "astro/config";
import solid from "@astrojs/solid-js";
import { entryThumbs } from "./site/lib/thumb-files.ts";
import { shareScript } from "./site/share/bundle.ts";

/**
 * When outDir lies outside the working directory, Astro stages the build in ./.astro/ (the same
 * folder as its generated types), copies that whole folder into outDir and deletes it. Two of its
 * generated modules come along into the public site; remove them. (The deleted ./.astro/ holds only
 * generated files that `astro sync`, `astro check` and the next build write again.)
 */
const dropStagedAstroFiles = {
  name: "bangdan:drop-staged-astro-files",
  hooks: {
    "astro:build:done": async ({ dir }) => {
      await Promise.all(["content-assets.mjs", "content-modules.mjs"].map((f) => rm(new URL(f, dir), { force: true })));
    },
  },
};

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * A `.br` and a `.gz` beside every text file of the build, done once at build time at high quality:
 * the Node server sends them to clients that accept them (api/site/serve.ts), and a CDN or web
 * server in front of a deployment elsewhere can do the same (nginx gzip_static/brotli_static,
 * Caddy precompressed). Files under 1 KB are left alone (the coding's frame eats the saving), and a
 * coding is written only when it is smaller than the file. Brotli quality 11 for the hashed assets
 * under _astro/ (every page loads them, browsers keep them a year, they are few); 5 for the pages,
 * which every import rebuilds, as the server's own compression (api/http/compress.ts). An entry
 * page of 30 KB: quality 10 takes 12.7 ms for 7,195 B, 5 takes 0.9 ms for 7,660 B; for a list of
 * 2,000 entries (4,019 pages) that is 51 s of CPU against 4 s, most of the build (issue 19's
 * target is 60 s). Over the demo's 467 pages (10.8 MB) 11 cost 11.5 s for 2.57 MB.
 */
const PRECOMPRESSED = new Set([".html", ".js", ".mjs", ".css", ".svg", ".json", ".xml", ".txt", ".webmanifest", ".ico"]);
const PRECOMPRESS_MIN_BYTES = 1024;

async function precompress(file, quality) {
  const bytes = await readFile(file);
  if (bytes.length < PRECOMPRESS_MIN_BYTES) return;
  const br = brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
  const gz = gzipped(bytes, { level: constants.Z_BEST_COMPRESSION });
  for (const [suffix, coded] of [
    [".br", await br],
    [".gz", await gz],
  ]) {
    if (coded.length < bytes.length) await writeFile(file + suffix, coded);
  }
}

const precompressFiles = {
  name: "bangdan:precompress",
  hooks: {
    "astro:build:done": async ({ dir, logger }) => {
      const root = fileURLToPath(dir);
      const assets = join(root, "_astro");
      const files = (await readdir(root, { recursive: true, withFileTypes: true }))
        .filter((d) => d.isFile() && PRECOMPRESSED.has(extname(d.name)))
        .map((d) => join(d.parentPath ?? d.path, d.name));
      const started = Date.now();
      // zlib's async calls share libuv's thread pool: all at once keeps every core busy, no more
      await Promise.all(files.map((file) => precompress(file, file.startsWith(assets + sep) ? 11 : 5)));
      logger.info(`precompressed ${files.length} files (br, gzip) in ${Date.now() - started} ms`);
    },
  },
};

/**
 * Two chunks by hand in the client build, because a list page may ship at most 15 KB of gzipped
 * JavaScript (SPEC §9) and the bundler's own split costs bytes there:
 * - the vote islands' shared code (site/islands/vote/) is one chunk, as when it was one file. Left
 *   to itself the bundler cuts it along the islands' imports (the status line uses the page store
 *   alone), and the two halves gzip to ~150 B more than the one chunk;
 * - Solid is one chunk. A manual chunk takes in its modules' dependencies, so Solid needs a chunk of
 *   its own to stay out of the vote chunk; it also no longer straddles Astro's hydration script and
 *   the islands' shared chunk, which saves ~150 B on every page with islands.
 * Measured with scripts/measure-page-js.ts: /cinn-2024/high-tech/ 15,124 B before the vote code was
 * split, 15,009 B after. The server build renders pages and ships nothing, so it is left alone.
 */
const voteChunk = /\/site\/islands\/(vote\/|bot-check\/|Vote(Button|Status|Action)\.tsx|Countdown\.tsx|publicity-core\.ts)/;
const islandChunks = {
  name: "bangdan:island-chunks",
  hooks: {
    "astro:build:setup": ({ target, updateConfig }) => {
      if (target !== "client") return;
      const manualChunks = (id) => (voteChunk.test(id) ? "vote-core" : id.includes("/node_modules/solid-js/") ? "solid" : undefined);
      updateConfig({ build: { rollupOptions: { output: { manualChunks } } } });
    },
  },
};

export default defineConfig({
  output: "static",
  srcDir: "./site",
  publicDir: "./site/public",
  outDir: process.env.BANGDAN_SITE_OUT || "./dist/site",
  // Each build of the server's gets a cache of its own, so two builds (two servers, or tests in
  // parallel) never write the same cache files.
  cacheDir: process.env.BANGDAN_SITE_CACHE || "./node_modules/.astro",
  vite: {
    ...(process.env.BANGDAN_SITE_CACHE ? { cacheDir: `${process.env.BANGDAN_SITE_CACHE}/vite` } : {}),
    // The islands' hydrator without solid-js/store (site/lib/solid-hydrate.js): Solid's chunk on a
    // list page 7,199 → 5,332 B gzipped, the hydrator 595 → 252 B.
    resolve: {
      alias: [
        { find: /^@astrojs\/solid-js\/client\.js$/, replacement: fileURLToPath(new URL("./site/lib/solid-hydrate.js", import.meta.url)) },
      ],
    },
  },
  trailingSlash: "always",
  // Every page's CSS inline in its <head>: a stylesheet link blocks the first paint for one more
  // round trip, and ours are small (a list page's ~12 KB, ~3 KB compressed with the HTML). See
  // decision 021 for the bytes.
  build: { format: "directory", inlineStylesheets: "always" },
  compressHTML: true,
  // precompression last: it reads the finished output
  integrations: [solid(), dropStagedAstroFiles, islandChunks, entryThumbs, shareScript, precompressFiles],
  devToolbar: { enabled: false },
});
