/**
 * `npx tsx scripts/bench/scale-build.ts [entries…]`: how long the static site takes to build for a
 * campaign with one list of N entries (default 10 and 2000). For each N a fresh database (no demo)
 * gets one open ranked list of N entries with a region and a summary each, then the site is built
 * from it the way the server builds it (SiteHost.ensureCurrent: snapshot, `astro build`, switch),
 * timed from the snapshot to the switched directory. Prints the wall time, the pages and the bytes
 * written. The figure is wall time on this machine, so it moves with other work on it: read it
 * beside the small campaign's, measured in the same run.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { importCampaign, validateCampaign } from "../../api/services/campaigns.ts";
import { SiteHost } from "../../api/site/host.ts";
import { currentSiteDir } from "../../api/site/build.ts";
import { startScratchServer } from "../demo-site.ts";

function campaignOf(entries: number) {
  const opensAt = new Date(Date.now() - 86_400_000).toISOString();
  const closesAt = new Date(Date.now() + 10 * 86_400_000).toISOString();
  return {
    slug: "scale",
    title: { zh: "规模测试" },
    timezone: "Asia/Shanghai",
    lists: [
      {
        slug: "l1",
        title: { zh: "榜单 1" },
        ranking: "ranked",
        voting: { opensAt, closesAt, perDay: 3, perEntryPerDay: 1 },
        entries: Array.from({ length: entries }, (_, e) => ({
          slug: `e${e + 1}`,
          name: { zh: `示例对象 ${e + 1}` },
          region: "北京",
          summary: { zh: `第 ${e + 1} 个示例对象的简介，一两句话。` },
        })),
      },
    ],
  };
}

/** The files and bytes under a directory. */
function tally(dir: string): { files: number; html: number; bytes: number } {
  let files = 0;
  let html = 0;
  let bytes = 0;
  for (const name of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    const st = statSync(join(dir, name));
    if (!st.isFile()) continue;
    files += 1;
    bytes += st.size;
    if (name.endsWith(".html")) html += 1;
  }
  return { files, html, bytes };
}

async function measure(entries: number) {
  const { server, dir, close } = await startScratchServer("scale-build", { RATE_LIMIT: "memory" }, { site: false, seedDemo: false });
  try {
    const deps = server.deps;
    await importCampaign(deps, { campaign: validateCampaign(campaignOf(entries)), actor: "scale" });
    await deps.catalog.reload();
    const root = join(dir, "site");
    const host = new SiteHost({ root }, deps, { serve: true, siteKey: null, log: () => {}, delayMs: 0 });
    const t0 = performance.now();
    await host.ensureCurrent();
    const seconds = (performance.now() - t0) / 1000;
    return { entries, seconds, ...tally(currentSiteDir({ root })!) };
  } finally {
    await close();
  }
}

const sizes = process.argv.slice(2).map(Number);
const rows = [];
for (const entries of sizes.length > 0 ? sizes : [10, 2000]) {
  const r = await measure(entries);
  console.log(
    `scale-build: 1 × ${r.entries}: ${r.seconds.toFixed(1)} s, ${r.html} pages, ${r.files} files, ${(r.bytes / 1e6).toFixed(1)} MB`,
  );
  rows.push(r);
}
console.log("\nentries in one list | build s | pages | files | MB");
for (const r of rows) console.log(`${r.entries} | ${r.seconds.toFixed(1)} | ${r.html} | ${r.files} | ${(r.bytes / 1e6).toFixed(1)}`);
