/**
 * The share images' pure parts: the pages' absolute addresses, the QR drawing (read back by jsqr
 * from resvg's pixels), line breaking, and what an entry's figures may say (common/ranks.ts).
 */
import jsQR from "jsqr";
import { describe, expect, it } from "vitest";
import { entryCardUrl, entryPageUrl, entryPosterUrl, listCardUrl, listPageUrl, pageUrl } from "../../common/page-url.ts";
import { textWidth, wrapText } from "../../api/embeds/glyphs.ts";
import { svgToPixels } from "../../api/embeds/image.ts";
import { qrSvg } from "../../api/embeds/qr.ts";
import { entryFigures } from "../../api/embeds/share-canvas.ts";
import type { LeaderboardView, PublicEntry } from "../../api/read/leaderboard.ts";

describe("page addresses as the site links them", () => {
  it("origin, then the page's path; English under /en/; a trailing slash on the origin dropped", () => {
    const entry = { campaign: "cinn-2024", list: "high-tech", slug: "jiangnan-materials" };
    expect(entryPageUrl("https://bangdan.example", "zh", entry)).toBe("https://bangdan.example/cinn-2024/high-tech/jiangnan-materials/");
    expect(entryPageUrl("https://bangdan.example/", "en", entry)).toBe(
      "https://bangdan.example/en/cinn-2024/high-tech/jiangnan-materials/",
    );
    expect(listPageUrl("http://127.0.0.1:4321", "zh", { campaign: "cinn-2024", slug: "esg" })).toBe("http://127.0.0.1:4321/cinn-2024/esg/");
    expect(pageUrl("https://a.example", "en")).toBe("https://a.example/en/");
    expect(pageUrl("https://a.example", "zh", "c d")).toBe("https://a.example/c%20d/");
  });

  it("the share images' addresses, with ?lang=en for English", () => {
    expect(entryPosterUrl("https://a.example/", "zh", 12)).toBe("https://a.example/api/entries/12/poster.png");
    expect(entryCardUrl("https://a.example", "en", 12)).toBe("https://a.example/api/entries/12/card.png?lang=en");
    expect(listCardUrl("", "zh", { campaign: "cinn-2024", slug: "esg" })).toBe("/api/campaigns/cinn-2024/lists/esg/card.png");
  });
});

describe("qrSvg", () => {
  it("draws a code jsqr reads back, with whole-pixel modules at 2×, for short and long addresses", async () => {
    for (const url of [
      "http://127.0.0.1:4321/t/l/e/",
      "https://bangdan.example/en/emerging-bases-2025/enterprises/some-rather-long-entry-slug-for-a-company-2025/",
    ]) {
      const side = 108;
      const qr = qrSvg(url, 10, 10, side);
      expect(qr.side).toBeLessThanOrEqual(side);
      expect(Number.isInteger((qr.side * 2) / qr.modules)).toBe(true);
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="130" height="130"><rect width="130" height="130" fill="#c8102e"/>${qr.svg}</svg>`;
      const { width, height, pixels } = await svgToPixels(svg, 2);
      expect(jsQR(new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, pixels.byteLength), width, height)?.data).toBe(url);
    }
  });
});

describe("wrapText", () => {
  it("breaks Chinese anywhere and Latin at spaces, each line within the width", () => {
    const zh = wrapText("江南示例新材料科技股份有限公司", 22, 200, 3, 700);
    expect(zh.join("")).toBe("江南示例新材料科技股份有限公司");
    expect(zh.length).toBe(2);
    const en = wrapText("Jiangnan Demo New Materials Technology Co., Ltd.", 20, 220, 4);
    expect(en.join(" ")).toBe("Jiangnan Demo New Materials Technology Co., Ltd.");
    for (const line of zh) expect(textWidth(line, 22, 700)).toBeLessThanOrEqual(200);
    for (const line of en) expect(textWidth(line, 20)).toBeLessThanOrEqual(220);
    expect(en.every((l) => !l.startsWith(" ") && !l.endsWith(" "))).toBe(true);
  });

  it("keeps at most maxLines, the last one ending in an ellipsis", () => {
    const latin = wrapText("Jiangnan Demo New Materials Technology Co., Ltd.", 30, 372, 2, 700);
    expect(latin[0]).toBe("Jiangnan Demo New");
    // the space between the words is kept before the cut
    expect(latin[1]).toMatch(/^Materials Technology( C[^…]*)?…$/);
    const lines = wrapText("禾丰示例市：概念验证中心打通科技成果转化“最初一公里”的实践与探索（示例）", 22, 300, 2, 700);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith("…")).toBe(true);
    expect(textWidth(lines[1]!, 22, 700)).toBeLessThanOrEqual(300);
  });
});

describe("entryFigures", () => {
  const entry = (id: number, rank: number, votes: number, extra: Partial<PublicEntry> = {}): PublicEntry => ({
    id,
    slug: `e${id}`,
    name: `示例${id}`,
    kind: "enterprise",
    url: "/",
    rank,
    votes,
    ...extra,
  });
  const board = (entries: PublicEntry[], over: Partial<LeaderboardView> = {}): LeaderboardView => ({
    campaign: "c",
    list: "l",
    title: "t",
    ranking: "ranked",
    state: "open",
    generatedAt: "2024-10-10T04:00:00.000Z",
    orderedBy: "votes",
    entries,
    ...over,
  });

  it("says nothing while nobody has voted on a list ordered by votes, nor ever on an unranked list", () => {
    const none = [entry(1, 1, 0), entry(2, 1, 0)];
    expect(entryFigures(board(none), none[0]!, "zh")).toBeUndefined();
    const some = [entry(1, 1, 4), entry(2, 2, 0)];
    const { rank: _r, votes: _v, ...bare } = some[0]!;
    expect(entryFigures(board([bare], { ranking: "unranked", orderedBy: undefined }), bare, "zh")).toBeUndefined();
  });

  it("places with 并列 where shared, a medal only for the top three with votes, the score once revealed", () => {
    const list = [entry(1, 1, 5), entry(2, 2, 3), entry(3, 2, 3), entry(4, 4, 0), entry(5, 4, 0)];
    const b = board(list);
    expect(entryFigures(b, list[0]!, "zh")).toEqual({ place: "第 1 名", medal: 1, figures: "5 票" });
    expect(entryFigures(b, list[1]!, "zh")).toEqual({ place: "并列第 2 名", medal: 2, figures: "3 票" });
    expect(entryFigures(b, list[3]!, "en")).toEqual({ place: "Joint No. 4", medal: undefined, figures: "0 votes" });
    const scored = [entry(1, 1, 0, { score: { total: 87.456, dimensions: {}, components: {} } })];
    expect(entryFigures(board(scored, { orderedBy: "total" }), scored[0]!, "zh")).toEqual({
      place: "第 1 名",
      medal: 1,
      figures: "87.46 分 · 0 票",
    });
  });
});
