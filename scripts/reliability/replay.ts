/**
 * The mixed-vote replay: `total` vote requests over HTTP to a server process on one database —
 * about 70% first and further votes of voters who keep their cookie, 10% retries with the same
 * idempotency key (a retry of a voter's first vote comes without a cookie: the answer that would
 * have set it was lost), 20% bot failures (a token that does not pass), and list `beta` closed over
 * the admin API halfway. Afterwards the votes export must pass `verify`, the tallies table must
 * equal the ledger, and no request may have counted twice.
 */
import { join } from "node:path";
import type { Env } from "../../api/config.ts";
import { verifyVotesFile } from "../../api/services/verify.ts";
import { allTallies, openDatabase, voteCount } from "../../db/index.ts";
import { runCli } from "../../tests/helpers/processes.ts";
import { entryIdsOf, postVote, prepareDatabase, spawnServer, voterIp } from "./load.ts";

export interface ReplayFigures {
  requests: number;
  statuses: Record<string, number>;
  retries: number;
  botFailures: number;
  /** idempotency keys answered 201 at least once */
  keysCounted: number;
  /** distinct vote ids answered 201 */
  acknowledged: number;
  ledgerRows: number;
  /** retries answered with a vote id other than their first answer's: each one a vote counted twice */
  retriesCountedAgain: number;
  verifyOk: boolean;
  verifyReason?: string;
  cliVerifyExit: number;
  talliesEqualLedger: boolean;
  seconds: number;
}

interface Sent {
  key: string;
  entryId: number;
  ip: string;
  cookieBefore?: string;
  voteId?: string;
}

interface VoterState {
  n: number;
  list: string;
  cookie?: string;
  votes: number;
}

/** A small deterministic generator, so a run can be repeated. */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

const LISTS = ["alpha", "beta", "gamma"];

export async function runReplay(
  env: Env,
  options: { total: number; concurrency?: number; seed?: number; log?: (line: string) => void },
): Promise<ReplayFigures> {
  const log = options.log ?? (() => {});
  const { organizer } = await prepareDatabase(env);
  const server = await spawnServer(env, { TRUST_PROXY: "x-forwarded-for" });
  const started = Date.now();
  const figures = { statuses: {} as Record<string, number>, retries: 0, botFailures: 0, retriesCountedAgain: 0 };
  const keys = new Set<string>();
  const ids = new Set<string>();
  try {
    const entries = Object.fromEntries(await Promise.all(LISTS.map(async (l) => [l, await entryIdsOf(server.url, l)] as const)));
    const random = prng(options.seed ?? 15);
    const open: VoterState[] = [];
    const done: Sent[] = [];
    let voters = 0;
    let next = 0;
    const note = (status: number) => (figures.statuses[status] = (figures.statuses[status] ?? 0) + 1);

    const one = async (i: number) => {
      const r = random();
      if (i === Math.floor(options.total / 2)) log(`  request ${i}: closed beta (${await closeList(server.url, organizer, "beta")})`);
      if (r < 0.2) {
        figures.botFailures++;
        const n = voters++;
        const answer = await postVote(server.url, { entryId: entries.alpha![n % 8]!, ip: voterIp(n), key: `bot-${i}`, token: `bad-${i}` });
        return note(answer.status);
      }
      if (r < 0.3 && done.length > 0) {
        figures.retries++;
        const original = done[Math.floor(random() * Math.min(done.length, 2000)) + Math.max(0, done.length - 2000)]!;
        const answer = await retry(server.url, original);
        if (answer.voteId) {
          keys.add(original.key);
          ids.add(answer.voteId);
          if (answer.voteId !== original.voteId) figures.retriesCountedAgain++;
        }
        return note(answer.status);
      }
      const voter = open.length > 0 && random() < 0.6 ? open.shift()! : { n: voters++, list: LISTS[voters % 3]!, votes: 0 };
      const key = `v-${i}`;
      const entryId = entries[voter.list]![(voter.n + voter.votes) % 8]!;
      const sent: Sent = { key, entryId, ip: voterIp(voter.n), ...(voter.cookie ? { cookieBefore: voter.cookie } : {}) };
      const answer = await postVote(server.url, { entryId, ip: sent.ip, key, cookie: voter.cookie });
      note(answer.status);
      voter.cookie = answer.cookie;
      voter.votes++;
      if (voter.votes < 3) open.push(voter);
      if (answer.voteId) {
        sent.voteId = answer.voteId;
        keys.add(key);
        ids.add(answer.voteId);
      }
      done.push(sent);
      if (done.length > 10_000) done.splice(0, 5_000);
    };

    const worker = async () => {
      for (let i = next++; i < options.total; i = next++) {
        await one(i);
        if (i > 0 && i % 50_000 === 0) log(`  ${i} requests, ${((Date.now() - started) / 1000).toFixed(0)} s`);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 48 }, worker));
  } finally {
    server.child.kill("SIGTERM");
    await new Promise((r) => server.child.once("exit", r));
  }
  return {
    ...figures,
    requests: options.total,
    keysCounted: keys.size,
    acknowledged: ids.size,
    ...(await checkLedger(env)),
    seconds: (Date.now() - started) / 1000,
  };
}

async function closeList(url: string, organizer: string, list: string): Promise<number> {
  const res = await fetch(`${url}/api/admin/campaigns/reliability/lists/${list}/close`, {
    method: "POST",
    headers: { authorization: `Bearer ${organizer}` },
  });
  return res.status;
}

/** The same request again: same key, entry and address, and the cookie the voter had when it first sent it (none for a first vote). */
const retry = (url: string, original: Sent) =>
  postVote(url, { entryId: original.entryId, ip: original.ip, key: original.key, cookie: original.cookieBefore });

/** The votes export through the CLI, `verify` over it (CLI and in-process), and the tallies table against it. */
async function checkLedger(env: Env) {
  const out = join(env.BANGDAN_DATA_DIR, "votes.csv");
  const exported = await runCli(env, ["export", "reliability", "--kind", "votes", "--format", "csv", "--out", out]);
  if (exported.code !== 0) throw new Error(`export failed: ${exported.stderr}`);
  const cli = await runCli(env, ["verify", out]);
  const result = await verifyVotesFile(out);
  const db = await openDatabase(env.DATABASE_URL, undefined, { migrate: false });
  try {
    const ledgerRows = await voteCount(db.read);
    const tallies = await allTallies(db.read);
    const fromFile = new Map(result.ok ? result.tallies.map((t) => [t.entryId, t.valid]) : []);
    const entryIds = new Set([...tallies.keys(), ...fromFile.keys()]);
    const talliesEqualLedger =
      result.ok && result.rows === ledgerRows && [...entryIds].every((e) => (tallies.get(e) ?? 0) === (fromFile.get(e) ?? 0));
    return {
      ledgerRows,
      verifyOk: result.ok,
      ...(result.ok ? {} : { verifyReason: result.reason }),
      cliVerifyExit: cli.code,
      talliesEqualLedger,
    };
  } finally {
    await db.close();
  }
}
