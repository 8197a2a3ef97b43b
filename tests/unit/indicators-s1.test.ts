/**
 * S1's county indicators, evaluated with the demo campaign's own sheet (db/demo/npf-eval-2025.yaml)
 * against worked examples computed by hand from the notice's definitions (附件1):
 *   每万人单位面积长途光缆线路长度 = 长途光缆线路长度 / 常住人口 * 区域面积, read as L ÷ (P × A)
 *   单位地区生产总值二氧化碳排放量 = 二氧化碳排放量 / 地区生产总值
 *   同比 = (2024 − 2023) ÷ 2023; shares in percent change by their difference (百分点).
 */
import { describe, expect, it } from "vitest";
import type { CatalogList } from "../../api/read/catalog.ts";
import type { CampaignFile, IndicatorSheetDefinition } from "../../api/domain/campaign.ts";
import { formulaText, parseFormula } from "../../api/domain/formula.ts";
import { compileSheet, evaluateEntry, type IndicatorFact } from "../../api/domain/indicators.ts";
import { evaluateList } from "../../api/services/indicators.ts";
import type { StoredIndicatorValue } from "../../db/index.ts";
import { formatChange, formatFigure, formulaLine, roundTo } from "../../site/lib/indicator-text.ts";
import { npfCampaign } from "../helpers/indicators.ts";

const campaign = npfCampaign();
const sheet: IndicatorSheetDefinition = campaign.lists.find((l) => l.slug === "counties")!.indicators!;
const item = (key: string) => sheet.items.find((i) => i.key === key)!;

const fact = (indicator: string, year: number, value: number): IndicatorFact => ({ indicator, year, type: "", rank: 1, item: "", value });

/** The list as evaluateList sees it: one entry (id 1) of the demo campaign. */
function oneCounty(def: CampaignFile): CatalogList {
  return { campaign: { definition: def }, entries: [{ id: 1 }] } as unknown as CatalogList;
}
const stored = (facts: IndicatorFact[]): StoredIndicatorValue[] => facts.map((f) => ({ entryId: 1, ...f }));

// A county with round figures (units as the sheet declares them: 公里, 万人, 平方公里, 万吨, 亿元, %).
const county = [
  fact("fiber_length", 2023, 1200), // L 2023
  fact("population", 2023, 50), //     P 2023
  fact("area", 2023, 1500), //         A
  fact("fiber_length", 2024, 1377),
  fact("population", 2024, 51),
  fact("area", 2024, 1500),
  fact("co2", 2023, 420),
  fact("gdp", 2023, 600),
  fact("co2", 2024, 409.5),
  fact("gdp", 2024, 630),
  fact("non_tax_share", 2023, 30),
  fact("non_tax_share", 2024, 31.2),
  fact("srdi_national", 2023, 0),
  fact("srdi_national", 2024, 1),
];

describe("the demo sheet's derived indicators, by hand", () => {
  const { values } = evaluateEntry(compileSheet(sheet, campaign.params), county);

  it("每万人单位面积长途光缆线路长度 = L ÷ (P × A), not the literal (L ÷ P) × A", () => {
    // 2023: 1200 ÷ (50 × 1500) = 1200 ÷ 75 000 = 0.016
    expect(values["2023"]!.fiber_density).toBeCloseTo(0.016, 12);
    // the literal left-to-right reading would be 1200 ÷ 50 × 1500 = 24 × 1500 = 36 000
    expect(values["2023"]!.fiber_density).not.toBeCloseTo(36_000, 0);
    // 2024: 1377 ÷ (51 × 1500) = 1377 ÷ 76 500 = 0.018
    expect(values["2024"]!.fiber_density).toBeCloseTo(0.018, 12);
  });

  it("单位地区生产总值二氧化碳排放量 = CO₂ ÷ GDP (万吨 ÷ 亿元 = 吨/万元)", () => {
    // 2023: 420 ÷ 600 = 0.7; 2024: 409.5 ÷ 630 = 0.65
    expect(values["2023"]!.carbon_intensity).toBeCloseTo(0.7, 12);
    expect(values["2024"]!.carbon_intensity).toBeCloseTo(0.65, 12);
  });

  it("a missing input leaves the derived figure empty (null), never 0 or NaN", () => {
    const withoutArea = county.filter((f) => !(f.indicator === "area" && f.year === 2024));
    const r = evaluateEntry(compileSheet(sheet, campaign.params), withoutArea);
    expect(r.values["2024"]!.fiber_density).toBeNull();
    expect(r.values["2023"]!.fiber_density).toBeCloseTo(0.016, 12);
    // and an indicator nobody imported is null too
    expect(r.values["2024"]!.media_foreign).toBeNull();
  });

  it("a population of 0 gives no figure rather than infinity", () => {
    const r = evaluateEntry(compileSheet(sheet, campaign.params), [
      ...county.filter((f) => !(f.indicator === "population" && f.year === 2023)),
      fact("population", 2023, 0),
    ]);
    expect(r.values["2023"]!.fiber_density).toBeNull();
  });
});

