/** Who may import and read scores, and that hidden scores never leak to a public surface. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminSecurityCases } from "../../helpers/admin-security.ts";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { postScores, SCORED, scoredCampaign, scoresCsv } from "../../helpers/scores.ts";
import { ManualClock, startTestServer, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-11-10T12:00:00+08:00")); // every list's voting has closed
let server: TestServer;
let organizer: string;
let auditor: string;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, scoredCampaign({ stage: "published" }));
  organizer = await adminToken(server, "organizer");
  auditor = await adminToken(server, "auditor");
});
afterAll(async () => server?.close());

const cellsImported = async () => {
  const body = (await server.json(`/api/admin/campaigns/${SCORED}/scoring`, { headers: { authorization: `Bearer ${auditor}` } })).body;
  return body.lists.reduce((n: number, l: any) => n + l.entries.reduce((m: number, e: any) => m + e.cells.length, 0), 0);
};

describe("import needs an organizer", () => {
  adminSecurityCases({
    server: () => server,
    routes: [
      { method: "POST", path: `/api/admin/campaigns/${SCORED}/scores`, body: scoresCsv(), contentType: "text/csv" },
      { method: "GET", path: `/api/admin/campaigns/${SCORED}/scoring` },
    ],
    unchanged: async () => expect(await cellsImported()).toBe(0),
  });

  it("an auditor may read the full scoring (and the read is audited)", async () => {
    expect((await postScores(server, organizer, scoresCsv())).status).toBe(200);
    const res = await server.json(`/api/admin/campaigns/${SCORED}/scoring`, { headers: { authorization: `Bearer ${auditor}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const unranked = res.body.lists.find((l: any) => l.list === "unranked");
    expect(unranked.entries[0].score.total).toBeGreaterThan(0);
    const audit = await server.json("/api/admin/audit?kind=all", { headers: { authorization: `Bearer ${auditor}` } });
    expect(audit.body.audit.some((r: any) => r.action === "read" && r.target === `/api/admin/campaigns/${SCORED}/scoring`)).toBe(true);
  });
});

describe("hidden scores stay hidden", () => {
  const publicSurfaces = async (list: string) => {
    clock.advance(3000);
    const board = await server.json(`/api/campaigns/${SCORED}/lists/${list}/leaderboard`);
    const csv = await (await server.get(`/api/campaigns/${SCORED}/lists/${list}/leaderboard.csv`)).text();
    const ids = server.deps.catalog.current.list(SCORED, list)!.entries.map((e) => e.id);
    const entries = await Promise.all(ids.map(async (id) => JSON.stringify((await server.json(`/api/entries/${id}`)).body)));
    return { board: JSON.stringify(board.body), csv, entries };
  };

  it("an unranked list with revealScores: always shows no rank, votes or score anywhere", async () => {
    const s = await publicSurfaces("unranked");
    for (const text of [s.board, ...s.entries]) {
      expect(text).not.toMatch(/"(rank|votes|score|orderedBy)"/);
    }
    expect(s.csv.split("\r\n")[0]).toBe("name,region,sector,id,slug");
    expect(s.csv).not.toMatch(/\d+\.\d\d/);
  });

  it("`never` keeps its scores out of the leaderboard, CSV and entries after close and publication", async () => {
    const s = await publicSurfaces("never");
    for (const text of [s.board, ...s.entries]) expect(text).not.toContain('"score"');
    expect(s.csv).not.toContain("total");
  });

  it("the same campaign's revealed list does show them (the test above can fail)", async () => {
    const s = await publicSurfaces("after");
    expect(s.board).toContain('"score"');
    expect(s.csv.split("\r\n")[0]).toContain("total");
  });
});
