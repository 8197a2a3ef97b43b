/**
 * What the share images cost (issue 14, decision 026): time to the first poster after the server
 * starts (wasm started, fonts parsed), a poster drawn for the first time, a cached poster,
 * a 304, and the bytes of every demo entry's poster, of the share cards and the portrait leaderboard.
 * The demo campaigns on 127.0.0.1 from a throw-away data directory, no site build; a few votes are
 * cast first so ranked posters show places. Times are over HTTP on this machine, medians of the runs.
 * Usage: tsx scripts/measure-share-images.ts [runs per figure, default 20]
 */
import { TEST_BOT_TOKEN } from "../api/config.ts";
import { startScratchServer } from "./demo-site.ts";

const runs = Number(process.argv[2] ?? 20);
const { server, close } = await startScratchServer("share-images", {}, { site: false, seedDemo: true, purgeEveryMs: 0 });

async function get(path: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const res = await fetch(server.url + path, { headers });
  const bytes = (await res.arrayBuffer()).byteLength;
  if (res.status !== 200 && res.status !== 304) throw new Error(`${path}: ${res.status}`);
  return { ms: performance.now() - started, bytes, etag: res.headers.get("etag") ?? "", status: res.status };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const kb = (x: number) => `${(x / 1024).toFixed(1)} KB`;

try {
  const campaigns = (await (await fetch(`${server.url}/api/campaigns`)).json()) as {
    campaigns: { slug: string; lists: { slug: string; ranking: string }[] }[];
  };
  const lists = campaigns.campaigns.flatMap((c) => c.lists.map((l) => ({ campaign: c.slug, ...l })));
  const entries: { id: number; ranking: string }[] = [];
  for (const l of lists) {
    const board = (await (await fetch(`${server.url}/api/campaigns/${l.campaign}/lists/${l.slug}/leaderboard`)).json()) as {
      entries: { id: number }[];
    };
    for (const e of board.entries) entries.push({ id: e.id, ranking: l.ranking });
  }

  // the first image after the start: the renderer and the font files of its characters load here
  const first = await get(`/api/entries/${entries[0]!.id}/poster.png`);

  // a few votes, so ranked posters show places (each vote gives its list a new view)
  for (const [i, e] of entries
    .filter((x) => x.ranking === "ranked")
    .slice(0, 12)
    .entries()) {
    await fetch(`${server.url}/api/votes`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": `10.7.${i}.1` },
      body: JSON.stringify({ entryId: e.id, token: TEST_BOT_TOKEN }),
    });
  }
  await new Promise((r) => setTimeout(r, 2100)); // the leaderboards' tally cache (2 s) moves on

  // every demo entry's poster, each drawn for the first time (a new view): time and bytes
  const drawn: number[] = [];
  const bytes: number[] = [];
  for (const e of entries) {
    const r = await get(`/api/entries/${e.id}/poster.png`);
    drawn.push(r.ms);
    bytes.push(r.bytes);
  }
  // the same poster again and again: served from memory
  const hot = entries[1]!.id;
  const cached: number[] = [];
  const notModified: number[] = [];
  const { etag } = await get(`/api/entries/${hot}/poster.png`);
  for (let i = 0; i < runs; i++) cached.push((await get(`/api/entries/${hot}/poster.png`)).ms);
  for (let i = 0; i < runs; i++) notModified.push((await get(`/api/entries/${hot}/poster.png`, { "if-none-match": etag })).ms);

  const others: [string, string][] = [
    ["entry card (1200×630)", `/api/entries/${hot}/card.png`],
    ["list card (1200×630)", `/api/campaigns/cinn-2024/lists/high-tech/card.png`],
    ["portrait leaderboard, 10 rows (750 wide)", `/api/campaigns/cinn-2024/lists/high-tech/leaderboard.png?layout=portrait`],
    ["landscape leaderboard, 10 rows (1280 wide)", `/api/campaigns/cinn-2024/lists/high-tech/leaderboard.png`],
  ];
  const rows: string[] = [];
  for (const [name, path] of others) {
    const cold = await get(path);
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) warm.push((await get(path)).ms);
    rows.push(`| ${name} | ${ms(cold.ms)} | ${ms(median(warm))} | ${kb(cold.bytes)} |`);
  }

  const sorted = [...bytes].sort((a, b) => a - b);
  console.log(`Share images on ${server.url} (${entries.length} demo entries, ${runs} runs per cached figure)\n`);
  console.log(`| figure | value |\n| --- | --- |`);
  console.log(`| first poster after start (renderer and fonts load) | ${ms(first.ms)} |`);
  console.log(
    `| poster drawn for the first time (new entry or view), median of ${drawn.length} (max) | ${ms(median(drawn))} (${ms(Math.max(...drawn))}) |`,
  );
  console.log(`| cached poster, median | ${ms(median(cached))} |`);
  console.log(`| 304 to If-None-Match, median | ${ms(median(notModified))} |`);
  console.log(`| bytes per poster: min / median / max | ${kb(sorted[0]!)} / ${kb(median(sorted))} / ${kb(sorted[sorted.length - 1]!)} |`);
  console.log(`\n| image | first (drawn) | cached, median | bytes |\n| --- | --- | --- | --- |`);
  for (const r of rows) console.log(r);
} finally {
  await close();
}
