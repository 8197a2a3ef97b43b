/**
 * Places in the leaderboard image follow common/ranks.ts: a vote-ordered list nobody has voted on
 * yet shows no rank at all and says 暂无投票 (not twelve 第 1 名); once votes tie, the shared ranks
 * read as 并列. The JSON and CSV feeds keep `rank` for every entry, as the contract says.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entryIds } from "../../helpers/seed.ts";
import { startTestServer, Voter, type TestServer } from "../../helpers/server.ts";

let server: TestServer;
const base = "/api/campaigns/cinn-2024/lists/high-tech";
const descOf = (svg: string) => /<desc id="d">([\s\S]*?)<\/desc>/.exec(svg)![1]!.split("\n");
const svgOf = async (q = "") => (await server.get(`${base}/leaderboard.svg${q}`)).text();

beforeAll(async () => {
  // the demo as it starts: cinn-2024's lists open for voting, no vote cast
  server = await startTestServer();
});
afterAll(async () => server?.close());

describe("a ranked list nobody has voted on yet", () => {
  it("keeps rank for every entry in the JSON and the CSV", async () => {
    const board = await server.json(`${base}/leaderboard`);
    expect(board.status).toBe(200);
    expect(board.body.orderedBy).toBe("votes");
    expect(board.body.entries.length).toBeGreaterThan(2);
    for (const e of board.body.entries) expect(e).toMatchObject({ rank: 1, votes: 0 });
    const csv = await (await server.get(`${base}/leaderboard.csv`)).text();
    const rows = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(rows[0]!.startsWith("rank,")).toBe(true);
    expect(rows.slice(1).every((r) => r.startsWith("1,"))).toBe(true);
  });

  it("draws no rank figures and says 暂无投票 in the image and its text alternative", async () => {
    const svg = await svgOf("?limit=5");
    const desc = descOf(svg);
    expect(desc[0]).toBe("投票进行中 · 暂无投票 · 列出 5 个（共 12 个）");
    for (const line of desc.slice(1, 6)) expect(line).toMatch(/^[^\d第并].+ — 0 票$/);
    expect(svg).not.toContain("第 1 名");
    const en = descOf(await svgOf("?limit=5&lang=en"));
    expect(en[0]).toBe("Voting open · No votes yet · 5 of 12 entries");
  });
});

describe("the same list once votes tie", () => {
  it("marks shared ranks 并列 in the image, and the JSON still ranks every entry", async () => {
    const ids = entryIds(server, "cinn-2024", "high-tech");
    // two entries with one vote each: both 1st; the other ten share 3rd
    expect((await new Voter(server).vote(ids[0])).status).toBe(201);
    expect((await new Voter(server).vote(ids[1])).status).toBe(201);
    await expect
      .poll(async () => descOf(await svgOf("?limit=3"))[0], { timeout: 10_000, interval: 250 })
      .toBe("投票进行中 · 前 3 名（共 12 个）");
    const svg = await svgOf("?limit=3");
    expect(descOf(svg).slice(1, 4)).toEqual([
      expect.stringMatching(/^并列第 1 名 .+ — 1 票$/),
      expect.stringMatching(/^并列第 1 名 .+ — 1 票$/),
      expect.stringMatching(/^并列第 3 名 .+ — 0 票$/),
    ]);
    expect(descOf(await svgOf("?limit=3&lang=en"))[1]).toMatch(/^Joint No\. 1 .+ — 1 vote$/);
    const board = await server.json(`${base}/leaderboard`);
    expect(board.body.entries.map((e: { rank: number }) => e.rank)).toEqual([1, 1, ...Array(10).fill(3)]);
  });

  it("shows places without a tie mark where no one shares them", async () => {
    const ids = entryIds(server, "cinn-2024", "high-tech");
    const board = await server.json(`${base}/leaderboard`);
    const second = board.body.entries[1].id as number;
    expect(ids).toContain(second);
    expect((await new Voter(server).vote(second)).status).toBe(201);
    await expect
      .poll(async () => descOf(await svgOf("?limit=3")).slice(1, 3), { timeout: 10_000, interval: 250 })
      .toEqual([expect.stringMatching(/^1\. .+ — 2 票$/), expect.stringMatching(/^2\. .+ — 1 票$/)]);
  });
});
