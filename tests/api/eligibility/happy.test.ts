/**
 * S3 over the real server with the demo campaign (db/demo/emerging-bases-2025.yaml and its figures
 * and scores): the organizers' eligibility report and its export (API and CLI), judged indicators
 * imported as scores without touching the 60/40 composite, and the final list naming each entry
 * 国家新兴产业发展示范基地（领域名称+示范园区/示范企业）.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvRows } from "../../helpers/csv.ts";
import { adminCall } from "../../helpers/admin.ts";
import { runCli } from "../../helpers/processes.ts";
import { findKeys, publish } from "../../helpers/publicity.ts";
import { postIndicators } from "../../helpers/indicators.ts";
import { postScores } from "../../helpers/scores.ts";
import { adminToken } from "../../helpers/seed.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

const C = "emerging-bases-2025";
let server: TestServer;
let organizer: string;
let admin: ReturnType<typeof adminCall>;

/** The demo scores file, to compute expected means from the same figures the server imported. */
const demoScores = readFileSync(new URL(`../../../db/demo/scores/${C}.csv`, import.meta.url), "utf8")
  .replace(/^\uFEFF/, "")
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => {
    const [entry, dimension, component, scorer, score] = line.split(",");
    return { entry: entry!, dimension: dimension!, component: component!, scorer: scorer!, score: Number(score) };
  });
const mean = (entry: string, dimension: string, component: string) => {
  const xs = demoScores.filter((s) => s.entry === entry && s.dimension === dimension && s.component === component).map((s) => s.score);
  expect(xs.length).toBeGreaterThan(0);
  return xs.reduce((a, b) => a + b, 0) / xs.length;
};

beforeAll(async () => {
  server = await startTestServer();
  organizer = await adminToken(server, "organizer");
  admin = adminCall(server, organizer);
});
afterAll(async () => server?.close());

const report = async () => {
  const res = await admin("GET", `/api/admin/campaigns/${C}/eligibility`);
  expect(res.status).toBe(200);
  return res.body;
};
const entryOf = (body: any, list: string, slug: string) =>
  body.lists.find((l: any) => l.list === list).entries.find((e: any) => e.slug === slug);
const cellOf = (body: any, list: string, slug: string, period: string, key: string) => {
  const l = body.lists.find((x: any) => x.list === list);
  const i = l.indicators.findIndex((x: any) => x.key === key);
  return entryOf(body, list, slug).periods[period].cells[i];
};

