/**
 * Publications take their figures from the leaderboard view, so a snapshot carries a score exactly
 * where the public may see it: revealed ranked lists, never `never` lists or unranked ones.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findKeys, publish } from "../helpers/publicity.ts";
import { postScores, SCORED, scoredCampaign, scoresCsv } from "../helpers/scores.ts";
import { adminToken, seedCampaign } from "../helpers/seed.ts";
import { ManualClock, startTestServer, type TestServer } from "../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let organizer: string;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, scoredCampaign());
  organizer = await adminToken(server, "organizer");
  expect((await postScores(server, organizer, scoresCsv())).status).toBe(200);
});
afterAll(async () => server?.close());

async function snapshotOf(list: string) {
  const created = await publish(server, organizer, SCORED, { kind: "preliminary", list });
  expect(created.status).toBe(201);
  const res = await server.json(`/api/publications/${created.body.id}`);
  expect(res.status).toBe(200);
  return res.body.snapshot.lists[0];
}

describe("a publication's scores follow revealScores", () => {
  it("a revealed list is published with each entry's score, equal to the leaderboard's", async () => {
    const board = (await server.json(`/api/campaigns/${SCORED}/lists/always/leaderboard`)).body;
    const list = await snapshotOf("always");
    expect(list.entries.map((e: any) => [e.slug, e.rank, e.score.total])).toEqual(board.entries.map((e: any) => [e.slug, e.rank, e.score.total]));
    expect(list.entries[0].score.total).toBeCloseTo(69, 9);
  });

  it("a `never` list, and an `after_close` list still open, are published without scores", async () => {
    for (const slug of ["never", "after"]) {
      const list = await snapshotOf(slug);
      expect(list.entries.length).toBe(3);
      expect(findKeys(list, ["score"]), slug).toEqual([]);
    }
  });

  it("an unranked list is published with no figure at all", async () => {
    const list = await snapshotOf("unranked");
    expect(findKeys(list, ["rank", "votes", "score", "voided"])).toEqual([]);
  });
});
