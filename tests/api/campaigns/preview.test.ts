/**
 * A campaign file's preview (`?dryRun=1`) and YAML bodies: the preview names what the import would
 * add, change and remove, refuses what the import refuses with the same answer (422 by path, 409
 * where votes would be orphaned), writes nothing and is audited as a read; the import itself takes
 * YAML too.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { adminCall } from "../../helpers/admin.ts";
import { adminSecurityCases } from "../../helpers/admin-security.ts";
import { adminToken, entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, Voter, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
const PREVIEW = "/api/admin/campaigns?dryRun=1";
let server: TestServer;
let admin: ReturnType<typeof adminCall>;

const slugs = async () => (await server.json("/api/campaigns")).body.campaigns.map((c: { slug: string }) => c.slug);
const writes = async () => (await admin("GET", "/api/admin/audit?limit=1000")).body.audit.length as number;
const names = async () =>
  (await server.json("/api/campaigns/test-2024/lists/ranked/leaderboard")).body.entries.map((e: { name: string }) => e.name);

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, testCampaign());
  admin = adminCall(server, await adminToken(server, "organizer", "主办方"));
  expect((await new Voter(server).vote(entryIds(server, "test-2024", "ranked")[0])).status).toBe(201);
});
afterAll(async () => server?.close());

/** The test campaign with its title changed on `ranked`, e2 renamed, e5 dropped, e6 added, and `later` gone. */
function edited() {
  const c = testCampaign();
  const ranked = c.lists[0]!;
  ranked.title = { zh: "高科技标杆（更新）" };
  ranked.entries[1]!.name = { zh: "乙示例科技股份有限公司" };
  ranked.entries = [...ranked.entries.filter((e) => e.slug !== "e5"), { slug: "e6", name: { zh: "己示例科技有限公司" } }];
  c.lists = c.lists.filter((l) => l.slug !== "later");
  return c;
}

describe("POST /api/admin/campaigns?dryRun=1", () => {
  it("previews a new campaign: everything added, nothing written, a read in the audit log", async () => {
    const before = await writes();
    const res = await admin("POST", PREVIEW, testCampaign({ slug: "new-2024" }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      dryRun: true,
      campaign: "new-2024",
      exists: false,
      changes: {
        lists: { added: ["ranked", "unranked", "later"], changed: [], removed: [] },
        entries: {
          added: ["ranked/e1", "ranked/e2", "ranked/e3", "ranked/e4", "ranked/e5", "unranked/u1", "unranked/u2", "unranked/u3", "later/l1"],
          changed: [],
          removed: [],
        },
      },
      warnings: [],
    });
    expect(await slugs()).toEqual(["test-2024"]);
    expect(await writes()).toBe(before);
    const reads = (await admin("GET", "/api/admin/audit?kind=reads&limit=5")).body.audit;
    expect(reads).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: "read", target: "/api/admin/campaigns", status: 200 })]),
    );
  });

  it("previews a replacement sent as YAML: what is added, changed and removed, with warnings for removals", async () => {
    const before = await writes();
    const preview = await server.json(PREVIEW, {
      method: "POST",
      headers: { authorization: await bearer(), "content-type": "application/yaml" },
      body: stringify(edited()),
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      dryRun: true,
      campaign: "test-2024",
      exists: true,
      changes: {
        lists: { added: [], changed: ["ranked"], removed: ["later"] },
        entries: { added: ["ranked/e6"], changed: ["ranked/e2"], removed: ["ranked/e5", "later/l1"] },
      },
    });
    expect(preview.body.warnings).toEqual([
      { zh: expect.stringContaining("later"), en: expect.stringContaining("later") },
      { zh: expect.stringContaining("ranked/e5"), en: expect.stringContaining("ranked/e5") },
    ]);
    expect(await names()).not.toContain("己示例科技有限公司");
    expect(await writes()).toBe(before);
  });

  it("refuses as the import refuses, with the same answer: 422 by path, 409 where votes would be orphaned", async () => {
    const broken = testCampaign({ slug: "broken-2024" });
    (broken.lists[0]!.entries[0] as { slug: string }).slug = "Not OK";
    const previewed = await admin("POST", PREVIEW, broken);
    expect(previewed.status).toBe(422);
    expect(previewed.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: "lists.0.entries.0.slug" })]));

    const orphaning = testCampaign();
    orphaning.lists[0]!.entries = orphaning.lists[0]!.entries.slice(1); // e1 has a vote
    const preview = await admin("POST", PREVIEW, orphaning);
    expect(preview.status).toBe(409);
    const real = await admin("POST", "/api/admin/campaigns", orphaning);
    expect(real.status).toBe(409);
    expect(preview.body).toEqual(real.body);
    expect((await admin("POST", "/api/admin/campaigns", broken)).body).toEqual(previewed.body);
    expect(await slugs()).toEqual(["test-2024"]);
  });

  it("then the import applies what the preview showed, from YAML too", async () => {
    const res = await server.json("/api/admin/campaigns", {
      method: "POST",
      headers: { authorization: await bearer(), "content-type": "text/yaml; charset=utf-8" },
      body: stringify(edited()),
    });
    expect(res.status).toBe(200);
    expect(await names()).toContain("己示例科技有限公司");
    const again = await admin("POST", PREVIEW, edited());
    expect(again.body.changes).toEqual({
      lists: { added: [], changed: [], removed: [] },
      entries: { added: [], changed: [], removed: [] },
    });
  });

  it("bad requests: dryRun other than 1/0, YAML that does not parse, an unknown body type", async () => {
    const before = await writes();
    expect((await admin("POST", "/api/admin/campaigns?dryRun=yes", testCampaign())).status).toBe(400);
    const badYaml = await server.json(PREVIEW, {
      method: "POST",
      headers: { authorization: await bearer(), "content-type": "application/x-yaml" },
      body: "slug: [unclosed\n  title: {",
    });
    expect(badYaml.status).toBe(400);
    expect(badYaml.body.error.message).toMatch(/YAML/);
    const plain = await server.json(PREVIEW, {
      method: "POST",
      headers: { authorization: await bearer(), "content-type": "text/plain" },
      body: "slug: x",
    });
    expect(plain.status).toBe(415);
    expect(await writes()).toBe(before);
  });
});

let organizerToken: string | undefined;
async function bearer(): Promise<string> {
  organizerToken ??= await adminToken(server, "organizer", "yaml");
  return `Bearer ${organizerToken}`;
}

describe("the preview is for organizers", () => {
  adminSecurityCases({
    server: () => server,
    routes: [{ method: "POST", path: PREVIEW, body: testCampaign({ slug: "intruder-2024" }) }],
    unchanged: async () => expect(await slugs()).not.toContain("intruder-2024"),
  });
});
