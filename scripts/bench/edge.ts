/**
 * `npx tsx scripts/bench/edge.ts`: the vote path, health and a leaderboard on the edge (`npm run
 * edge`: wrangler dev, workerd, the Durable Object's SQLite) beside `npm start` (the Node server and
 * its vote writer thread), on this machine in one run, with the load generator of `npm run bench`
 * (autocannon, every vote a new voter with its own address and idempotency key).
 *
 * Both servers are pinned to core 0 where `taskset` exists (the edge's whole process group: the
 * script, wrangler and workerd), this process to core 1. Each scenario is warmed up (BENCH_WARMUP,
 * 3 s), then measured for BENCH_SECONDS (10 s) in two turns per side (Node, edge, Node, edge), so
 * drift on a shared machine hits both. Afterwards each side's tallies must equal the 201s it gave.
 * It prints req/s, p50 and p99; it asserts no time. All traffic goes to 127.0.0.1.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEdge, type EdgeServer } from "../edge-process.ts";
import { discover, tallySum } from "./lists.ts";
import { mergeOutcomes, runScenario, VoteSource, type Outcome } from "./load.ts";
import { fmt } from "./report.ts";
import { canPin, pinSelf, startServerChild, type ServerChild } from "./server.ts";

const seconds = Number(process.env.BENCH_SECONDS ?? "10");
const warmup = Number(process.env.BENCH_WARMUP ?? "3");
const CONNECTIONS = 50;

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "bangdan-bench-edge-"));
  const pin = canPin();
  if (pin) pinSelf(1);
  let node: ServerChild | undefined;
  let edge: EdgeServer | undefined;
  try {
    node = await startServerChild(dir, { label: "node", ...(pin ? { cpu: 0 } : {}) });
    edge = await startEdge({ env: { TRUST_PROXY: "x-forwarded-for" }, ...(pin ? { cpu: 0 } : {}) });
    console.log(`bench: node ${node.url}, edge ${edge.url}${pin ? " (servers on core 0, load on core 1)" : ""}`);
    const sides = { node: node.url, edge: edge.url };
    const lists = await discover(node.url);
    const targets = lists.filter((l) => l.state === "open" && l.ranking === "ranked");
    const entries = targets.flatMap((l) => l.entries);
    const board = targets[0]!;
    const results: { name: string; side: string; o: Outcome }[] = [];
    const created: Record<string, number> = { node: 0, edge: 0 };
    for (const [name, path, vote] of [
      ["GET /api/health", "/api/health", false],
      ["GET leaderboard", board.path, false],
      ["POST /api/votes", "/api/votes", true],
    ] as const) {
      const source = { node: new VoteSource(entries), edge: new VoteSource(entries) };
      const run = (side: "node" | "edge", secs: number, label: string) =>
        runScenario(sides[side], { label, path, connections: CONNECTIONS, seconds: secs, ...(vote ? { vote: source[side] } : {}) });
      const parts: Record<"node" | "edge", Outcome[]> = { node: [], edge: [] };
      for (const side of ["node", "edge"] as const) {
        const w = await run(side, warmup, `warm ${name}`);
        if (vote) created[side]! += w.status["201"] ?? 0;
      }
      for (let round = 0; round < 2; round++)
        for (const side of ["node", "edge"] as const) parts[side].push(await run(side, seconds / 2, name));
      for (const side of ["node", "edge"] as const) {
        const o = mergeOutcomes(parts[side]);
        if (vote) created[side]! += o.status["201"] ?? 0;
        results.push({ name, side, o });
        console.log(
          `bench: ${side} ${name} @${CONNECTIONS}: ${fmt(o.rps)} req/s, p50 ${fmt(o.p50, 2)} ms, p99 ${fmt(o.p99, 2)} ms, status ${JSON.stringify(o.status)}`,
        );
      }
    }
    console.log(`\n| scenario @${CONNECTIONS} connections | npm start req/s | p50 ms | p99 ms | npm run edge req/s | p50 ms | p99 ms |`);
    console.log("|---|---|---|---|---|---|---|");
    for (const name of new Set(results.map((r) => r.name))) {
      const [n, e] = (["node", "edge"] as const).map((side) => results.find((r) => r.name === name && r.side === side)!.o);
      console.log(
        `| ${name} | ${fmt(n!.rps)} | ${fmt(n!.p50, 2)} | ${fmt(n!.p99, 2)} | ${fmt(e!.rps)} | ${fmt(e!.p50, 2)} | ${fmt(e!.p99, 2)} |`,
      );
    }
    let ok = true;
    for (const side of ["node", "edge"] as const) {
      const sum = await tallySum(sides[side], lists);
      // the demo starts with no votes: every vote counted is one this run was answered 201 for
      console.log(`bench: ${side} tallies ${sum}, 201s ${created[side]}: ${sum === created[side] ? "equal" : "DIFFERENT"}`);
      if (sum !== created[side]) ok = false;
    }
    return ok ? 0 : 1;
  } finally {
    await edge?.close();
    await node?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
