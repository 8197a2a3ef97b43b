/**
 * The share sheet's own build: site/share/sheet.ts bundled with esbuild (uqr inside) into one
 * module, /_astro/share.<hash>.js, when the site build starts, so that pages can name it in their
 * 分享 control's handler (an import() on the first tap) and no page loads it before. Astro's client
 * build cannot give a chunk's hashed name to a page's HTML without a loader script on every page,
 * and the list page's budget has no room for one (decision 026). The name is noted on globalThis, as
 * thumb-files.ts does: pages render from Astro's server bundle, this runs from the config, one process.
 */
import { createHash } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { build } from "esbuild";

const KEY = Symbol.for("bangdan.share-script");
const SOURCE = fileURLToPath(new URL("./sheet.ts", import.meta.url));

/** The sheet's URL in this build, or undefined when no build made it (astro check, dev): pages then leave the control out. */
export function shareScriptUrl(): string | undefined {
  return (globalThis as { [KEY]?: string })[KEY];
}

export async function bundleShareScript(): Promise<{ name: string; code: Uint8Array }> {
  const out = await build({
    entryPoints: [SOURCE],
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2020",
    write: false,
    legalComments: "none",
  });
  const code = out.outputFiles[0]!.contents;
  const hash = createHash("sha256").update(code).digest("base64url").slice(0, 10);
  return { name: `share.${hash}.js`, code };
}

let built: { name: string; code: Uint8Array } | undefined;

export const shareScript: AstroIntegration = {
  name: "bangdan:share-script",
  hooks: {
    "astro:build:start": async () => {
      built = await bundleShareScript();
      (globalThis as { [KEY]?: string })[KEY] = `/_astro/${built.name}`;
    },
    "astro:build:done": async ({ dir }) => {
      if (!built) return;
      const assets = new URL("_astro/", dir);
      await mkdir(assets, { recursive: true });
      await writeFile(new URL(built.name, assets), built.code);
    },
  },
};
