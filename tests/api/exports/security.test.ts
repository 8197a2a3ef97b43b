/**
 * Exports need a token (auditors may take them), and the `objections` export, with names and
 * contacts, goes to organizers only, never to auditors.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvRows } from "../../helpers/csv.ts";
import { adminCall } from "../../helpers/admin.ts";
import { adminSecurityCases } from "../../helpers/admin-security.ts";
import { object, publish } from "../../helpers/publicity.ts";
import { SCORED, scoredCampaign } from "../../helpers/scores.ts";
import { adminToken, entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let organizerToken: string;
let admin: ReturnType<typeof adminCall>;
let auditor: ReturnType<typeof adminCall>;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, scoredCampaign());
  organizerToken = await adminToken(server, "organizer");
  admin = adminCall(server, organizerToken);
  auditor = adminCall(server, await adminToken(server, "auditor"));
});
afterAll(async () => server?.close());

describe("exports need a token", () => {
  adminSecurityCases({
    server: () => server,
    routes: [
      { method: "GET", path: `/api/admin/campaigns/${SCORED}/export?kind=scores&format=csv` },
      { method: "GET", path: "/api/admin/exports" },
    ],
    // a refused export leaves no manifest
    unchanged: async () => expect((await admin("GET", "/api/admin/exports")).body.exports).toEqual([]),
  });
});

describe("objections export", () => {
  it("lists objections with names and contacts for organizers; an auditor gets 403", async () => {
    const published = await publish(server, organizerToken, SCORED, { kind: "preliminary", list: "always" });
    expect(published.status).toBe(201);
    const [a1] = entryIds(server, SCORED, "always");
    const filed = await object(server, { publicationId: published.body.id, entryId: a1, contact: "13800001234" });
    expect(filed.status).toBe(201);

    const denied = await auditor("GET", `/api/admin/campaigns/${SCORED}/export?kind=objections&format=csv`);
    expect(denied.status).toBe(403);
    expect(denied.text).not.toContain("13800001234");

    const res = await admin("GET", `/api/admin/campaigns/${SCORED}/export?kind=objections&format=csv&headers=en`);
    expect(res.status).toBe(200);
    const [row, ...more] = csvRows(res.text);
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      receipt: filed.body.receipt,
      status: "pending",
      status_zh: "待处理",
      list: "always",
      entry_slug: "a1",
      name: "王小明",
      contact: "13800001234",
    });
    expect(row!.created_at).toBe("2024-10-10T12:00:00+08:00");
  });
});
