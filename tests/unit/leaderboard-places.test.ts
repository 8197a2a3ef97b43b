/**
 * What the leaderboard image draws in its rank column (x 24–72), rasterised as a reader sees it:
 * nothing while a vote-ordered list has no vote, the figure once it has, and a tie mark before a
 * shared rank's figure. Names are left empty so only the rank column can put ink there.
 */
import { describe, expect, it } from "vitest";
import { leaderboardSvg, svgToPixels } from "../../api/embeds/image.ts";

const entry = (id: number, rank: number, votes: number) => ({ id, slug: `e${id}`, name: "", kind: "enterprise", url: "/", rank, votes });
const ctx = (entries: ReturnType<typeof entry>[], orderedBy?: "votes" | "total") => ({
  board: {
    campaign: "c",
    list: "l",
    title: "榜",
    ranking: "ranked" as const,
    state: "open" as const,
    generatedAt: "2024-10-10T04:00:00.000Z",
    ...(orderedBy ? { orderedBy } : {}),
    entries,
  },
  listTitle: { zh: "高科技标杆" },
  campaignTitle: { zh: "测试活动" },
  timezone: "Asia/Shanghai",
});

/** Ink (anything clearly off the white background, red included) in each row's rank column. */
async function rankInk(c: ReturnType<typeof ctx>, lang: "zh" | "en" = "zh"): Promise<number[]> {
  const { svg } = leaderboardSvg(c, { limit: 10, theme: "light", lang });
  const { width, pixels } = await svgToPixels(svg);
  return c.board.entries.map((_, row) => {
    let ink = 0;
    for (let y = 120 + row * 44; y < 120 + (row + 1) * 44 - 2; y++)
      for (let x = 24; x < 72; x++) {
        const i = (y * width + x) * 4;
        if (pixels[i]! + pixels[i + 1]! + pixels[i + 2]! < 600) ink += 1;
      }
    return ink;
  });
}

describe("the rank column of the leaderboard image", () => {
  it("is empty while nobody has voted on a list ordered by votes", async () => {
    const none = ctx([entry(1, 1, 0), entry(2, 1, 0), entry(3, 1, 0)], "votes");
    expect(await rankInk(none)).toEqual([0, 0, 0]);
    const { svg } = leaderboardSvg(none, { limit: 10, theme: "light", lang: "zh" });
    expect(svg).toContain('<desc id="d">投票进行中 · 暂无投票 · 共 3 个\n');
    // no leader in the accent colour either: only the brand at the foot is red
    expect(svg.split('<g fill="#c8102e">').length - 1).toBe(1);
    const voted = leaderboardSvg(ctx([entry(1, 1, 1), entry(2, 2, 0)]), { limit: 10, theme: "light", lang: "zh" }).svg;
    expect(voted.split('<g fill="#c8102e">').length - 1).toBe(3);
  });

  it("holds the figure once there are votes, with a tie mark before a shared rank", async () => {
    const [first, second, third] = await rankInk(ctx([entry(1, 1, 2), entry(2, 2, 1), entry(3, 2, 1)]));
    expect(first).toBeGreaterThan(20);
    expect(second).toBeGreaterThan(20);
    // 并列2 carries more ink than the 1 above it, and as much as the other 并列2
    expect(second).toBeGreaterThan(first! * 1.5);
    expect(third).toBe(second);
    const [, enTied] = await rankInk(ctx([entry(1, 1, 2), entry(2, 2, 1), entry(3, 2, 1)]), "en");
    const [, enAlone] = await rankInk(ctx([entry(1, 1, 2), entry(2, 2, 1), entry(3, 3, 0)]), "en");
    expect(enTied).toBeGreaterThan(enAlone!); // "=2" against "2"
  });

  it("shows places on a list ordered by revealed scores even without a vote", async () => {
    expect((await rankInk(ctx([entry(1, 1, 0), entry(2, 2, 0)], "total"))).every((n) => n > 20)).toBe(true);
  });
});