describe("the eligibility report", () => {
  it("has both lists with their periods, indicators and printed conditions, applicants in pinyin order", async () => {
    const body = await report();
    expect(body.campaign).toBe(C);
    expect(body.lists.map((l: any) => l.list)).toEqual(["parks", "enterprises"]);
    const parks = body.lists[0];
    expect(parks.visibility).toBe("organizers");
    expect(parks.periods).toEqual([
      { key: "create", title: { zh: "创建申报（近三年）", en: "Application (last three years)" }, years: [2022, 2023, 2024] },
      { key: "recognize", title: { zh: "评估验收（创建期）", en: "Acceptance (creation period)" }, years: [2025, 2026] },
    ]);
    expect(parks.indicators.find((i: any) => i.key === "quality_enterprises")).toMatchObject({
      group: { zh: "集群发展" },
      role: "indicator",
      thresholds: {
        create: { rule: "value >= 50", text: { zh: "优质企业加权数量不低于50" } },
        recognize: { rule: "value >= baseline * 1.05" },
      },
    });
    expect(parks.indicators.find((i: any) => i.key === "revenue")).toMatchObject({ role: "input", thresholds: {} });
    expect(parks.indicators.find((i: any) => i.key === "policy_support")).toMatchObject({
      judged: true,
      thresholds: { recognize: { text: { zh: "产业政策支持力度进一步加大" } } },
    });
    // 不搞排名: the order is the names' pinyin order (Binjiang, Dongli, Hengyue, Jinping, Nanwan, Qinglan)
    expect(parks.entries.map((e: any) => e.slug)).toEqual([
      "binjiang-hitech-zone",
      "dongli-materials-park",
      "hengyue-equipment-park",
      "jinping-aerospace-park",
      "nanwan-bio-park",
      "qinglan-new-energy-park",
    ]);
    expect(findKeys(body, ["rank", "votes", "total"])).toEqual([]);
  });

  it("shows an applicant meeting every condition with its hand-computed figures", async () => {
    const body = await report();
    const binjiang = entryOf(body, "parks", "binjiang-hitech-zone");
    expect(binjiang).toMatchObject({ name: { zh: "滨江示例高新技术产业开发区" }, region: "江苏", categories: { field: "新一代信息技术" } });
    // (120.5 + 135.2 + 150.8) ÷ 3 = 135.5 亿元 ≥ 100
    expect(cellOf(body, "parks", "binjiang-hitech-zone", "create", "revenue_avg")).toMatchObject({
      value: 135.5,
      text: "135.50 亿元",
      result: "pass",
    });
    // 3 小巨人 (30) + 1 单项冠军 (20) + 15 高新 + 8 专精特新中小 × 2 + 12 科技型中小 = 93; the 小巨人
    // also listed as 高新技术企业 counts once
    expect(cellOf(body, "parks", "binjiang-hitech-zone", "create", "quality_enterprises")).toMatchObject({ value: 93, result: "pass" });
    // 2026: one more 小巨人, 103 ≥ 93 × 1.05 = 97.65
    expect(cellOf(body, "parks", "binjiang-hitech-zone", "recognize", "quality_enterprises")).toMatchObject({ value: 103, result: "pass" });
    // creation-period growth (171.5 − 162) ÷ 162 = 5.86% ≥ the national 4.2%
    expect(cellOf(body, "parks", "binjiang-hitech-zone", "recognize", "revenue_growth")).toMatchObject({ text: "5.86%", result: "pass" });
    // judged: the mean of the imported scores, in the application's period only
    const policy = mean("parks/binjiang-hitech-zone", "policy_support", "basic");
    expect(cellOf(body, "parks", "binjiang-hitech-zone", "create", "policy_support")).toMatchObject({ value: policy, result: "judgement" });
    expect(cellOf(body, "parks", "binjiang-hitech-zone", "recognize", "policy_support")).toMatchObject({
      value: null,
      result: "judgement",
    });
    expect(binjiang.periods.create.summary).toMatchObject({
      pass: 6,
      fail: 0,
      missing: 0,
      judgement: 2,
      status: "met",
      text: { zh: "创建申报（近三年）：6 项达标，2 项由专家评判" },
    });
    expect(binjiang.periods.recognize.summary).toMatchObject({ pass: 5, fail: 0, missing: 0, judgement: 2, status: "met" });
  });

  it("marks a missed condition, a missing figure and a value exactly on its threshold", async () => {
    const body = await report();
    // 青岚: 420 others + one 银奖 (2) = 422 < 500
    expect(cellOf(body, "parks", "qinglan-new-energy-park", "create", "invention_patents")).toMatchObject({ value: 422, result: "fail" });
    expect(entryOf(body, "parks", "qinglan-new-energy-park").periods.create.summary.status).toBe("not_met");
    // 南湾: 2023's financing is missing, so the average is not computed
    expect(cellOf(body, "parks", "nanwan-bio-park", "create", "financing_avg")).toMatchObject({
      value: null,
      text: "—",
      result: "missing",
    });
    expect(entryOf(body, "parks", "nanwan-bio-park").periods.create.summary).toMatchObject({
      pass: 5,
      missing: 1,
      status: "incomplete",
      text: { zh: "创建申报（近三年）：5 项达标，1 项缺数据，2 项由专家评判" },
    });
    // 衡岳 in the creation period: (7300 + 7900) ÷ 2 = 7600 万元 < 8000
    expect(cellOf(body, "parks", "hengyue-equipment-park", "recognize", "tech_contracts_avg")).toMatchObject({
      value: 7600,
      result: "fail",
    });
    // 清源: (2.5 + 3 + 3.5) ÷ 3 = 3 亿元, exactly 不低于3亿元
    expect(cellOf(body, "enterprises", "qingyuan-environmental", "create", "revenue_avg")).toMatchObject({ value: 3, result: "pass" });
    // 云雀: (0.35 + 0.5 + 0.8) ÷ (3.1 + 4 + 5.2) = 1.65 ÷ 12.3 = 13.41% < 15%
    expect(cellOf(body, "enterprises", "yunque-low-altitude", "create", "gross_margin")).toMatchObject({ text: "13.41%", result: "fail" });
    // 碳芯: no standard (a zero count) < 1
    expect(cellOf(body, "enterprises", "tanxin-materials", "create", "standards")).toMatchObject({ value: 0, result: "fail" });
    // 澜舟's awards: 省部级一等奖 (1) + 国家级二等奖 as second unit (1 ÷ 2) = 1.5 > 2022's 1
    expect(cellOf(body, "enterprises", "lanzhou-connected-auto", "create", "tech_awards")).toMatchObject({ value: 1.5, result: "pass" });
  });
});

