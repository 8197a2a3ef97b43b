/**
 * Feeds for newsrooms: the SVG and PNG of a list's top N and oEmbed, as a newsroom's CMS or a
 * social-media card would fetch them: CORS, ETag with 304, short cache life, figures from the
 * leaderboard view, unranked lists without rank or votes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imageHeight } from "../../../api/embeds/image.ts";
import { entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, Voter, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let ranked: number[];

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, testCampaign());
  ranked = entryIds(server, "test-2024", "ranked");
  const a = new Voter(server);
  const b = new Voter(server);
  await a.vote(ranked[2]);
  await b.vote(ranked[2]);
  await b.vote(ranked[0]);
  clock.advance(3000);
});
afterAll(async () => server?.close());

const svgPath = (list: string, q = "") => `/api/campaigns/test-2024/lists/${list}/leaderboard.svg${q}`;
const pngPath = (list: string, q = "") => `/api/campaigns/test-2024/lists/${list}/leaderboard.png${q}`;
const descOf = (svg: string) => /<desc id="d">([\s\S]*?)<\/desc>/.exec(svg)![1]!.split("\n");

function expectPublicHeaders(headers: Headers) {
  expect(headers.get("access-control-allow-origin")).toBe("*");
  expect(headers.get("cache-control")).toMatch(/max-age=\d+/);
  expect(headers.get("cache-control")).toMatch(/stale-while-revalidate=\d+/);
  expect(headers.get("etag")).toMatch(/^W\/".+"$/);
}

describe("GET …/leaderboard.svg", () => {
  it("draws the top N in rank order with the vote counts, the as-of time and the list's title", async () => {
    const res = await server.get(svgPath("ranked", "?limit=3"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expectPublicHeaders(res.headers);
    // fetch asks for gzip (and br, depending on the Node version): the outlines compress well
    expect(res.headers.get("content-encoding")).toMatch(/^(?:br|gzip)$/);
    const svg = await res.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" [^>]*width="640" height="(\d+)"/);
    expect(svg).toContain(`height="${imageHeight(3)}"`);
    expect(svg).toContain('<title id="t">高科技标杆 · 测试活动</title>');
    const desc = descOf(svg);
    expect(desc[0]).toBe("投票进行中 · 前 3 名（共 5 个）");
    expect(desc[1]).toBe("1. 丙示例科技有限公司 — 2 票");
    expect(desc[2]).toBe("2. 甲示例科技有限公司 — 1 票");
    // the three entries without a vote share 3rd place (tests/api/embeds/places.test.ts)
    expect(desc[3]).toMatch(/^并列第 3 名 .+ — 0 票$/);
    expect(desc[4]).toBe("数据截至 2024年10月10日 12:00（北京时间）");
    // no <text>: every word is drawn as outlines, so no reader's font is needed
    expect(svg).not.toMatch(/<text/);
    // each distinct glyph defined once, placed wherever it appears
    const defined = (svg.match(/<path id="g\d+"/g) ?? []).length;
    expect(defined).toBeGreaterThan(10);
    expect((svg.match(/<use /g) ?? []).length).toBeGreaterThan(defined);
  });

  it("answers 304 to its ETag, and a new image once a vote moved the figures", async () => {
    const first = await server.get(svgPath("ranked"));
    const etag = first.headers.get("etag")!;
    const again = await server.get(svgPath("ranked"), { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("access-control-allow-origin")).toBe("*");
    // other options are another image with another tag
    const dark = await server.get(svgPath("ranked", "?theme=dark"), { headers: { "if-none-match": etag } });
    expect(dark.status).toBe(200);
    expect(dark.headers.get("etag")).not.toBe(etag);
    expect(await dark.text()).toContain('fill="#1c1917"');

    expect((await new Voter(server).vote(ranked[4])).status).toBe(201);
    const moved = await server.get(svgPath("ranked"), { headers: { "if-none-match": etag } });
    expect(moved.status).toBe(200);
    expect(moved.headers.get("etag")).not.toBe(etag);
    // 甲 and the entry just voted for hold one vote each: both 2nd
    expect(descOf(await moved.text())).toContain("并列第 2 名 甲示例科技有限公司 — 1 票");
  });

  it("speaks English with lang=en", async () => {
    const svg = await (await server.get(svgPath("ranked", "?lang=en&limit=1"))).text();
    const desc = descOf(svg);
    expect(desc[0]).toBe("Voting open · Top 1 of 5");
    expect(desc[1]).toBe("1. 丙示例科技有限公司 — 2 votes");
    expect(desc[2]).toBe("As of 10 Oct 2024, 12:00 (Beijing time)");
  });

  it("draws an unranked list as names in pinyin order, without rank or votes", async () => {
    const res = await server.get(svgPath("unranked"));
    expect(res.status).toBe(200);
    const desc = descOf(await res.text());
    expect(desc).toEqual([
      "投票进行中 · 按名称拼音排序，排列不分先后",
      "安徽示例园区",
      "北京示例园区",
      "张家示例园区",
      expect.stringMatching(/^数据截至/),
    ]);
  });
});

describe("GET …/leaderboard.png", () => {
  it("is the same image as a PNG at twice the size, with its own ETag and 304", async () => {
    const res = await server.get(pngPath("ranked", "?limit=2"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expectPublicHeaders(res.headers);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(bytes.readUInt32BE(16)).toBe(1280);
    expect(bytes.readUInt32BE(20)).toBe(imageHeight(2) * 2);
    const etag = res.headers.get("etag")!;
    const svgTag = (await server.get(svgPath("ranked", "?limit=2"))).headers.get("etag");
    expect(etag).not.toBe(svgTag);
    const again = await server.get(pngPath("ranked", "?limit=2"), { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
  });
});

describe("GET /api/oembed", () => {
  const oembed = (url: string, extra = "") => server.json(`/api/oembed?url=${encodeURIComponent(url)}${extra}`);

  it("answers a list page's URL with a rich iframe that embed.js sizes", async () => {
    const res = await oembed(`${server.url}/test-2024/ranked/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("etag")).toBeTruthy();
    expect(res.body).toMatchObject({
      version: "1.0",
      type: "rich",
      title: "高科技标杆 · 测试活动",
      provider_name: "榜单 bangdan",
      provider_url: `${server.url}/`,
      cache_age: expect.any(Number),
      width: 640,
      height: expect.any(Number),
      thumbnail_url: `${server.url}/api/campaigns/test-2024/lists/ranked/leaderboard.png?limit=5&lang=zh`,
      thumbnail_width: 1280,
      thumbnail_height: imageHeight(5) * 2,
    });
    expect(res.body.html).toContain(`<iframe src="${server.url}/embed/test-2024/ranked/"`);
    expect(res.body.html).toContain("data-bangdan-embed");
    expect(res.body.html).toContain(`<script async src="${server.url}/embed.js"></script>`);
    expect(res.body.html).toContain(`height="${res.body.height}"`);
    // the thumbnail it names is there
    const thumb = await fetch(res.body.thumbnail_url);
    expect(thumb.status).toBe(200);
    expect(Buffer.from(await thumb.arrayBuffer()).readUInt32BE(20)).toBe(res.body.thumbnail_height);
  });

  it("keeps an embed URL's options and language, and honours maxwidth and maxheight", async () => {
    const res = await oembed(
      `${server.url}/en/embed/test-2024/ranked/?limit=3&theme=dark&utm_source=x`,
      "&maxwidth=320&maxheight=200&format=json",
    );
    expect(res.status).toBe(200);
    expect(res.body.width).toBe(320);
    expect(res.body.height).toBeLessThanOrEqual(200);
    expect(res.body.title).toBe("高科技标杆 · Test campaign");
    expect(res.body.provider_name).toBe("bangdan");
    expect(res.body.html).toContain(`src="${server.url}/en/embed/test-2024/ranked/?limit=3&amp;theme=dark"`);
    expect(res.body.html).toContain("max-width:320px");
    // a thumbnail larger than allowed is left out
    expect(res.body.thumbnail_url).toBeUndefined();
    const viaLang = await oembed(`${server.url}/test-2024/ranked/?lang=en`);
    expect(viaLang.body.html).toContain("/en/embed/test-2024/ranked/");
  });

  it("embeds an unranked list too", async () => {
    const res = await oembed(`${server.url}/test-2024/unranked/`);
    expect(res.status).toBe(200);
    expect(res.body.title).toBe("示范基地 · 测试活动");
    expect(res.body.html).toContain("/embed/test-2024/unranked/");
  });
});
