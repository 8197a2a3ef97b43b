/**
 * Share images as a voter, a newsroom and a chat app's link preview see them (issue 14): the
 * poster's and the portrait leaderboard's QR codes read back to the pages' addresses, sizes as the
 * PNG header states them, what each variant says (ranked, no vote yet, unranked, closed, English),
 * ETag/304 per leaderboard view, and the landscape leaderboard image unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imageHeight } from "../../../api/embeds/image.ts";
import { entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, Voter, type TestServer } from "../../helpers/server.ts";
import { descOf, drawnEntry, drawnList, fetchPng, pngSize, readQr } from "../../helpers/share.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let ranked: number[];
let unranked: number[];

/** The test campaign with an organizer and a logo (a demo file on this site) on the first entry. */
function campaign() {
  const c = testCampaign() as ReturnType<typeof testCampaign> & { organizer?: unknown };
  c.organizer = { zh: "测试报社", en: "Test Daily" };
  (c.lists[0]!.entries[0] as Record<string, unknown>).logo = { src: "/demo/cinn-2024/jiangnan-materials.svg" };
  (c.lists[0]!.entries[0] as Record<string, unknown>).name = { zh: "甲示例科技有限公司", en: "Jia Demo Tech Co." };
  return c;
}

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, campaign());
  ranked = entryIds(server, "test-2024", "ranked");
  unranked = entryIds(server, "test-2024", "unranked");
});
afterAll(async () => server?.close());

const poster = (id: number, q = "") => `/api/entries/${id}/poster.png${q}`;
const entryPage = (slug: string, lang: "zh" | "en" = "zh") => `${server.url}${lang === "en" ? "/en" : ""}/test-2024/ranked/${slug}/`;

function expectPublicPng(res: Response) {
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("image/png");
  expect(res.headers.get("access-control-allow-origin")).toBe("*");
  expect(res.headers.get("cache-control")).toMatch(/max-age=\d+/);
  expect(res.headers.get("etag")).toMatch(/^W\/"png-.+"$/);
}

