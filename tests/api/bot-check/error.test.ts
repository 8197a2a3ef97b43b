/**
 * What the Turnstile check refuses (against a local siteverify): the test token once a secret is
 * set, a spent token, a token made for another action or hostname — 403, nothing stored; when
 * siteverify fails or stays silent, 503 or a timeout, never a hang. And a start without a secret in
 * production, or with a bad variable, stops naming the variable.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "../../../api/config.ts";
import { turnstileBotCheck } from "../../../api/ports/bot-check.ts";
import type { FakeSiteverify } from "../../helpers/fake-siteverify.ts";
import { admin, object } from "../../helpers/publicity.ts";
import { TEST_BOT_TOKEN, Voter, type TestServer } from "../../helpers/server.ts";
import { startTurnstileFixture, TURNSTILE_SECRET } from "../../helpers/turnstile.ts";

let fake: FakeSiteverify;
let server: TestServer;
let organizer: string;
let entries: number[];
let publicationId: number;
let entry: number;

beforeAll(async () => {
  ({ fake, server, organizer, entries, publicationId, entry } = await startTurnstileFixture());
  // tokens already spent by an accepted vote and an accepted objection, to be refused when reused
  expect((await new Voter(server, "203.0.113.9").vote(entries[0], { token: "ok-1" })).status).toBe(201);
  expect(
    (await object(server, { publicationId, entryId: entry, token: "objection-ok-1" }, { "x-forwarded-for": "203.0.113.20" })).status,
  ).toBe(201);
});
afterAll(async () => {
  await server?.close();
  await fake?.close();
});

async function objectionCount() {
  return (await admin(server, organizer, "GET", "/api/admin/objections?campaign=test-2024")).body.objections.length;
}

describe("Turnstile bot check", () => {
  it("refuses the test token once a secret is configured", async () => {
    const res = await new Voter(server).vote(entries[0], { token: TEST_BOT_TOKEN });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("bot_check_failed");
  });

  it("refuses a reused token, a missing or wrong action and a missing or foreign hostname with 403", async () => {
    for (const token of ["ok-1", "no-action-1", "wrong-action-1", "no-host-1", "wrong-host-1", "garbage"]) {
      const res = await new Voter(server).vote(entries[1], { token });
      expect(res.status, token).toBe(403);
      expect(res.body.error.code).toBe("bot_check_failed");
    }
  });

  it("the check itself: action and hostname must be reported and match, with or without PUBLIC_ORIGIN", async () => {
    const strict = turnstileBotCheck({ secret: TURNSTILE_SECRET, verifyUrl: fake.url, hostnames: ["vote.example.cn"] });
    const refused = { ok: false, reason: "failed" };
    expect(await strict.verify({ token: "no-action-p", action: "vote" })).toMatchObject({ ...refused, codes: ["action-mismatch"] });
    expect(await strict.verify({ token: "wrong-action-p", action: "vote" })).toMatchObject({ ...refused, codes: ["action-mismatch"] });
    expect(await strict.verify({ token: "no-host-p", action: "vote" })).toMatchObject({ ...refused, codes: ["hostname-mismatch"] });
    expect(await strict.verify({ token: "wrong-host-p", action: "vote" })).toMatchObject({ ...refused, codes: ["hostname-mismatch"] });
    expect(await strict.verify({ token: "ok-p", action: "vote" })).toEqual({ ok: true });
    // a token made for voting is not one for objections
    expect(await strict.verify({ token: "ok-p2", action: "objection" })).toMatchObject({ ...refused, codes: ["action-mismatch"] });
    // outside production PUBLIC_ORIGIN may be unset: the hostname is then not matched, but must still be there
    const open = turnstileBotCheck({ secret: TURNSTILE_SECRET, verifyUrl: fake.url, hostnames: [] });
    expect(await open.verify({ token: "no-host-q", action: "vote" })).toMatchObject({ ...refused, codes: ["hostname-mismatch"] });
    expect(await open.verify({ token: "no-action-q", action: "vote" })).toMatchObject({ ...refused, codes: ["action-mismatch"] });
    expect(await open.verify({ token: "ok-q", action: "vote" })).toEqual({ ok: true });
  });

  it("503 bot_check_unavailable when Cloudflare errs", async () => {
    for (const token of ["internal", "http-500"]) {
      const res = await new Voter(server).vote(entries[3], { token });
      expect(res.status, token).toBe(503);
      expect(res.body.error.code).toBe("bot_check_unavailable");
    }
  });

  it("times out rather than hang when siteverify does not answer", async () => {
    const check = turnstileBotCheck({ secret: TURNSTILE_SECRET, verifyUrl: fake.url, hostnames: [], timeoutMs: 200 });
    const started = Date.now();
    expect(await check.verify({ token: "hang", action: "vote" })).toEqual({ ok: false, reason: "unavailable", codes: ["timeout"] });
    expect(Date.now() - started).toBeLessThan(2000);
    const unreachable = turnstileBotCheck({ secret: TURNSTILE_SECRET, verifyUrl: "http://127.0.0.1:9/siteverify", hostnames: [] });
    expect(await unreachable.verify({ token: "ok-x", action: "vote" })).toMatchObject({ ok: false, reason: "unavailable" });
  });
});

describe("objections and Turnstile", () => {
  it("refuses a token made for voting, a reused token, and the test token outside test mode; nothing is stored", async () => {
    const before = await objectionCount();
    for (const token of ["ok-vote-1", "objection-ok-1", TEST_BOT_TOKEN]) {
      const res = await object(server, { publicationId, entryId: entry, token }, { "x-forwarded-for": "203.0.113.21" });
      expect(res.status, token).toBe(403);
      expect(res.body.error.code).toBe("bot_check_failed");
    }
    expect(await objectionCount()).toBe(before);
  });

  it("says the check is unavailable when siteverify fails", async () => {
    const res = await object(server, { publicationId, entryId: entry, token: "http-500" }, { "x-forwarded-for": "203.0.113.22" });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("bot_check_unavailable");
  });
});

describe("configuration", () => {
  it("refuses to start in production without a Turnstile secret, naming the variable", () => {
    expect(() => loadEnv({ NODE_ENV: "production" })).toThrow(/TURNSTILE_SECRET_KEY/);
    expect(() => loadEnv({ NODE_ENV: "production", TURNSTILE_SECRET_KEY: "x", PUBLIC_ORIGIN: "https://vote.example.cn" })).not.toThrow();
  });

  it("refuses to start in production without PUBLIC_ORIGIN, naming the variable in both languages", () => {
    const start = () => loadEnv({ NODE_ENV: "production", TURNSTILE_SECRET_KEY: "x" });
    expect(start).toThrow(/PUBLIC_ORIGIN: 生产环境必须配置 PUBLIC_ORIGIN.*production needs PUBLIC_ORIGIN/);
  });

  it("names a bad variable", () => {
    expect(() => loadEnv({ PORT: "http" })).toThrow(/PORT/);
    expect(() => loadEnv({ RATE_LIMIT: "upstash" })).toThrow(/UPSTASH_REDIS_REST_URL/);
    expect(() => loadEnv({ BANGDAN_SECRET: "short" })).toThrow(/BANGDAN_SECRET/);
  });
});