describe("the eligibility export", () => {
  it("CSV (UTF-8 with BOM): one row per applicant × period × indicator, with the manifest", async () => {
    const body = await report();
    const res = await admin("GET", `/api/admin/campaigns/${C}/export?kind=eligibility&format=csv&headers=en`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.bytes.subarray(0, 3).toString("hex")).toBe("efbbbf");
    const manifest = JSON.parse(res.headers.get("x-bangdan-manifest")!);
    const expected = body.lists.reduce((n: number, l: any) => n + l.entries.length * l.periods.length * l.indicators.length, 0);
    expect(manifest).toMatchObject({ campaign: C, kind: "eligibility", format: "csv", rows: expected, lists: 2, applicants: 12 });
    const rows = csvRows(res.text);
    expect(rows.length).toBe(expected);
    expect(Object.keys(rows[0]!)).toEqual(
      expect.arrayContaining(["list", "entry_name", "field", "period", "group", "indicator", "value", "unit", "threshold", "result"]),
    );
    expect(
      rows.find((r) => r.entry_slug === "qinglan-new-energy-park" && r.period === "create" && r.indicator === "invention_patents"),
    ).toMatchObject({
      list: "parks",
      entry_name: "青岚示例新能源产业园",
      field: "新能源",
      region: "安徽",
      years: "2022-2024",
      group: "协同创新",
      indicator_title: "有效发明专利加权数量",
      value: "422",
      value_text: "422.00 件",
      unit: "件",
      threshold: "有效发明专利加权数量不低于500",
      rule: "value >= 500",
      result: "fail",
      result_label: "未达标",
      period_status: "有量化条件未达标",
    });
    expect(rows.find((r) => r.entry_slug === "nanwan-bio-park" && r.period === "create" && r.indicator === "financing_avg")).toMatchObject({
      value: "",
      value_text: "—",
      result: "missing",
      result_label: "缺数据",
    });
    expect(
      rows.find((r) => r.entry_slug === "yunque-low-altitude" && r.indicator === "gross_margin" && r.period === "create"),
    ).toMatchObject({ value_text: "13.41%", unit: "" });
    expect(rows.find((r) => r.entry_slug === "binjiang-hitech-zone" && r.indicator === "revenue" && r.period === "create")).toMatchObject({
      role: "input",
      group: "基础数据",
      value: "150.8",
      result: "none",
    });
    // nothing in it ranks or totals anyone
    expect(Object.keys(rows[0]!).some((k) => /rank|total|votes/.test(k))).toBe(false);
  });

  it("XLSX has the same rows and a manifest sheet; the CLI writes the same kind", async () => {
    const res = await admin("GET", `/api/admin/campaigns/${C}/export?kind=eligibility&format=xlsx&headers=en`);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.bytes as unknown as ArrayBuffer);
    const [sheet, manifest] = workbook.worksheets;
    const rows = JSON.parse(res.headers.get("x-bangdan-manifest")!).rows as number;
    expect(sheet!.rowCount).toBe(rows + 1);
    expect(sheet!.name).toBe("创建认定条件核对");
    expect(manifest!.name).toBe("manifest");
    const header = (sheet!.getRow(1).values as unknown[]).slice(1);
    const at = (name: string) => header.indexOf(name) + 1;
    const found = [];
    sheet!.eachRow((row) => {
      if (
        row.getCell(at("entry_slug")).value === "tanxin-materials" &&
        row.getCell(at("indicator")).value === "standards" &&
        row.getCell(at("period")).value === "create"
      )
        found.push(row);
    });
    expect(found.length).toBe(1);

    const out = join(mkdtempSync(join(tmpdir(), "bd-elig-")), "eligibility.csv");
    const cli = await runCli(server.env, ["export", C, "--kind", "eligibility", "--format", "csv", "--headers", "en", "--out", out]);
    expect(cli.code).toBe(0);
    const fromCli = csvRows(readFileSync(out, "utf8"));
    expect(fromCli.length).toBe(rows);
    expect(JSON.parse(readFileSync(`${out}.manifest.json`, "utf8"))).toMatchObject({ kind: "eligibility", rows });
  }, 60_000);
});

