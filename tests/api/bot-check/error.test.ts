import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "../../../api/config.ts";
import { turnstileBotCheck } from "../../../api/ports/bot-check.ts";
import { startFakeSiteverify, type FakeSiteverify } from "../../helpers/fake-siteverify.ts";
import { entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, TEST_BOT_TOKEN, Voter, type TestServer } from "../../helpers/server.ts";

const SECRET = "0x4AAAAAAAtest-secret";
let fake: FakeSiteverify;
let server: TestServer;
let entries: number[];

beforeAll(async () => {
  fake = await startFakeSiteverify(SECRET);
  server = await startTestServer({
    clock: new ManualClock(Date.parse("2024-10-10T12:00:00+08:00")),
    seedDemo: false,
    env: { TURNSTILE_SECRET_KEY: SECRET, TURNSTILE_VERIFY_URL: fake.url, PUBLIC_ORIGIN: "https://vote.example.cn", TRUST_PROXY: "x-forwarded-for" },
  });
  await seedCampaign(server, testCampaign());
  entries = entryIds(server, "test-2024", "ranked");
});
afterAll(async () => {
  await server?.close();
  await fake?.close();
});

describe("Turnstile bot check", () => {
  it("accepts a verified token for the vote action on our hostname, sending secret and remote IP", async () => {
    const voter = new Voter(server, "203.0.113.9");
    const res = await voter.vote(entries[0], { token: "ok-1", idempotencyKey: "tap-ok-1" });
    expect(res.status).toBe(201);
    const sent = fake.requests.at(-1)!;
    expect(sent.get("secret")).toBe(SECRET);
    expect(sent.get("response")).toBe("ok-1");
    expect(sent.get("remoteip")).toBe("203.0.113.9");
    // not a UUID: siteverify's idempotency_key takes only UUIDs
    expect(sent.has("idempotency_key")).toBe(false);
    expect(res.headers.get("set-cookie")).toMatch(/Secure/);
  });

  it("refuses the test token once a secret is configured", async () => {
    const res = await new Voter(server).vote(entries[0], { token: TEST_BOT_TOKEN });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("bot_check_failed");
  });

  it("refuses a reused token, a wrong action and a foreign hostname with 403", async () => {
    for (const token of ["ok-1", "wrong-action-1", "wrong-host-1", "garbage"]) {
      const res = await new Voter(server).vote(entries[1], { token });
      expect(res.status, token).toBe(403);
      expect(res.body.error.code).toBe("bot_check_failed");
    }
  });

  it("replays a retried vote whose token is spent, or while Cloudflare is down, counting it once", async () => {
    const voter = new Voter(server, "203.0.113.10");
    const key = "6f1c2a9e-3b4d-4c5e-8f70-112233445566";
    const first = await voter.vote(entries[2], { token: "ok-2", idempotencyKey: key });
    expect(first.status).toBe(201);
    expect(fake.requests.at(-1)!.get("idempotency_key")).toBe(key);
    // siteverify now says the token was used: the first answer stands
    const retry = await voter.vote(entries[2], { token: "ok-2", idempotencyKey: key });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    // Cloudflare has trouble: still the first answer, not a 503
    const during = await voter.vote(entries[2], { token: "internal", idempotencyKey: key });
    expect(during.status).toBe(201);
    expect(during.body).toEqual(first.body);
    // a spent token with a new key is refused
    expect((await voter.vote(entries[3], { token: "ok-2", idempotencyKey: "another-key" })).status).toBe(403);
    const lb = await server.json(`/api/entries/${entries[2]}`);
    expect(lb.body.votes).toBe(first.body.votes);
  });

  it("503 bot_check_unavailable when Cloudflare errs", async () => {
    for (const token of ["internal", "http-500"]) {
      const res = await new Voter(server).vote(entries[3], { token });
      expect(res.status, token).toBe(503);
      expect(res.body.error.code).toBe("bot_check_unavailable");
    }
  });

  it("times out rather than hang when siteverify does not answer", async () => {
    const check = turnstileBotCheck({ secret: SECRET, verifyUrl: fake.url, hostnames: [], timeoutMs: 200 });
    const started = Date.now();
    expect(await check.verify({ token: "hang", action: "vote" })).toEqual({ ok: false, reason: "unavailable", codes: ["timeout"] });
    expect(Date.now() - started).toBeLessThan(2000);
    const unreachable = turnstileBotCheck({ secret: SECRET, verifyUrl: "http://127.0.0.1:9/siteverify", hostnames: [] });
    expect(await unreachable.verify({ token: "ok-x", action: "vote" })).toMatchObject({ ok: false, reason: "unavailable" });
  });
});

describe("configuration", () => {
  it("refuses to start in production without a Turnstile secret, naming the variable", () => {
    expect(() => loadEnv({ NODE_ENV: "production" })).toThrow(/TURNSTILE_SECRET_KEY/);
    expect(() => loadEnv({ NODE_ENV: "production", TURNSTILE_SECRET_KEY: "x" })).not.toThrow();
  });

  it("names a bad variable", () => {
    expect(() => loadEnv({ PORT: "http" })).toThrow(/PORT/);
    expect(() => loadEnv({ RATE_LIMIT: "upstash" })).toThrow(/UPSTASH_REDIS_REST_URL/);
    expect(() => loadEnv({ BANGDAN_SECRET: "short" })).toThrow(/BANGDAN_SECRET/);
  });

  it("says loudly at start that the bot check is in test mode", async () => {
    const s = await startTestServer({ seedDemo: false });
    try {
      expect(s.logs.join("\n")).toMatch(/TEST MODE/);
      expect(s.logs.join("\n")).toMatch(/测试模式/);
    } finally {
      await s.close();
    }
  });
});
