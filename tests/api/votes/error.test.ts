import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { voteCount } from "../../../db/index.ts";
import { NPF, npfCampaign } from "../../helpers/indicators.ts";
import { entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, TEST_BOT_TOKEN, Voter, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let ranked: number[];

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, testCampaign());
  ranked = entryIds(server, "test-2024", "ranked");
});
afterAll(async () => server?.close());

function post(body: BodyInit, headers: Record<string, string> = { "content-type": "application/json" }) {
  return server.json("/api/votes", { method: "POST", headers, body });
}

describe("bad votes get the contract's error and change nothing", () => {
  it("400 invalid_request for malformed bodies, naming the field", async () => {
    const cases: [string, string][] = [
      ["{", "JSON"],
      ["[]", "body"],
      [JSON.stringify({ token: TEST_BOT_TOKEN }), "entryId"],
      [JSON.stringify({ entryId: ranked[0] }), "token"],
      [JSON.stringify({ entryId: "abc", token: TEST_BOT_TOKEN }), "entryId"],
      [JSON.stringify({ entryId: -1, token: TEST_BOT_TOKEN }), "entryId"],
      [JSON.stringify({ entryId: 1.5, token: TEST_BOT_TOKEN }), "entryId"],
      [JSON.stringify({ entryId: ranked[0], token: "" }), "token"],
      [JSON.stringify({ entryId: ranked[0], token: "x".repeat(2049) }), "token"],
      [JSON.stringify({ entryId: ranked[0], token: TEST_BOT_TOKEN, idempotencyKey: "" }), "idempotencyKey"],
      [JSON.stringify({ entryId: ranked[0], token: TEST_BOT_TOKEN, admin: true }), "admin"],
    ];
    for (const [body, mention] of cases) {
      const res = await post(body);
      expect(res.status, body.slice(0, 60)).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
      expect(res.body.error.message).toContain(mention);
    }
  });

  it("415 for anything but JSON, 413 for oversized bodies", async () => {
    expect((await post("entryId=1", { "content-type": "application/x-www-form-urlencoded" })).body.error.code).toBe(
      "unsupported_media_type",
    );
    expect((await post("{}", {})).status).toBe(415);
    const big = await post(JSON.stringify({ entryId: ranked[0], token: TEST_BOT_TOKEN, pad: "x".repeat(100_000) }));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe("payload_too_large");
  });

  it("404 not_found for an unknown entry", async () => {
    const res = await new Voter(server).vote(999_999);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });

  it("403 bot_check_failed for any token but the test token in test mode", async () => {
    for (const token of ["XXXX.DUMMY.TOKEN.XXXY", "1x0000000000000000000000000000000AA", " XXXX.DUMMY.TOKEN.XXXX"]) {
      const res = await new Voter(server).vote(ranked[0], { token });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("bot_check_failed");
    }
  });

  it("409 voting_not_started before the window and voting_closed after it", async () => {
    const later = entryIds(server, "test-2024", "later")[0];
    const early = await new Voter(server).vote(later);
    expect(early.status).toBe(409);
    expect(early.body.error).toEqual({ code: "voting_not_started", message: "投票尚未开始" });
    clock.set("2024-10-31T18:00:00+08:00");
    const late = await new Voter(server).vote(ranked[0]);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("voting_closed");
    clock.set("2024-10-10T12:00:00+08:00");
  });

  it("speaks English when asked", async () => {
    const res = await new Voter(server).vote(ranked[0], {}, { "accept-language": "en-US,en;q=0.9" });
    expect(res.status).toBe(201);
    const again = await server.json("/api/votes", {
      method: "POST",
      headers: { "content-type": "application/json", "accept-language": "en", cookie: "" },
      body: JSON.stringify({ entryId: 999_999, token: TEST_BOT_TOKEN }),
    });
    expect(again.body.error).toEqual({ code: "not_found", message: "No such entry" });
  });

  it("answers unknown API paths and methods with the error shape", async () => {
    const missing = await server.json("/api/nope");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("not_found");
    const method = await server.json("/api/votes", { method: "GET" });
    expect(method.status).toBe(405);
    expect(method.body.error.code).toBe("method_not_allowed");
    const badQuery = await server.json("/api/me/votes");
    expect(badQuery.status).toBe(400);
    const unknownCampaign = await server.json("/api/campaigns/nope/lists/x/leaderboard");
    expect(unknownCampaign.status).toBe(404);
    expect((await server.json("/api/entries/abc")).status).toBe(404);
  });

  it("429 rate_limited with Retry-After when one voter hammers the API", async () => {
    const voter = new Voter(server, "198.51.100.1");
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<Voter["vote"]>> | undefined;
    for (let i = 0; i < 40 && !limited; i++) {
      const r = await voter.vote(ranked[1]);
      statuses.push(r.status);
      if (r.status === 429 && r.body.error.code === "rate_limited") limited = r;
    }
    expect(limited).toBeDefined();
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
  });

  it("left only the votes that were accepted", async () => {
    // two 201s above: the English one and the first of the hammering voter
    expect(await voteCount(server.deps.db.read)).toBe(2);
  });
});

describe("voting on cases in a campaign without components", () => {
  // S1: its counties list has no voting at all. A server of its own, on S1's dates.
  const clock = new ManualClock(Date.parse("2025-07-01T12:00:00+08:00"));
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ clock, seedDemo: false });
    // voting windows moved to the test's day, as the demo loader moves them to the day it runs
    await seedCampaign(server, npfCampaign(clock.now()));
  });
  afterAll(async () => server?.close());

  it("the counties list takes no vote", async () => {
    const county = server.deps.catalog.current.list(NPF, "counties")!.entries[0]!.id;
    const res = await new Voter(server).vote(county);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("voting_closed");
  });
});
