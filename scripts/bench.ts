/**
 * `npm run bench`: load-tests the real server on this machine and prints how far each of its
 * answers is from what the machine allows, measured in one run.
 *
 * Two child processes, each on a fresh data dir: the real server (scripts/bench/child.ts, its vote
 * writer thread included) and the yardsticks (scripts/bench/bare.ts: a bare Hono endpoint, a bare
 * endpoint serving the leaderboard's exact bytes, each of those two again with every header the
 * real answer carries (what the answer owes, apart from the work of making it), and the durable
 * anchor, plain rows committed by
 * group commit with synchronous=FULL). Where `taskset` exists both servers are pinned to core 0 and
 * this process, the load generator (autocannon), to core 1. For 50 and then 200 connections each
 * pair is warmed up (BENCH_WARMUP, 3 s each), then measured for BENCH_SECONDS (10 s) each, in
 * BENCH_ROUNDS turns (2: yardsticks, real, yardsticks, real), so drift on a shared machine hits all:
 *   GET /bare, GET /same-headers        ↔ GET /api/health
 *   GET /bytes, GET /same-bytes-headers ↔ GET …/leaderboard  (the same bytes, identity coding)
 *   POST /anchor     ↔ POST /api/votes    (every vote a new voter, no cookie, a unique idempotency
 *                                           key and its own X-Forwarded-For address)
 * It prints req/s, p50 and p99 of each, and their ratios to the yardsticks. Every client stops
 * gracefully at its deadline, so every vote the server commits was answered: the tallies the API
 * shows must equal the 201s counted. Then the server stops, the votes are exported with the CLI
 * and `verify` recomputes the ledger's chain from the file. Exit 1 when a server does not start,
 * a scenario cannot run, the tallies differ or the ledger does not verify. Nothing here asserts a
 * time: the figures are for reading. All traffic goes to 127.0.0.1.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { discover, tallySum, type ListInfo } from "./bench/lists.ts";
import { mergeOutcomes, runScenario, VoteSource, type Outcome, type Scenario } from "./bench/load.ts";
import { fmt, printReport, type Pair } from "./bench/report.ts";
import { canPin, pinSelf, startServerChild, type ServerChild } from "./bench/server.ts";
import { verifyLedger } from "./bench/verify.ts";

/** A number of seconds from the environment, or undefined (said on stderr) outside (0, 600]. */
function secondsFrom(name: string, fallback: string): number | undefined {
  const seconds = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) {
    console.error(`${name} must be a number of seconds in (0, 600], not ${process.env[name]}`);
    return undefined;
  }
  return seconds;
}

const CONNECTIONS = [50, 200];
/** scenarios a connection count: health and two yardsticks, the leaderboard and two, votes and the anchor */
const SCENARIOS = 8;

/**
 * Bounds the run in time whatever happens and makes an interrupt kill the servers and remove the
 * data. Returns the function that lifts the time limit.
 */
