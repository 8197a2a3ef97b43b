/** Only an organizer may import a list's entries; refused attempts are traced and change nothing. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminSecurityCases } from "../../helpers/admin-security.ts";
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
const audit = async () =>
  (await server.json("/api/admin/audit?kind=all", { headers: { authorization: `Bearer ${auditor}` } })).body.audit as {
    action: string;
    actor: string;
    target: string;
    details: { status?: number };
  }[];

describe("import needs an organizer", () => {
  adminSecurityCases({
    server: () => server,
    routes: [{ method: "POST", path: `/api/admin/campaigns/${CASES}/lists/cases/entries`, body: file, contentType: "text/csv" }],
    unchanged: async () => {
      expect(slugs()).toEqual(["js-a", "js-b", "zj-a"]);
      expect((await audit()).some((r) => r.action === "entries.import")).toBe(false);
    },
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
