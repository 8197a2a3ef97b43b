/** A bad scores file changes nothing and says exactly what is wrong; odd bodies never crash the server. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { postScores, SCORED, scoredCampaign, scoresCsv } from "../../helpers/scores.ts";
import { ManualClock, startTestServer, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let organizer: string;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, scoredCampaign());
  organizer = await adminToken(server, "organizer");
});
afterAll(async () => server?.close());

const scoring = async () =>
  (await server.json(`/api/admin/campaigns/${SCORED}/scoring`, { headers: { authorization: `Bearer ${organizer}` } })).body;
const importedCells = async () =>
  (await scoring()).lists.reduce((n: number, l: any) => n + l.entries.reduce((m: number, e: any) => m + e.cells.length, 0), 0);

describe("all or nothing", () => {
  it("one bad row among hundreds: 422 listing every bad row and column, nothing imported, nothing audited", async () => {
    const good = scoresCsv().trimEnd().split("\r\n");
    const lines = [
      ...good.slice(0, 100),
      "a2,innovation,expert,专家1,100.5",
      ...good.slice(100),
      "never/zzz,talent,research,,1",
      "b1,innovation,research,,",
    ];
    const before = server.deps.catalog.current.version;
    const res = await postScores(server, organizer, lines.join("\n"));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("unprocessable");
    expect(res.body.error.message).toMatch(/^成绩文件有 3 处错误，未导入任何成绩/);
    expect(res.body.rows).toEqual([
      // the header is row 1, so the 101st line is row 101 (out of range; it also repeats a scorer
      // of a later row, which is reported only for rows that are otherwise good)
      expect.objectContaining({ row: 101, column: "score" }),
      expect.objectContaining({ row: lines.length - 1, column: "entry", message: expect.stringContaining("zzz") }),
      expect.objectContaining({ row: lines.length, column: "score" }),
    ]);
    expect(await importedCells()).toBe(0);
    expect(server.deps.catalog.current.version).toBe(before);
    const audit = await server.json("/api/admin/audit?kind=all", { headers: { authorization: `Bearer ${organizer}` } });
    expect(audit.body.audit.some((r: any) => r.action === "scores.import")).toBe(false);
  });

  it("English message with Accept-Language: en; the rows stay as they are", async () => {
    const res = await server.json(`/api/admin/campaigns/${SCORED}/scores`, {
      method: "POST",
      headers: { authorization: `Bearer ${organizer}`, "content-type": "text/csv", "accept-language": "en" },
      body: "entry,dimension,component,scorer,score\na2,innovation,vote,,50\n",
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/^The scores file has 1 problem/);
    expect(res.body.rows).toEqual([{ row: 2, column: "component", message: expect.stringContaining("vote") }]);
  });

  it("a bad header, an empty file, a broken workbook: 422, nothing imported", async () => {
    for (const [body, type] of [
      ["name,score\na1,50\n", "text/csv"],
      ["", "text/csv"],
      ["\uFEFF\r\n\r\n", "text/plain"],
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    ] as const) {
      const res = await postScores(server, organizer, body as BodyInit, type);
      expect(res.status, String(type)).toBe(422);
      expect(res.body.rows.length).toBeGreaterThan(0);
    }
    expect(await importedCells()).toBe(0);
  });

  it("then a good file imports", async () => {
    expect((await postScores(server, organizer, scoresCsv())).status).toBe(200);
    expect(await importedCells()).toBe(5 * 3 * 2 * 2 + 4);
  });
});

describe("refused requests", () => {
  it("415 for JSON, form data, or an octet-stream that is not a workbook", async () => {
    for (const [body, type] of [
      ['{"entry":"a1"}', "application/json"],
      ["entry=a1", "application/x-www-form-urlencoded"],
      ["entry,dimension,component,scorer,score\n", "application/octet-stream"],
    ]) {
      const res = await postScores(server, organizer, body!, type);
      expect(res.status, type).toBe(415);
      expect(res.body.error.code).toBe("unsupported_media_type");
      expect(res.body.error.message).toContain("CSV");
    }
  });

  it("413 past 10 MB, whatever Content-Length says", async () => {
    const big = "entry,dimension,component,scorer,score\n" + "a1,innovation,research,,50\n".repeat(420_000);
    const res = await postScores(server, organizer, big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
  });

  it("404 for an unknown campaign", async () => {
    const res = await postScores(server, organizer, scoresCsv(), "text/csv", "no-such-2024");
    expect(res.status).toBe(404);
    expect(
      (await server.json("/api/admin/campaigns/no-such-2024/scoring", { headers: { authorization: `Bearer ${organizer}` } })).status,
    ).toBe(404);
  });

  it("the server is still healthy and the scores are as the good import left them", async () => {
    expect((await server.json("/api/health")).body).toEqual({ ok: true, database: "up", writer: "up" });
    expect(await importedCells()).toBe(5 * 3 * 2 * 2 + 4);
  });
});
