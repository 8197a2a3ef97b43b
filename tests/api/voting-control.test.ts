import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setVoting, setWindow, type Core } from "../../api/services/campaigns.ts";
import { adminCall } from "../helpers/admin.ts";
import { adminToken, entryIds, seedCampaign } from "../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, Voter, type TestServer } from "../helpers/server.ts";

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
    const published = new Set(["test-2024/ranked"]);
    const core: Core = { db: server.deps.db, clock, finalPublished: async (c, l) => published.has(`${c}/${l}`) };
    await setVoting(core, "test-2024", "ranked", "closed", "test");
    await expect(setVoting(core, "test-2024", "ranked", "open", "test")).rejects.toMatchObject({ code: "conflict" });
    await expect(setWindow(core, "test-2024", "ranked", { opensAt: "2024-10-01T00:00:00+08:00", closesAt: "2024-12-01T00:00:00+08:00" }, "test")).rejects.toMatchObject({ code: "conflict" });
    await server.deps.catalog.reload();
    expect((await server.json("/api/campaigns")).body.campaigns[0].lists[0].voting.state).toBe("closed");
    // another list of the same campaign is not final: it reopens, audited
    await setVoting(core, "test-2024", "unranked", "closed", "test");
    await expect(setVoting(core, "test-2024", "unranked", "open", "test")).resolves.toMatchObject({ state: "open" });
    // without a publications source, reopening is allowed (and audited) as before
    expect((await admin("POST", "/api/admin/campaigns/test-2024/lists/ranked/open")).status).toBe(200);
    const audit = (await admin("GET", "/api/admin/audit")).body.audit;
    expect(audit.filter((r: { action: string }) => r.action === "voting.open").length).toBe(2);
  });
});

describe("the audit log traces refused calls too", () => {
  it("records 401s (anonymous), 403s and failed writes with method, path and status", async () => {
    const auditor = adminCall(server, await adminToken(server, "auditor", "审计员"));
    expect((await adminCall(server, "bd_nope")("GET", "/api/admin/anomalies?campaign=test-2024")).status).toBe(401);
    expect((await auditor("POST", "/api/admin/campaigns/test-2024/lists/ranked/close")).status).toBe(403);
    expect((await admin("POST", "/api/admin/votes/void", { filter: { campaign: "test-2024" }, reason: "太宽" })).status).toBe(400);
    const audit = (await auditor("GET", "/api/admin/audit?limit=10")).body.audit;
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: "anonymous", action: "denied", target: "/api/admin/anomalies", details: { method: "GET", status: 401, query: { campaign: "test-2024" } } }),
        expect.objectContaining({ actor: "auditor:审计员", action: "denied", target: "/api/admin/campaigns/test-2024/lists/ranked/close", details: { method: "POST", status: 403 } }),
        expect.objectContaining({ actor: "organizer:organizer", action: "refused", target: "/api/admin/votes/void", details: { method: "POST", status: 400 } }),
      ]),
    );
    // nothing of the token itself is kept
    expect(JSON.stringify(audit)).not.toContain("bd_nope");
  });

  it("a vote after the close is refused", async () => {
    const [a] = entryIds(server, "test-2024", "ranked");
    expect((await admin("POST", "/api/admin/campaigns/test-2024/lists/ranked/close")).status).toBe(200);
    expect((await new Voter(server).vote(a)).status).toBe(409);
  });
});