function guardRun(limitS: number, dir: string, servers: () => (ServerChild | undefined)[]): () => void {
  const killAll = () => {
    for (const s of servers()) s?.process.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  };
  const watchdog = setTimeout(() => {
    console.error("bench: time limit reached; stopping");
    killAll();
    process.exit(1);
  }, limitS * 1000);
  const interrupt = () => {
    killAll();
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
  const entries = targets.flatMap((l) => l.entries);
  console.log(`bench: ${lists.length} lists; voting on ${entries.length} entries of ${targets.length} open ranked lists`);
  if (entries.length === 0) {
    console.error("bench: no open ranked list to vote in");
    return undefined;
  }
  return { lists, targets };
}

interface Servers {
  real: ServerChild;
  bare: ServerChild;
}

/** Each pair at each connection count: the yardstick, then the real server, each warmed up first. */
async function runPairs(s: Servers, board: ListInfo, votes: VoteSource, seconds: number, warmup: number, rounds: number) {
  const anchorRows = new VoteSource([1]);
  const pairs: Pair[] = [];
  const warm: Outcome[] = [];
  const scenario = (base: string, sc: Scenario) => runScenario(base, sc);
  type Side = { server: ServerChild; sc: Omit<Scenario, "seconds"> };
  const timed = async (side: Side, secs: number): Promise<Outcome> => {
    const before = side.server.cpuMs();
    const o = await scenario(side.server.url, { ...side.sc, seconds: secs });
    const after = side.server.cpuMs();
    return { ...o, cpuMs: before !== undefined && after !== undefined ? after - before : undefined };
  };
  /**
   * Every side warmed up, then measured in turns (yardsticks, real, yardsticks, real …): drift on a
   * shared machine hits all alike. The outcomes in the order given, the real one last.
   */
  const measureAll = async (sides: Side[]): Promise<Outcome[]> => {
    for (const side of sides) warm.push(await scenario(side.server.url, { ...side.sc, label: `warm ${side.sc.label}`, seconds: warmup }));
    const parts: Outcome[][] = sides.map(() => []);
    for (let round = 0; round < rounds; round++) {
      for (const [i, side] of sides.entries()) parts[i]!.push(await timed(side, seconds / rounds));
    }
    const all = parts.map((p) => mergeOutcomes(p));
    for (const o of all)
      console.log(`bench: ${o.label} @${o.connections}: ${fmt(o.rps)} req/s, p50 ${fmt(o.p50, 2)} ms, p99 ${fmt(o.p99, 2)} ms`);
    return all;
  };
  const measure = async (bare: Side, real: Side) => {
    const [b, r] = await measureAll([bare, real]);
    return { bare: b!, real: r! };
  };
  for (const connections of CONNECTIONS) {
    const [bareOk, sameHeaders, health] = await measureAll([
      { server: s.bare, sc: { label: "bare GET {ok:true}", path: "/bare", connections } },
      { server: s.bare, sc: { label: "bare GET same headers", path: "/same-headers", connections } },
      { server: s.real, sc: { label: "GET /api/health", path: "/api/health", connections } },
    ]);
    pairs.push({ name: "health ÷ bare", connections, bare: bareOk!, real: health! });
    pairs.push({ name: "health ÷ same headers", connections, bare: sameHeaders!, real: health! });
    pairs.push({ name: "same headers ÷ bare", connections, bare: bareOk!, real: sameHeaders! });
    const [sameBytes, sameBytesHeaders, lead] = await measureAll([
      { server: s.bare, sc: { label: "bare GET same bytes", path: "/bytes", connections } },
      { server: s.bare, sc: { label: "bare GET same bytes+headers", path: "/same-bytes-headers", connections } },
      { server: s.real, sc: { label: "GET leaderboard", path: board.path, connections } },
    ]);
    pairs.push({ name: "leaderboard ÷ same bytes", connections, bare: sameBytes!, real: lead! });
    pairs.push({ name: "leaderboard ÷ same bytes+headers", connections, bare: sameBytesHeaders!, real: lead! });
    const before = await s.real.stats();
    const { bare: anchor, real: vote } = await measure(
      { server: s.bare, sc: { label: "anchor POST (FULL)", path: "/anchor", connections, vote: anchorRows } },
      { server: s.real, sc: { label: "POST /api/votes", path: "/api/votes", connections, vote: votes } },
    );
    const after = await s.real.stats();
    pairs.push({ name: "votes ÷ anchor", connections, bare: anchor, real: vote });
    pairs.push({ name: "votes ÷ bare", connections, bare: bareOk!, real: vote });
    pairs.push({ name: "anchor ÷ bare", connections, bare: bareOk!, real: anchor });
    if (before && after) {
      const batches = after.batches - before.batches;
      const jobs = after.jobs - before.jobs;
      console.log(
        `bench: writer @${connections} (warm-up included): ${batches} batches, ${jobs} votes, ${fmt(batches ? jobs / batches : 0)} a batch`,
      );
    }
  }
  return { pairs, warm };
}

/** What each connection's answer carries anyway (Node adds them), and the id made afresh per answer. */
const NOT_COPIED = new Set(["date", "connection", "keep-alive", "content-length", "transfer-encoding", "content-encoding", "x-request-id"]);

/** The real server's answer at `url` as a yardstick copies it: its bytes and its headers. */
async function copyAnswer(url: string): Promise<{ bytes: Buffer; headers: Record<string, string> }> {
  // as autocannon asks: no Accept-Encoding, so the identity answer
  const res = await fetch(url, { headers: { "accept-encoding": "identity" } });
  const headers: Record<string, string> = {};
  for (const [name, value] of res.headers) if (!NOT_COPIED.has(name)) headers[name] = value;
  return { bytes: Buffer.from(await res.arrayBuffer()), headers };
}

async function main(): Promise<number> {
  const seconds = secondsFrom("BENCH_SECONDS", "10");
  const warmup = secondsFrom("BENCH_WARMUP", "3");
  const rounds = Number(process.env.BENCH_ROUNDS ?? "2");
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 20)
    console.error(`BENCH_ROUNDS must be a whole number from 1 to 20, not ${process.env.BENCH_ROUNDS}`);
  if (seconds === undefined || warmup === undefined || !Number.isInteger(rounds) || rounds < 1 || rounds > 20) return 2;
  const dir = mkdtempSync(join(tmpdir(), "bangdan-bench-"));
  let real: ServerChild | undefined;
  let bare: ServerChild | undefined;
  const scenarios = CONNECTIONS.length * SCENARIOS;
  const lift = guardRun(scenarios * (seconds + warmup + 2 * rounds + 3) + 180, dir, () => [real, bare]);
  try {
    const pinned = canPin() && pinSelf(1);
    console.log(
      `bench: ${warmup} s warm-up + ${seconds} s per scenario in ${rounds} turns with its yardstick, data in ${dir}; ` +
        (pinned ? "servers pinned to core 0, load to core 1 (taskset)" : "no taskset: nothing pinned"),
    );
    const cpu = pinned ? 0 : undefined;
    try {
      real = await startServerChild(join(dir), { script: "child", cpu, label: "server" });
      bare = await startServerChild(join(dir), { script: "bare", cpu, label: "bare" });
    } catch (error) {
      console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
    for (const url of [real.url, bare.url]) {
      if (new URL(url).hostname !== "127.0.0.1") {
        console.error(`bench: a server listens on ${url}, not 127.0.0.1; refusing to load it`);
        return 1;
      }
    }
    const found = await votingTargets(real.url);
    if (!found) return 1;
    const board = found.targets[0]!;
    // the bare endpoint serves exactly the bytes a client without Accept-Encoding gets from the real one
    const [health, lead] = [await copyAnswer(real.url + "/api/health"), await copyAnswer(real.url + board.path)];
    const set = await bare.ask<number>(`bytes ${lead.bytes.toString("base64")}`, "bytes");
    console.log(`bench: leaderboard ${board.name}: ${set ?? "?"} bytes, served by the bare endpoint too`);
    const copied = { health: { body: health.bytes.toString("utf8"), headers: health.headers }, board: { headers: lead.headers } };
    const headers = await bare.ask<number>(`headers ${JSON.stringify(copied)}`, "headers");
    console.log(`bench: ${headers ?? "?"} headers of the health and leaderboard answers, served by the bare endpoint too`);

    const before = await tallySum(real.url, found.lists);
    const votes = new VoteSource(found.targets.flatMap((l) => l.entries));
    const { pairs, warm } = await runPairs({ real, bare }, board, votes, seconds, warmup, rounds);
    // the leaderboard cache lives 2 s: wait it out, then read what the API shows
    await new Promise((r) => setTimeout(r, 2500));
    const after = await tallySum(real.url, found.lists);
    const anchorRows = await bare.ask<number>("stats", "rows");
    await real.stop();
    const ledger = verifyLedger(dir, found.targets[0]!.name.split("/")[0]!);
    return printReport({ seconds, warmup, rounds, pinned: cpu !== undefined }, pairs, warm, { before, after }, { anchorRows, ledger })
      ? 0
      : 1;
  } finally {
    lift();
    await real?.stop();
    await bare?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
