/** Only an organizer may close, open or reschedule a list's voting; a refused call leaves it as it was. */
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

describe("voting control needs an organizer", () => {
  adminSecurityCases({
    server: () => server,
    routes: [
      { method: "POST", path: "/api/admin/campaigns/test-2024/lists/ranked/close" },
      { method: "POST", path: "/api/admin/campaigns/test-2024/lists/ranked/open" },
      {
        method: "PUT",
        path: "/api/admin/campaigns/test-2024/lists/ranked/window",
        body: { opensAt: "2024-10-01T00:00:00+08:00", closesAt: "2024-10-09T00:00:00+08:00" },
      },
    ],
    unchanged: async () => {
      const ranked = (await server.json("/api/campaigns")).body.campaigns[0].lists[0];
      expect(ranked.voting).toMatchObject({ state: "open", opensAt: "2024-10-08T09:00:00+08:00", closesAt: "2024-10-31T18:00:00+08:00" });
    },
  });
});
