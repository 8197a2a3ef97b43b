/**
 * Several server processes on one database file (issue 20): three real `npm start` processes share
 * one SQLite file, one secret and one redis for rate limits, each with its own vote writer thread.
 * Votes are spread over all three — every voter's votes land on different processes at once, some
 * past the daily allowance, some retried with the same idempotency key on another process, some sent
 * to two processes at the same moment — and a close is sent to one process while the others take
 * votes. Then: one chain with no gap or fork, a votes export that verifies, tallies equal to the
 * ledger and every process's leaderboard converging to them, the daily limit held across processes,
 * every retry counted once, and no vote counted on any process once the close has returned.
 */
import { mkdirSync, readdirSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv, type Env } from "../../api/config.ts";
import { verifyVotesFile } from "../../api/services/verify.ts";
import { openDatabase, readLedger, type LedgerRow } from "../../db/index.ts";
import { entryIdsOf, postVote, prepareDatabase, voterIp, type VoteSent } from "../../scripts/reliability/load.ts";
import { freshDataDir } from "../helpers/env.ts";
import { runCli, spawnServer } from "../helpers/processes.ts";
import { startRedisServer, type RedisServer } from "../helpers/redis.ts";
import { seedCampaign } from "../helpers/seed.ts";
import { startTestServer, testCampaign } from "../helpers/server.ts";

const PROCESSES = 3;
const VOTERS = 90;
/** each voter tries this many entries of list alpha (perDay 3, perEntryPerDay 1): 3 count, 2 are refused */
const TRIES = 5;

let redis: RedisServer;
let env: Env;
let organizer: string;
const servers: Awaited<ReturnType<typeof spawnServer>>[] = [];
const urls = () => servers.map((s) => s.url);

async function wholeLedger(): Promise<LedgerRow[]> {
  const db = await openDatabase(env.DATABASE_URL, undefined, { migrate: false });
  try {
    const all: LedgerRow[] = [];
    for (let page = await readLedger(db.read, 0); page.length > 0; page = await readLedger(db.read, page.at(-1)!.seq)) all.push(...page);
    return all;
  } finally {
    await db.close();
  }
}

async function leaderboard(url: string): Promise<{ state: string; votes: Map<number, number> }> {
  const res = await fetch(`${url}/api/campaigns/reliability/lists/alpha/leaderboard`);
  const body = (await res.json()) as { state: string; entries: { id: number; votes: number }[] };
  return { state: body.state, votes: new Map(body.entries.map((e) => [e.id, e.votes])) };
}

