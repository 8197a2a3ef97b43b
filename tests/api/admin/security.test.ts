/**
 * The organizer API's guard over every route the app registers under /api/admin/ (a new route is
 * covered without being listed): the common security cases, and the audit log's record of refused
 * calls.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCall } from "../../helpers/admin.ts";
import { adminSecurityCases, type AdminRoute } from "../../helpers/admin-security.ts";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let organizer: string;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, testCampaign());
  organizer = await adminToken(server, "organizer");
});
afterAll(async () => server?.close());

/** Every admin route the app registers; a new route is covered here without being listed. */
function adminRoutes(): AdminRoute[] {
  const seen = new Set<string>();
  return server.app.routes
    .filter((r) => r.path.startsWith("/api/admin/") && r.method !== "ALL")
    .map((r) => ({
      method: r.method,
      path: r.path
        .replace(":campaign", "test-2024")
        .replace(":list", "ranked")
        .replace(/:[a-z]+/g, "1"),
      ...(r.path === "/api/admin/tokens" ? { organizerOnly: true } : {}),
    }))
    .filter((r) => !seen.has(r.method + r.path) && seen.add(r.method + r.path));
}

describe("admin routes refuse without a valid token", () => {
  it("knows the admin routes", () => {
    expect(adminRoutes().length).toBeGreaterThanOrEqual(5);
  });

  adminSecurityCases({
    server: () => server,
    routes: adminRoutes,
    unchanged: async () => {
      const campaigns = (await server.json("/api/campaigns")).body.campaigns;
      expect(
        campaigns.map((c: { slug: string; lists: { voting: { state: string } }[] }) => [c.slug, c.lists.map((l) => l.voting.state)]),
      ).toEqual([["test-2024", ["open", "open", "scheduled"]]]);
      expect((await server.json("/api/campaigns/test-2024/publications")).body.publications).toEqual([]);
    },
  });
});

describe("the audit log traces refused calls too", () => {
  it("records 403s and failed writes with method, path and status; counts 401s without auditing them", async () => {
    const admin = adminCall(server, organizer);
    const auditor = adminCall(server, await adminToken(server, "auditor", "审计员"));
    expect((await adminCall(server, "bd_nope")("GET", "/api/admin/anomalies?campaign=test-2024")).status).toBe(401);
    expect((await auditor("POST", "/api/admin/campaigns/test-2024/lists/ranked/close")).status).toBe(403);
    expect((await admin("POST", "/api/admin/votes/void", { filter: { campaign: "test-2024" }, reason: "太宽" })).status).toBe(400);
    const audit = (await auditor("GET", "/api/admin/audit?kind=all&limit=10")).body.audit;
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          actor: "auditor:审计员",
          action: "denied",
          target: "/api/admin/campaigns/test-2024/lists/ranked/close",
          details: { method: "POST", status: 403 },
        }),
        expect.objectContaining({
          actor: "organizer:organizer",
          action: "refused",
          target: "/api/admin/votes/void",
          details: { method: "POST", status: 400 },
        }),
      ]),
    );
    // the call without a valid token is no one's action: counted per minute and reason, with what it asked
    expect(audit.filter((r: { actor: string }) => r.actor === "anonymous")).toEqual([]);
    const refusals = (await auditor("GET", "/api/admin/refusals")).body.refusals;
    expect(refusals).toContainEqual(
      expect.objectContaining({ reason: "unauthorized", routeKind: "admin_read", sample: "GET /api/admin/anomalies?campaign=test-2024" }),
    );
    // nothing of the token itself is kept
    expect(JSON.stringify(audit) + JSON.stringify(refusals)).not.toContain("bd_nope");
  });
});
