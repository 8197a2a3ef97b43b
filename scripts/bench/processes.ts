/**
 * `npx tsx scripts/bench/processes.ts`: votes a second with one server process and with three on
 * one database file, measured in one run on this machine.
 *
 * Three real servers (scripts/bench/child.ts, each with its vote writer thread) share one data
 * directory and database. The first starts alone and loads the demo; the other two start once it
 * listens. Then, in turns (BENCH_ROUNDS, default 2), after a warm-up (BENCH_WARMUP, 3 s) of each:
 *   one   — every vote goes to the first process (the two others idle beside it)
 *   three — the same connections split over the three processes
 * each for BENCH_SECONDS (10 s) split over the rounds, BENCH_CONNECTIONS (60) in all, every vote a
 * new voter with its own key and address. Where `taskset` exists the servers share core 0 and the
 * load generator has core 1, so both shapes get the same CPU and the difference is what sharing the
 * file costs (or gains); BENCH_PIN=0 leaves everything unpinned. It prints votes/s, p50, p99, the
 * servers' CPU time a vote and the votes a writer batch held. Then every process's leaderboard must
 * show the votes answered 201, and the votes export must `verify` (one chain). Exit 1 otherwise.
 * Nothing here asserts a time.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { discover, tallySum } from "./lists.ts";
import { runScenario, VoteSource, type Outcome } from "./load.ts";
import { fmt } from "./report.ts";
import { canPin, pinSelf, startServerChild, type ServerChild } from "./server.ts";
import { verifyLedger } from "./verify.ts";

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} must be a positive number, not ${process.env[name]}`);
  return v;
};

interface Shape {
  label: "one" | "three";
  servers: ServerChild[];
}

interface Measured {
  label: string;
  seconds: number;
  responses: number;
  ok: number;
  notOk: number;
  latencies: number[];
  cpuMs: number;
  /** vote writer commits, all processes together */
  batches: number;
}

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;

/** The shape's connections split over its servers, all at once; counts summed, latencies pooled. */
async function load(shape: Shape, everyServer: ServerChild[], connections: number, seconds: number, votes: VoteSource): Promise<Measured> {
  const cpu = () => shape.servers.reduce((n, s) => n + (s.cpuMs() ?? 0), 0);
  // every process's writer, the idle ones included (they commit nothing then)
  const batches = async () => (await Promise.all(everyServer.map((s) => s.stats()))).reduce((n, st) => n + (st?.batches ?? 0), 0);
  const batchesBefore = await batches();
  const before = cpu();
  const each = Math.max(1, Math.round(connections / shape.servers.length));
  const parts: Outcome[] = await Promise.all(
    shape.servers.map((s) => runScenario(s.url, { label: shape.label, path: "/api/votes", connections: each, seconds, vote: votes })),
  );
  return {
    label: shape.label,
    seconds: Math.max(...parts.map((o) => o.seconds)),
    responses: parts.reduce((n, o) => n + o.responses, 0),
    ok: parts.reduce((n, o) => n + o.ok, 0),
    notOk: parts.reduce((n, o) => n + o.notOk, 0),
    latencies: parts.flatMap((o) => o.latencies),
    cpuMs: cpu() - before,
    batches: (await batches()) - batchesBefore,
  };
}

function merge(parts: Measured[]): Measured {
  return {
    label: parts[0]!.label,
    seconds: parts.reduce((n, o) => n + o.seconds, 0),
    responses: parts.reduce((n, o) => n + o.responses, 0),
    ok: parts.reduce((n, o) => n + o.ok, 0),
    notOk: parts.reduce((n, o) => n + o.notOk, 0),
    latencies: parts.flatMap((o) => o.latencies).sort((a, b) => a - b),
    cpuMs: parts.reduce((n, o) => n + o.cpuMs, 0),
    batches: parts.reduce((n, o) => n + o.batches, 0),
  };
}

