/** Importing a campaign file over the admin API: created, replaced, entry ids and votes kept, audited. */
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
  // a vote for a re-import to keep
  expect((await new Voter(server).vote(entryIds(server, "test-2024", "ranked")[0])).status).toBe(201);
});
afterAll(async () => server?.close());

describe("campaign import over the API", () => {
  it("creates (201), replaces (200), and reports schema problems by path (422) changing nothing", async () => {
    const created = await admin("POST", "/api/admin/campaigns", testCampaign({ slug: "second-2024" }));
    expect(created.status).toBe(201);
    const again = await admin("POST", "/api/admin/campaigns", testCampaign({ slug: "second-2024" }));
    expect(again.status).toBe(200);
    const broken = testCampaign({ slug: "third-2024" });
    (broken.lists[0]!.entries[0] as { slug: string }).slug = "Not OK";
    const bad = await admin("POST", "/api/admin/campaigns", broken);
    expect(bad.status).toBe(422);
    expect(bad.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: "lists.0.entries.0.slug" })]));
    expect((await server.json("/api/campaigns")).body.campaigns.map((c: { slug: string }) => c.slug)).toEqual(["test-2024", "second-2024"]);
  });

  it("keeps entry ids and votes across a re-import that renames an entry", async () => {
    const [a] = entryIds(server, "test-2024", "ranked");
    const next = testCampaign();
    next.lists[0]!.entries[0]!.name = { zh: "甲示例科技股份有限公司" };
    expect((await admin("POST", "/api/admin/campaigns", next)).status).toBe(200);
    const entry = await server.json(`/api/entries/${a}`);
    expect(entry.body).toMatchObject({ id: a, name: "甲示例科技股份有限公司" });
    expect(entry.body.votes).toBeGreaterThan(0);
  });

  it("writes every admin call to the audit log, reads included", async () => {
    expect((await auditor("GET", "/api/admin/campaigns")).status).toBe(200);
    const audit = await auditor("GET", "/api/admin/audit?kind=all");
    const actions = audit.body.audit.map((r: { action: string }) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["campaign.create", "campaign.replace", "read"]));
    expect(audit.body.audit.find((r: { action: string }) => r.action === "campaign.create").actor).toBe("organizer:organizer");
  });
});
