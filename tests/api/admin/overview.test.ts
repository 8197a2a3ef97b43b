/**
 * What the console reads to decide what to offer: each campaign's indicator sheet, expert scoring and publications,
 * each list's voting with whether it ever opened (开启 vs 重新开启), and a campaign's revocations.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCall } from "../../helpers/admin.ts";
import { adminSecurityCases } from "../../helpers/admin-security.ts";
import { npfCampaign } from "../../helpers/indicators.ts";
import { publish } from "../../helpers/publicity.ts";
import { EXPERT, expertCampaign } from "../../helpers/scoring.ts";
import { revocationCampaign, revoke } from "../../helpers/revocations.ts";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let token: string;
let organizer: ReturnType<typeof adminCall>;
let auditor: ReturnType<typeof adminCall>;

type List = { slug: string; voting: { state: string; opensAt: string | null; closesAt: string | null; everOpened: boolean } };
type Campaign = { slug: string; indicators: boolean; scoring: boolean; publications: Record<string, unknown>[]; lists: List[] };
const overview = async (slug = "test-2024") => {
  const res = await auditor("GET", "/api/admin/campaigns");
  expect(res.status).toBe(200);
  return (res.body.campaigns as Campaign[]).find((c) => c.slug === slug)!;
};
const list = async (slug: string) => (await overview()).lists.find((l) => l.slug === slug)!;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, revocationCampaign());
  await seedCampaign(server, npfCampaign(clock.now()));
  token = await adminToken(server, "organizer", "主办方");
  organizer = adminCall(server, token);
  auditor = adminCall(server, await adminToken(server, "auditor", "审计"));
});
afterAll(async () => server?.close());

describe("GET /api/admin/campaigns for the console", () => {
  it("says which campaigns have an indicator sheet, keeping every field it had", async () => {
    const c = await overview();
    expect(c.indicators).toBe(false);
    expect((await overview("npf-eval-2025")).indicators).toBe(true);
    expect(Object.keys(c)).toEqual(expect.arrayContaining(["slug", "title", "lists", "indicators", "publications"]));
    expect(Object.keys(c.lists[0]!)).toEqual(expect.arrayContaining(["slug", "title", "ranking", "entries", "voting", "votes", "voided"]));
  });

  it("titles in the caller's language: English where the campaign file gives it, else Chinese; Chinese by default", async () => {
    const zh = (await auditor("GET", "/api/admin/campaigns")).body.campaigns.find((c: Campaign) => c.slug === "test-2024");
    expect(zh.title).toBe("测试活动");
    expect(zh.lists.map((l: { title: string }) => l.title)).toEqual(["高科技标杆", "示范基地", "以后开放"]);
    const en = (await auditor("GET", "/api/admin/campaigns", undefined, { "accept-language": "en" })).body.campaigns.find(
      (c: Campaign) => c.slug === "test-2024",
    );
    expect(en.title).toBe("Test campaign");
    // these lists have no English title: their Chinese one stands
    expect(en.lists.map((l: { title: string }) => l.title)).toEqual(["高科技标杆", "示范基地", "以后开放"]);
    expect((await auditor("GET", "/api/admin/campaigns", undefined, { "accept-language": "zh-CN,en;q=0.8" })).body.campaigns[0].title).toBe(
      zh.title,
    );
  });

  it("everOpened: a list whose window opened, yes; one never opened, no; opened by hand, yes", async () => {
    expect((await list("ranked")).voting).toMatchObject({
      state: "open",
      opensAt: "2024-10-08T09:00:00+08:00",
      closesAt: "2024-10-31T18:00:00+08:00",
      everOpened: true,
    });
    expect((await list("later")).voting).toMatchObject({ state: "scheduled", everOpened: false });
    // closed by hand before it ever opened: still never opened
    expect((await organizer("POST", "/api/admin/campaigns/test-2024/lists/later/close")).status).toBe(200);
    expect((await list("later")).voting).toMatchObject({ state: "closed", everOpened: false });
    expect((await organizer("POST", "/api/admin/campaigns/test-2024/lists/later/open")).status).toBe(200);
    expect((await list("later")).voting).toMatchObject({ state: "open", everOpened: true });
  });

  it("a list opened once and closed again has opened", async () => {
    expect((await organizer("POST", "/api/admin/campaigns/test-2024/lists/later/close")).status).toBe(200);
    expect((await list("later")).voting).toMatchObject({ state: "closed", everOpened: true });
  });

  it("lists the campaign's publications with their state", async () => {
    expect((await overview()).publications).toEqual([]);
    const res = await publish(server, token, "test-2024", { kind: "preliminary", list: "ranked", startsAt: "2024-10-10T09:00:00+08:00" });
    expect(res.status).toBe(201);
    expect((await overview()).publications).toEqual([
      {
        id: res.body.id,
        kind: "preliminary",
        list: "ranked",
        startsAt: "2024-10-10T09:00:00+08:00",
        endsAt: expect.any(String),
        state: "open",
      },
    ]);
  });

  it("says which campaigns experts score (components[].scoredBy: experts), for the 专家评审 tab", async () => {
    expect((await overview()).scoring).toBe(false);
    expect((await overview("npf-eval-2025")).scoring).toBe(false);
    expect((await organizer("POST", "/api/admin/campaigns", expertCampaign())).status).toBe(201);
    expect((await overview(EXPERT)).scoring).toBe(true);
  });
});

describe("GET /api/admin/campaigns/{c}/revocations", () => {
  it("lists each revocation with entry, list, date, reason, when and by whom; an auditor reads it too", async () => {
    expect((await auditor("GET", "/api/admin/campaigns/test-2024/revocations")).body).toEqual({ revocations: [] });
    clock.set(Date.parse("2024-12-02T10:00:00+08:00"));
    expect(
      (await publish(server, token, "test-2024", { kind: "final", list: "unranked", startsAt: "2024-11-20T09:00:00+08:00" })).status,
    ).toBe(201);
    expect((await revoke(server, token, "test-2024", { entry: "unranked/u1", date: "2024-11-28", reason: "成效评估不合格" })).status).toBe(
      201,
    );
    const res = await auditor("GET", "/api/admin/campaigns/test-2024/revocations");
    expect(res.status).toBe(200);
    expect(res.body.revocations).toEqual([
      {
        entry: "u1",
        list: "unranked",
        name: "张家示例园区",
        entryId: expect.any(Number),
        date: "2024-11-28",
        reason: "成效评估不合格",
        at: new Date(clock.now()).toISOString(),
        actor: "organizer:主办方",
      },
    ]);
  });

  it("an unknown campaign is 404", async () => {
    const res = await organizer("GET", "/api/admin/campaigns/nope/revocations");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });

  adminSecurityCases({ server: () => server, routes: [{ method: "GET", path: "/api/admin/campaigns/test-2024/revocations" }] });
});
