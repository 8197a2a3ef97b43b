/**
 * A re-import cannot do what the voting controls refuse: move or reopen a window after the final
 * list, change `ranking` or `timezone` once votes exist, or drop entries that have votes. Each is a
 * 409 naming the field, over the API and the CLI, and nothing changes.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCall } from "../../helpers/admin.ts";
import { runCli } from "../../helpers/processes.ts";
import { adminToken, entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, Voter, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let admin: ReturnType<typeof adminCall>;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, testCampaign());
  admin = adminCall(server, await adminToken(server, "organizer"));
  // votes in the ranked list only
  expect((await new Voter(server).vote(entryIds(server, "test-2024", "ranked")[0])).status).toBe(201);
});
afterAll(async () => server?.close());

async function refused(file: unknown, field: string) {
  const res = await admin("POST", "/api/admin/campaigns", file);
  expect(res.status, field).toBe(409);
  expect(res.body.error.code).toBe("conflict");
  expect(res.body.error.message).toContain(field);
  expect(res.body.fields).toContain(field);
}

describe("re-importing a campaign with votes", () => {
  it("refuses a new timezone, and a new ranking of a list with votes; allows it on a list without", async () => {
    await refused({ ...testCampaign(), timezone: "Asia/Hong_Kong" }, "timezone");
    const ranking = testCampaign();
    ranking.lists[0]!.ranking = "unranked";
    await refused(ranking, "lists[0].ranking");
    const lists = (await server.json("/api/campaigns")).body.campaigns[0].lists;
    expect(lists[0].ranking).toBe("ranked");

    const fine = testCampaign();
    fine.lists[1]!.ranking = "ranked"; // `unranked` has no votes yet
    expect((await admin("POST", "/api/admin/campaigns", fine)).status).toBe(200);
    expect((await admin("POST", "/api/admin/campaigns", testCampaign())).status).toBe(200);
  });

  it("refuses to drop entries that have votes, naming the field", async () => {
    const fewer = testCampaign();
    fewer.lists[0]!.entries = fewer.lists[0]!.entries.slice(1);
    await refused(fewer, "lists[0].entries");
    expect(entryIds(server, "test-2024", "ranked")).toHaveLength(5);
  });

  it("refuses to move or reopen a window after the final list; the same window is fine", async () => {
    expect((await admin("POST", "/api/admin/campaigns/test-2024/lists/unranked/close")).status).toBe(200);
    expect((await admin("POST", "/api/admin/campaigns/test-2024/publications", { kind: "final", list: "unranked" })).status).toBe(201);
    clock.set(Date.parse("2024-11-05T12:00:00+08:00")); // past the scheduled close too
    const later = testCampaign({ closesAt: "2024-12-31T18:00:00+08:00" });
    const res = await admin("POST", "/api/admin/campaigns", later);
    expect(res.status).toBe(409);
    // both lists would move; only the final one is refused
    expect(res.body.fields).toEqual(["lists[1].voting.closesAt"]);
    expect((await server.json("/api/campaigns")).body.campaigns[0].lists[1].voting.state).toBe("closed");
    expect((await admin("POST", "/api/admin/campaigns", testCampaign())).status).toBe(200);
  });

  it("the CLI refuses the same way, naming the field, exit non-zero", async () => {
    const file = join(server.env.BANGDAN_DATA_DIR, "tz.json");
    writeFileSync(file, JSON.stringify({ ...testCampaign(), timezone: "Asia/Hong_Kong" }));
    const r = await runCli(server.env, ["import", file]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("timezone");
  });
});