async function main(): Promise<number> {
  const seconds = num("BENCH_SECONDS", 10);
  const warmup = num("BENCH_WARMUP", 3);
  const rounds = num("BENCH_ROUNDS", 2);
  const connections = num("BENCH_CONNECTIONS", 60);
  const dir = mkdtempSync(join(tmpdir(), "bangdan-bench-processes-"));
  const servers: ServerChild[] = [];
  const watchdog = setTimeout(
    () => {
      console.error("bench: time limit reached; stopping");
      for (const s of servers) s.process.kill("SIGKILL");
      process.exit(1);
    },
    (2 * (warmup + seconds) + 240) * 1000,
  );
  try {
    const pinned = process.env.BENCH_PIN !== "0" && canPin() && pinSelf(1);
    const cpu = pinned ? 0 : undefined;
    console.log(
      `bench: ${connections} connections, ${warmup} s warm-up, ${seconds} s a shape in ${rounds} turns, data in ${dir}; ` +
        (pinned ? "the servers share core 0, the load core 1 (taskset)" : "nothing pinned"),
    );
    // the first alone: it migrates and loads the demo; the others then find both done
    servers.push(await startServerChild(dir, { cpu, label: "server 1" }));
    servers.push(...(await Promise.all([2, 3].map((n) => startServerChild(dir, { cpu, label: `server ${n}` })))));
    const lists = await discover(servers[0]!.url);
    const open = lists.filter((l) => l.state === "open" && l.ranking === "ranked");
    if (open.length === 0) {
      console.error("bench: no open ranked list to vote in");
      return 1;
    }
    // one campaign's lists, so its votes export holds every vote of the run
    const campaign = open[0]!.name.split("/")[0]!;
    const targets = open.filter((l) => l.name.startsWith(`${campaign}/`));
    const votes = new VoteSource(targets.flatMap((l) => l.entries));
    const before = await tallySum(servers[0]!.url, lists);
    const shapes: Shape[] = [
      { label: "one", servers: servers.slice(0, 1) },
      { label: "three", servers },
    ];
    const answered = { ok: 0 };
    for (const shape of shapes) answered.ok += (await load(shape, servers, connections, warmup, votes)).ok;
    const parts = new Map<string, Measured[]>(shapes.map((s) => [s.label, []]));
    for (let round = 0; round < rounds; round++) {
      for (const shape of shapes) {
        const m = await load(shape, servers, connections, seconds / rounds, votes);
        answered.ok += m.ok;
        parts.get(shape.label)!.push(m);
      }
    }
    const rows = shapes.map((s) => merge(parts.get(s.label)!));
    console.log("");
    console.log("| processes | votes/s | p50 ms | p99 ms | non-201 | server CPU µs a vote | votes a batch |");
    console.log("|---|---|---|---|---|---|---|");
    for (const m of rows) {
      console.log(
        `| ${m.label === "one" ? 1 : 3} | ${fmt(m.responses / m.seconds, 0)} | ${fmt(pct(m.latencies, 50), 1)} | ${fmt(pct(m.latencies, 99), 1)} | ${m.notOk} | ${fmt((m.cpuMs * 1000) / Math.max(1, m.ok), 0)} | ${fmt(m.ok / Math.max(1, m.batches), 1)} |`,
      );
    }
    console.log("");
    // every process's leaderboard: the leaderboard cache lives 2 s, then each reads the shared tallies
    await new Promise((r) => setTimeout(r, 2500));
    let ok = true;
    for (const [i, s] of servers.entries()) {
      const shown = (await tallySum(s.url, lists)) - before;
      const same = shown === answered.ok;
      ok &&= same;
      console.log(`bench: server ${i + 1} shows ${shown} new votes; ${answered.ok} were answered 201 ${same ? "(equal)" : "(DIFFERENT)"}`);
    }
    for (const s of servers) await s.stop();
    const ledger = verifyLedger(dir, campaign);
    console.log(`bench: votes export ${ledger.ok ? "verified" : "FAILED"}: ${ledger.said}`);
    return ok && ledger.ok ? 0 : 1;
  } finally {
    clearTimeout(watchdog);
    for (const s of servers) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
});
