/** Refused changes to a list's voting: after a final publication, on an unknown list, a vote after a close. */
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
});
afterAll(async () => server?.close());

describe("reopening only before a final publication", () => {
  it("refuses to reopen or reschedule a list whose final list is published, and changes nothing", async () => {
    expect((await admin("POST", "/api/admin/campaigns/test-2024/lists/ranked/close")).status).toBe(200);
    // before the final list, reopening is allowed (and audited)
    expect((await admin("POST", "/api/admin/campaigns/test-2024/lists/ranked/open")).status).toBe(200);
    expect((await admin("POST", "/api/admin/campaigns/test-2024/lists/ranked/close")).status).toBe(200);
    expect((await admin("POST", "/api/admin/campaigns/test-2024/publications", { kind: "final", list: "ranked" })).status).toBe(201);

    const reopen = await admin("POST", "/api/admin/campaigns/test-2024/lists/ranked/open");
    expect(reopen.status).toBe(409);
    expect(reopen.body.error.code).toBe("conflict");
    expect(reopen.body.error.message).toContain("已发布最终名单");
    const window = await admin("PUT", "/api/admin/campaigns/test-2024/lists/ranked/window", {
      opensAt: "2024-10-01T00:00:00+08:00",
      closesAt: "2024-12-01T00:00:00+08:00",
    });
    expect(window.status).toBe(409);
    expect((await server.json("/api/campaigns")).body.campaigns[0].lists[0].voting.state).toBe("closed");

    // another list of the same campaign is not final: it reopens, audited
    expect((await admin("POST", "/api/admin/campaigns/test-2024/lists/unranked/close")).status).toBe(200);
    expect((await admin("POST", "/api/admin/campaigns/test-2024/lists/unranked/open")).status).toBe(200);
    const audit = (await admin("GET", "/api/admin/audit?kind=all")).body.audit;
    expect(audit.filter((r: { action: string }) => r.action === "voting.open").length).toBe(2);

    // a final list of the whole campaign makes every list final
    expect((await admin("POST", "/api/admin/campaigns/test-2024/lists/unranked/close")).status).toBe(200);
    expect((await admin("POST", "/api/admin/campaigns/test-2024/publications", { kind: "final" })).status).toBe(201);
    expect((await admin("POST", "/api/admin/campaigns/test-2024/lists/unranked/open")).status).toBe(409);
  });
});

describe("refused controls", () => {
  it("404 for an unknown list", async () => {
    expect((await admin("POST", "/api/admin/campaigns/test-2024/lists/nope/close")).status).toBe(404);
  });

  it("a vote after the close is refused", async () => {
    const [a] = entryIds(server, "test-2024", "ranked");
    expect((await admin("POST", "/api/admin/campaigns/test-2024/lists/ranked/close")).status).toBe(200);
    expect((await new Voter(server).vote(a)).status).toBe(409);
  });
});
