/**
 * `npm run bench`: load-tests the real server on this machine and prints one table.
 *
 * The server runs in a child process (scripts/bench/child.ts) on a fresh database in a temp dir,
 * so the load generator (autocannon, in this process; scripts/bench/load.ts) never shares the
 * server's event loop. Scenarios, each BENCH_SECONDS long (default 10):
 *   a) GET /api/health                     the bare-endpoint baseline
 *   b) POST /api/votes                     every request a new voter (no cookie), a unique
 *                                          idempotency key and its own X-Forwarded-For address
 *   c) GET …/leaderboard                   a leaderboard read from memory
 *   d) a) and b) at the same time, half the connections each
 * Every client stops gracefully at the deadline (it finishes the request it has in flight and
 * sends no other), so every vote the server commits was answered, and at the end the tallies the
 * API shows must equal the 201 responses counted. Exit 1 when the server does not start, a
 * scenario cannot run, or the tallies differ. All traffic goes to 127.0.0.1.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { discover, tallySum, type ListInfo } from "./bench/lists.ts";
import { runScenario, VoteSource, type Outcome, type Scenario } from "./bench/load.ts";
import { fmt, printReport, type Results, type WriterUse } from "./bench/report.ts";
import { startServerChild, type ServerChild } from "./bench/server.ts";

/** BENCH_SECONDS, or undefined (said on stderr) when it is not a number of seconds in (0, 600]. */
function benchSeconds(): number | undefined {
  const seconds = Number(process.env.BENCH_SECONDS ?? "10");
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) {
    console.error(`BENCH_SECONDS must be a number of seconds in (0, 600], not ${process.env.BENCH_SECONDS}`);
    return undefined;
  }
  return seconds;
}

/**
 * Bounds the run in time whatever happens (4 scenarios, a warm-up, start and checks) and makes an
 * interrupt kill the server and remove the data. Returns the function that lifts the time limit.
 */
function guardRun(seconds: number, dir: string, server: () => ServerChild | undefined): () => void {
  const watchdog = setTimeout(
    () => {
      console.error("bench: time limit reached; stopping");
      server()?.process.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
      process.exit(1);
    },
    (4 * (seconds + 2) + 40) * 1000,
  );
  const interrupt = () => {
    server()?.process.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  return () => clearTimeout(watchdog);
}

/** The open ranked lists to vote in; undefined (said on stderr) when there is none. */
async function votingTargets(base: string): Promise<{ lists: ListInfo[]; targets: ListInfo[] } | undefined> {
  const lists = await discover(base);
  const targets = lists.filter((l) => l.state === "open" && l.ranking === "ranked");
  const skipped = lists.filter((l) => l.state === "open" && l.ranking !== "ranked");
  const entries = targets.flatMap((l) => l.entries);
  console.log(
    `bench: ${lists.length} lists; voting on ${entries.length} entries of ${targets.length} open ranked lists` +
      (skipped.length ? ` (open unranked lists left out, their tallies are not public: ${skipped.map((l) => l.name).join(", ")})` : ""),
  );
  if (entries.length === 0) {
    console.error("bench: no open ranked list to vote in");
    return undefined;
  }
  return { lists, targets };
}

/** The warm-up, then scenarios a) to d), the vote writer's counters read around b) and d). */
async function runScenarios(server: ServerChild, seconds: number, board: ListInfo, votes: VoteSource): Promise<Results> {
  const base = server.url;
  // warm-up: the JIT, the connection pools, the leaderboard cache (its votes count too)
  const warm = await Promise.all([
    runScenario(base, { label: "warm health", path: "/api/health", connections: 10, seconds: 1 }),
    runScenario(base, { label: "warm votes", path: "/api/votes", connections: 10, seconds: 1, vote: votes }),
    runScenario(base, { label: "warm board", path: board.path, connections: 10, seconds: 1 }),
  ]);
  console.log(`bench: warmed up (${warm.map((w) => `${w.label} ${w.responses}`).join(", ")})`);

  const outcomes: Outcome[] = [];
  const writer: WriterUse[] = [];
  const run = async (s: Scenario) => {
    const o = await runScenario(base, s);
    outcomes.push(o);
    console.log(`bench: ${o.label}: ${fmt(o.rps)} req/s`);
    return o;
  };
  const withWriter = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const a = await server.stats();
    const value = await work();
    const b = await server.stats();
    writer.push({
      label,
      delta: a && b ? { batches: b.batches - a.batches, jobs: b.jobs - a.jobs, largestBatch: b.largestBatch } : undefined,
      largest: b?.largestBatch,
    });
    return value;
  };

  const health = await run({ label: "a) GET /api/health", path: "/api/health", connections: 50, seconds });
  const vote = await withWriter("b) votes", () =>
    run({ label: "b) POST /api/votes", path: "/api/votes", connections: 50, seconds, vote: votes }),
  );
  const lead = await run({ label: `c) GET leaderboard (${board.name})`, path: board.path, connections: 50, seconds });
  const [bothHealth, bothVotes] = await withWriter("d) votes", () =>
    Promise.all([
      runScenario(base, { label: "d) GET /api/health  ∥", path: "/api/health", connections: 25, seconds }),
      runScenario(base, { label: "d) POST /api/votes  ∥", path: "/api/votes", connections: 25, seconds, vote: votes }),
    ]),
  );
  outcomes.push(bothHealth, bothVotes);
  console.log(`bench: d) parallel: health ${fmt(bothHealth.rps)} req/s, votes ${fmt(bothVotes.rps)} req/s`);
  return { warm, health, vote, lead, bothHealth, bothVotes, outcomes, writer };
}

async function main(): Promise<number> {
  const seconds = benchSeconds();
  if (seconds === undefined) return 2;
  const dir = mkdtempSync(join(tmpdir(), "bangdan-bench-"));
  let server: ServerChild | undefined;
  const lift = guardRun(seconds, dir, () => server);
  try {
    console.log(`bench: ${seconds} s per scenario, data in ${dir}`);
    const t0 = Date.now();
    try {
      server = await startServerChild(dir);
    } catch (error) {
      console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
    const base = server.url;
    const host = new URL(base).hostname;
    if (host !== "127.0.0.1") {
      console.error(`bench: the server listens on ${base}, not 127.0.0.1; refusing to load it`);
      return 1;
    }
    console.log(`bench: server up at ${base} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const found = await votingTargets(base);
    if (!found) return 1;
    const before = await tallySum(base, found.lists);
    const results = await runScenarios(server, seconds, found.targets[0]!, new VoteSource(found.targets.flatMap((l) => l.entries)));
    // the leaderboard cache lives 2 s: wait it out, then read what the API shows
    await new Promise((r) => setTimeout(r, 2500));
    const after = await tallySum(base, found.lists);
    return printReport(seconds, results, { before, after }, server.logs.length) ? 0 : 1;
  } finally {
    lift();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