/** Runs `work` over 0..n-1 with at most `width` at a time. */
async function pool(n: number, width: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

const answerOf = (s: VoteSent) => ({ status: s.status, body: s.body });

describe("three server processes on one database file", () => {
  beforeAll(async () => {
    redis = await startRedisServer();
    // a fresh file, not the tests' migrated template: the deploy step below migrates it
    const dir = freshDataDir();
    env = loadEnv({
      DATABASE_URL: `file:${join(dir, "bangdan.db")}`,
      BANGDAN_DATA_DIR: dir,
      BANGDAN_SECRET: "several-processes-one-secret-0123456789",
      PORT: "0",
    });
    // the deploy step, run three times at once (as three machines' deploy scripts might): each must succeed
    const migrated = await Promise.all(Array.from({ length: PROCESSES }, () => runCli(env, ["migrate"])));
    expect(migrated.map((m) => [m.code, m.stderr])).toEqual(migrated.map(() => [0, ""]));
    ({ organizer } = await prepareDatabase(env));
    const extra = { TRUST_PROXY: "x-forwarded-for", RATE_LIMIT: "redis", REDIS_URL: redis.url, BANGDAN_SITE: "none" };
    servers.push(...(await Promise.all(Array.from({ length: PROCESSES }, () => spawnServer(env, extra)))));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(
      servers.map(async (s) => {
        const exited = new Promise((r) => s.child.once("exit", r));
        s.child.kill("SIGTERM");
        await exited;
      }),
    );
    await redis?.stop();
  });

  it("keep one chain, exact tallies, every daily limit and every close across processes", { timeout: 180_000 }, async () => {
    expect(servers).toHaveLength(PROCESSES);
    // redis shares the rate limits: no process warns about per-process counting
    for (const s of servers) expect(s.output()).not.toMatch(/RATE_LIMIT=memory/);
    const entries = await entryIdsOf(servers[0]!.url, "alpha");
    expect(entries.length).toBe(8);

    const accepted = new Map<string, number>(); // vote id → entry
    const perVoter: { ok: number; refused: string[] }[] = [];
    let sameKeyPairs = 0;
    let retries = 0;
    const note = (s: VoteSent, entryId: number) => {
      if (s.voteId) accepted.set(s.voteId, entryId);
    };

    await pool(VOTERS, 12, async (i) => {
      const ip = voterIp(i + 1);
      const mine = Array.from({ length: TRIES }, (_, k) => entries[(i + k) % entries.length]!);
      const at = (k: number) => urls()[(i + k) % PROCESSES]!;
      // the first vote comes without a cookie and gets one
      const first = await postVote(at(0), { entryId: mine[0]!, ip, key: `v${i}-0` });
      expect(first.status).toBe(201);
      note(first, mine[0]!);
      const cookie = first.cookie!;
      // the rest at once, each to another process than the one before
      const rest = mine.slice(1).map((entryId, k) => postVote(at(k + 1), { entryId, ip, cookie, key: `v${i}-${k + 1}` }));
      // every third voter sends its second vote to two processes at the same moment with one key
      const twin = i % 3 === 0 ? postVote(at(2), { entryId: mine[1]!, ip, cookie, key: `v${i}-1` }) : undefined;
      const answers = await Promise.all(rest);
      answers.forEach((a, k) => note(a, mine[k + 1]!));
      if (twin) {
        sameKeyPairs++;
        const t = await twin;
        expect(answerOf(t)).toEqual(answerOf(answers[0]!));
      }
      const all = [first, ...answers];
      perVoter.push({
        ok: all.filter((a) => a.status === 201).length,
        refused: all
          .filter((a) => a.status !== 201)
          .map((a) => `${a.status} ${(JSON.parse(a.body) as { error: { code: string } }).error.code}`),
      });
      // a retry of an accepted vote, on another process than the one that answered: the first answer again
      const k = answers.findIndex((a) => a.status === 201);
      if (i % 2 === 0 && k >= 0) {
        retries++;
        const again = await postVote(at(k + 2), { entryId: mine[k + 1]!, ip, cookie, key: `v${i}-${k + 1}` });
        expect(answerOf(again)).toEqual(answerOf(answers[k]!));
      }
    });

    // the daily allowance held for every voter although their votes were split across processes
    expect(perVoter).toHaveLength(VOTERS);
    for (const v of perVoter) {
      expect(v.ok).toBe(3);
      expect(v.refused).toEqual(["429 daily_limit", "429 daily_limit"]);
    }
    expect(sameKeyPairs).toBeGreaterThan(0);
    expect(retries).toBeGreaterThan(0);

    // a close sent to one process while the others take votes: none sent after it returned counts anywhere
    let stop = false;
    let n = 100_000;
    const sent: { via: number; s: VoteSent }[] = [];
    const stream = async (via: number) => {
      while (!stop) {
        const i = n++;
        const entryId = entries[i % entries.length]!;
        const s = await postVote(urls()[via]!, { entryId, ip: voterIp(i), key: `c${i}` });
        note(s, entryId);
        sent.push({ via, s });
      }
    };
    const streams = [0, 1, 2, 1, 2].map((via) => stream(via));
    while (sent.filter((x) => x.s.status === 201).length < 10) await new Promise((r) => setTimeout(r, 20));
    const closing = await fetch(`${servers[0]!.url}/api/admin/campaigns/reliability/lists/alpha/close`, {
      method: "POST",
      headers: { authorization: `Bearer ${organizer}` },
    });
    const closedAt = Date.now();
    expect(closing.status).toBe(200);
    // until every process has been sent votes after the close (one still waiting on its last batch takes its time)
    const lateOn = (via: number) => sent.filter((x) => x.via === via && x.s.sentAt > closedAt).length;
    while ([0, 1, 2].some((via) => lateOn(via) < 5)) await new Promise((r) => setTimeout(r, 20));
    stop = true;
    await Promise.all(streams);
    const late = sent.filter((x) => x.s.sentAt > closedAt);
    expect(new Set(late.map((x) => x.via))).toEqual(new Set([0, 1, 2]));
    for (const x of late) expect([x.via, x.s.status, x.s.body]).toEqual([x.via, 409, expect.stringContaining("voting_closed")]);

    // the ledger: one chain, seq without a gap, exactly the votes acknowledged, and nothing else
    const ledger = await wholeLedger();
    expect(ledger.map((v) => v.seq)).toEqual(ledger.map((_, i) => i + 1));
    expect(new Set(ledger.map((v) => v.id))).toEqual(new Set(accepted.keys()));
    expect(ledger.length).toBe(accepted.size);
    // per voter and day: at most perDay votes, at most one per entry (the ledger's own rule, across processes)
    const usage = new Map<string, number>();
    for (const v of ledger) {
      const day = `${v.voterHash}|${v.day}`;
      usage.set(day, (usage.get(day) ?? 0) + 1);
      usage.set(`${day}|${v.entryId}`, (usage.get(`${day}|${v.entryId}`) ?? 0) + 1);
    }
    for (const [key, count] of usage) expect([key, count <= (key.split("|").length === 2 ? 3 : 1)]).toEqual([key, true]);

    // a votes export verifies as the CLI's `verify` does: one chain, no fork
    const exported = await fetch(`${servers[1]!.url}/api/admin/campaigns/reliability/export?kind=votes&format=csv&headers=en`, {
      headers: { authorization: `Bearer ${organizer}` },
    });
    expect(exported.status).toBe(200);
    const file = join(env.BANGDAN_DATA_DIR, "votes.csv");
    writeFileSync(file, Buffer.from(await exported.arrayBuffer()));
    const verified = await verifyVotesFile(file);
    expect(verified).toMatchObject({ ok: true, rows: ledger.length });

    // the tallies: every process's leaderboard converges to the ledger's count, and shows the close
    const expected = new Map(entries.map((e) => [e, 0]));
    for (const v of ledger) expected.set(v.entryId, expected.get(v.entryId)! + 1);
    for (const url of urls()) {
      let board = await leaderboard(url);
      while (board.state !== "closed" || [...expected].some(([e, count]) => board.votes.get(e) !== count)) {
        await new Promise((r) => setTimeout(r, 100));
        board = await leaderboard(url);
      }
      expect(board.votes).toEqual(expected);
    }
  });
});

describe("the site with several processes on one data directory", () => {
  it("a follower serves what the builder built, follows its swaps, never builds nor calls the hook, and warns that memory rate limits are its own", async () => {
    const dataDir = freshDataDir();
    const root = join(dataDir, "site");
    const build = (id: string, text: string) => {
      mkdirSync(join(root, "builds", id), { recursive: true });
      writeFileSync(join(root, "builds", id, "index.html"), `<!doctype html><title>${text}</title>`);
      writeFileSync(join(root, "builds", id, ".build-key"), id);
      // as the builder swaps it: a new link renamed over the old one
      symlinkSync(join("builds", id), join(root, `current.${id}`));
      renameSync(join(root, `current.${id}`), join(root, "current"));
    };
    build("first", "第一版");
    // a rebuild hook that notes who called it
    const calls: string[] = [];
    let called: () => void = () => {};
    const hook = createServer((req, res) => {
      calls.push(req.url ?? "");
      res.end("ok");
      called();
    });
    await new Promise<void>((r) => hook.listen(0, "127.0.0.1", () => r()));
    const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}`;
    const follower = await startTestServer({
      seedDemo: false,
      site: true,
      env: { BANGDAN_SITE: "follow", BANGDAN_DATA_DIR: dataDir, SITE_REBUILD_HOOK: `${hookUrl}/follower` },
    });
    // the one builder, its pages built elsewhere: it calls the hook
    const builder = await startTestServer({ seedDemo: false, env: { SITE_REBUILD_HOOK: `${hookUrl}/builder` } });
    try {
      expect(await (await follower.get("/")).text()).toContain("第一版");
      build("second", "第二版");
      expect(await (await follower.get("/")).text()).toContain("第二版");
      // a catalog change, which makes a builder build, leaves a follower as it is
      await seedCampaign(follower, testCampaign());
      await follower.site.idle();
      expect(follower.site.builds).toBe(0);
      expect(readdirSync(join(root, "builds")).sort()).toEqual(["first", "second"]);

      // the builder's catalog change calls the hook; the follower's change, made first, never did
      const builderCalled = new Promise<void>((r) => (called = r));
      await seedCampaign(builder, testCampaign());
      await builderCalled;
      expect(calls).toEqual(["/builder"]);

      expect(follower.logs.join("\n")).toMatch(/RATE_LIMIT=memory counts in this process only/);
      expect(builder.logs.join("\n")).not.toMatch(/RATE_LIMIT=memory/);
    } finally {
      await follower.close();
      await builder.close();
      hook.close();
    }
  });
});
