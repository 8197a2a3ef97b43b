/**
 * The real Turnstile check, against a local siteverify: a token verified for its action on our
 * hostname passes, for votes (action "vote") and objections (action "objection"), with the sender's
 * IP sent along; a retried vote is answered once. Without a secret the check runs in test mode, and
 * says so.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeSiteverify } from "../../helpers/fake-siteverify.ts";
import { object } from "../../helpers/publicity.ts";
import { startTestServer, Voter, type TestServer } from "../../helpers/server.ts";
import { startTurnstileFixture, TURNSTILE_SECRET } from "../../helpers/turnstile.ts";

let fake: FakeSiteverify;
let server: TestServer;
let entries: number[];
let publicationId: number;
let entry: number;

beforeAll(async () => {
  ({ fake, server, entries, publicationId, entry } = await startTurnstileFixture());
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
    expect(sent.get("secret")).toBe(TURNSTILE_SECRET);
    expect(sent.get("response")).toBe("ok-1");
    expect(sent.get("remoteip")).toBe("203.0.113.9");
    // not a UUID: siteverify's idempotency_key takes only UUIDs
    expect(sent.has("idempotency_key")).toBe(false);
    expect(res.headers.get("set-cookie")).toMatch(/Secure/);
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
});

describe("objections and Turnstile", () => {
  it("accepts a token verified for the objection action, sending the sender's IP", async () => {
    const res = await object(server, { publicationId, entryId: entry, token: "objection-ok-1" }, { "x-forwarded-for": "203.0.113.20" });
    expect(res.status).toBe(201);
    const sent = fake.requests.at(-1)!;
    expect(sent.get("response")).toBe("objection-ok-1");
    expect(sent.get("remoteip")).toBe("203.0.113.20");
  });
});

describe("configuration", () => {
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
