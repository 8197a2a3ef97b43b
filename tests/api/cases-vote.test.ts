/**
 * S1's typical cases take public votes although the campaign has no scored components: the list is
 * ranked by valid votes alone, with no score anywhere, and the cases' structured text, categories
 * and images reach the site snapshot.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NPF, npfCampaign } from "../helpers/indicators.ts";
import { seedCampaign } from "../helpers/seed.ts";
import { ManualClock, startTestServer, Voter, type TestServer } from "../helpers/server.ts";

const clock = new ManualClock(Date.parse("2025-07-01T12:00:00+08:00"));
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  // voting windows moved to the test's day, as the demo loader moves them to the day it runs
  await seedCampaign(server, npfCampaign(clock.now()));
});
afterAll(async () => server?.close());

const board = async () => {
  clock.advance(3000);
  return (await server.json(`/api/campaigns/${NPF}/lists/cases/leaderboard`)).body;
};
const idOf = (slug: string) => server.deps.catalog.current.list(NPF, "cases")!.entries.find((e) => e.slug === slug)!.id;

describe("voting on cases in a campaign without components", () => {
  it("the list is open and every case starts at 0 votes, ordered by votes", async () => {
    const b = await board();
    expect(b).toMatchObject({ ranking: "ranked", state: "open", orderedBy: "votes" });
    expect(b.entries).toHaveLength(6);
    expect(b.entries.every((e: any) => e.votes === 0 && e.rank === 1 && !("score" in e))).toBe(true);
  });

  it("a vote counts and moves the case to the top; the second vote of the day on it is refused", async () => {
    const voter = new Voter(server);
    const res = await voter.vote(idOf("maigang-straw-chp"));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ votes: 1, remainingToday: 2 });
    expect((await voter.vote(idOf("maigang-straw-chp"))).status).toBe(409);
    const b = await board();
    expect(b.entries[0]).toMatchObject({ slug: "maigang-straw-chp", rank: 1, votes: 1 });
    expect(b.entries[1]).toMatchObject({ rank: 2, votes: 0 });
    expect(JSON.stringify(b)).not.toContain('"score"');
  });

  it("the counties list takes no vote", async () => {
    const county = server.deps.catalog.current.list(NPF, "counties")!.entries[0]!.id;
    const res = await new Voter(server).vote(county);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("voting_closed");
  });

  it("the snapshot carries the form, each case's sections, domain, units and images", async () => {
    const snapshot = await server.site.snapshot();
    const campaign = snapshot.campaigns.find((c) => c.slug === NPF)!;
    expect(campaign.categories?.[0]).toMatchObject({ key: "domain", values: [{ zh: "文化旅游" }, { zh: "高科技" }, { zh: "绿色经济" }] });
    const cases = campaign.lists.find((l) => l.slug === "cases")!;
    expect(cases.form?.sections.map((s) => s.title.zh)).toEqual(["背景摘要", "案例简介", "案例详情", "具体成效", "案例实施的创新点", "推广价值", "体会感受"]);
    expect(cases.indicators).toBeUndefined();
    for (const e of cases.entries) {
      expect(Object.keys(e.sections ?? {})).toHaveLength(7);
      expect(e.images!.length).toBeGreaterThanOrEqual(3);
      expect(e.images!.length).toBeLessThanOrEqual(4);
      expect(e.images!.every((i) => i.caption.zh.length > 0 && i.src.startsWith("/demo/npf-eval-2025/"))).toBe(true);
      expect(["文化旅游", "高科技", "绿色经济"]).toContain(e.categories?.domain);
      expect(e.submitter).toBeTruthy();
    }
    expect(new Set(cases.entries.map((e) => e.categories?.domain)).size).toBe(3);
  });
});
