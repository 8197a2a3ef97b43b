/**
 * A first vote whose answer is lost on the way (a phone network) is retried by the page with its
 * idempotency key but still without a cookie: it counts once. The page's first read of
 * /api/me/votes already makes the browser a voter, with the cookie the vote path would set.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { voteCount } from "../../../db/index.ts";
import { entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, TEST_BOT_TOKEN, Voter, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let ranked: number[];
let unranked: number[];

beforeAll(async () => {
  server = await startTestServer({
    clock,
    seedDemo: false,
    env: { TRUST_PROXY: "x-forwarded-for", PUBLIC_ORIGIN: "https://bangdan.example" },
  });
  await seedCampaign(server, testCampaign());
  ranked = entryIds(server, "test-2024", "ranked");
  unranked = entryIds(server, "test-2024", "unranked");
});
afterAll(async () => server?.close());

/** A POST /api/votes that never sends a cookie, as a client whose first answer was lost. */
async function cookieless(entryId: number, idempotencyKey: string, token = TEST_BOT_TOKEN) {
  const res = await server.get("/api/votes", {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.20" },
    body: JSON.stringify({ entryId, token, idempotencyKey }),
  });
  return { status: res.status, body: await res.json(), cookie: res.headers.get("set-cookie") };
}

/** A cookie's attributes, without its value. */
const attributes = (setCookie: string) =>
  setCookie
    .split(";")
    .slice(1)
    .map((a) => a.trim().toLowerCase())
    .sort();

describe("a retried first vote", () => {
  it("counts once when the retry comes without a cookie, with a fresh token or a spent one", async () => {
    const before = await voteCount(server.deps.db.read);
    const first = await cookieless(ranked[0]!, "lost-answer-1");
    expect(first.status).toBe(201);
    const retry = await cookieless(ranked[0]!, "lost-answer-1");
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const spent = await cookieless(ranked[0]!, "lost-answer-1", "spent-token");
    expect(spent.status).toBe(201);
    expect(spent.body).toEqual(first.body);
    expect(await voteCount(server.deps.db.read)).toBe(before + 1);
  });

  it("counts once when both attempts arrive together", async () => {
    const before = await voteCount(server.deps.db.read);
    const [a, b] = await Promise.all([cookieless(ranked[1]!, "lost-answer-2"), cookieless(ranked[1]!, "lost-answer-2")]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body).toEqual(a.body);
    expect(await voteCount(server.deps.db.read)).toBe(before + 1);
  });

  it("honours a cookie-less key only within its list, and never replays it to a voter with a cookie", async () => {
    const before = await voteCount(server.deps.db.read);
    const first = await cookieless(ranked[2]!, "shared-key");
    // the same key in another list is another vote
    const other = await cookieless(unranked[0]!, "shared-key");
    expect(other.status).toBe(201);
    expect(other.body.vote.id).not.toBe(first.body.vote.id);
    // a voter who has a cookie only ever sees its own answers
    const voter = new Voter(server, "198.51.100.21");
    expect((await voter.vote(ranked[3])).status).toBe(201);
    const own = await voter.vote(ranked[2], { idempotencyKey: "shared-key" });
    expect(own.status).toBe(201);
    expect(own.body.vote.id).not.toBe(first.body.vote.id);
    expect((await voter.vote(ranked[2], { idempotencyKey: "shared-key" })).body).toEqual(own.body);
    expect(await voteCount(server.deps.db.read)).toBe(before + 4);
  });
});

describe("GET /api/me/votes", () => {
  it("issues the voter cookie with the vote path's attributes, once, and that cookie is the voter", async () => {
    const read = await server.get("/api/me/votes?campaign=test-2024&list=ranked");
    expect(read.status).toBe(200);
    const issued = read.headers.get("set-cookie")!;
    expect(issued).toMatch(/^bd_voter=[^;]+\./);
    const fromVote = (await cookieless(ranked[4]!, "attributes"))!.cookie!;
    expect(attributes(issued)).toEqual(attributes(fromVote));
    expect(attributes(issued)).toEqual(expect.arrayContaining(["httponly", "samesite=lax", "secure", "path=/"]));

    const cookie = issued.split(";")[0]!;
    const voter = new Voter(server, "198.51.100.22");
    voter.cookie = cookie;
    const vote = await voter.vote(ranked[4], { idempotencyKey: "after-read" });
    expect(vote.status).toBe(201);
    expect(vote.headers.get("set-cookie")).toBeNull();
    const again = await server.get("/api/me/votes?campaign=test-2024&list=ranked", { headers: { cookie } });
    expect(again.headers.get("set-cookie")).toBeNull();
    expect((await again.json()).lists[0].entries).toEqual([{ entryId: ranked[4], count: 1 }]);
  });
});
