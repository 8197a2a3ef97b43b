/**
 * `npm run bench`: load-tests the real server on this machine and prints one table.
 *
 * The server runs in a child process (this same file, re-invoked with `--serve`) on a fresh
 * database in a temp dir, so the load generator (autocannon, in this process) never shares the
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
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const SELF = fileURLToPath(import.meta.url);
const ROOT = resolve(dirname(SELF), "..");
const TEST_TOKEN = "XXXX.DUMMY.TOKEN.XXXX";

// ---------------------------------------------------------------------------------------------
// Child: the server

async function serve(): Promise<void> {
  const dir = process.env.BENCH_DIR;
  if (!dir) throw new Error("BENCH_DIR is not set");
  const { loadEnv } = await import("../api/config.ts");
  const { startServer } = await import("../api/node.ts");
  const source: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: `file:${join(dir, "bench.db")}`,
    BANGDAN_DATA_DIR: dir,
    PORT: "0",
    HOST: "127.0.0.1",
    TRUST_PROXY: "x-forwarded-for",
    RATE_LIMIT: "memory",
  };
  // whatever the caller's shell holds, the bench runs the embedded default in bot-check test mode
  for (const key of ["NODE_ENV", "TURNSTILE_SECRET_KEY", "PUBLIC_ORIGIN", "DATABASE_AUTH_TOKEN", "BANGDAN_SECRET", "SITE_REBUILD_HOOK"]) {
    delete source[key];
  }
  // No access log: the parent echoes every server line, and a line per request would measure the terminal.
  const server = await startServer({ env: loadEnv(source), site: false, accessLog: false, log: (line) => process.stderr.write(line + "\n") });
  const send = (message: unknown) => process.stdout.write(JSON.stringify(message) + "\n");
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    process.exit(0);
  };
  // stdin is the parent's line to us: "stats" asks for the writer's counters; EOF (the parent is
  // gone or done) stops the server
  const lines = createInterface({ input: process.stdin });
  lines.on("line", (line) => {
    if (line.trim() === "stats") void server.deps.votes.stats().then((stats) => send({ stats }));
  });
  lines.on("close", () => void stop());
  process.once("SIGTERM", () => void stop());
  process.once("SIGINT", () => void stop());
  send({ url: server.url });
}

// ---------------------------------------------------------------------------------------------
// Parent: the load generator

interface AcRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

interface AcOptions {
  url: string;
  connections: number;
  duration: number;
  method?: string;
  headers?: Record<string, string>;
  requests?: { setupRequest?: (req: AcRequest, context: object) => AcRequest }[];
  timeout?: number;
}

interface AcResult {
  "2xx": number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
  requests: { sent: number };
}

interface AcClient {
  reqsMade: number;
  responseMax?: number;
}

interface AcInstance extends PromiseLike<AcResult> {
  on(event: "response", listener: (client: AcClient, status: number, bytes: number, ms: number) => void): AcInstance;
  stop(): void;
}

// autocannon ships no types; this is the part of its API used here
const autocannon = createRequire(import.meta.url)("autocannon") as (opts: AcOptions) => AcInstance;

interface Scenario {
  label: string;
  path: string;
  connections: number;
  seconds: number;
  vote?: VoteSource;
}

interface Outcome {
  label: string;
  connections: number;
  seconds: number;
  responses: number;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  notOk: number;
  status: Record<string, number>;
  errors: number;
  timeouts: number;
  unanswered: number;
}

/** Distinct votes: one counter over the whole run for keys and addresses, entries in turn. */
class VoteSource {
  #n = 0;
  readonly #run = Date.now().toString(36);

  constructor(private readonly entries: number[]) {}

  next(): { body: string; ip: string } {
    const n = this.#n++;
    const entryId = this.entries[n % this.entries.length]!;
    // 10.0.0.1 … 10.255.255.255: only header values, each address sends a handful of votes at most
    const a = n + 1;
    const ip = `10.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`;
    return { body: JSON.stringify({ entryId, token: TEST_TOKEN, idempotencyKey: `bench-${this.#run}-${n}` }), ip };
  }
}

