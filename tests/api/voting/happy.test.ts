/** Closing, reopening and rescheduling a list's voting over the admin API: obeyed at once, audited. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCall } from "../../helpers/admin.ts";
import { adminToken, entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, Voter, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let admin: ReturnType<typeof adminCall>;
let auditor: ReturnType<typeof adminCall>;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, testCampaign());
  admin = adminCall(server, await adminToken(server, "organizer"));
  auditor = adminCall(server, await adminToken(server, "auditor"));
});
afterAll(async () => server?.close());

describe("voting control", () => {
  it("closes at once: the next vote is refused and the tally stays", async () => {
    const [a, b] = entryIds(server, "test-2024", "ranked");
    const voter = new Voter(server);
    expect((await voter.vote(a)).status).toBe(201);
    const closed = await admin("POST", "/api/admin/campaigns/test-2024/lists/ranked/close");
    expect(closed.status).toBe(200);
    expect(closed.body.voting).toMatchObject({ state: "closed" });
    const refused = await voter.vote(b);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("voting_closed");
    const campaigns = await server.json("/api/campaigns");
    expect(campaigns.body.campaigns[0].lists[0].voting.state).toBe("closed");
    clock.advance(3000);
    const lb = await server.json("/api/campaigns/test-2024/lists/ranked/leaderboard");
    expect(lb.body.state).toBe("closed");
    expect(lb.body.entries.reduce((s: number, e: { votes: number }) => s + e.votes, 0)).toBe(1);

    expect((await admin("POST", "/api/admin/campaigns/test-2024/lists/ranked/open")).status).toBe(200);
    expect((await voter.vote(b)).status).toBe(201);
  });

  it("sets a window, which replaces a manual close", async () => {
    await admin("POST", "/api/admin/campaigns/test-2024/lists/ranked/close");
    const bad = await admin("PUT", "/api/admin/campaigns/test-2024/lists/ranked/window", {
      opensAt: "2024-10-20T00:00:00+08:00",
      closesAt: "2024-10-01T00:00:00+08:00",
    });
    expect(bad.status).toBe(400);
    const noZone = await admin("PUT", "/api/admin/campaigns/test-2024/lists/ranked/window", {
      opensAt: "2024-10-01T00:00:00",
      closesAt: "2024-11-01T00:00:00",
    });
    expect(noZone.status).toBe(400);
    const ok = await admin("PUT", "/api/admin/campaigns/test-2024/lists/ranked/window", {
      opensAt: "2024-10-01T00:00:00+08:00",
      closesAt: "2024-11-30T18:00:00+08:00",
    });
    expect(ok.status).toBe(200);
    const c = await server.json("/api/campaigns");
    expect(c.body.campaigns[0].lists[0].voting).toMatchObject({ state: "open", closesAt: "2024-11-30T18:00:00+08:00" });
  });

  it("writes every change to the audit log under the organizer's name", async () => {
    const audit = await auditor("GET", "/api/admin/audit?kind=all");
    const actions = audit.body.audit.map((r: { action: string }) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["voting.close", "voting.open", "voting.window"]));
    expect(audit.body.audit.find((r: { action: string }) => r.action === "voting.close").actor).toBe("organizer:organizer");
  });
});
