/**
 * S3's indicators as the demo campaign file writes them (db/demo/emerging-bases-2025.yaml), checked
 * against worked examples computed by hand from the notice's definitions (附1 示范园区, 附2 示范企业),
 * and the eligibility report built on them. Every expected figure is worked out in the comments.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { parseCampaign, type CampaignFile, type IndicatorSheetDefinition } from "../../api/domain/campaign.ts";
import { entryEligibility, formatIndicatorValue } from "../../api/domain/eligibility.ts";
import { compileSheet, evaluateEntry, type IndicatorFact } from "../../api/domain/indicators.ts";
import { designationOf } from "../../api/domain/publicity.ts";

const parsed = parseCampaign(parse(readFileSync(new URL("../../db/demo/emerging-bases-2025.yaml", import.meta.url), "utf8")));
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const campaign: CampaignFile = parsed.campaign;
const sheetOf = (list: string): IndicatorSheetDefinition => campaign.lists.find((l) => l.slug === list)!.indicators!;
const parks = sheetOf("parks");
const enterprises = sheetOf("enterprises");
const NATIONAL = campaign.params.national_revenue_growth!;

/** A row of the figures file: `entry,indicator,year,value[,type,rank,item]` without the entry. */
const f = (indicator: string, year: number, value: number, type = "", rank = 1, item = ""): IndicatorFact => ({
  indicator,
  year,
  value,
  type,
  rank,
  item,
});
const evaluate = (sheet: IndicatorSheetDefinition, facts: IndicatorFact[], judged = new Map<string, number>()) =>
  evaluateEntry(compileSheet(sheet, campaign.params), facts, judged);

describe("the demo sheets follow the annexes", () => {
  it("lists the eleven indicators of each annex in order, grouped by their first-level indicator", () => {
    // indicators with two sub-measures (各占本指标50%的分值) are two items; inputs follow them
    const indicators = (sheet: IndicatorSheetDefinition) => sheet.items.filter((i) => i.public).map((i) => `${i.group!.zh}/${i.title.zh}`);
    expect(indicators(parks)).toEqual([
      "集群发展/主导产业规模以上企业平均营业收入",
      "集群发展/主导产业规模以上企业营业收入增速",
      "集群发展/优质企业加权数量",
      "协同创新/主导产业研发投入强度",
      "协同创新/主导产业平均技术合同成交额",
      "协同创新/国家级创新平台加权数量",
      "协同创新/有效发明专利加权数量",
      "生态优化/主导产业平均融资额",
      "生态优化/高水平人才数量",
      "生态优化/高水平人才占比",
      "生态优化/智能工厂占比",
      "治理提升/产业支持政策",
      "治理提升/公共服务水平",
    ]);
    expect(indicators(enterprises).map((x) => x.split("/")[0])).toEqual([
      "产品开发",
      "产品开发",
      "产品开发",
      "技术创新",
      "技术创新",
      "技术创新",
      "技术创新",
      "技术创新",
      "技术创新",
      "业态创新",
      "业态创新",
      "管理效能",
      "管理效能",
    ]);
    // the weights as printed
    const weights = (sheet: IndicatorSheetDefinition, key: string) =>
      Object.fromEntries(sheet.items.find((i) => i.key === key)!.weighted!.types.map((t) => [t.title.zh, t.weight]));
    expect(weights(parks, "quality_enterprises")).toEqual({
      科技和创新型中小企业: 1,
      高新技术企业: 1,
      专精特新中小企业: 2,
      "专精特新“小巨人”企业": 10,
      制造业单项冠军企业: 20,
    });
    expect(weights(enterprises, "tech_awards")).toEqual({
      国家级科技奖励特等奖: 3,
      国家级科技奖励一等奖: 2,
      国家级科技奖励二等奖: 1,
      省部级科技奖励特等奖: 2,
      省部级科技奖励一等奖: 1,
      省部级科技奖励二等奖: 0.5,
    });
    expect(weights(enterprises, "standards")).toEqual({ 国际标准: 3, 国家标准: 2, 行业标准: 1 });
    expect(weights(parks, "invention_patents")).toEqual({ 中国专利奖金奖: 3, 中国专利奖银奖: 2, 其他奖励或未获奖: 1 });
    // judged indicators carry their printed conditions as text only
    for (const key of ["policy_support", "public_services"]) {
      const item = parks.items.find((i) => i.key === key)!;
      expect(item.judged).toBe(true);
      expect(Object.values(item.thresholds!).every((t) => t.rule === undefined)).toBe(true);
    }
  });
});

