/**
 * The shared rate limiters against real stores: RATE_LIMIT=redis over a real redis-server, and
 * RATE_LIMIT=upstash over a local Upstash REST stand-in backed by the same kind of server.
 */
import { randomUUID } from "node:crypto";
import { Redis as UpstashRedis } from "@upstash/redis";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisRateLimiter, UpstashRateLimiter, type RateLimiter, type RateRule } from "../../../api/ports/rate-limit.ts";
import { startFakeUpstash, type FakeUpstash } from "../../helpers/fake-upstash.ts";
import { freePort, startRedisServer, type RedisServer } from "../../helpers/redis.ts";
import { voteRateRules } from "../../../api/domain/rate-policy.ts";
import { entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, Voter } from "../../helpers/server.ts";

const TOKEN = "fake-upstash-token";
let redis: RedisServer;
let upstash: FakeUpstash;
let admin: Redis;

beforeAll(async () => {
  redis = await startRedisServer();
  upstash = await startFakeUpstash({ redisUrl: redis.url, token: TOKEN });
  admin = new Redis(redis.url, { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  await admin?.quit().catch(() => undefined);
  await upstash?.close();
  await redis?.stop();
});

/** A rule of its own per test, so tests never share counters; an hour-long window, so none ends mid-test. */
function freshRule(limit: number): RateRule {
  return { name: `t-${randomUUID()}`, limit, windowMs: 3_600_000 };
}

async function withLimiters<T>(make: () => RateLimiter, count: number, use: (limiters: RateLimiter[]) => Promise<T>): Promise<T> {
  const limiters = Array.from({ length: count }, make);
  try {
    return await use(limiters);
  } finally {
    await Promise.all(limiters.map((l) => l.close?.()));
  }
}

const kinds: [string, () => RateLimiter][] = [
  ["redis (RedisRateLimiter over redis-server)", () => new RedisRateLimiter({ url: redis.url })],
  ["upstash (UpstashRateLimiter over the Upstash REST stand-in)", () => new UpstashRateLimiter({ url: upstash.url, token: TOKEN })],
];

describe.each(kinds)("%s", (_name, make) => {
  it("allows the limit within the window, then refuses and says when to retry", async () => {
    const rule = freshRule(5);
    await withLimiters(make, 1, async ([limiter]) => {
      for (let i = 0; i < 5; i++)
        expect(await limiter!.limit(rule, "voter-a", Date.now()), `request ${i + 1}`).toEqual({ success: true, retryAfterMs: 0 });
      for (let i = 0; i < 2; i++) {
        const refused = await limiter!.limit(rule, "voter-a", Date.now());
        expect(refused.success).toBe(false);
        expect(refused.retryAfterMs).toBeGreaterThan(0);
        expect(refused.retryAfterMs).toBeLessThanOrEqual(rule.windowMs);
      }
    });
  });

  it("keeps different keys and different rules apart", async () => {
    const rule = freshRule(2);
    const other = freshRule(2);
    await withLimiters(make, 1, async ([limiter]) => {
      for (let i = 0; i < 2; i++) expect((await limiter!.limit(rule, "voter-a", Date.now())).success).toBe(true);
      expect((await limiter!.limit(rule, "voter-a", Date.now())).success).toBe(false);
      for (let i = 0; i < 2; i++) expect((await limiter!.limit(rule, "voter-b", Date.now())).success).toBe(true);
      expect((await limiter!.limit(rule, "voter-b", Date.now())).success).toBe(false);
      expect((await limiter!.limit(other, "voter-a", Date.now())).success).toBe(true);
    });
  });

  it("shares one budget between two limiters, as between two processes", async () => {
    const rule = freshRule(6);
    await withLimiters(make, 2, async ([first, second]) => {
      const answers: boolean[] = [];
      for (let i = 0; i < 6; i++) answers.push((await (i % 2 === 0 ? first! : second!).limit(rule, "voter-a", Date.now())).success);
      expect(answers).toEqual([true, true, true, true, true, true]);
      expect((await first!.limit(rule, "voter-a", Date.now())).success).toBe(false);
      expect((await second!.limit(rule, "voter-a", Date.now())).success).toBe(false);
    });
  });
});

describe("RedisRateLimiter on a plain Redis", () => {
  async function scriptStats(): Promise<Record<string, { calls: number; errors: number }>> {
    const info = await admin.info("commandstats");
    const stats: Record<string, { calls: number; errors: number }> = {};
    for (const m of info.matchAll(/^cmdstat_(\w+):(.*)$/gm)) {
      const fields = Object.fromEntries(m[2]!.split(",").map((kv) => kv.split("=")));
      stats[m[1]!] = { calls: Number(fields.calls ?? 0), errors: Number(fields.failed_calls ?? 0) + Number(fields.rejected_calls ?? 0) };
    }
    return stats;
  }
  const count = (stats: Record<string, { calls: number; errors: number }>, name: string) => stats[name] ?? { calls: 0, errors: 0 };

  it("runs Upstash's scripts without their Upstash-only shebang, by EVALSHA once loaded, and reloads them after SCRIPT FLUSH", async () => {
    const rule = freshRule(10);
    await admin.script("FLUSH");
    await withLimiters(
      () => new RedisRateLimiter({ url: redis.url }),
      1,
      async ([limiter]) => {
        expect((await limiter!.limit(rule, "voter-a", Date.now())).success).toBe(true); // EVALSHA → NOSCRIPT → EVAL

        const before = await scriptStats();
        for (let i = 0; i < 3; i++) expect((await limiter!.limit(rule, "voter-a", Date.now())).success).toBe(true);
        const after = await scriptStats();
        expect(count(after, "evalsha").calls - count(before, "evalsha").calls).toBe(3);
        expect(count(after, "evalsha").errors).toBe(count(before, "evalsha").errors);
        expect(count(after, "eval").calls).toBe(count(before, "eval").calls);

        await admin.script("FLUSH");
        expect((await limiter!.limit(rule, "voter-a", Date.now())).success).toBe(true); // NOSCRIPT → EVAL again
        const flushed = await scriptStats();
        expect(count(flushed, "eval").calls - count(after, "eval").calls).toBe(1);

        // every request was counted once: 5 so far, 5 left
        for (let i = 0; i < 5; i++) expect((await limiter!.limit(rule, "voter-a", Date.now())).success).toBe(true);
        expect((await limiter!.limit(rule, "voter-a", Date.now())).success).toBe(false);
      },
    );
  });

  it("fails open: with Redis stopped, it answers success within about its timeout (300 ms here), and says so", async () => {
    const own = await startRedisServer();
    const logs: string[] = [];
    const limiter = new RedisRateLimiter({ url: own.url, timeoutMs: 300, log: (line) => logs.push(line) });
    try {
      const rule = freshRule(1);
      expect((await limiter.limit(rule, "voter-a")).success).toBe(true);
      expect((await limiter.limit(rule, "voter-b")).success).toBe(true);
      expect((await limiter.limit(rule, "voter-b")).success).toBe(false); // Redis really decides

      await own.stop();
      for (const key of ["voter-a", "voter-c"]) {
        const started = performance.now();
        const answer = await limiter.limit(rule, key);
        const elapsed = performance.now() - started;
        expect(answer).toEqual({ success: true, retryAfterMs: 0 });
        expect(elapsed).toBeLessThan(300 + 500);
      }
      expect(logs.join("\n")).toContain("letting requests through");
    } finally {
      await limiter.close();
      await own.stop();
    }
  });

  it("fails open: with no Redis at REDIS_URL at all, it answers success within about its timeout, and closes promptly", async () => {
    const logs: string[] = [];
    const limiter = new RedisRateLimiter({ url: `redis://127.0.0.1:${await freePort()}`, timeoutMs: 300, log: (line) => logs.push(line) });
    const started = performance.now();
    const answer = await limiter.limit(freshRule(1), "voter-a");
    expect(answer).toEqual({ success: true, retryAfterMs: 0 });
    expect(performance.now() - started).toBeLessThan(300 + 500);
    const closing = performance.now();
    await limiter.close();
    expect(performance.now() - closing).toBeLessThan(1000);
    expect(logs.join("\n")).toMatch(/cannot reach Redis|letting requests through/);
  });
});

describe("UpstashRateLimiter and the Upstash REST stand-in", () => {
  it("the stand-in answers what @upstash/redis sends (JSON commands, /pipeline, base64 results) and refuses a wrong token with 401", async () => {
    const client = new UpstashRedis({ url: upstash.url, token: TOKEN, enableTelemetry: false });
    await client.set("fake:greeting", "你好");
    expect(await client.get("fake:greeting")).toBe("你好");
    const pipeline = client.pipeline();
    pipeline.incr("fake:n");
    pipeline.incr("fake:n");
    expect(await pipeline.exec()).toEqual([1, 2]);
    expect(upstash.requests.some((r) => r.path === "/pipeline")).toBe(true);

    for (const authorization of ["Bearer wrong-token", ""]) {
      const res = await fetch(upstash.url, {
        method: "POST",
        headers: authorization ? { authorization } : {},
        body: JSON.stringify(["get", "fake:greeting"]),
      });
      expect(res.status).toBe(401);
      expect(await res.json()).toHaveProperty("error");
    }
  });

  it("fails open, and says so, when Upstash refuses its token", async () => {
    const logs: string[] = [];
    const limiter = new UpstashRateLimiter({ url: upstash.url, token: "wrong-token", log: (line) => logs.push(line) });
    const rule = freshRule(1);
    for (let i = 0; i < 3; i++) expect(await limiter.limit(rule, "voter-a")).toEqual({ success: true, retryAfterMs: 0 });
    expect(logs).toHaveLength(1); // once a minute at most, not once a request
    expect(logs[0]).toContain("letting requests through");
  });

  it("fails open within about its timeout when Upstash does not answer", async () => {
    const limiter = new UpstashRateLimiter({
      url: `http://127.0.0.1:${await freePort()}`,
      token: TOKEN,
      timeoutMs: 300,
      log: () => undefined,
    });
    const started = performance.now();
    expect(await limiter.limit(freshRule(1), "voter-a")).toEqual({ success: true, retryAfterMs: 0 });
    expect(performance.now() - started).toBeLessThan(300 + 500);
  });
});

describe("the server with RATE_LIMIT=redis", () => {
  it("answers a voter hammering POST /api/votes with 429 rate_limited and Retry-After, counted in Redis", async () => {
    const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
    const server = await startTestServer({ clock, seedDemo: false, env: { RATE_LIMIT: "redis", REDIS_URL: redis.url } });
    try {
      expect(server.deps.rateLimiter.kind).toBe("redis");
      await seedCampaign(server, testCampaign());
      const entry = entryIds(server, "test-2024", "ranked")[1];
      const voter = new Voter(server, "198.51.100.1");
      const statuses: number[] = [];
      let limited: Awaited<ReturnType<Voter["vote"]>> | undefined;
      for (let i = 0; i < 40 && !limited; i++) {
        const r = await voter.vote(entry);
        statuses.push(r.status);
        if (r.status === 429) limited = r;
      }
      expect(limited?.body.error.code, `statuses: ${statuses.join(",")}`).toBe("rate_limited");
      expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(
        statuses.filter((s) => s === 201),
        `statuses: ${statuses.join(",")}`,
      ).toHaveLength(1);
      expect(statuses.length).toBeGreaterThanOrEqual(31); // the voter rule allows 30 a minute
      expect(await admin.keys("bangdan:vote-voter:*")).not.toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it("checks the address before the voter, so cookie-less requests the address refuses leave no voter key in Redis", async () => {
    const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
    const voter = `vote-voter-${randomUUID()}`;
    const rules = {
      ...voteRateRules,
      voter: { ...voteRateRules.voter, name: voter },
      ip: { name: `vote-ip-${randomUUID()}`, limit: 1, windowMs: 60_000 },
    };
    const server = await startTestServer({
      clock,
      seedDemo: false,
      voteRateRules: rules,
      env: { RATE_LIMIT: "redis", REDIS_URL: redis.url, TRUST_PROXY: "x-forwarded-for" },
    });
    try {
      await seedCampaign(server, testCampaign());
      const entry = entryIds(server, "test-2024", "ranked")[2];
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await new Voter(server, "198.51.100.2").vote(entry)).status);
      expect(statuses).toEqual([201, 429, 429, 429, 429, 429]);
      const identifiers = new Set((await admin.keys(`bangdan:${voter}:*`)).map((k) => k.split(":")[2]));
      expect(identifiers.size).toBe(1);
    } finally {
      await server.close();
    }
  });
});
