/**
 * Score import over the admin API and the CLI, and what each `revealScores` value shows the public.
 * Expected totals (see tests/helpers/scores.ts; nobody has votes, so V = 0):
 *   1st entry: research 90, experts 95 85 80 75 40 → trimmed 75 80 85 → 80;  0.5×90 + 0.3×80 = 69
 *   2nd entry: research 80, experts → 70 75 80 → 75;                          0.5×80 + 0.3×75 = 62.5
 *   3rd entry: research 70, experts → 65 70 75 → 70;                          0.5×70 + 0.3×70 = 56
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../helpers/processes.ts";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { postScores, SCORED, scoredCampaign, scoresCsv } from "../../helpers/scores.ts";
import { ManualClock, startTestServer, Voter, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let organizer: string;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, scoredCampaign());
  organizer = await adminToken(server, "organizer");
});
afterAll(async () => server?.close());

const board = async (list: string) => {
  clock.advance(3000); // past the leaderboard's 2 s cache
  return (await server.json(`/api/campaigns/${SCORED}/lists/${list}/leaderboard`)).body;
};
const idOf = (list: string, slug: string) => server.deps.catalog.current.list(SCORED, list)!.entries.find((e) => e.slug === slug)!.id;

describe("import", () => {
  it("imports a CSV (CRLF, list/slug where a slug is shared) and answers 200 {imported}", async () => {
    const before = server.deps.catalog.current.version;
    const res = await postScores(server, organizer, scoresCsv());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 5 * 3 * 2 * 6 + 4, inserted: 5 * 3 * 2 * 6 + 4, replaced: 0 });
    expect(server.deps.catalog.current.version).toBeGreaterThan(before);
  });

  it("`always`: the leaderboard ranks by total at once, each entry with the contract's score", async () => {
    const b = await board("always");
    expect(b.orderedBy).toBe("total");
    expect(b.entries.map((e: any) => [e.slug, e.rank, e.votes])).toEqual([
      ["a1", 1, 0],
      ["a2", 2, 0],
      ["a3", 3, 0],
    ]);
    expect(b.entries[0].score).toEqual({
      total: expect.closeTo(69, 9),
      dimensions: { innovation: expect.closeTo(69, 9), talent: expect.closeTo(69, 9) },
      components: { research: expect.closeTo(90, 9), expert: expect.closeTo(80, 9), vote: 0 },
    });
    expect(b.entries[1].score.total).toBeCloseTo(62.5, 9);
    expect(b.entries[2].score.total).toBeCloseTo(56, 9);
    const entry = await server.json(`/api/entries/${idOf("always", "a2")}`);
    expect(entry.body).toMatchObject({ rank: 2, votes: 0, score: { total: expect.closeTo(62.5, 9) } });
    const csv = await (await server.get(`/api/campaigns/${SCORED}/lists/always/leaderboard.csv`)).text();
    expect(csv.split("\r\n")[0]).toBe("rank,name,region,sector,votes,voided,total,id,slug");
    expect(csv).toContain("1,甲示例a有限公司,北京,,0,0,69.00,");
  });

  it("votes move the vote component and can overturn the order: V = 100 × votes / most votes", async () => {
    await new Voter(server).vote(idOf("always", "a3"));
    await new Voter(server).vote(idOf("always", "a3"));
    await new Voter(server).vote(idOf("always", "a2"));
    const b = await board("always");
    // a3: 56 + 0.2×100 = 76; a2: 62.5 + 0.2×50 = 72.5; a1: 69
    expect(b.entries.map((e: any) => [e.slug, e.rank, e.votes, Number(e.score.total.toFixed(2))])).toEqual([
      ["a3", 1, 2, 76],
      ["a2", 2, 1, 72.5],
      ["a1", 3, 0, 69],
    ]);
    expect(b.entries[0].score.components.vote).toBe(100);
  });

  it("`after_close`: ranked by votes without scores while open; by total with scores once closed", async () => {
    const open = await board("after");
    expect(open.orderedBy).toBe("votes");
    expect(open.entries.every((e: any) => !("score" in e))).toBe(true);
    expect((await server.json(`/api/entries/${idOf("after", "b1")}`)).body).not.toHaveProperty("score");

    const closed = await server.json(`/api/admin/campaigns/${SCORED}/lists/after/close`, {
      method: "POST",
      headers: { authorization: `Bearer ${organizer}` },
    });
    expect(closed.status).toBe(200);
    const b = await board("after");
    expect(b.state).toBe("closed");
    expect(b.orderedBy).toBe("total");
    expect(b.entries.map((e: any) => [e.slug, e.rank])).toEqual([
      ["b1", 1],
      ["b2", 2],
      ["b3", 3],
    ]);
    expect((await server.json(`/api/entries/${idOf("after", "b3")}`)).body.score.total).toBeCloseTo(56, 9);
  });

  it("`after_close` on a list without public voting: revealed once the campaign is in publicity", async () => {
    expect((await board("novote")).entries.some((e: any) => "score" in e)).toBe(false);
    await seedCampaign(server, scoredCampaign({ stage: "publicity" }));
    const b = await board("novote");
    expect(b.orderedBy).toBe("total");
    expect(b.entries[0]).toMatchObject({ slug: "n1", rank: 1, score: { total: expect.closeTo(69, 9) } });
  });

  it("`never`: no score on any public surface, while organizers see the full scoring", async () => {
    const b = await board("never");
    expect(b.orderedBy).toBe("votes");
    expect(JSON.stringify(b)).not.toContain('"score"');
    expect(JSON.stringify((await server.json(`/api/entries/${idOf("never", "c1")}`)).body)).not.toContain('"score"');
    expect(await (await server.get(`/api/campaigns/${SCORED}/lists/never/leaderboard.csv`)).text()).not.toContain("total");

    const scoring = await server.json(`/api/admin/campaigns/${SCORED}/scoring`, { headers: { authorization: `Bearer ${organizer}` } });
    expect(scoring.status).toBe(200);
    const never = scoring.body.lists.find((l: any) => l.list === "never");
    expect(never.revealed).toBe(false);
    expect(never.entries[0]).toMatchObject({ slug: "c1", complete: true, totalRounded: 69 });
    expect(never.entries[0].cells.find((c: any) => c.component === "expert")).toMatchObject({ value: 80, scorers: 5, trimmed: true });
  });

  it("a list with its own dimensions is scored on them", async () => {
    const b = await board("products");
    expect(b.entries.map((e: any) => [e.slug, e.rank, Number(e.score.total.toFixed(2)), Object.keys(e.score.dimensions)])).toEqual([
      ["p1", 1, 53, ["novelty"]],
      ["a1", 2, 40, ["novelty"]],
    ]);
  });

  it("a re-import of the same cells replaces them (audited), never duplicates them", async () => {
    const res = await postScores(server, organizer, scoresCsv(5));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ inserted: 0, replaced: 5 * 3 * 2 * 6 + 4 });
    const b = await board("after");
    // every imported score +5: 69 + 0.5×5 + 0.3×5 = 73
    expect(b.entries[0].score.total).toBeCloseTo(73, 9);
    const scoring = await server.json(`/api/admin/campaigns/${SCORED}/scoring`, { headers: { authorization: `Bearer ${organizer}` } });
    const cells = scoring.body.lists.find((l: any) => l.list === "after").entries[0].cells;
    expect(cells.find((c: any) => c.dimension === "innovation" && c.component === "expert").scorers).toBe(5);
    const audit = await server.json("/api/admin/audit?kind=all", { headers: { authorization: `Bearer ${organizer}` } });
    const imports = audit.body.audit.filter((r: any) => r.action === "scores.import");
    expect(imports).toHaveLength(2);
    expect(imports[0]).toMatchObject({ actor: "organizer:organizer", target: SCORED, details: { replaced: 5 * 3 * 2 * 6 + 4 } });
  });

  it("imports XLSX, by its MIME type and as octet-stream sniffed by the ZIP signature", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("成绩");
    ws.addRow(["entry", "dimension", "component", "scorer", "score"]);
    ws.addRow(["p1", "novelty", "research", null, 100]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const xlsx = await postScores(server, organizer, bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(xlsx.status).toBe(200);
    expect(xlsx.body).toMatchObject({ imported: 1, replaced: 1 });
    const octet = await postScores(server, organizer, bytes, "application/octet-stream");
    expect(octet.status).toBe(200);
    // p1: 0.5×100 + 0.3×60 = 68
    expect((await board("products")).entries[0].score.total).toBeCloseTo(68, 9);
  });
});

describe("CLI scores import", () => {
  it("imports through the same service; the running server follows", async () => {
    const file = join(server.env.BANGDAN_DATA_DIR, "scores.csv");
    writeFileSync(file, "\uFEFFentry,dimension,component,scorer,score\np1,novelty,research,,10\n");
    const r = await runCli(server.env, ["scores", "import", SCORED, file]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("已导入 1 条成绩");
    // p1: 0.5×10 + 0.3×60 = 23, now below a1's 40
    await expect.poll(async () => (await board("products")).entries.map((e: any) => e.slug), { timeout: 5000 }).toEqual(["a1", "p1"]);
  });

  it("prints every bad row, one line each, and exits non-zero, importing nothing", async () => {
    const file = join(server.env.BANGDAN_DATA_DIR, "bad.csv");
    writeFileSync(
      file,
      "entry,dimension,component,scorer,score\np1,novelty,research,,99\nzzz,novelty,research,,10\np1,novelty,vote,,10\np1,novelty,expert,专家1,abc\n",
    );
    const r = await runCli(server.env, ["scores", "import", SCORED, file]);
    expect(r.code).not.toBe(0);
    const lines = r.stderr.trim().split("\n");
    expect(lines[0]).toContain("3 处错误");
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/第 3 行 entry/),
      expect.stringMatching(/第 4 行 component/),
      expect.stringMatching(/第 5 行 score/),
    ]);
    clock.advance(3000);
    expect((await board("products")).entries.map((e: any) => e.slug)).toEqual(["a1", "p1"]);
  });
});
