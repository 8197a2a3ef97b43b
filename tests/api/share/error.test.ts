/** Bad requests for the share images: the contract's error shape with a Chinese message, and nothing else changes. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entryIds, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let entry: number;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, testCampaign());
  entry = entryIds(server, "test-2024", "ranked")[0]!;
});
afterAll(async () => server?.close());

function expectError(res: { status: number; body: any; headers: Headers }, status: number, code: string, path: string) {
  expect(res.status, path).toBe(status);
  expect(res.headers.get("content-type"), path).toMatch(/^application\/json/);
  expect(Object.keys(res.body), path).toEqual(["error"]);
  expect(res.body.error.code, path).toBe(code);
  expect(res.body.error.message, path).toMatch(/[\u4e00-\u9fff]/);
}

describe("unknown entries and lists", () => {
  it("answer 404 not_found for any id that is not an entry, on the poster and the card", async () => {
    for (const id of ["999999", "0", "-1", "abc", "1.5", "1e3", "9007199254740993", "%00", "١"]) {
      for (const kind of ["poster", "card"]) {
        const path = `/api/entries/${id}/${kind}.png`;
        expectError(await server.json(path), 404, "not_found", path);
      }
    }
    const en = await server.json("/api/entries/999999/poster.png", { headers: { "accept-language": "en" } });
    expect(en.body.error).toEqual({ code: "not_found", message: "No such entry" });
  });

  it("answer 404 for an unknown campaign or list, on the card and the portrait", async () => {
    for (const path of [
      "/api/campaigns/nope/lists/ranked/card.png",
      "/api/campaigns/test-2024/lists/nope/card.png",
      "/api/campaigns/test-2024/lists/nope/leaderboard.png?layout=portrait",
    ]) {
      expectError(await server.json(path), 404, "not_found", path);
    }
  });
});

describe("options", () => {
  it("refuse a bad lang, layout, limit or a dark portrait with 400 invalid_request", async () => {
    for (const path of [
      `/api/entries/${entry}/poster.png?lang=fr`,
      `/api/entries/${entry}/poster.png?lang=`,
      `/api/entries/${entry}/card.png?lang=EN`,
      "/api/campaigns/test-2024/lists/ranked/card.png?lang=jp",
      "/api/campaigns/test-2024/lists/ranked/leaderboard.png?layout=square",
      "/api/campaigns/test-2024/lists/ranked/leaderboard.png?layout=",
      "/api/campaigns/test-2024/lists/ranked/leaderboard.png?layout=portrait&limit=51",
      "/api/campaigns/test-2024/lists/ranked/leaderboard.png?layout=portrait&lang=fr",
      "/api/campaigns/test-2024/lists/ranked/leaderboard.png?layout=portrait&theme=dark",
    ]) {
      expectError(await server.json(path), 400, "invalid_request", path);
    }
    const en = await server.json("/api/campaigns/test-2024/lists/ranked/leaderboard.png?layout=tall", {
      headers: { "accept-language": "en" },
    });
    expect(en.body.error).toEqual({ code: "invalid_request", message: "layout must be landscape or portrait" });
  });

  it("refuse other methods with the API's 405, and keep serving the images after all of the above", async () => {
    const post = await server.json(`/api/entries/${entry}/poster.png`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.body.error.code).toBe("method_not_allowed");
    const ok = await server.get(`/api/entries/${entry}/poster.png`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("image/png");
  });
});
