/**
 * Indicator figures over the admin API and the CLI, with the S1 demo campaign's sheet: CSV (with a
 * BOM) and XLSX, a re-import replaces, and GET …/indicators returns the evaluated values.
 * Hand-computed expectations (see tests/unit/indicators-s1.test.ts for the definitions):
 *   东岭 2023: fiber 1200 ÷ (50 × 1500) = 0.016; CO₂ 420 ÷ GDP 600 = 0.7
 *   东岭 2024: fiber 1377 ÷ (51 × 1500) = 0.018 → +12.5%; GDP 630 → +5%; 420 ÷ 630 = 2/3
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../helpers/processes.ts";
import { countyFigures, evaluatedSheets, NPF, NPF_FIGURES, npfCampaign, postIndicators } from "../../helpers/indicators.ts";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { ManualClock, startTestServer, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2025-07-01T12:00:00+08:00"));
let server: TestServer;
let organizer: string;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, npfCampaign());
  organizer = await adminToken(server, "organizer");
});
afterAll(async () => server?.close());

const BOM = "\uFEFF";
const dongling = [
  "entry,indicator,year,value",
  "dongling,fiber_length,2023,1200",
  "dongling,population,2023,50.00",
  "dongling,area,2023,1500",
  "dongling,fiber_length,2024,1377",
  "dongling,population,2024,51",
  "dongling,area,2024,1500",
  "dongling,co2,2023,420",
  "dongling,gdp,2023,600",
  "dongling,gdp,2024,630",
];

describe("import", () => {
  it("imports a CSV with a BOM and CRLF lines: 200 with counts, audited", async () => {
    const before = server.deps.catalog.current.version;
    const res = await postIndicators(server, organizer, BOM + dongling.join("\r\n") + "\r\n");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ imported: 9, inserted: 9, replaced: 0 });
    expect(server.deps.catalog.current.version).toBeGreaterThan(before);
    const audit = await server.json("/api/admin/audit?kind=all", { headers: { authorization: `Bearer ${organizer}` } });
    expect(audit.body.audit.find((r: any) => r.action === "indicators.import")).toMatchObject({
      actor: "organizer:organizer",
      target: NPF,
      details: { rows: 9, lists: { counties: 9 } },
    });
  });

  it("GET returns every sheet evaluated: the derived figures, the changes, null where an input is missing", async () => {
    const res = await evaluatedSheets(server, organizer);
    expect(res.status).toBe(200);
    expect(res.body.campaign).toBe(NPF);
    expect(res.body.lists).toHaveLength(1);
    expect(res.body.lists[0]).toMatchObject({ list: "counties", visibility: "public", periods: ["2023", "2024"] });
    expect(res.body.lists[0].entries.map((e: any) => e.slug)).toEqual([
      "dongling",
      "qinghe",
      "lanchuan",
      "heting",
      "maigang",
      "yuling",
      "luwan",
      "wuyuan",
    ]);
    const d = await countyFigures(server, organizer, "dongling");
    expect(d.values["2023"]!.fiber_density).toBeCloseTo(0.016, 12);
    expect(d.values["2024"]!.fiber_density).toBeCloseTo(0.018, 12);
    expect(d.values["2023"]!.carbon_intensity).toBeCloseTo(0.7, 12);
    expect(d.values["2024"]!.carbon_intensity).toBeNull(); // no CO₂ for 2024 yet
    expect(d.changes["2024"]!.gdp).toBeCloseTo(0.05, 12);
    expect(d.changes["2024"]!.fiber_density).toBeCloseTo(0.125, 12);
    expect(d.changes["2024"]!.carbon_intensity).toBeNull();
    // organizers see the hidden inputs too
    expect(d.values["2024"]!.area).toBe(1500);
    const other = await countyFigures(server, organizer, "qinghe");
    expect(Object.values(other.values["2024"]!).every((v) => v === null)).toBe(true);
  });

  it("a re-import replaces the same county, indicator and year, and adds the rest", async () => {
    const res = await postIndicators(server, organizer, "entry,indicator,year,value\ndongling,gdp,2024,700\ndongling,co2,2024,420\n");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ imported: 2, inserted: 1, replaced: 1 });
    const d = await countyFigures(server, organizer, "dongling");
    expect(d.values["2024"]!.gdp).toBe(700);
    // 420 ÷ 700 = 0.6, from 0.7: −1/7
    expect(d.values["2024"]!.carbon_intensity).toBeCloseTo(0.6, 12);
    expect(d.changes["2024"]!.carbon_intensity).toBeCloseTo(-1 / 7, 12);
    expect(d.changes["2024"]!.gdp).toBeCloseTo(100 / 600, 12);
  });

  it("imports XLSX (numbers as cells, Chinese headers), by MIME type and sniffed from octet-stream", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("指标");
    ws.addRow(["县域", "指标", "年份", "数值"]);
    ws.addRow(["qinghe", "gdp", 2023, 845.6]);
    ws.addRow(["qinghe", "gdp", 2024, 876.49]);
    ws.addRow(["qinghe", "non_tax_share", 2023, 21.4]);
    ws.addRow(["qinghe", "non_tax_share", 2024, 20.58]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const res = await postIndicators(server, organizer, bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ imported: 4, inserted: 4, replaced: 0 });
    const again = await postIndicators(server, organizer, bytes, "application/octet-stream");
    expect(again.body).toEqual({ imported: 4, inserted: 0, replaced: 4 });
    const q = await countyFigures(server, organizer, "qinghe");
    expect(q.values["2024"]!.gdp).toBe(876.49);
    // 21.40 → 20.58: −0.82 percentage points
    expect(q.changes["2024"]!.non_tax_share).toBeCloseTo(-0.82, 12);
  });

  it("the demo's figures file imports whole (two figures deliberately left out)", async () => {
    const csv = readFileSync(NPF_FIGURES, "utf8");
    const rows = csv.trim().split("\n").length - 1;
    expect(rows).toBe(8 * 15 * 2 - 2);
    const res = await postIndicators(server, organizer, csv);
    expect(res.status).toBe(200);
    expect(res.body.imported).toBe(rows);
    const luwan = await countyFigures(server, organizer, "luwan");
    expect(luwan.values["2023"]!.tech_contracts).toBeNull();
    expect(luwan.changes["2024"]!.tech_contracts).toBeNull();
    const wuyuan = await countyFigures(server, organizer, "wuyuan");
    expect(wuyuan.values["2024"]!.fiber_density).toBeNull();
    expect(wuyuan.values["2023"]!.fiber_density).toBeCloseTo(1685.2 / (52.7 * 2468.9), 12);
  });
});

describe("CLI", () => {
  it("`indicators import` imports a file into the running server's database, and refuses a bad one naming the row", async () => {
    const dir = server.env.BANGDAN_DATA_DIR;
    writeFileSync(join(dir, "figures.csv"), "entry,indicator,year,value\nheting,gdp,2024,999.99\n");
    const ok = await runCli(server.env, ["indicators", "import", NPF, join(dir, "figures.csv")]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain("已导入 1 条指标数据");
    await expect.poll(async () => (await countyFigures(server, organizer, "heting")).values["2024"]!.gdp, { timeout: 5000 }).toBe(999.99);

    writeFileSync(join(dir, "bad.csv"), "entry,indicator,year,value\nheting,gdp,2024,1.234\n");
    const bad = await runCli(server.env, ["indicators", "import", NPF, join(dir, "bad.csv")]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("第 2 行 value");
    expect((await countyFigures(server, organizer, "heting")).values["2024"]!.gdp).toBe(999.99);
  });
});
