/** A campaign file that would orphan votes is refused whole, and the old definition stays. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCall } from "../../helpers/admin.ts";
import { adminToken, entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, Voter, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let admin: ReturnType<typeof adminCall>;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, testCampaign());
  admin = adminCall(server, await adminToken(server, "organizer"));
  // votes on the two entries the new definition below leaves out
  const [a, b] = entryIds(server, "test-2024", "ranked");
  const voter = new Voter(server);
  expect((await voter.vote(a)).status).toBe(201);
  expect((await voter.vote(b)).status).toBe(201);
});
afterAll(async () => server?.close());

describe("campaign import over the API", () => {
  it("refuses (409) a new definition that would orphan votes, and keeps the old one", async () => {
    const next = testCampaign();
    next.lists[0]!.entries = next.lists[0]!.entries.slice(2);
    const res = await admin("POST", "/api/admin/campaigns", next);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("conflict");
    expect(entryIds(server, "test-2024", "ranked")).toHaveLength(5);
  });
});