async function runScenario(base: string, s: Scenario): Promise<Outcome> {
  const latencies: number[] = [];
  const started = Date.now();
  const deadline = started + s.seconds * 1000;
  let last = started;
  const vote = s.vote;
  const options: AcOptions = {
    url: new URL(s.path, base).toString(),
    connections: s.connections,
    // a cap only: the clients stop themselves at `deadline` (below); this would cut them off
    duration: s.seconds + 5,
    timeout: 10,
    ...(vote
      ? {
          method: "POST",
          headers: { "content-type": "application/json" },
          requests: [
            {
              setupRequest: (req: AcRequest) => {
                const { body, ip } = vote.next();
                return { ...req, headers: { ...req.headers, "x-forwarded-for": ip }, body };
              },
            },
          ],
        }
      : {}),
  };
  const instance = autocannon(options);
  instance.on("response", (client, _status, _bytes, ms) => {
    const now = Date.now();
    last = now;
    latencies.push(ms);
    // past the deadline the client sends nothing more: autocannon destroys a client whose
    // responseMax is reached before it writes the next request, so nothing is left in flight
    if (now >= deadline) client.responseMax = client.reqsMade;
  });
  const result = await instance;
  const seconds = Math.max(0.001, (last - started) / 1000);
  latencies.sort((x, y) => x - y);
  const pct = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]! : NaN);
  const responses = result["2xx"] + result.non2xx;
  const status: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats)) status[code] = count;
  return {
    label: s.label,
    connections: s.connections,
    seconds,
    responses,
    rps: responses / seconds,
    p50: pct(50),
    p99: pct(99),
    ok: result["2xx"],
    notOk: result.non2xx,
    status,
    errors: result.errors,
    timeouts: result.timeouts,
    unanswered: Math.max(0, result.requests.sent - responses),
  };
}

interface ServerChild {
  url: string;
  process: ChildProcess;
  logs: string[];
  stats(): Promise<WriterStats | undefined>;
  stop(): Promise<void>;
}

interface WriterStats {
  batches: number;
  jobs: number;
  largestBatch: number;
}