describe("示范园区: 优质企业加权数量 = Σ(优质企业数量×ω), 同一企业不重复计算", () => {
  // 2024, the last of the three years before applying:
  //   专精特新"小巨人" E1 E2 E3 (items)   3 × 10 = 30
  //   单项冠军 E4 (item)                  1 × 20 = 20
  //   E1 also listed as 高新技术企业       counted once, at 10: + 0
  //   E4 also listed as 专精特新中小企业   counted once, at 20: + 0
  //   高新技术企业, a count of 6          6 × 1  =  6
  //   科技和创新型中小企业, 4              4 × 1  =  4
  //   专精特新中小企业, 2                  2 × 2  =  4
  //   total                                        64   (67 if E1 and E4 were counted twice)
  const y2024 = [
    f("quality_enterprises", 2024, 1, "little-giant", 1, "E1"),
    f("quality_enterprises", 2024, 1, "little-giant", 1, "E2"),
    f("quality_enterprises", 2024, 1, "little-giant", 1, "E3"),
    f("quality_enterprises", 2024, 1, "single-champion", 1, "E4"),
    f("quality_enterprises", 2024, 1, "high-tech", 1, "E1"),
    f("quality_enterprises", 2024, 1, "specialized-sme", 1, "E4"),
    f("quality_enterprises", 2024, 6, "high-tech"),
    f("quality_enterprises", 2024, 4, "sme-tech"),
    f("quality_enterprises", 2024, 2, "specialized-sme"),
  ];

  it("weighs 3 小巨人 and 1 单项冠军 with the others, each enterprise once: 64 ≥ 50, 创建 met", () => {
    const r = evaluate(parks, y2024);
    expect(r.values.create!.quality_enterprises).toBe(64);
    expect(r.checks.create!.quality_enterprises).toBe(true);
  });

  it("exactly 50 meets 创建 (5 小巨人); 49 does not (4 小巨人 and 9 高新技术企业)", () => {
    const giants = (n: number) => Array.from({ length: n }, (_, i) => f("quality_enterprises", 2024, 1, "little-giant", 1, `G${i}`));
    expect(evaluate(parks, giants(5)).checks.create!.quality_enterprises).toBe(true);
    const r = evaluate(parks, [...giants(4), f("quality_enterprises", 2024, 9, "high-tech")]);
    expect(r.values.create!.quality_enterprises).toBe(49);
    expect(r.checks.create!.quality_enterprises).toBe(false);
  });

  it("认定: the creation period's count must be up by 5% on the application's (value >= baseline × 1.05)", () => {
    // baseline 64 → at least 67.2 in 2026. One more 小巨人 E5: 74, met. Two more 专精特新中小企业: 66, not met.
    const more = (rows: IndicatorFact[]) => [...y2024, ...y2024.map((r) => ({ ...r, year: 2026 })), ...rows];
    const met = evaluate(parks, more([f("quality_enterprises", 2026, 1, "little-giant", 1, "E5")]));
    expect(met.values.recognize!.quality_enterprises).toBe(74);
    expect(met.checks.recognize!.quality_enterprises).toBe(true);
    const short = evaluate(parks, more([f("quality_enterprises", 2026, 1, "specialized-sme", 1, "E6")]));
    expect(short.values.recognize!.quality_enterprises).toBe(66);
    expect(short.checks.recognize!.quality_enterprises).toBe(false);
    // exactly 5% up: 60 → 63 (60 × 1.05 is 63.00000000000001 in binary; it still counts as reached)
    const six = Array.from({ length: 6 }, (_, i) => f("quality_enterprises", 2024, 1, "little-giant", 1, `G${i}`));
    const onTheLine = evaluate(parks, [...six, ...six.map((r) => ({ ...r, year: 2026 })), f("quality_enterprises", 2026, 3, "high-tech")]);
    expect(onTheLine.values.recognize!.quality_enterprises).toBe(63);
    expect(onTheLine.checks.recognize!.quality_enterprises).toBe(true);
  });
});

