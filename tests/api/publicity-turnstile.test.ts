/** Objections pass the real Turnstile check (against a local siteverify), with the action "objection". */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSiteverify, type FakeSiteverify } from "../helpers/fake-siteverify.ts";
import { admin, object, publish } from "../helpers/publicity.ts";
import { adminToken, entryIds, seedCampaign } from "../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, TEST_BOT_TOKEN, type TestServer } from "../helpers/server.ts";

const SECRET = "0x4AAAAAAAtest-secret";
let fake: FakeSiteverify;
let server: TestServer;
let organizer: string;
let publicationId: number;
let entry: number;

beforeAll(async () => {
  fake = await startFakeSiteverify(SECRET);
  server = await startTestServer({
    clock: new ManualClock(Date.parse("2024-11-04T10:00:00+08:00")),
    seedDemo: false,
    env: { TURNSTILE_SECRET_KEY: SECRET, TURNSTILE_VERIFY_URL: fake.url, PUBLIC_ORIGIN: "https://vote.example.cn", TRUST_PROXY: "x-forwarded-for" },
  });
  await seedCampaign(server, testCampaign());
  organizer = await adminToken(server, "organizer");
  const res = await publish(server, organizer, "test-2024", { kind: "preliminary", list: "unranked" });
  publicationId = res.body.id;
  entry = entryIds(server, "test-2024", "unranked")[0]!;
});
afterAll(async () => {
  await server?.close();
  await fake?.close();
});

async function objectionCount() {
  return (await admin(server, organizer, "GET", "/api/admin/objections?campaign=test-2024")).body.objections.length;
}

describe("objections and Turnstile", () => {
  it("accepts a token verified for the objection action, sending the sender's IP", async () => {
    const res = await object(server, { publicationId, entryId: entry, token: "objection-ok-1" }, { "x-forwarded-for": "203.0.113.20" });
    expect(res.status).toBe(201);
    const sent = fake.requests.at(-1)!;
    expect(sent.get("response")).toBe("objection-ok-1");
    expect(sent.get("remoteip")).toBe("203.0.113.20");
  });

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
