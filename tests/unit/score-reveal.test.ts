import { describe, expect, it } from "vitest";
import type { CatalogList } from "../../api/read/catalog.ts";
import { parseCampaign } from "../../api/domain/campaign.ts";
import { nextScheduledReveal, scoresRevealed, scoringRules } from "../../api/read/score-reveal.ts";
import { testCampaign } from "../helpers/server.ts";

const opensAt = Date.parse("2024-10-08T09:00:00+08:00");
const closesAt = Date.parse("2024-10-31T18:00:00+08:00");
const during = Date.parse("2024-10-10T12:00:00+08:00");
const after = Date.parse("2024-11-01T00:00:00+08:00");

function list(over: Partial<CatalogList> & { stage?: string } = {}): CatalogList {
  const { stage, ...rest } = over;
  const definition = { ...testCampaign(), ...(stage ? { stage } : {}) };
  return {
    id: 1,
    slug: "ranked",
    title: { zh: "榜" },
    ranking: "ranked",
    revealScores: "after_close",
    window: { opensAt, closesAt },
    overrides: [],
    perDay: 3,
    perEntryPerDay: 1,
    entries: [],
    campaign: { id: 1, slug: "test-2024", title: { zh: "测试" }, timezone: "Asia/Shanghai", lists: [], definition: definition as never },
    ...rest,
  };
}

describe("when scores are revealed", () => {
  it("always / never / after_close at the scheduled close, to the millisecond", () => {
    expect(scoresRevealed(list({ revealScores: "always" }), during)).toBe(true);
    expect(scoresRevealed(list({ revealScores: "never" }), after)).toBe(false);
    expect(scoresRevealed(list(), closesAt - 1)).toBe(false);
    expect(scoresRevealed(list(), closesAt)).toBe(true);
  });

  it("after_close follows a manual close at once", () => {
    expect(scoresRevealed(list({ overrides: [{ kind: "close", at: during }] }), during)).toBe(true);
    expect(scoresRevealed(list({ overrides: [{ kind: "close", at: during }] }), during - 1)).toBe(false);
  });

  it("never for an unranked list, whatever revealScores says", () => {
    expect(scoresRevealed(list({ ranking: "unranked", revealScores: "always" }), after)).toBe(false);
  });

  it("a list without public voting: after_close means once the campaign is in publicity or published", () => {
    expect(scoresRevealed(list({ window: null }), after)).toBe(false);
    expect(scoresRevealed(list({ window: null, stage: "reviewing" }), after)).toBe(false);
    expect(scoresRevealed(list({ window: null, stage: "publicity" }), after)).toBe(true);
    expect(scoresRevealed(list({ window: null, stage: "published" }), after)).toBe(true);
  });

  it("the site rebuilds at the next scheduled reveal", () => {
    const lists = [
      list(),
      list({ id: 2, window: { opensAt, closesAt: closesAt + 5 } }),
      list({ id: 3, revealScores: "always", window: { opensAt, closesAt: closesAt - 5 } }),
    ];
    expect(nextScheduledReveal(lists, during)).toBe(closesAt);
    expect(nextScheduledReveal(lists, closesAt)).toBe(closesAt + 5);
    expect(nextScheduledReveal(lists, after)).toBeUndefined();
  });
});

describe("per-list dimensions", () => {
  it("a list's own dimensions replace the campaign's", () => {
    const c = testCampaign();
    (c.lists[0] as any).dimensions = [{ key: "novelty", title: { zh: "创新性" } }];
    const parsed = parseCampaign(c);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(scoringRules(list({ campaign: { ...list().campaign, definition: parsed.campaign } })).dimensions).toEqual([
      { key: "novelty", weight: 1, title: { zh: "创新性" } },
    ]);
    expect(
      scoringRules(list({ slug: "unranked", campaign: { ...list().campaign, definition: parsed.campaign } })).dimensions.map((d) => d.key),
    ).toEqual(["innovation"]);
  });

  it("are validated: unique keys, at least one", () => {
    const c = testCampaign();
    (c.lists[0] as any).dimensions = [
      { key: "novelty", title: { zh: "创新性" } },
      { key: "novelty", title: { zh: "重复" } },
    ];
    (c.lists[1] as any).dimensions = [];
    const parsed = parseCampaign(c);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems.map((p) => p.path)).toEqual(expect.arrayContaining(["lists.0.dimensions.1.key", "lists.1.dimensions"]));
  });
});
