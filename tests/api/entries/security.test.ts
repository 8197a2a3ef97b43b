/** Only an organizer may import a list's entries; refused attempts are traced and change nothing. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { CASES, casesCampaign, csv, postEntries } from "../../helpers/city-cases.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

let server: TestServer;
let organizer: string;
let auditor: string;

beforeAll(async () => {
  server = await startTestServer({ seedDemo: false });
  await seedCampaign(server, casesCampaign());
  organizer = await adminToken(server, "organizer");
  auditor = await adminToken(server, "auditor", "auditor-a");
});
afterAll(async () => server?.close());

const file = csv(["slug", "name", "省份", "案例类型"], [["sc-a", "四川示例案例", "四川省", "综合类"]]);
const slugs = () => server.deps.catalog.current.list(CASES, "cases")!.entries.map((e) => e.slug);
const audit = async () => (await server.json("/api/admin/audit", { headers: { authorization: `Bearer ${auditor}` } })).body.audit as { action: string; actor: string; target: string; details: { status?: number } }[];

describe("import needs an organizer", () => {
  it("401 without a token or with a bad one, 403 for an auditor; nothing imported, every refusal audited", async () => {
    for (const token of [undefined, "bd_forged"]) {
      const res = await postEntries(server, token, file);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("unauthorized");
    }
    const res = await postEntries(server, auditor, file);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    expect(slugs()).toEqual(["js-a", "js-b", "zj-a"]);

    const path = `/api/admin/campaigns/${CASES}/lists/cases/entries`;
    const records = (await audit()).filter((r) => r.target === path);
    expect(records.map((r) => [r.actor, r.action, r.details.status])).toEqual(
      expect.arrayContaining([
        ["anonymous", "denied", 401],
        ["auditor:auditor-a", "denied", 403],
      ]),
    );
    expect((await audit()).some((r) => r.action === "entries.import")).toBe(false);
  });

  it("an organizer's import goes through and is audited under the organizer's name; a refused file is audited as refused", async () => {
    expect((await postEntries(server, organizer, "slug,name\nBad Slug,甲\n")).status).toBe(422);
    expect((await postEntries(server, organizer, file)).status).toBe(200);
    const records = await audit();
    expect(records.find((r) => r.action === "entries.import")).toMatchObject({ actor: "organizer:organizer", target: `${CASES}/cases` });
    expect(records.find((r) => r.action === "refused")).toMatchObject({ actor: "organizer:organizer", details: { status: 422 } });
    expect(slugs()).toEqual(["js-a", "js-b", "zj-a", "sc-a"]);
  });
});