describe("示范园区: 主导产业规模 — 近三年平均营业收入 and 营业收入增速", () => {
  it("averages the three years, and measures growth from the first to the third year", () => {
    // (80 + 100 + 120) ÷ 3 = 100: exactly on 不低于100亿元, so met; growth (120 − 80) ÷ 80 = 50%
    const r = evaluate(parks, [f("revenue", 2022, 80), f("revenue", 2023, 100), f("revenue", 2024, 120)]);
    expect(r.values.create!.revenue_avg).toBe(100);
    expect(r.checks.create!.revenue_avg).toBe(true);
    expect(r.values.create!.revenue_growth).toBeCloseTo(0.5, 12);
    // (79.99 + 100 + 120) ÷ 3 = 99.9967: not met
    const below = evaluate(parks, [f("revenue", 2022, 79.99), f("revenue", 2023, 100), f("revenue", 2024, 120)]);
    expect(below.values.create!.revenue_avg).toBeCloseTo(99.99667, 5);
    expect(below.checks.create!.revenue_avg).toBe(false);
  });

  it("认定: the creation period's growth against the national figure (params.national_revenue_growth)", () => {
    expect(NATIONAL).toBe(0.042);
    const years = [f("revenue", 2022, 80), f("revenue", 2023, 100), f("revenue", 2024, 120)];
    // 2025 → 2026: (130.25 − 125) ÷ 125 = 4.2%, exactly the national 4.2%: met
    const on = evaluate(parks, [...years, f("revenue", 2025, 125), f("revenue", 2026, 130.25)]);
    expect(on.values.recognize!.revenue_growth).toBeCloseTo(0.042, 12);
    expect(on.checks.recognize!.revenue_growth).toBe(true);
    // (130 − 125) ÷ 125 = 4.0% < 4.2%: not met
    const under = evaluate(parks, [...years, f("revenue", 2025, 125), f("revenue", 2026, 130)]);
    expect(under.checks.recognize!.revenue_growth).toBe(false);
    // 创建 prints no growth condition: nothing is checked there
    expect(on.checks.create!.revenue_growth).toBeUndefined();
  });

  it("a missing year leaves the average uncomputed: 缺数据, never a pass or a fail", () => {
    const r = evaluate(parks, [f("revenue", 2022, 150), f("revenue", 2024, 170)]);
    expect(r.values.create!.revenue_avg).toBeNull();
    expect(r.checks.create!.revenue_avg).toBeNull();
    const report = entryEligibility(parks, r);
    const cell = report.create!.cells.find((c) => c.key === "revenue_avg")!;
    expect(cell).toMatchObject({ value: null, text: "—", result: "missing" });
  });
});

describe("示范园区: 国家级创新平台加权数量 (byRank) — 创建: 加权数量增加", () => {
  it("divides ω by the unit's rank and compares the last year with the first", () => {
    // 2022 and 2023: 全国重点实验室 as lead unit, 2 ÷ 1 = 2
    // 2024: the same, plus 国家制造业创新中心 as the second unit (2 ÷ 2 = 1) and 国家实验室 as the
    //       fourth (5 ÷ 4 = 1.25): 4.25 > 2, increased
    const base = [2022, 2023, 2024].map((y) => f("innovation_platforms", y, 1, "key-lab", 1, "U1"));
    const r = evaluate(parks, [
      ...base,
      f("innovation_platforms", 2024, 1, "manufacturing-center", 2, "U2"),
      f("innovation_platforms", 2024, 1, "national-lab", 4, "U3"),
    ]);
    expect(r.values.create!.innovation_platforms).toBeCloseTo(4.25, 12);
    expect(r.checks.create!.innovation_platforms).toBe(true);
    // the same platforms all three years: not increased
    expect(evaluate(parks, base).checks.create!.innovation_platforms).toBe(false);
  });
});

