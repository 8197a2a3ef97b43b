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
    const window = await admin("PUT", "/api/admin/campaigns/test-2024/lists/ranked/window", { opensAt: "2024-10-01T00:00:00+08:00", closesAt: "2024-12-01T00:00:00+08:00" });
    expect(window.status).toBe(409);
    expect((await server.json("/api/campaigns")).body.campaigns[0].lists[0].voting.state).toBe("closed");

    // another list of the same campaign is not final: it reopens, audited
    expect((await admin("POST", "/api/admin/campaigns/test-2024/lists/unranked/close")).status).toBe(200);
    expect((await admin("POST", "/api/admin/campaigns/test-2024/lists/unranked/open")).status).toBe(200);
    const audit = (await admin("GET", "/api/admin/audit")).body.audit;
    expect(audit.filter((r: { action: string }) => r.action === "voting.open").length).toBe(2);

    // a final list of the whole campaign makes every list final
    expect((await admin("POST", "/api/admin/campaigns/test-2024/lists/unranked/close")).status).toBe(200);
    expect((await admin("POST", "/api/admin/campaigns/test-2024/publications", { kind: "final" })).status).toBe(201);
    expect((await admin("POST", "/api/admin/campaigns/test-2024/lists/unranked/open")).status).toBe(409);
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
