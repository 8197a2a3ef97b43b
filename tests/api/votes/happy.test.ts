import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyChain } from "../../../api/domain/ledger.ts";
import { readLedger } from "../../../db/index.ts";
import { purge } from "../../../api/services/purge.ts";
import { NPF, npfCampaign } from "../../helpers/indicators.ts";
import { entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, Voter, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let ranked: number[];
let unranked: number[];

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false, env: { TRUST_PROXY: "x-forwarded-for" } });
  await seedCampaign(server, testCampaign());
  ranked = entryIds(server, "test-2024", "ranked");
  unranked = entryIds(server, "test-2024", "unranked");
});
afterAll(async () => server?.close());

async function leaderboard(list: string) {
  clock.advance(3000); // past the leaderboard's refresh interval
  return server.json(`/api/campaigns/test-2024/lists/${list}/leaderboard`);
}

describe("POST /api/votes", () => {
  it("counts a vote, issues a signed HttpOnly cookie and says what is left today", async () => {
    const voter = new Voter(server, "113.45.6.7");
    const res = await voter.vote(ranked[0]);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ vote: { id: expect.any(String), seq: 1, entryId: ranked[0] }, votes: 1, remainingToday: 2 });
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^bd_voter=[^;]+\./);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);

    const lb = await leaderboard("ranked");
    expect(lb.status).toBe(200);
    expect(lb.body.entries[0]).toMatchObject({ id: ranked[0], rank: 1, votes: 1 });
    expect(lb.body.entries[1]).toMatchObject({ rank: 2, votes: 0 });
    expect(lb.body.entries.at(-1)).toMatchObject({ rank: 2, votes: 0 });
  });

  it("lets a voter vote for up to perDay distinct entries, once each, and reports it in /api/me/votes", async () => {
    const voter = new Voter(server, "113.45.6.8");
    expect((await voter.vote(ranked[1])).body.remainingToday).toBe(2);
    expect((await voter.vote(ranked[1])).body.error.code).toBe("already_voted");
    expect((await voter.vote(ranked[2])).body.remainingToday).toBe(1);
    expect((await voter.vote(ranked[3])).body.remainingToday).toBe(0);
    const over = await voter.vote(ranked[4]);
    expect(over.status).toBe(429);
    expect(over.body.error).toEqual({ code: "daily_limit", message: "今日票数已用完，明天再来吧" });

    const today = await voter.today("test-2024", "ranked");
    expect(today.body).toEqual({
      day: "2024-10-10",
      lists: [
        {
          campaign: "test-2024",
          list: "ranked",
          state: "open",
          perDay: 3,
          perEntryPerDay: 1,
          remainingToday: 0,
          entries: expect.arrayContaining([
            { entryId: ranked[1], count: 1 },
            { entryId: ranked[2], count: 1 },
            { entryId: ranked[3], count: 1 },
          ]),
        },
      ],
    });
  });

  it("starts a new day at 00:00 Asia/Shanghai", async () => {
    const voter = new Voter(server, "113.45.6.9");
    clock.set("2024-10-11T23:59:58+08:00");
    expect((await voter.vote(ranked[4])).status).toBe(201);
    expect((await voter.vote(ranked[4])).status).toBe(409);
    clock.set("2024-10-12T00:00:00+08:00");
    const next = await voter.vote(ranked[4]);
    expect(next.status).toBe(201);
    expect(next.body.remainingToday).toBe(2);
    expect((await voter.today("test-2024", "ranked")).body.day).toBe("2024-10-12");
  });

  it("answers a retried request (same idempotency key) with the first answer and counts it once", async () => {
    const voter = new Voter(server, "113.45.6.10");
    const first = await voter.vote(ranked[0], { idempotencyKey: "tap-1" });
    const again = await voter.vote(ranked[0], { idempotencyKey: "tap-1" });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    // a voter with a cookie (the page's first read gave it one) only ever sees its own answers
    const other = new Voter(server, "113.45.6.11");
    await other.today("test-2024");
    const sameKeyOtherVoter = await other.vote(ranked[0], { idempotencyKey: "tap-1" });
    expect(sameKeyOtherVoter.status).toBe(201);
    expect(sameKeyOtherVoter.body.vote.id).not.toBe(first.body.vote.id);
    expect(sameKeyOtherVoter.body.votes).toBe(first.body.votes + 1);
  });

  it("keeps unranked lists free of rank and votes, in pinyin order", async () => {
    const voter = new Voter(server, "113.45.6.12");
    const res = await voter.vote(unranked[0]);
    expect(res.status).toBe(201);
    expect(res.body).not.toHaveProperty("votes");
    const lb = await leaderboard("unranked");
    expect(lb.body.ranking).toBe("unranked");
    expect(lb.body.entries.map((e: { name: string }) => e.name)).toEqual(["安徽示例园区", "北京示例园区", "张家示例园区"]);
    expect(JSON.stringify(lb.body)).not.toMatch(/"(rank|votes|score)"/);
    const entry = await server.json(`/api/entries/${unranked[0]}`);
    expect(entry.status).toBe(200);
    expect(JSON.stringify(entry.body)).not.toMatch(/"(rank|votes|score)"/);
  });

  it("counts exactly under concurrency and keeps the ledger's hash chain whole", async () => {
    const before = (await leaderboard("ranked")).body.entries.reduce((s: number, e: { votes: number }) => s + e.votes, 0);
    const voters = Array.from({ length: 150 }, (_, i) => new Voter(server, `10.0.${i >> 8}.${i & 255}`));
    const results = await Promise.all(voters.map((v, i) => v.vote(ranked[i % ranked.length], { idempotencyKey: `k${i}` })));
    expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
    // the same voter hammering one entry: exactly one counts
    const eager = new Voter(server, "10.9.9.9");
    await eager.today("test-2024");
    const first = await eager.vote(ranked[0]);
    const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => eager.vote(ranked[1], { idempotencyKey: `b${i}` })));
    expect(first.status).toBe(201);
    expect(burst.filter((r) => r.status === 201)).toHaveLength(1);
    expect(burst.filter((r) => r.status === 409).every((r) => r.body.error.code === "already_voted")).toBe(true);

    const after = (await leaderboard("ranked")).body.entries.reduce((s: number, e: { votes: number }) => s + e.votes, 0);
    expect(after - before).toBe(150 + 2);
    const ledger = await readLedger(server.deps.db.read);
    const check = verifyChain(ledger);
    expect(check.ok).toBe(true);
    expect(ledger.map((r) => r.seq)).toEqual(ledger.map((_, i) => i + 1));
    expect(new Set(ledger.map((r) => r.id)).size).toBe(ledger.length);
  });

  it("forgets idempotent answers after two days, so the key can be used again", async () => {
    const voter = new Voter(server, "113.45.6.20");
    await voter.today("test-2024"); // a first vote without a cookie would also keep its answer for cookie-less retries
    clock.set("2024-10-13T10:00:00+08:00");
    const first = await voter.vote(ranked[0], { idempotencyKey: "old-tap" });
    expect(first.status).toBe(201);
    clock.set("2024-10-14T10:00:00+08:00");
    await purge(server.deps, { actor: "test" }); // answers from the 10th and 11th go
    expect((await voter.vote(ranked[0], { idempotencyKey: "old-tap" })).body).toEqual(first.body);
    clock.set("2024-10-15T10:00:01+08:00");
    expect((await purge(server.deps, { actor: "test" })).steps.find((s) => s.name === "idempotency")!.rows).toBe(1);
    const again = await voter.vote(ranked[0], { idempotencyKey: "old-tap" });
    expect(again.status).toBe(201);
    expect(again.body.vote.id).not.toBe(first.body.vote.id);
  });

  it("stores only keyed hashes of the voter and IP", async () => {
    const ledger = await readLedger(server.deps.db.read);
    const text = JSON.stringify(ledger);
    expect(text).not.toContain("113.45.6.7");
    expect(text).not.toContain("10.0.0.1");
    for (const row of ledger) {
      expect(row.voterHash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.ipHash).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});

describe("public reads", () => {
  it("lists campaigns with each list's voting state", async () => {
    const res = await server.json("/api/campaigns");
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const c = res.body.campaigns[0];
    expect(c).toMatchObject({ slug: "test-2024", title: "测试活动" });
    expect(c.lists.map((l: { slug: string; ranking: string; voting: { state: string } }) => [l.slug, l.ranking, l.voting.state])).toEqual([
      ["ranked", "ranked", "open"],
      ["unranked", "unranked", "open"],
      ["later", "ranked", "scheduled"],
    ]);
    expect(c.lists[0].voting).toMatchObject({ opensAt: "2024-10-08T09:00:00+08:00", closesAt: "2024-10-31T18:00:00+08:00" });
  });

  it("answers a matching If-None-Match with 304", async () => {
    const first = await server.get("/api/campaigns");
    const etag = first.headers.get("etag")!;
    expect(first.headers.get("cache-control")).toMatch(/max-age=\d+/);
    const second = await server.get("/api/campaigns", { headers: { "if-none-match": etag } });
    expect(second.status).toBe(304);
  });

  it("serves the leaderboard as CSV with a BOM for Excel", async () => {
    const res = await server.get("/api/campaigns/test-2024/lists/ranked/leaderboard.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split("\r\n")[0]).toBe("rank,name,region,sector,votes,voided,id,slug");
  });

  it("returns an entry with its rank and votes on a ranked list", async () => {
    const res = await server.json(`/api/entries/${ranked[0]}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: ranked[0],
      campaign: "test-2024",
      list: "ranked",
      ranking: "ranked",
      rank: expect.any(Number),
      votes: expect.any(Number),
    });
  });

  it("answers health", async () => {
    expect((await server.json("/api/health")).body).toEqual({ ok: true, database: "up", writer: "up" });
  });
});

describe("voting on cases in a campaign without components", () => {
  // S1's typical cases take public votes although the campaign has no scored components: ranked by
  // valid votes alone, with no score anywhere. A server of its own, on S1's dates.
  const clock = new ManualClock(Date.parse("2025-07-01T12:00:00+08:00"));
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ clock, seedDemo: false });
    // voting windows moved to the test's day, as the demo loader moves them to the day it runs
    await seedCampaign(server, npfCampaign(clock.now()));
  });
  afterAll(async () => server?.close());

  const board = async () => {
    clock.advance(3000);
    return (await server.json(`/api/campaigns/${NPF}/lists/cases/leaderboard`)).body;
  };
  const idOf = (slug: string) => server.deps.catalog.current.list(NPF, "cases")!.entries.find((e) => e.slug === slug)!.id;

  it("the list is open and every case starts at 0 votes, ordered by votes", async () => {
    const b = await board();
    expect(b).toMatchObject({ ranking: "ranked", state: "open", orderedBy: "votes" });
    expect(b.entries).toHaveLength(6);
    expect(b.entries.every((e: any) => e.votes === 0 && e.rank === 1 && !("score" in e))).toBe(true);
  });

  it("a vote counts and moves the case to the top; the second vote of the day on it is refused", async () => {
    const voter = new Voter(server);
    const res = await voter.vote(idOf("maigang-straw-chp"));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ votes: 1, remainingToday: 2 });
    expect((await voter.vote(idOf("maigang-straw-chp"))).status).toBe(409);
    const b = await board();
    expect(b.entries[0]).toMatchObject({ slug: "maigang-straw-chp", rank: 1, votes: 1 });
    expect(b.entries[1]).toMatchObject({ rank: 2, votes: 0 });
    expect(JSON.stringify(b)).not.toContain('"score"');
  });
});
