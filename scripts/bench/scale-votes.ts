/**
 * `npx tsx scripts/bench/scale-votes.ts`: how the vote path and the leaderboard read scale with the
 * shape of a campaign. For each shape (lists × entries per list) a fresh server (the embedded
 * default, its vote writer thread included, bot check in test mode) gets one campaign of that shape;
 * then SCALE_VOTES votes (default 20000), each a new voter with its own key, spread over every entry,
 * go straight to the vote recorder in bursts of 100 (what 100 waiting clients give the writer),
 * and the process's CPU time (all threads) and wall time are read around them. Then the largest
 * list's leaderboard is read 300 times over HTTP, one at a time, a vote cast after every tenth so
 * some reads rebuild it: p50 and p99 of those reads and the body's size. CPU per vote is the figure
 * to compare: other work on the machine moves wall time, much less CPU time. Prints one table.
 * The tallies must equal the votes accepted (exit 1 otherwise).
 */
import { importCampaign, validateCampaign } from "../../api/services/campaigns.ts";
import { calendarDay } from "../../api/domain/voting.ts";
import { startScratchServer } from "../demo-site.ts";

const SHAPES: [lists: number, entries: number][] = [
  [1, 10],
  [1, 2000],
  [10, 10],
  [1000, 10],
];

function campaignOf(lists: number, entries: number) {
  const opensAt = new Date(Date.now() - 86_400_000).toISOString();
  const closesAt = new Date(Date.now() + 10 * 86_400_000).toISOString();
  return {
    slug: "scale",
    title: { zh: "规模测试" },
    timezone: "Asia/Shanghai",
    lists: Array.from({ length: lists }, (_, l) => ({
      slug: `l${l + 1}`,
      title: { zh: `榜单 ${l + 1}` },
      ranking: "ranked",
      // a voter casts one vote here; quotas never refuse
      voting: { opensAt, closesAt, perDay: 3, perEntryPerDay: 1 },
      entries: Array.from({ length: entries }, (_, e) => ({
        slug: `e${e + 1}`,
        name: { zh: `示例对象 ${l + 1}-${e + 1}` },
        region: "北京",
      })),
    })),
  };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(lists: number, entries: number, votes: number) {
  const { server, close } = await startScratchServer("scale", { RATE_LIMIT: "memory" }, { site: false, seedDemo: false });
  try {
    const deps = server.deps;
    await importCampaign(deps, { campaign: validateCampaign(campaignOf(lists, entries)), actor: "scale" });
    await deps.catalog.reload();
    const all = deps.catalog.current.campaign("scale")!.lists;
    const targets = all.flatMap((list) => list.entries.map((entry) => ({ list, entry })));
    let n = 0;
    const vote = () => {
      const { list, entry } = targets[n % targets.length]!;
      n += 1;
      const id = `${n}`.padStart(12, "0");
      const receivedAt = Date.now();
      return deps.votes.record({
        listId: list.id,
        campaignId: list.campaign.id,
        entryId: entry.id,
        ranked: true,
        voterHash: deps.secrets.voterHash(`voter-${id}`),
        ipHash: deps.secrets.ipHash(`10.0.${n & 255}.1`),
        ipPrefixHash: deps.secrets.ipPrefixHash(`10.0.${n & 255}.1`),
        deviceHash: deps.secrets.deviceHash("scale", `10.0.${n & 255}.1`),
        day: calendarDay(receivedAt, list.campaign.timezone),
        receivedAt,
        keyHash: deps.secrets.idempotencyKeyHash(`${list.id}:key-${id}`),
        cookieless: true,
      });
    };
    const burst = async (count: number) => {
      let accepted = 0;
      for (let done = 0; done < count; done += 100) {
        const answers = await Promise.all(Array.from({ length: Math.min(100, count - done) }, vote));
        accepted += answers.filter((a) => a.status === 201).length;
      }
      return accepted;
    };
    let accepted = await burst(2000); // warm-up: the JIT and the writer thread
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    accepted += await burst(votes);
    const cpu = process.cpuUsage(cpu0);
    const wall = (performance.now() - t0) / 1000;

    const board = all.reduce((a, b) => (b.entries.length > a.entries.length ? b : a));
    const url = `${server.url}/api/campaigns/scale/lists/${board.slug}/leaderboard`;
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 300; i++) {
      if (i % 10 === 0) await burst(1);
      const t = performance.now();
      const res = await fetch(url);
      bytes = (await res.arrayBuffer()).byteLength;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    deps.leaderboards.invalidate();
    let tallied = 0;
    for (const list of all) for (const v of (await deps.leaderboards.tallies(list, deps.catalog.current.version)).values()) tallied += v;
    return {
      shape: `${lists} × ${entries}`,
      votesPerS: votes / wall,
      cpuPerVote: (cpu.user + cpu.system) / votes,
      p50: pct(times, 50),
      p99: pct(times, 99),
      bytes,
      exact: tallied === accepted + 30,
    };
  } finally {
    await close();
  }
}

const votes = Number(process.env.SCALE_VOTES ?? "20000");
const rows = [];
for (const [lists, entries] of SHAPES) {
  const r = await measure(lists, entries, votes);
  console.log(
    `scale: ${r.shape}: ${r.votesPerS.toFixed(0)} votes/s, ${r.cpuPerVote.toFixed(0)} µs CPU a vote, leaderboard p50 ${r.p50.toFixed(2)} ms p99 ${r.p99.toFixed(2)} ms (${r.bytes} bytes), tallies ${r.exact ? "exact" : "WRONG"}`,
  );
  rows.push(r);
}
console.log("\nlists × entries | votes/s | µs CPU/vote | leaderboard p50 ms | p99 ms | bytes | tallies");
for (const r of rows)
  console.log(
    `${r.shape} | ${r.votesPerS.toFixed(0)} | ${r.cpuPerVote.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.bytes} | ${r.exact ? "exact" : "WRONG"}`,
  );
process.exitCode = rows.every((r) => r.exact) ? 0 : 1;