describe("year-on-year change (evaluateList with the demo sheet)", () => {
  const [row] = evaluateList(oneCounty(campaign), sheet, stored(county));
  const change = row!.changes["2024"]!;

  it("relative for amounts: (2024 − 2023) ÷ 2023", () => {
    // GDP 600 → 630: 30 ÷ 600 = +5%
    expect(change.gdp).toBeCloseTo(0.05, 12);
    // fiber density 0.016 → 0.018: 0.002 ÷ 0.016 = +12.5%
    expect(change.fiber_density).toBeCloseTo(0.125, 12);
    // carbon intensity 0.7 → 0.65: −0.05 ÷ 0.7 = −1/14 ≈ −7.14%
    expect(change.carbon_intensity).toBeCloseTo(-1 / 14, 12);
  });

  it("shares in percent change by their difference, in percentage points", () => {
    // 30.00% → 31.20%: +1.20 points (a relative reading would say +4%)
    expect(change.non_tax_share).toBeCloseTo(1.2, 12);
    expect(item("non_tax_share").change).toBe("difference");
    expect(item("high_tech_share").change).toBe("difference");
  });

  it("no change from a previous figure of 0, or when a year is missing", () => {
    expect(change.srdi_national).toBeNull(); // 0 → 1
    expect(change.loans).toBeNull(); // never imported
    expect(row!.changes["2023"]).toBeUndefined(); // the first period has no change
  });

  it("hidden inputs are evaluated but marked not public", () => {
    expect(sheet.items.filter((i) => !i.public).map((i) => i.key)).toEqual(["fiber_length", "area", "co2"]);
    expect(row!.values["2024"]!.fiber_length).toBe(1377);
  });
});

describe("the sheet as the notice prints it", () => {
  it("fourteen public indicators in the printed order, units as printed", () => {
    const shown = sheet.items.filter((i) => i.public);
    expect(shown.map((i) => i.title.zh)).toEqual([
      "地区生产总值",
      "常住人口",
      "金融机构本外币各项贷款余额",
      "非税收入占一般公共预算收入的比重",
      "技术合同成交额",
      "发明专利授权数量",
      "省级专精特新企业数量",
      "国家级专精特新企业数量",
      "每万人单位面积长途光缆线路长度",
      "规模以上高新技术产业产值占规模以上工业产值比重",
      "单位地区生产总值二氧化碳排放量",
      "舆论情况（国内）",
      "舆论情况（国外）",
      "案例",
    ]);
    // printed units; the four the form leaves without one get ours (see their notes)
    expect(shown.map((i) => i.unit)).toEqual([
      "亿元",
      "万人",
      "亿元",
      "%",
      "万元",
      "件",
      "个",
      "个",
      "公里/(万人·平方公里)",
      "%",
      "吨/万元",
      "条",
      "条",
      "个",
    ]);
    expect(item("fiber_density").note?.zh).toContain("计算公式为：长途光缆线路长度/常住人口*区域面积");
    expect(item("carbon_intensity").note?.zh).toContain("计算公式为：二氧化碳排放量/地区生产总值");
    expect(item("media_domestic").note?.zh).toContain("无需填写，由媒体单位采集");
    expect(item("cases").note?.zh).toContain("请填写附件2");
  });

  it("prints a formula for readers with only the parentheses it needs", () => {
    const titles = (n: string) => item(n).title.zh;
    const words = { name: titles, param: (n: string) => n, fn: (f: string) => f };
    expect(formulaText(parseFormula(item("fiber_density").formula!), words)).toBe("长途光缆线路长度 ÷ (常住人口 × 区域面积)");
    expect(formulaText(parseFormula(item("carbon_intensity").formula!), words)).toBe("二氧化碳排放量 ÷ 地区生产总值");
    const plain = { name: (n: string) => n, param: (n: string) => `params.${n}`, fn: (f: string) => f };
    expect(formulaText(parseFormula("a / b * c"), plain)).toBe("a ÷ b × c");
    expect(formulaText(parseFormula("a - (b - c)"), plain)).toBe("a − (b − c)");
    expect(formulaText(parseFormula("(a + b) * -c"), plain)).toBe("(a + b) × −c");
    expect(formulaText(parseFormula("avg(x) >= params.floor * 1.05"), plain)).toBe("avg(x) ≥ params.floor × 1.05");
  });
});

describe("how the pages write figures and changes", () => {
  const share = { change: "difference" as const, decimals: 2, format: "number" as const, unit: "%" };
  const amount = { change: "relative" as const, decimals: 2, format: "number" as const, unit: "亿元" };

  it("rounds half away from zero as written, with the indicator's decimals", () => {
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(-0.125, 2)).toBe(-0.13);
    expect(formatFigure(0.016, { decimals: 4, format: "number" }, "zh")).toBe("0.0160");
    expect(formatFigure(152300, { decimals: 2, format: "number" }, "zh")).toBe("152,300.00");
    expect(formatFigure(0.352, { decimals: 2, format: "percent" }, "en")).toBe("35.20%");
    expect(formatFigure(null, { decimals: 2, format: "number" }, "zh")).toBe("—");
  });

  it("signs a change, in percent or percentage points", () => {
    expect(formatChange(0.05, amount, "zh")).toBe("+5.00%");
    expect(formatChange(-1 / 14, amount, "zh")).toBe("\u22127.14%");
    expect(formatChange(0, amount, "zh")).toBe("0.00%");
    expect(formatChange(1.2, share, "zh")).toBe("+1.20个百分点");
    expect(formatChange(-0.3, share, "en")).toBe("\u22120.30 pp");
    expect(formatChange(null, amount, "zh")).toBe("—");
  });

  it("explains a derived indicator with the units of what it uses", () => {
    const line = formulaLine(
      {
        key: "fiber_density",
        title: { zh: "每万人单位面积长途光缆线路长度" },
        decimals: 4,
        format: "number",
        change: "relative",
        formulaText: { zh: "长途光缆线路长度 ÷ (常住人口 × 区域面积)" },
        inputs: [
          { key: "fiber_length", title: { zh: "长途光缆线路长度" }, unit: "公里" },
          { key: "population", title: { zh: "常住人口" }, unit: "万人" },
        ],
      },
      "zh",
    );
    expect(line).toBe("本站计算：长途光缆线路长度 ÷ (常住人口 × 区域面积)，其中长途光缆线路长度以公里计、常住人口以万人计。");
  });
});