describe("示范企业: 科技奖励加权数量 = Σ(国家级×ω + 省部级×ω), 非牵头单位的ω除以单位排序", () => {
  it("weighs each award by level and the applicant's rank among the units", () => {
    // 2022 and 2023: one 省部级一等奖 as lead unit: 1
    // 2024: 国家科技进步二等奖, lead unit          1 ÷ 1 = 1
    //       省部级一等奖, second unit                1 ÷ 2 = 0.5
    //       国家技术发明一等奖, third unit           2 ÷ 3 = 0.6667
    //       省部级二等奖 ×2, lead unit          2 × 0.5 ÷ 1 = 1
    //       total 19/6 = 3.1667 > 1: 创建 (增加) met
    const early = [2022, 2023].map((y) => f("tech_awards", y, 1, "provincial-first", 1));
    const r = evaluate(enterprises, [
      ...early,
      f("tech_awards", 2024, 1, "national-second", 1),
      f("tech_awards", 2024, 1, "provincial-first", 2),
      f("tech_awards", 2024, 1, "national-first", 3),
      f("tech_awards", 2024, 2, "provincial-second", 1),
    ]);
    expect(r.values.create!.tech_awards).toBeCloseTo(19 / 6, 12);
    expect(r.checks.create!.tech_awards).toBe(true);
    // a non-lead award alone in 2024: 国家级一等奖 as second unit, 2 ÷ 2 = 1 — equal to 2022's 1, not increased
    const flat = evaluate(enterprises, [...early, f("tech_awards", 2024, 1, "national-first", 2)]);
    expect(flat.values.create!.tech_awards).toBe(1);
    expect(flat.checks.create!.tech_awards).toBe(false);
  });

  it("标准加权数量 also divides by rank: 国际标准 as third unit and 行业标准 as lead, 3 ÷ 3 + 1 = 2 ≥ 1", () => {
    const r = evaluate(enterprises, [f("standards", 2024, 1, "international", 3, "ISO 1"), f("standards", 2024, 1, "industry", 1, "HB 2")]);
    expect(r.values.create!.standards).toBe(2);
    expect(r.checks.create!.standards).toBe(true);
    // none at all is written as a zero count, and fails 不低于1
    const none = evaluate(enterprises, [f("standards", 2024, 0, "industry")]);
    expect(none.values.create!.standards).toBe(0);
    expect(none.checks.create!.standards).toBe(false);
  });
});

describe("示范企业: 有效发明专利加权数量 — 创建 ≥ 50, 认定 增长不低于5", () => {
  it("counts a patent once at its highest award, and reads 增长不低于5 as value ≥ baseline + 5", () => {
    // 2024: 金奖 P1 (3), 银奖 P2 P3 (2 + 2), P1 also listed as 银奖 (once, at 3), 43 others: 3 + 4 + 43 = 50
    const y2024 = [
      f("invention_patents", 2024, 1, "gold", 1, "P1"),
      f("invention_patents", 2024, 1, "silver", 1, "P2"),
      f("invention_patents", 2024, 1, "silver", 1, "P3"),
      f("invention_patents", 2024, 1, "silver", 1, "P1"),
      f("invention_patents", 2024, 43, "other"),
    ];
    const r = evaluate(enterprises, [
      ...y2024,
      f("invention_patents", 2026, 1, "gold", 1, "P1"),
      f("invention_patents", 2026, 4, "silver"),
      f("invention_patents", 2026, 44, "other"),
    ]);
    expect(r.values.create!.invention_patents).toBe(50);
    expect(r.checks.create!.invention_patents).toBe(true);
    // 2026: 3 + 8 + 44 = 55 = 50 + 5: met
    expect(r.values.recognize!.invention_patents).toBe(55);
    expect(r.checks.recognize!.invention_patents).toBe(true);
    const short = evaluate(enterprises, [...y2024, f("invention_patents", 2026, 54, "other")]);
    expect(short.checks.recognize!.invention_patents).toBe(false);
  });
});

describe("示范企业: 毛利润率 = Σ近三年毛利润 ÷ Σ近三年营业收入", () => {
  it("divides the sums, not the average of yearly margins", () => {
    // revenue 10 + 12 + 14 = 36, gross profit 1 + 2 + 2.4 = 5.4: 5.4 ÷ 36 = 15%, exactly 不低于15%
    // (the mean of the yearly margins, (10% + 16.67% + 17.14%) ÷ 3 = 14.60%, would fail)
    const r = evaluate(enterprises, [
      f("revenue", 2022, 10),
      f("revenue", 2023, 12),
      f("revenue", 2024, 14),
      f("gross_profit", 2022, 1),
      f("gross_profit", 2023, 2),
      f("gross_profit", 2024, 2.4),
    ]);
    expect(r.values.create!.gross_margin).toBeCloseTo(0.15, 12);
    expect(r.checks.create!.gross_margin).toBe(true);
    // 认定 prints 保持基本稳定: a judgement, no rule
    expect(r.checks.recognize!.gross_margin).toBeUndefined();
    const cells = entryEligibility(enterprises, r);
    expect(cells.create!.cells.find((c) => c.key === "gross_margin")).toMatchObject({ text: "15.00%", result: "pass" });
    expect(cells.recognize!.cells.find((c) => c.key === "gross_margin")!.result).toBe("judgement");
  });
});