async function startChild(dir: string): Promise<ServerChild> {
  const child = spawn(process.execPath, ["--import", "tsx", SELF, "--serve"], {
    cwd: ROOT,
    env: { ...process.env, BENCH_DIR: dir },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const logs: string[] = [];
  createInterface({ input: child.stderr! }).on("line", (line) => {
    logs.push(line);
    console.log(`  [server] ${line}`);
  });
  const waiting: ((stats: WriterStats | undefined) => void)[] = [];
  let onUrl: ((url: string) => void) | undefined;
  createInterface({ input: child.stdout! }).on("line", (line) => {
    let message: { url?: string; stats?: WriterStats };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      console.log(`  [server] ${line}`);
      return;
    }
    if (message.url) onUrl?.(message.url);
    if (message.stats) waiting.shift()?.(message.stats);
  });
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error("the server did not start within 60 s")), 60_000);
    onUrl = (u) => {
      clearTimeout(timer);
      ok(u);
    };
    child.once("error", (e) => {
      clearTimeout(timer);
      fail(e);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`the server exited (code ${code}) before it was listening`));
    });
  });
  return {
    url,
    process: child,
    logs,
    async stats() {
      if (child.exitCode !== null) return undefined;
      const answer = new Promise<WriterStats | undefined>((r) => {
        waiting.push(r);
        setTimeout(() => r(undefined), 2000);
      });
      child.stdin!.write("stats\n");
      return answer;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin!.end();
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

interface CampaignsBody {
  campaigns: { slug: string; lists: { slug: string; ranking: "ranked" | "unranked"; voting: { state: string } }[] }[];
}

interface LeaderboardBody {
  state: string;
  ranking: "ranked" | "unranked";
  entries: { id: number; votes?: number }[];
}

interface ListInfo {
  path: string;
  name: string;
  ranking: "ranked" | "unranked";
  state: string;
  entries: number[];
}

async function discover(base: string): Promise<ListInfo[]> {
  const { campaigns } = await getJson<CampaignsBody>(`${base}/api/campaigns`);
  const lists: ListInfo[] = [];
  for (const c of campaigns) {
    for (const l of c.lists) {
      const path = `/api/campaigns/${encodeURIComponent(c.slug)}/lists/${encodeURIComponent(l.slug)}/leaderboard`;
      const board = await getJson<LeaderboardBody>(base + path);
      lists.push({ path, name: `${c.slug}/${l.slug}`, ranking: l.ranking, state: l.voting.state, entries: board.entries.map((e) => e.id) });
    }
  }
  return lists;
}

async function tallySum(base: string, lists: ListInfo[]): Promise<number> {
  let sum = 0;
  for (const l of lists.filter((x) => x.ranking === "ranked")) {
    const board = await getJson<LeaderboardBody>(base + l.path);
    for (const e of board.entries) sum += e.votes ?? 0;
  }
  return sum;
}

const count201 = (o: Outcome) => o.status["201"] ?? 0;
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "-");

function table(outcomes: Outcome[]): string {
  const head = ["scenario", "conns", "secs", "req/s", "p50 ms", "p99 ms", "2xx", "non-2xx", "codes"];
  const rows = outcomes.map((o) => [
    o.label,
    String(o.connections),
    fmt(o.seconds, 2),
    fmt(o.rps),
    fmt(o.p50, 2),
    fmt(o.p99, 2),
    String(o.ok),
    String(o.notOk),
    Object.entries(o.status)
      .map(([code, n]) => `${code}×${n}`)
      .join(" ") + (o.errors ? ` errors×${o.errors}` : "") + (o.timeouts ? ` timeouts×${o.timeouts}` : ""),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 || i === cells.length - 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ").trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

async function main(): Promise<number> {
  const seconds = Number(process.env.BENCH_SECONDS ?? "10");
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) {
    console.error(`BENCH_SECONDS must be a number of seconds in (0, 600], not ${process.env.BENCH_SECONDS}`);
    return 2;
  }
  const dir = mkdtempSync(join(tmpdir(), "bangdan-bench-"));
  let server: ServerChild | undefined;
  // bounded in time whatever happens: 4 scenarios, a warm-up, start and checks
  const watchdog = setTimeout(
    () => {
      console.error("bench: time limit reached; stopping");
      server?.process.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
      process.exit(1);
    },
    (4 * (seconds + 2) + 40) * 1000,
  );
  const interrupt = () => {
    server?.process.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  try {
    console.log(`bench: ${seconds} s per scenario, data in ${dir}`);
    const t0 = Date.now();
    try {
      server = await startChild(dir);
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
      return 1;
    }
    const board = targets[0]!;
    const before = await tallySum(base, lists);
    const votes = new VoteSource(entries);

    // warm-up: the JIT, the connection pools, the leaderboard cache (its votes count too)
    const warm = await Promise.all([
      runScenario(base, { label: "warm health", path: "/api/health", connections: 10, seconds: 1 }),
      runScenario(base, { label: "warm votes", path: "/api/votes", connections: 10, seconds: 1, vote: votes }),
      runScenario(base, { label: "warm board", path: board.path, connections: 10, seconds: 1 }),
    ]);
    console.log(`bench: warmed up (${warm.map((w) => `${w.label} ${w.responses}`).join(", ")})`);

    const outcomes: Outcome[] = [];
    const writer: { label: string; delta?: WriterStats; largest?: number }[] = [];
    const run = async (s: Scenario) => {
      const o = await runScenario(base, s);
      outcomes.push(o);
      console.log(`bench: ${o.label}: ${fmt(o.rps)} req/s`);
      return o;
    };
    const withWriter = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
      const a = await server!.stats();
      const value = await work();
      const b = await server!.stats();
      writer.push({
        label,
        delta: a && b ? { batches: b.batches - a.batches, jobs: b.jobs - a.jobs, largestBatch: b.largestBatch } : undefined,
        largest: b?.largestBatch,
      });
      return value;
    };

    const health = await run({ label: "a) GET /api/health", path: "/api/health", connections: 50, seconds });
    const vote = await withWriter("b) votes", () => run({ label: "b) POST /api/votes", path: "/api/votes", connections: 50, seconds, vote: votes }));
    const lead = await run({ label: `c) GET leaderboard (${board.name})`, path: board.path, connections: 50, seconds });
    const [bothHealth, bothVotes] = await withWriter("d) votes", () =>
      Promise.all([
        runScenario(base, { label: "d) GET /api/health  ∥", path: "/api/health", connections: 25, seconds }),
        runScenario(base, { label: "d) POST /api/votes  ∥", path: "/api/votes", connections: 25, seconds, vote: votes }),
      ]),
    );
    outcomes.push(bothHealth, bothVotes);
    console.log(`bench: d) parallel: health ${fmt(bothHealth.rps)} req/s, votes ${fmt(bothVotes.rps)} req/s`);

    // the leaderboard cache lives 2 s: wait it out, then read what the API shows
    await new Promise((r) => setTimeout(r, 2500));
    const after = await tallySum(base, lists);
    const accepted = [...warm, vote, bothVotes].reduce((sum, o) => sum + count201(o), 0);
    const unanswered = [...warm, ...outcomes].reduce((sum, o) => sum + o.unanswered, 0);
    const exact = after - before === accepted;

    console.log("");
    console.log(`bangdan bench — ${seconds} s per scenario, Node ${process.version}, autocannon 9, server in a child process, all on 127.0.0.1`);
    console.log("");
    console.log(table(outcomes));
    console.log("");
    const votesPerS = (o: Outcome) => count201(o) / o.seconds;
    console.log(`accepted votes/s (201s ÷ duration): b) ${fmt(votesPerS(vote))}  (${count201(vote)} in ${fmt(vote.seconds, 2)} s)`);
    console.log(`                                    d) ${fmt(votesPerS(bothVotes))}  (${count201(bothVotes)} in ${fmt(bothVotes.seconds, 2)} s)`);
    console.log(`ratio votes/s ÷ health req/s:       b/a ${fmt(votesPerS(vote) / health.rps, 3)}   d (same run) ${fmt(votesPerS(bothVotes) / bothHealth.rps, 3)}`);
    console.log(`ratio leaderboard ÷ health req/s:   c/a ${fmt(lead.rps / health.rps, 3)}`);
    for (const w of writer) {
      if (!w.delta) {
        console.log(`writer ${w.label}: stats not available`);
        continue;
      }
      const mean = w.delta.batches ? w.delta.jobs / w.delta.batches : 0;
      console.log(
        `writer ${w.label}: ${w.delta.batches} batches, ${w.delta.jobs} jobs, ${fmt(mean)} jobs/batch on average, largest batch so far ${w.delta.largestBatch}`,
      );
    }
    if (unanswered > 0) console.log(`requests sent but never answered: ${unanswered}`);
    if (server.logs.length > 0) console.log(`server log lines: ${server.logs.length} (shown above with [server])`);
    console.log(
      `tallies: ${after - before} votes on the ranked leaderboards, ${accepted} × 201 counted (warm-up ${warm.reduce((s, o) => s + count201(o), 0)}, b ${count201(vote)}, d ${count201(bothVotes)})`,
    );
    console.log(`tallies exact: ${exact ? "yes" : "no"}`);
    return exact ? 0 : 1;
  } finally {
    clearTimeout(watchdog);
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes("--serve")) {
  serve().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
} else {
  process.exitCode = await main();
}