describe("judged indicators are imported as scores", () => {
  it("the composite total stays 0.6 × 基本情况 + 0.4 × 创建工作方案, whatever judged scores were imported", async () => {
    const res = await admin("GET", `/api/admin/campaigns/${C}/scoring`);
    expect(res.status).toBe(200);
    const parks = res.body.lists.find((l: any) => l.list === "parks");
    expect(parks.ranking).toBe("unranked");
    for (const slug of ["binjiang-hitech-zone", "dongli-materials-park"]) {
      const e = parks.entries.find((x: any) => x.slug === slug);
      const basic = mean(`parks/${slug}`, "overall", "basic");
      const plan = mean(`parks/${slug}`, "overall", "plan");
      expect(e.score.total).toBeCloseTo(0.6 * basic + 0.4 * plan, 9);
      // only the scoring dimension's cells: the judged indicators' scores are not among them
      expect(e.cells.map((c: any) => `${c.dimension}/${c.component}`)).toEqual(["overall/basic", "overall/plan"]);
    }
  });

  it("a new judged score moves the indicator's mean in the report, not the total", async () => {
    const before = (await admin("GET", `/api/admin/campaigns/${C}/scoring`)).body.lists[0].entries.find(
      (x: any) => x.slug === "dongli-materials-park",
    ).score.total;
    const file = "entry,dimension,component,scorer,score\r\nparks/dongli-materials-park,public_services,basic,专家C,50\r\n";
    const res = await postScores(server, organizer, file, "text/csv", C);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 1, inserted: 1 });
    const a = mean("parks/dongli-materials-park", "public_services", "basic") * 2;
    expect(cellOf(await report(), "parks", "dongli-materials-park", "create", "public_services").value).toBeCloseTo((a + 50) / 3, 9);
    const after = (await admin("GET", `/api/admin/campaigns/${C}/scoring`)).body.lists[0].entries.find(
      (x: any) => x.slug === "dongli-materials-park",
    ).score.total;
    expect(after).toBe(before);
  });
});

describe("the final list names each entry as designated", () => {
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

  it("fills 国家新兴产业发展示范基地（{field}示范园区/企业） into both lists of a whole-campaign final publication", async () => {
    const now = Date.now();
    const prelim = await publish(server, organizer, C, {
      kind: "preliminary",
      startsAt: iso(now - 10 * 86_400_000),
      endsAt: iso(now - 86_400_000),
    });
    expect(prelim.status).toBe(201);
    // the preliminary list already says what each is to be recognised as (拟认定)
    const binjiangBefore = prelim.body.snapshot.lists
      .find((l: any) => l.slug === "parks")
      .entries.find((e: any) => e.slug === "binjiang-hitech-zone");
    expect(binjiangBefore.designation).toBe("国家新兴产业发展示范基地（新一代信息技术示范园区）");

    const final = await publish(server, organizer, C, { kind: "final", exclude: ["dongli-materials-park"] });
    expect(final.status).toBe(201);
    const served = await server.json(`/api/publications/${final.body.id}`);
    expect(served.status).toBe(200);
    const lists = served.body.snapshot.lists;
    expect(lists.map((l: any) => [l.slug, l.ranking])).toEqual([
      ["parks", "unranked"],
      ["enterprises", "unranked"],
    ]);
    const parks = lists[0].entries;
    expect(parks.map((e: any) => e.slug)).not.toContain("dongli-materials-park");
    expect(parks.find((e: any) => e.slug === "qinglan-new-energy-park")).toEqual({
      id: expect.any(Number),
      slug: "qinglan-new-energy-park",
      name: "青岚示例新能源产业园",
      nameEn: "Qinglan Demo New Energy Park",
      region: "安徽",
      designation: "国家新兴产业发展示范基地（新能源示范园区）",
      designationEn: "National Emerging Industry Demonstration Base (New energy demonstration park)",
    });
    expect(lists[1].entries.find((e: any) => e.slug === "lanzhou-connected-auto").designation).toBe(
      "国家新兴产业发展示范基地（智能网联新能源汽车示范企业）",
    );
    expect(lists.every((l: any) => l.entries.every((e: any) => typeof e.designation === "string"))).toBe(true);
    // unranked: no rank, votes or score anywhere in what the public reads
    expect(findKeys(served.body, ["rank", "votes", "score", "voided"])).toEqual([]);
  });
});

describe("re-importing a weighted count", () => {
  it("replaces the year's typed rows as a whole: a row the corrected file leaves out is gone, other years stay", async () => {
    // 滨江 2024 was 93 (see above). The corrected file keeps one 小巨人 (ω 10) and 20 高新技术企业 (ω 1):
    // 10 + 20 × 1 = 30, below the 创建 condition of 50; 2026 (创建期) keeps its 103.
    const file = [
      "entry,indicator,year,value,type,rank,item",
      "parks/binjiang-hitech-zone,quality_enterprises,2024,,little-giant,,BJ-QY-001",
      "parks/binjiang-hitech-zone,quality_enterprises,2024,20,high-tech,,",
    ];
    const res = await postIndicators(server, organizer, file.join("\n"), "text/csv", C);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ imported: 2, inserted: 0, replaced: 1 });
    const body = await report();
    expect(cellOf(body, "parks", "binjiang-hitech-zone", "create", "quality_enterprises")).toMatchObject({ value: 30, result: "fail" });
    expect(cellOf(body, "parks", "binjiang-hitech-zone", "recognize", "quality_enterprises")).toMatchObject({ value: 103, result: "pass" });
  });
});
