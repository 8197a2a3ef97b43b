/** Bad export requests are refused in the contract's shape, and no manifest is recorded for them. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCall } from "../../helpers/admin.ts";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let admin: ReturnType<typeof adminCall>;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, testCampaign());
  admin = adminCall(server, await adminToken(server, "organizer"));
});
afterAll(async () => server?.close());

describe("exports refuse bad queries", () => {
  it("400 for an unknown kind or format, 404 for an unknown campaign; no manifest is recorded", async () => {
    const before = (await admin("GET", "/api/admin/exports")).body.exports.length;
    for (const [q, status] of [
      ["kind=nope", 400],
      ["kind=tallies&format=pdf", 400],
      ["kind=scores&format=xls", 400],
      ["kind=", 400],
      ["kind=tallies&headers=fr", 400],
      ["kind=votes&headers=", 400],
      ["kind=tallies&headers=EN", 400],
    ] as const) {
      const res = await admin("GET", `/api/admin/campaigns/test-2024/export?${q}`);
      expect(res.status, q).toBe(status);
      expect(res.body.error.code).toBe("invalid_request");
    }
    expect((await admin("GET", "/api/admin/campaigns/nope/export")).status).toBe(404);
    expect((await admin("GET", "/api/admin/exports")).body.exports.length).toBe(before);
    expect((await admin("GET", "/api/admin/exports?id=abc")).status).toBe(400);
    expect((await admin("GET", "/api/admin/exports?id=999")).status).toBe(404);
  });
});