describe("GET /api/entries/{id}/poster.png", () => {
  it("before any vote: a portrait 750 px wide with the entry page's QR code, and no place for anyone (暂无投票)", async () => {
    const { res, bytes } = await fetchPng(server, poster(ranked[0]!));
    expectPublicPng(res);
    const { width, height } = pngSize(bytes);
    expect(width).toBe(750);
    expect(height).toBeGreaterThan(width);
    expect(await readQr(bytes)).toBe(entryPage("e1"));

    const drawn = await drawnEntry(server, ranked[0]!, "zh", "poster", entryPage("e1"));
    expect(Buffer.from(bytes).equals(Buffer.from(drawn.png))).toBe(true);
    const desc = descOf(drawn.svg);
    expect(desc).toContain("暂无投票");
    expect(desc.join("\n")).not.toMatch(/第 \d+ 名|\d 票/);
    // the logo is carried in the image, the organizer named, the call to action beside the code
    expect(drawn.svg).toMatch(/<image [^>]*xlink:href="data:image\/png;base64,/);
    expect(desc).toContain("主办：测试报社");
    expect(desc).toContain(`长按识别二维码 · 为TA投票 · ${entryPage("e1")}`);
  });

  it("once voted: rank and votes as of now with the time, the 304 to its tag, a new image when the figures move", async () => {
    const a = new Voter(server);
    const b = new Voter(server);
    expect((await a.vote(ranked[2])).status).toBe(201);
    expect((await b.vote(ranked[2])).status).toBe(201);
    expect((await b.vote(ranked[0])).status).toBe(201);
    clock.advance(3000);

    const { res, bytes } = await fetchPng(server, poster(ranked[2]!));
    expectPublicPng(res);
    expect(await readQr(bytes)).toBe(entryPage("e3"));
    const drawn = await drawnEntry(server, ranked[2]!, "zh", "poster", entryPage("e3"));
    expect(Buffer.from(bytes).equals(Buffer.from(drawn.png))).toBe(true);
    const desc = descOf(drawn.svg);
    expect(desc).toContain("第 1 名 · 2 票");
    expect(desc).toContain("数据截至 2024年10月10日 12:00（北京时间）");
    // the poster has no picture for this entry: the monogram, no <image>
    expect(drawn.svg).not.toContain("<image");

    const etag = res.headers.get("etag")!;
    const again = await server.get(poster(ranked[2]!), { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    expect(again.headers.get("etag")).toBe(etag);

    // the two entries without a vote share 3rd place: 并列
    const tied = descOf((await drawnEntry(server, ranked[3]!, "zh", "poster", entryPage("e4"))).svg);
    expect(tied).toContain("并列第 3 名 · 0 票");

    expect((await new Voter(server).vote(ranked[2])).status).toBe(201);
    clock.advance(3000);
    const moved = await server.get(poster(ranked[2]!), { headers: { "if-none-match": etag } });
    expect(moved.status).toBe(200);
    expect(moved.headers.get("etag")).not.toBe(etag);
  });

  it("speaks English with ?lang=en, its QR code the English page", async () => {
    const { res, bytes } = await fetchPng(server, poster(ranked[0]!, "?lang=en"));
    expectPublicPng(res);
    expect(pngSize(bytes).width).toBe(750);
    expect(await readQr(bytes)).toBe(entryPage("e1", "en"));
    const desc = descOf((await drawnEntry(server, ranked[0]!, "en", "poster", entryPage("e1", "en"))).svg);
    expect(desc).toContain("Jia Demo Tech Co.");
    expect(desc).toContain("No. 2 · 1 vote");
    expect(desc).toContain("Organized by Test Daily");
    expect(desc).toContain(`Scan the QR code · Vote for this entry · ${entryPage("e1", "en")}`);
    expect(desc).toContain("Voting open");
  });

  it("on an unranked list: no rank, votes or score, whatever the votes", async () => {
    expect((await new Voter(server).vote(unranked[0])).status).toBe(201);
    const { res, bytes } = await fetchPng(server, poster(unranked[0]!));
    expectPublicPng(res);
    const slug = server.deps.catalog.current.entry(unranked[0]!)!.slug;
    expect(await readQr(bytes)).toBe(`${server.url}/test-2024/unranked/${slug}/`);
    const drawn = await drawnEntry(server, unranked[0]!, "zh", "poster", `${server.url}/test-2024/unranked/${slug}/`);
    expect(Buffer.from(bytes).equals(Buffer.from(drawn.png))).toBe(true);
    const text = descOf(drawn.svg).join("\n");
    expect(text).toContain("入围对象");
    expect(text).not.toMatch(/第 \d+ 名|\d+ 票|\d 分|暂无投票/);
  });
});

describe("a list not open yet", () => {
  it("the poster says when voting opens, without a call to vote", async () => {
    const id = entryIds(server, "test-2024", "later")[0]!;
    const { res, bytes } = await fetchPng(server, poster(id));
    expectPublicPng(res);
    expect(await readQr(bytes)).toBe(`${server.url}/test-2024/later/l1/`);
    const drawn = await drawnEntry(server, id, "zh", "poster", `${server.url}/test-2024/later/l1/`);
    expect(Buffer.from(bytes).equals(Buffer.from(drawn.png))).toBe(true);
    const desc = descOf(drawn.svg);
    expect(desc).toContain("投票未开始");
    expect(desc).toContain("2030年1月1日 00:00（北京时间）开始投票");
    expect(desc.join("\n")).not.toContain("为TA投票");
  });
});

describe("share cards", () => {
  it("an entry's and a list's card are 1200 × 630 PNGs with their own 304", async () => {
    for (const path of [
      `/api/entries/${ranked[2]}/card.png`,
      "/api/campaigns/test-2024/lists/ranked/card.png",
      "/api/campaigns/test-2024/lists/unranked/card.png?lang=en",
    ]) {
      const { res, bytes } = await fetchPng(server, path);
      expectPublicPng(res);
      expect(pngSize(bytes), path).toEqual({ width: 1200, height: 630 });
      const again = await server.get(path, { headers: { "if-none-match": res.headers.get("etag")! } });
      expect(again.status, path).toBe(304);
    }
    const entryCard = await drawnEntry(server, ranked[2]!, "zh", "card");
    expect(descOf(entryCard.svg)).toContain("第 1 名 · 3 票");
    const listCard = descOf((await drawnList(server, "test-2024", "ranked", "zh")).svg);
    expect(listCard).toContain("第 1 名 丙示例科技有限公司 — 3 票");
    const unrankedCard = descOf((await drawnList(server, "test-2024", "unranked", "zh")).svg).join("\n");
    expect(unrankedCard).toContain("按名称拼音排序，排列不分先后");
    expect(unrankedCard).not.toMatch(/\d+ 票|第 \d+ 名/);
  });
});

describe("GET …/leaderboard.png?layout=portrait", () => {
  const path = (q: string) => `/api/campaigns/test-2024/lists/ranked/leaderboard.png${q}`;

  it("is 750 px wide and taller than wide, with the list page's QR code and the as-of line", async () => {
    const { res, bytes } = await fetchPng(server, path("?layout=portrait"));
    expectPublicPng(res);
    const { width, height } = pngSize(bytes);
    expect(width).toBe(750);
    expect(height).toBeGreaterThan(width);
    expect(await readQr(bytes)).toBe(`${server.url}/test-2024/ranked/`);
    const drawn = await drawnList(server, "test-2024", "ranked", "zh", { limit: 10, url: `${server.url}/test-2024/ranked/` });
    expect(Buffer.from(bytes).equals(Buffer.from(drawn.png))).toBe(true);
    const desc = descOf(drawn.svg);
    expect(desc).toContain("1. 丙示例科技有限公司 — 3 票");
    expect(desc.some((l) => l.startsWith("数据截至 2024年10月10日"))).toBe(true);
    expect(await server.get(path("?layout=portrait"), { headers: { "if-none-match": res.headers.get("etag")! } })).toHaveProperty(
      "status",
      304,
    );

    // one row is still a portrait; English reads back to the English list page
    const en = await fetchPng(server, path("?layout=portrait&limit=1&lang=en"));
    expect(pngSize(en.bytes).height).toBeGreaterThan(750);
    expect(await readQr(en.bytes)).toBe(`${server.url}/en/test-2024/ranked/`);
  });

  it("leaves the landscape image as it was: the same bytes without layout and with layout=landscape", async () => {
    const plain = await fetchPng(server, path("?limit=2"));
    const landscape = await fetchPng(server, path("?limit=2&layout=landscape"));
    expect(pngSize(plain.bytes)).toEqual({ width: 1280, height: imageHeight(2) * 2 });
    expect(Buffer.from(landscape.bytes).equals(Buffer.from(plain.bytes))).toBe(true);
    expect(landscape.res.headers.get("etag")).toBe(plain.res.headers.get("etag"));
    expect(await readQr(plain.bytes)).toBeUndefined();
  });
});

describe("after the vote closes", () => {
  it("the poster says the vote has ended and still reads back to the entry page", async () => {
    clock.set(Date.parse("2024-11-01T09:00:00+08:00"));
    const { res, bytes } = await fetchPng(server, poster(ranked[2]!));
    expectPublicPng(res);
    expect(await readQr(bytes)).toBe(entryPage("e3"));
    const drawn = await drawnEntry(server, ranked[2]!, "zh", "poster", entryPage("e3"));
    expect(Buffer.from(bytes).equals(Buffer.from(drawn.png))).toBe(true);
    const desc = descOf(drawn.svg);
    expect(desc).toContain("投票已截止");
    expect(desc.some((l) => l.startsWith("投票已结束 · "))).toBe(true);
    expect(desc.join("\n")).not.toContain("为TA投票");
    const portrait = descOf((await drawnList(server, "test-2024", "ranked", "zh", { limit: 10, url: "x" })).svg);
    expect(portrait[2]).toMatch(/^投票已截止/);
    expect(portrait.some((l) => l.startsWith("投票已结束 · "))).toBe(true);
  });
});

describe("with PUBLIC_ORIGIN", () => {
  it("the QR codes carry the public address, not the request's", async () => {
    const other = await startTestServer({ clock, seedDemo: false, env: { PUBLIC_ORIGIN: "https://bangdan.example" } });
    try {
      await seedCampaign(other, campaign());
      const id = entryIds(other, "test-2024", "ranked")[1]!;
      expect(await readQr((await fetchPng(other, `/api/entries/${id}/poster.png`)).bytes)).toBe(
        "https://bangdan.example/test-2024/ranked/e2/",
      );
      expect(await readQr((await fetchPng(other, `/api/entries/${id}/poster.png?lang=en`)).bytes)).toBe(
        "https://bangdan.example/en/test-2024/ranked/e2/",
      );
      const portrait = await fetchPng(other, "/api/campaigns/test-2024/lists/unranked/leaderboard.png?layout=portrait");
      expect(await readQr(portrait.bytes)).toBe("https://bangdan.example/test-2024/unranked/");
    } finally {
      await other.close();
    }
  });
});
