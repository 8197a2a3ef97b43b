/**
 * RATE_LIMIT=upstash on the edge: the Durable Object counts in Upstash over its REST API (the local
 * stand-in over a real redis-server, tests/helpers/fake-upstash.ts) instead of its own memory, so
 * several objects or deployments could share one budget. The same per-voter rule holds.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_BOT_TOKEN } from "../../api/config.ts";
import { startEdge, type EdgeServer } from "../helpers/edge.ts";
import { startFakeUpstash, type FakeUpstash } from "../helpers/fake-upstash.ts";
import { startRedisServer, type RedisServer } from "../helpers/redis.ts";

const TOKEN = "edge-fake-upstash-token";
let redis: RedisServer;
let upstash: FakeUpstash;
let edge: EdgeServer;

beforeAll(async () => {
  redis = await startRedisServer();
  upstash = await startFakeUpstash({ redisUrl: redis.url, token: TOKEN });
  edge = await startEdge({ env: { RATE_LIMIT: "upstash", UPSTASH_REDIS_REST_URL: upstash.url, UPSTASH_REDIS_REST_TOKEN: TOKEN } });
}, 180_000);
afterAll(async () => {
  await edge?.close();
  await upstash?.close();
  await redis?.stop();
});

async function vote(entryId: number, cookie?: string) {
  const res = await fetch(`${edge.url}/api/votes`, {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": "203.0.113.9", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ entryId, token: TEST_BOT_TOKEN }),
  });
  return {
    status: res.status,
    cookie: res.headers.get("set-cookie")?.split(";")[0] ?? cookie,
    body: (await res.json()) as Record<string, any>,
  };
}

describe("the edge with RATE_LIMIT=upstash", () => {
  it("counts votes in Upstash and refuses a voter past its limit", async () => {
    const board = await (await fetch(`${edge.url}/api/campaigns/cinn-2024/lists/high-tech/leaderboard`)).json();
    const entry = (board as { entries: { id: number }[] }).entries[0]!.id;
    const first = await vote(entry);
    expect(first.status).toBe(201);
    const counted = upstash.requests.length;
    expect(counted).toBeGreaterThan(0);
    // The 31st request is refused; a check that timed out under load fails open and does not
    // count, so the refusal may come a little later, never earlier.
    const statuses: number[] = [];
    while (statuses.length < 40 && !statuses.includes(429)) statuses.push((await vote(entry, first.cookie)).status);
    expect(statuses.slice(0, 29).every((s) => s === 409)).toBe(true);
    expect(statuses.length).toBeGreaterThanOrEqual(30);
    expect(statuses.at(-1)).toBe(429);
    expect(upstash.requests.length).toBeGreaterThan(counted);
  });

  it("fails open as on Node: with Upstash gone a vote still counts, the ledger's rules still hold", async () => {
    await upstash.close();
    const board = await (await fetch(`${edge.url}/api/campaigns/cinn-2024/lists/high-tech/leaderboard`)).json();
    const entry = (board as { entries: { id: number }[] }).entries[1]!.id;
    const counted = await vote(entry);
    expect(counted.status).toBe(201);
    const again = await vote(entry, counted.cookie);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("already_voted");
  });

  it("RATE_LIMIT=redis is refused on the edge, naming the variable, instead of failing open on every vote", async () => {
    const started = startEdge({ env: { RATE_LIMIT: "redis", REDIS_URL: redis.url } });
    await expect(started).rejects.toThrow(/RATE_LIMIT: 边缘只支持 memory 或 upstash/);
    await expect(started).rejects.toThrow(/edge exited \(1\)/);
  });
});
