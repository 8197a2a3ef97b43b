/** Only an organizer may import a campaign file; auditors read the overview and the audit log. */
import { afterAll, beforeAll, describe, expect } from "vitest";
import { adminSecurityCases } from "../../helpers/admin-security.ts";
import { seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, testCampaign());
});
afterAll(async () => server?.close());

describe("campaign import needs an organizer", () => {
  adminSecurityCases({
    server: () => server,
    routes: [
      // a replacement of the campaign that is there, and a new one
      { method: "POST", path: "/api/admin/campaigns", body: { ...testCampaign(), title: { zh: "改过的标题" } } },
      { method: "POST", path: "/api/admin/campaigns", body: testCampaign({ slug: "intruder-2024" }) },
      { method: "GET", path: "/api/admin/campaigns" },
      { method: "GET", path: "/api/admin/audit?kind=all" },
    ],
    unchanged: async () => {
      const campaigns = (await server.json("/api/campaigns")).body.campaigns;
      expect(campaigns.map((c: { slug: string; title: string }) => [c.slug, c.title])).toEqual([["test-2024", "测试活动"]]);
    },
  });
});
