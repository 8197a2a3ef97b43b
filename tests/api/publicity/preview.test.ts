/**
 * A publication's preview (`"dryRun": true`): the period and counts the real publication then has,
 * from the same calendar and defaults, with nothing written and only a read in the audit log; the
 * same refusals as the real one; organizers only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCall } from "../../helpers/admin.ts";
import { adminSecurityCases } from "../../helpers/admin-security.ts";
import { publish } from "../../helpers/publicity.ts";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
const PATH = "/api/admin/campaigns/test-2024/publications";
let server: TestServer;
let token: string;
let organizer: ReturnType<typeof adminCall>;

const publications = async () => (await server.json("/api/campaigns/test-2024/publications")).body.publications as unknown[];
const writes = async () => (await organizer("GET", "/api/admin/audit")).body.audit.length as number;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, testCampaign());
  token = await adminToken(server, "organizer", "主办方");
  organizer = adminCall(server, token);
});
afterAll(async () => server?.close());

describe("POST …/publications with dryRun", () => {
  it("previews a preliminary period exactly as the publication then has it, writing nothing", async () => {
    const before = await writes();
    const preview = await organizer("POST", PATH, { kind: "preliminary", list: "ranked", dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      dryRun: true,
      kind: "preliminary",
      list: "ranked",
      startsAt: "2024-10-10T12:00:00+08:00",
      // 10-10, 10-11, 10-12 (make-up Saturday), 10-14, 10-15
      endsAt: "2024-10-16T00:00:00+08:00",
      workingDays: 5,
      entries: 5,
      excluded: 0,
    });
    expect(await publications()).toEqual([]);
    expect(await writes()).toBe(before);
    const reads = (await organizer("GET", "/api/admin/audit?kind=reads")).body.audit;
    expect(reads).toEqual(expect.arrayContaining([expect.objectContaining({ action: "read", target: PATH, status: 200 })]));

    const real = await publish(server, token, "test-2024", { kind: "preliminary", list: "ranked" });
    expect(real.status).toBe(201);
    const { dryRun: _d, entries, excluded: _e, ...period } = preview.body;
    expect(real.body).toMatchObject(period);
    expect(real.body.snapshot.lists[0].entries).toHaveLength(entries);
  });

  it("previews a whole campaign with its own working days and start", async () => {
    const res = await organizer("POST", PATH, { kind: "preliminary", startsAt: "2024-09-29T09:00:00+08:00", workingDays: 3, dryRun: true });
    expect(res.status).toBe(200);
    // 09-29 is a make-up Sunday, then 09-30 and, after the National Day holiday, 10-08
    expect(res.body).toEqual({
      dryRun: true,
      kind: "preliminary",
      startsAt: "2024-09-29T09:00:00+08:00",
      endsAt: "2024-10-09T00:00:00+08:00",
      workingDays: 3,
      entries: 9,
      excluded: 0,
    });
  });

  it("refuses what the publication refuses: a final list while the period runs (409), an unknown exclusion (400) or list (404)", async () => {
    const count = (await publications()).length;
    const running = await organizer("POST", PATH, { kind: "final", list: "ranked", dryRun: true });
    expect(running.status).toBe(409);
    expect(running.body.error.code).toBe("conflict");
    expect((await organizer("POST", PATH, { kind: "final", list: "unranked", exclude: ["nope"], dryRun: true })).status).toBe(400);
    expect((await organizer("POST", PATH, { kind: "preliminary", list: "nope", dryRun: true })).status).toBe(404);
    for (const body of [{ dryRun: true }, { kind: "preliminary", dryRun: "yes" }, { kind: "preliminary", dryRun: true, extra: 1 }])
      expect((await organizer("POST", PATH, body)).status, JSON.stringify(body)).toBe(400);
    expect((await publications()).length).toBe(count);
  });

  it("counts a final list's exclusions", async () => {
    const res = await organizer("POST", PATH, { kind: "final", list: "unranked", exclude: ["u1"], dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, kind: "final", list: "unranked", workingDays: 0, entries: 2, excluded: 1 });
  });

  adminSecurityCases({
    server: () => server,
    routes: [{ method: "POST", path: PATH, body: { kind: "preliminary", list: "ranked", dryRun: true } }],
  });
});
