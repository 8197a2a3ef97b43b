/**
 * How many bytes a page of the demo costs on the wire, asked for as identity, gzip and br: a
 * production build served by the real server, the page's HTML plus every script and stylesheet it
 * references (script src, modulepreload, island component and renderer URLs, stylesheets), followed
 * through their static and dynamic imports. Bytes are the response bodies as sent (what the
 * Content-Encoding made of them), headers left out. Also lists the stylesheets that block rendering.
 * Usage: tsx scripts/measure-page-bytes.ts [path…] (default: home, campaign, list, entry, embed).
 */
import { request } from "node:http";
import { startDemoSite } from "./demo-site.ts";

const ENCODINGS = ["identity", "gzip", "br"] as const;
type Encoding = (typeof ENCODINGS)[number];

/** One GET without any decoding: the body's bytes as they came, and the answer's encoding. */
function rawGet(url: string, encoding: Encoding): Promise<{ status: number; bytes: Buffer; encoding: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { "accept-encoding": encoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, bytes: Buffer.concat(chunks), encoding: res.headers["content-encoding"] ?? "identity" }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

const ATTRIBUTE_URLS = /\b(?:src|href|component-url|renderer-url|before-hydration-url)="([^"]+\.(?:m?js|css))"/g;
const IMPORTS = /(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+\.m?js)["']/g;

/** The scripts and stylesheets a page references, followed through the scripts' imports. */
async function assetsOf(base: string, pageUrl: string, html: string): Promise<string[]> {
  const seen = new Set<string>();
  const queue = [...html.matchAll(ATTRIBUTE_URLS)].map((m) => new URL(m[1]!.replaceAll("&amp;", "&"), pageUrl).href);
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (seen.has(url) || !url.startsWith(base)) continue;
    seen.add(url);
    if (!/\.m?js$/.test(url)) continue;
    const { bytes } = await rawGet(url, "identity");
    for (const m of bytes.toString("utf8").matchAll(IMPORTS)) queue.push(new URL(m[1]!, url).href);
  }
  return [...seen];
}

/** `<link rel="stylesheet">` in the document's head: each one blocks the first paint until loaded. */
function blockingStylesheets(html: string): string[] {
  return [...html.matchAll(/<link\b[^>]*\brel="?stylesheet"?[^>]*>/g)].map((m) => /href="?([^"\s>]+)/.exec(m[0])?.[1] ?? m[0]);
}

async function measure(base: string, path: string): Promise<Record<Encoding, number> & { files: number; blocking: string[] }> {
  const page = await rawGet(base + path, "identity");
  if (page.status !== 200) throw new Error(`GET ${path}: HTTP ${page.status}`);
  const html = page.bytes.toString("utf8");
  const urls = [base + path, ...(await assetsOf(base, base + path, html))];
  const totals = { identity: 0, gzip: 0, br: 0 };
  for (const encoding of ENCODINGS) {
    for (const url of urls) totals[encoding] += (await rawGet(url, encoding)).bytes.length;
  }
  return { ...totals, files: urls.length, blocking: blockingStylesheets(html) };
}

const demo = await startDemoSite("measure");
const server = demo.server;
try {
  const board = (await (await fetch(`${server.url}/api/campaigns/cinn-2024/lists/high-tech/leaderboard`)).json()) as {
    entries: { slug: string }[];
  };
  const argv = process.argv.slice(2);
  const paths =
    argv.length > 0
      ? argv
      : ["/", "/cinn-2024/", "/cinn-2024/high-tech/", `/cinn-2024/high-tech/${board.entries[0]!.slug}/`, "/embed/cinn-2024/high-tech/"];
  const pad = (v: string | number, n: number) => String(v).padStart(n);
  console.log(`${"page".padEnd(44)}${pad("files", 6)}${pad("identity", 10)}${pad("gzip", 9)}${pad("br", 9)}  render-blocking CSS`);
  for (const path of paths) {
    const m = await measure(server.url, path);
    const css = m.blocking.length === 0 ? "none" : m.blocking.join(" ");
    console.log(`${path.padEnd(44)}${pad(m.files, 6)}${pad(m.identity, 10)}${pad(m.gzip, 9)}${pad(m.br, 9)}  ${css}`);
  }
  console.log("bytes: response bodies as sent for the page's HTML, scripts and stylesheets, per Accept-Encoding");
} finally {
  await demo.close();
}
