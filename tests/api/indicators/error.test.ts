/** A bad indicator file changes nothing and names every bad row; odd requests get clear refusals. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countyFigures, NPF, npfCampaign, postIndicators } from "../../helpers/indicators.ts";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, testCampaign, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2025-07-01T12:00:00+08:00"));
let server: TestServer;
let organizer: string;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, npfCampaign());
  await seedCampaign(server, testCampaign({ slug: "plain-2024" }));
  organizer = await adminToken(server, "organizer");
});
afterAll(async () => server?.close());

const HEADER = "entry,indicator,year,value";
const imported = async () =>
  (await server.json(`/api/admin/audit?kind=all`, { headers: { authorization: `Bearer ${organizer}` } })).body.audit.filter(
    (r: any) => r.action === "indicators.import",
  ).length;

describe("all or nothing: 422 with every bad row", () => {
  const cases: [string, string, { row: number; column: string; message: RegExp }][] = [
    ["more than two decimals", "dongling,gdp,2024,612.345", { row: 3, column: "value", message: /两位/ }],
    ["an unknown indicator", "dongling,gdp_per_head,2024,1.00", { row: 3, column: "indicator", message: /没有指标 gdp_per_head/ }],
    ["a formula indicator", "dongling,fiber_density,2024,0.01", { row: 3, column: "indicator", message: /由公式.*不能导入/ }],
    ["a year outside the sheet", "dongling,gdp,2022,500.00", { row: 3, column: "year", message: /没有 2022 年/ }],
    ["a duplicate row", "dongling,gdp,2023,612.35", { row: 3, column: "value", message: /与第 2 行重复/ }],
    ["an unknown entry", "nowhere,gdp,2024,1.00", { row: 3, column: "entry", message: /没有对象 nowhere/ }],
    ["a value with its unit", "dongling,gdp,2024,612.35亿元", { row: 3, column: "value", message: /须为数字/ }],
  ];

  for (const [what, line, expected] of cases) {
    it(`refuses ${what}, importing not even the good row before it`, async () => {
      const res = await postIndicators(server, organizer, [HEADER, "dongling,gdp,2023,612.35", line].join("\n"));
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe("unprocessable");
      expect(res.body.error.message).toMatch(/^指标数据文件有 1 处错误/);
      expect(res.body.rows).toEqual([{ row: expected.row, column: expected.column, message: expect.stringMatching(expected.message) }]);
      expect((await countyFigures(server, organizer, "dongling")).values["2023"]!.gdp).toBeNull();
    });
  }

  it("reports every bad row of a file at once, in row order", async () => {
    const res = await postIndicators(
      server,
      organizer,
      [
        HEADER,
        "dongling,gdp,2023,612.35",
        "dongling,gdp,2024,1.001",
        "x,gdp,2024,1",
        "dongling,carbon_intensity,2024,1",
        "dongling,gdp,20x4,1",
      ].join("\n"),
    );
    expect(res.status).toBe(422);
    expect(res.body.rows.map((r: any) => [r.row, r.column])).toEqual([
      [3, "value"],
      [4, "entry"],
      [5, "indicator"],
      [6, "year"],
    ]);
  });

  it("refuses a header without a required column, and an empty file", async () => {
    const noYear = await postIndicators(server, organizer, "entry,indicator,value\ndongling,gdp,612.35\n");
    expect(noYear.status).toBe(422);
    expect(noYear.body.rows).toEqual([expect.objectContaining({ row: 1, column: "year" })]);
    const empty = await postIndicators(server, organizer, `${HEADER}\n`);
    expect(empty.status).toBe(422);
    expect(empty.body.rows.length).toBeGreaterThan(0);
  });

  it("says it in English with Accept-Language: en (the rows stay in Chinese)", async () => {
    const res = await server.json(`/api/admin/campaigns/${NPF}/indicators`, {
      method: "POST",
      headers: { authorization: `Bearer ${organizer}`, "content-type": "text/csv", "accept-language": "en" },
      body: `${HEADER}\ndongling,gdp,2024,1.001\n`,
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/^The indicator file has 1 problem/);
  });

  it("nothing of the refused files was imported or audited", async () => {
    expect(await imported()).toBe(0);
  });
});

describe("refused requests", () => {
  it("415 for JSON, a form, or an octet-stream that is not a workbook", async () => {
    for (const [body, type] of [
      ['{"entry":"dongling"}', "application/json"],
      ["entry=dongling", "application/x-www-form-urlencoded"],
      [`${HEADER}\n`, "application/octet-stream"],
    ]) {
      const res = await postIndicators(server, organizer, body!, type);
      expect(res.status, type).toBe(415);
      expect(res.body.error.code).toBe("unsupported_media_type");
      expect(res.body.error.message).toContain("指标数据文件");
    }
  });

  it("404 for an unknown campaign, on import and on read", async () => {
    const res = await postIndicators(server, organizer, `${HEADER}\ndongling,gdp,2024,1\n`, "text/csv", "no-such-2025");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
    expect(
      (await server.json("/api/admin/campaigns/no-such-2025/indicators", { headers: { authorization: `Bearer ${organizer}` } })).status,
    ).toBe(404);
  });

  it("409 for a campaign without an indicator sheet; its read answers with no lists", async () => {
    const res = await postIndicators(server, organizer, `${HEADER}\ne1,gdp,2024,1\n`, "text/csv", "plain-2024");
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("conflict");
    expect(res.body.error.message).toContain("没有定义指标表");
    const read = await server.json("/api/admin/campaigns/plain-2024/indicators", { headers: { authorization: `Bearer ${organizer}` } });
    expect(read.body).toEqual({ campaign: "plain-2024", lists: [] });
  });

  it("then a good file imports, and the server is healthy", async () => {
    expect((await postIndicators(server, organizer, `${HEADER}\ndongling,gdp,2023,612.35\n`)).status).toBe(200);
    expect((await countyFigures(server, organizer, "dongling")).values["2023"]!.gdp).toBe(612.35);
    expect((await server.json("/api/health")).body).toEqual({ ok: true, database: "up", writer: "up" });
  });
});
