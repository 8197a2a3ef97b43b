/**
 * What embeds may and may not reveal or allow: API answers are never framable; oEmbed refuses every
 * origin but PUBLIC_ORIGIN when it is set (also the one the request came to); unranked lists show
 * no rank, votes or score in any feed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, Voter, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false, env: { PUBLIC_ORIGIN: "https://vote.example.cn" } });
  await seedCampaign(server, testCampaign());
  const unranked = entryIds(server, "test-2024", "unranked");
  // votes on the unranked list exist, and must show nowhere
  expect((await new Voter(server).vote(unranked[2])).status).toBe(201);
  expect((await new Voter(server).vote(unranked[2])).status).toBe(201);
  clock.advance(3000);
});
afterAll(async () => server?.close());

describe("framing", () => {
  it("no API answer may be framed: feeds, oEmbed, errors", async () => {
    for (const path of [
      "/api/health",
      "/api/campaigns/test-2024/lists/ranked/leaderboard",
      "/api/campaigns/test-2024/lists/ranked/leaderboard.svg",
      "/api/oembed?url=x",
      "/api/no-such-thing",
    ]) {
      const res = await server.get(path);
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("content-security-policy"), path).toBe("frame-ancestors 'none'");
    }
  });
});

describe("oEmbed with PUBLIC_ORIGIN", () => {
  it("answers for PUBLIC_ORIGIN's URLs with PUBLIC_ORIGIN in the snippet", async () => {
    const res = await server.json(`/api/oembed?url=${encodeURIComponent("https://vote.example.cn/test-2024/ranked/")}`);
    expect(res.status).toBe(200);
    expect(res.body.html).toContain('<iframe src="https://vote.example.cn/embed/test-2024/ranked/"');
    expect(res.body.provider_url).toBe("https://vote.example.cn/");
  });

  it("gives the static build the public origin for its snippets and discovery links", async () => {
    expect((await server.site.snapshot()).publicOrigin).toBe("https://vote.example.cn");
  });

  it("refuses the address the request came to when it is not the public origin", async () => {
    const res = await server.json(`/api/oembed?url=${encodeURIComponent(`${server.url}/test-2024/ranked/`)}`);
    expect(res.status).toBe(404);
    const lookalike = await server.json(`/api/oembed?url=${encodeURIComponent("https://vote.example.cn.evil.example/test-2024/ranked/")}`);
    expect(lookalike.status).toBe(404);
  });

  it("escapes what it puts into the iframe snippet", async () => {
    const res = await server.json(
      `/api/oembed?url=${encodeURIComponent('https://vote.example.cn/embed/test-2024/ranked/?theme="><script>alert(1)</script>')}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.html).not.toContain("<script>alert");
    expect(res.body.html.match(/<script/g)).toHaveLength(1);
  });
});

describe("unranked lists stay unranked in every feed", () => {
  it("the SVG, the JSON and the PNG carry no rank, votes or score", async () => {
    const svg = await (await server.get("/api/campaigns/test-2024/lists/unranked/leaderboard.svg")).text();
    const desc = /<desc id="d">([\s\S]*?)<\/desc>/.exec(svg)![1]!;
    expect(desc).not.toMatch(/\d+\s*票|第\s*\d+\s*名|^\d+\./m);
    expect(desc.split("\n").slice(1, 4)).toEqual(["安徽示例园区", "北京示例园区", "张家示例园区"]);
    const en = await (await server.get("/api/campaigns/test-2024/lists/unranked/leaderboard.svg?lang=en")).text();
    expect(/<desc id="d">([\s\S]*?)<\/desc>/.exec(en)![1]).not.toMatch(/\d+ votes?|No\. \d|^\d+\./m);
    const json = await server.json("/api/campaigns/test-2024/lists/unranked/leaderboard");
    expect(JSON.stringify(json.body)).not.toMatch(/"(rank|votes|score)"/);
    const png = await server.get("/api/campaigns/test-2024/lists/unranked/leaderboard.png");
    expect(png.status).toBe(200);
  });
});
