// The public site: static pages built from a snapshot JSON (see site/lib/data.ts), Solid islands
// for the live parts. The Node server rebuilds it in the background into a fresh BANGDAN_SITE_OUT
// and swaps it in, so nothing here may assume a dev server or a fixed output directory.
import { rm } from "node:fs/promises";
import { defineConfig } from "astro/config";
import solid from "@astrojs/solid-js";

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

export default defineConfig({
  output: "static",
  srcDir: "./site",
  publicDir: "./site/public",
  outDir: process.env.BANGDAN_SITE_OUT || "./dist/site",
  // Each build of the server's gets a cache of its own, so two builds (two servers, or tests in
  // parallel) never write the same cache files.
  cacheDir: process.env.BANGDAN_SITE_CACHE || "./node_modules/.astro",
  vite: process.env.BANGDAN_SITE_CACHE ? { cacheDir: `${process.env.BANGDAN_SITE_CACHE}/vite` } : {},
  trailingSlash: "always",
  build: { format: "directory" },
  compressHTML: true,
  integrations: [solid(), dropStagedAstroFiles],
  devToolbar: { enabled: false },
});
