import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCall } from "../../helpers/admin.ts";
import { adminToken, entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, Voter, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let admin: ReturnType<typeof adminCall>;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false, env: { TRUST_PROXY: "x-forwarded-for" } });
  await seedCampaign(server, testCampaign());
  admin = adminCall(server, await adminToken(server, "organizer"));
  const [a, b] = entryIds(server, "test-2024", "ranked");
  for (let i = 0; i < 4; i++) expect((await new Voter(server, `203.0.113.${i}`).vote(i % 2 ? a : b)).status).toBe(201);
});
afterAll(async () => server?.close());

const voidsNow = async () => {
  const { voidHead } = await import("../../../db/index.ts");
  return (await voidHead(server.deps.db.read))?.seq ?? 0;
};

describe("POST /api/admin/votes/void refuses bad input and changes nothing", () => {
  const cases: [string, unknown, number, string][] = [
    ["no filter", { reason: "理由充分" }, 400, "invalid_request"],
    ["no reason", { filter: { campaign: "test-2024", list: "ranked" } }, 400, "invalid_request"],
    ["blank reason", { filter: { campaign: "test-2024", list: "ranked" }, reason: "   " }, 400, "invalid_request"],
    ["a filter naming only the campaign", { filter: { campaign: "test-2024" }, reason: "全部作废" }, 400, "invalid_request"],
    ["an unknown field", { filter: { campaign: "test-2024", ip: "1.2.3.4" }, reason: "理由充分" }, 400, "invalid_request"],
    [
      "a raw IP where a hash belongs",
      { filter: { campaign: "test-2024", ipHash: "203.0.113.1" }, reason: "理由充分" },
      400,
      "invalid_request",
    ],
    [
      "a time without offset",
      { filter: { campaign: "test-2024", from: "2024-10-10T00:00:00" }, reason: "理由充分" },
      400,
      "invalid_request",
    ],
    [
      "from after to",
      { filter: { campaign: "test-2024", from: "2024-10-11T00:00:00+08:00", to: "2024-10-10T00:00:00+08:00" }, reason: "理由充分" },
      400,
      "invalid_request",
    ],
    ["an unknown campaign", { filter: { campaign: "nope-2024", list: "ranked" }, reason: "理由充分" }, 404, "not_found"],
    ["an unknown list", { filter: { campaign: "test-2024", list: "nope" }, reason: "理由充分" }, 404, "not_found"],
    [
      "dryRun not a boolean",
      { filter: { campaign: "test-2024", list: "ranked" }, reason: "理由充分", dryRun: "yes" },
      400,
      "invalid_request",
    ],
  ];
  for (const [name, body, status, code] of cases) {
    it(name, async () => {
      const before = await voidsNow();
      const res = await admin("POST", "/api/admin/votes/void", body);
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(await voidsNow()).toBe(before);
    });
  }

  it("answers in English with Accept-Language: en, 415 for a non-JSON body, 413 for a huge one", async () => {
    const en = await admin(
      "POST",
      "/api/admin/votes/void",
      { filter: { campaign: "test-2024" }, reason: "x y" },
      { "accept-language": "en" },
    );
    expect(en.body.error.message).toMatch(/filter/);
    const form = await admin("POST", "/api/admin/votes/void", undefined, { "content-type": "text/plain" });
    expect(form.status).toBe(415);
    const huge = await admin("POST", "/api/admin/votes/void", {
      filter: { campaign: "test-2024", voteIds: Array.from({ length: 9_000 }, (_, i) => `${i}`.padStart(60, "0")) },
      reason: "太多",
    });
    expect(huge.status).toBe(413);
    const many = await admin("POST", "/api/admin/votes/void", {
      filter: { campaign: "test-2024", voteIds: Array.from({ length: 10_001 }, (_, i) => `v${i}`) },
      reason: "太多",
    });
    expect(many.status).toBe(400);
  });
});

describe("anomalies refuse bad queries", () => {
  it("404 for an unknown campaign, 400 for a bad since", async () => {
    expect((await admin("GET", "/api/admin/anomalies?campaign=nope")).status).toBe(404);
    expect((await admin("GET", "/api/admin/anomalies?since=yesterday")).status).toBe(400);
  });
});
