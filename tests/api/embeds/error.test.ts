/** Bad input to the feeds and oEmbed: a clear error in the contract's shape, nothing else. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, testCampaign());
});
afterAll(async () => server?.close());

describe("image options", () => {
  it("refuses a bad limit, theme or lang with 400 invalid_request", async () => {
    for (const ext of ["svg", "png"]) {
      for (const q of ["limit=0", "limit=51", "limit=abc", "limit=1.5", "limit=-1", "theme=purple", "lang=fr", "lang="]) {
        const res = await server.json(`/api/campaigns/test-2024/lists/ranked/leaderboard.${ext}?${q}`);
        expect(res.status, `${ext} ${q}`).toBe(400);
        expect(res.body.error.code).toBe("invalid_request");
        expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    const en = await server.json("/api/campaigns/test-2024/lists/ranked/leaderboard.svg?limit=99", {
      headers: { "accept-language": "en" },
    });
    expect(en.body.error).toEqual({ code: "invalid_request", message: "limit must be a whole number from 1 to 50" });
  });

  it("answers 404 not_found for an unknown campaign or list", async () => {
    for (const path of ["/api/campaigns/nope/lists/ranked/leaderboard.svg", "/api/campaigns/test-2024/lists/nope/leaderboard.png"]) {
      const res = await server.json(path);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
  });
});

describe("GET /api/oembed validation", () => {
  const ask = (query: string, headers: Record<string, string> = {}) => server.json(`/api/oembed${query}`, { headers });

  it("400 without a url, or with one that is not a URL", async () => {
    expect((await ask("")).body.error.code).toBe("invalid_request");
    expect((await ask("?url=")).status).toBe(400);
    const bad = await ask(`?url=${encodeURIComponent("http://[::1")}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_request");
  });

  it("404 for URLs that are not this site's list or embed pages", async () => {
    const foreign = [
      "https://example.com/test-2024/ranked/",
      `${server.url.replace("127.0.0.1", "localhost")}/test-2024/ranked/`,
      `${server.url.replace("http:", "https:")}/test-2024/ranked/`,
      "javascript:alert(1)//test-2024/ranked/",
      "//evil.example/test-2024/ranked/",
    ];
    for (const url of foreign) {
      const res = await ask(`?url=${encodeURIComponent(url)}`, { "accept-language": "en" });
      expect(res.status, url).toBe(404);
      expect(res.body.error).toEqual({ code: "not_found", message: "Only this site's list pages can be embedded" });
    }
    const notAList = [
      "/",
      "/test-2024/",
      "/test-2024/nope/",
      "/nope/ranked/",
      "/test-2024/ranked/e1/",
      "/api/campaigns/test-2024/lists/ranked/leaderboard",
      "/test-2024/ranked/%ZZ/",
    ];
    for (const path of notAList) {
      const res = await ask(`?url=${encodeURIComponent(server.url + path)}`);
      expect(res.status, path).toBe(404);
      expect(res.body.error.code).toBe("not_found");
      expect(res.body.error.message).toBe("该网址不是本站的榜单页面");
    }
  });

  it("501 for a format other than json, 400 for a bad maxwidth or maxheight", async () => {
    const url = encodeURIComponent(`${server.url}/test-2024/ranked/`);
    const xml = await ask(`?url=${url}&format=xml`);
    expect(xml.status).toBe(501);
    expect(xml.body.error.code).toBe("not_implemented");
    for (const q of ["maxwidth=0", "maxwidth=abc", "maxheight=-5", "maxheight=1e3"]) {
      const res = await ask(`?url=${url}&${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
    }
  });

  it("changes nothing and keeps serving after bad requests", async () => {
    const ok = await ask(`?url=${encodeURIComponent(`${server.url}/test-2024/ranked/`)}`);
    expect(ok.status).toBe(200);
    expect((await server.json("/api/health")).body).toEqual({ ok: true, database: "up", writer: "up" });
  });
});