describe("the eligibility report of one applicant", () => {
  // A complete enterprise for 2022–2024: revenue 3, 4, 5 (avg 4 ≥ 3); gross profit 0.6 + 0.8 + 1
  // over 12 = 20% ≥ 15%; 60 patents ≥ 50; awards 1 → 2, increased; one national standard (2 ≥ 1);
  // 45 high-level talents < 50 (not met); judged scores 80 and 90 for 场景创新.
  const facts = [
    f("revenue", 2022, 3),
    f("revenue", 2023, 4),
    f("revenue", 2024, 5),
    f("gross_profit", 2022, 0.6),
    f("gross_profit", 2023, 0.8),
    f("gross_profit", 2024, 1),
    f("invention_patents", 2024, 60, "other"),
    f("tech_awards", 2022, 1, "provincial-first"),
    f("tech_awards", 2023, 1, "provincial-first"),
    f("tech_awards", 2024, 2, "provincial-first"),
    f("standards", 2024, 1, "national", 1, "GB 1"),
    f("talent", 2024, 45),
    f("employees", 2024, 300),
  ];
  const r = evaluate(enterprises, facts, new Map([["scenario_innovation", 85]]));
  const report = entryEligibility(enterprises, r);

  it("gives each indicator its value, the result in words and the period's summary", () => {
    const byKey = (period: string) => Object.fromEntries(report[period]!.cells.map((c) => [c.key, [c.text, c.result]]));
    expect(byKey("create")).toMatchObject({
      revenue_avg: ["4.00 亿元", "pass"],
      revenue_growth: ["66.67%", "none"],
      invention_patents: ["60.00 件", "pass"],
      tech_awards: ["2.00 项", "pass"],
      standards: ["2.00 项", "pass"],
      talent: ["45 人", "fail"],
      talent_share: ["15.00%", "none"],
      scenario_innovation: ["85.00", "judgement"],
      business_model: ["—", "judgement"],
      gross_margin: ["20.00%", "pass"],
      market_share: ["—", "none"],
      revenue: ["5.00 亿元", "none"],
    });
    expect(report.create!.summary).toMatchObject({ pass: 5, fail: 1, missing: 0, judgement: 3, status: "not_met" });
    expect(report.create!.summary.text.zh).toBe("创建申报（近三年）：5 项达标，1 项未达标，3 项由专家评判");
    expect(report.create!.summary.text.en).toBe("Application (last three years): 5 met, 1 not met, 3 for expert judgement");
  });

  it("a period without figures is incomplete, and a judged score belongs to the application only", () => {
    // 认定: revenue growth, patents, standards and talent have rules and no 2025–2026 figures
    expect(report.recognize!.summary).toMatchObject({ pass: 0, fail: 0, missing: 4, judgement: 4, status: "incomplete" });
    expect(report.recognize!.cells.find((c) => c.key === "scenario_innovation")).toMatchObject({ value: null, result: "judgement" });
  });
});

describe("formatting and the designation", () => {
  it("formats values as people read them", () => {
    expect(formatIndicatorValue(135.5, { decimals: 2, format: "number", unit: "亿元" })).toBe("135.50 亿元");
    expect(formatIndicatorValue(0.1 + 0.2, { decimals: 2, format: "percent" })).toBe("30.00%");
    expect(formatIndicatorValue(41000, { decimals: 0, format: "number", unit: "人" })).toBe("41,000 人");
    expect(formatIndicatorValue(null, { decimals: 2, format: "number" })).toBe("—");
  });

  it("names an entry 国家新兴产业发展示范基地（领域名称+示范园区/企业）, in English with the field's English title", () => {
    const park = campaign.lists.find((l) => l.slug === "parks")!.designation!;
    const enterprise = campaign.lists.find((l) => l.slug === "enterprises")!.designation!;
    expect(designationOf(park, { field: "新能源" }, campaign.categories)).toEqual({
      zh: "国家新兴产业发展示范基地（新能源示范园区）",
      en: "National Emerging Industry Demonstration Base (New energy demonstration park)",
    });
    expect(designationOf(enterprise, { field: "智能网联新能源汽车" }, campaign.categories)!.zh).toBe(
      "国家新兴产业发展示范基地（智能网联新能源汽车示范企业）",
    );
    // a value without an English title keeps its Chinese one; an entry without the field gets none
    expect(designationOf({ zh: "{field}基地", en: "{field} base" }, { field: "新领域" }, [])).toEqual({
      zh: "新领域基地",
      en: "新领域 base",
    });
    expect(designationOf(park, {}, campaign.categories)).toBeUndefined();
  });
});
