/** Load through autocannon: a scenario's clients, the votes they send, and what came back. */
import { createRequire } from "node:module";

const TEST_TOKEN = "XXXX.DUMMY.TOKEN.XXXX";

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

export interface Scenario {
  label: string;
  path: string;
  connections: number;
  seconds: number;
  vote?: VoteSource;
}

export interface Outcome {
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
  /** every response's latency, ms, sorted */
  latencies: number[];
  /** CPU time the server used meanwhile, ms (when known): robust where other work shares the machine */
  cpuMs?: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN;

/** Runs of one scenario taken in turns with another, as one outcome: counts summed, latencies pooled. */
export function mergeOutcomes(parts: Outcome[]): Outcome {
  const first = parts[0]!;
  const latencies = parts.flatMap((o) => o.latencies).sort((x, y) => x - y);
  const status: Record<string, number> = {};
  for (const o of parts) for (const [code, n] of Object.entries(o.status)) status[code] = (status[code] ?? 0) + n;
  const sum = (f: (o: Outcome) => number) => parts.reduce((n, o) => n + f(o), 0);
  const seconds = sum((o) => o.seconds);
  const responses = sum((o) => o.responses);
  return {
    label: first.label,
    connections: first.connections,
    seconds,
    responses,
    rps: responses / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    ok: sum((o) => o.ok),
    notOk: sum((o) => o.notOk),
    status,
    errors: sum((o) => o.errors),
    timeouts: sum((o) => o.timeouts),
    unanswered: sum((o) => o.unanswered),
    latencies,
    cpuMs: parts.every((o) => o.cpuMs !== undefined) ? sum((o) => o.cpuMs!) : undefined,
  };
}

/** Distinct votes: one counter over the whole run for keys and addresses, entries in turn. */
export class VoteSource {
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

export async function runScenario(base: string, s: Scenario): Promise<Outcome> {
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
  const pct = (p: number) => percentile(latencies, p);
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
    latencies,
  };
}
