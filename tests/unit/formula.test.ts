import { describe, expect, it } from "vitest";
import { parseCampaign } from "../../api/domain/campaign.ts";
import { checkEntryRules, textLength } from "../../api/domain/entry-rules.ts";
import { evaluateFormula, FormulaError, parseFormula, type FormulaScope } from "../../api/domain/formula.ts";
import { periodChange, weightedCount } from "../../api/domain/indicators.ts";

function scope(
  values: Record<string, number | null>,
  years: Record<string, Record<number, number>> = {},
  params: Record<string, number> = {},
): FormulaScope {
  const ys = Object.values(years)[0] ? Object.keys(Object.values(years)[0]!).map(Number) : [];
  return {
    years: ys,
    period: (n) => values[n] ?? null,
    year: (n, y) => years[n]?.[y] ?? null,
    param: (n) => params[n] ?? null,
  };
}

describe("formula language", () => {
  it("keeps precedence: a/b*c is (a/b)*c, a/(b*c) divides by both", () => {
    const s = scope({ l: 1200, p: 80, a: 1500 });
    expect(evaluateFormula(parseFormula("l / p * a"), s)).toBe((1200 / 80) * 1500);
    expect(evaluateFormula(parseFormula("l / (p * a)"), s)).toBe(1200 / (80 * 1500));
    expect(evaluateFormula(parseFormula("-l + 2 * p - a / 3"), s)).toBe(-1200 + 160 - 500);
  });

  it("runs period functions over the years of the period", () => {
    const s = scope({}, { revenue: { 2022: 90, 2023: 100, 2024: 120 }, profit: { 2022: 9, 2023: 20, 2024: 31 } });
    expect(evaluateFormula(parseFormula("avg(revenue)"), s)).toBeCloseTo(310 / 3, 12);
    expect(evaluateFormula(parseFormula("growth(revenue)"), s)).toBeCloseTo(30 / 90, 12);
    expect(evaluateFormula(parseFormula("sum(profit) / sum(revenue)"), s)).toBeCloseTo(60 / 310, 12);
    expect(evaluateFormula(parseFormula("last(revenue) - first(revenue)"), s)).toBe(30);
  });

  it("gives null for missing data and division by zero, never NaN or Infinity", () => {
    const s = scope({ a: 1, zero: 0, gone: null });
    expect(evaluateFormula(parseFormula("a / zero"), s)).toBeNull();
    expect(evaluateFormula(parseFormula("a + gone"), s)).toBeNull();
    expect(evaluateFormula(parseFormula("gone >= 1"), s)).toBeNull();
  });

  it("compares at the threshold inclusively despite binary fractions", () => {
    const s = scope({ value: 0.1 + 0.2, baseline: 100 }, {}, { national: 0.3 });
    expect(evaluateFormula(parseFormula("value >= params.national"), s)).toBe(true);
    expect(evaluateFormula(parseFormula("value > params.national"), s)).toBe(false);
    expect(evaluateFormula(parseFormula("baseline * 1.05 >= 105"), s)).toBe(true);
  });

  it("refuses what it cannot read, in Chinese", () => {
    expect(() => parseFormula("a +")).toThrow(FormulaError);
    expect(() => parseFormula("median(a)")).toThrow(/未知函数/);
    expect(() => parseFormula("a # b")).toThrow(/无法识别/);
    expect(() => parseFormula("(a + b")).toThrow(/缺少“\)”/);
  });
});

describe("weighted counts and changes", () => {
  it("divides ω by the unit's rank and counts a repeated item once at its largest weight", () => {
    const weights = { gold: 3, silver: 2, other: 1 };
    expect(
      weightedCount(
        [
          { type: "gold", rank: 1, item: "", value: 2 },
          { type: "other", rank: 1, item: "", value: 5 },
        ],
        weights,
        false,
      ),
    ).toBe(11);
    expect(weightedCount([{ type: "gold", rank: 3, item: "", value: 1 }], weights, true)).toBe(1);
    expect(
      weightedCount(
        [
          { type: "other", rank: 1, item: "p1", value: 1 },
          { type: "gold", rank: 1, item: "p1", value: 1 },
        ],
        weights,
        false,
      ),
    ).toBe(3);
  });

  it("reads a change relatively, or as a difference for shares in percent", () => {
    expect(periodChange(200, 250, "relative")).toBeCloseTo(0.25, 12);
    expect(periodChange(-10, -5, "relative")).toBeCloseTo(0.5, 12);
    expect(periodChange(23.5, 25, "difference")).toBeCloseTo(1.5, 12);
    expect(periodChange(0, 5, "relative")).toBeNull();
    expect(periodChange(null, 5, "difference")).toBeNull();
  });
});

describe("entry rules", () => {
  const categories = [
    { key: "type", title: { zh: "案例类型" } },
    { key: "province", title: { zh: "省份" } },
    { key: "direction", title: { zh: "征集方向" } },
  ];
  const rules = [
    { when: { type: "综合类" }, maxChars: 10, quota: { per: ["province"], max: 2 } },
    { when: { type: "特色类" }, require: ["direction"], quota: { per: ["province", "direction"], max: 1 } },
  ];
  const e = (slug: string, categories: Record<string, string>, body = "") => ({ slug, name: { zh: slug }, categories, body: { zh: body } });

  it("counts characters without whitespace", () => {
    expect(textLength({ body: { zh: "新质 生产力\n发展。" }, sections: { a: { zh: "ab c" } } })).toBe(11);
  });

  it("reports the entry beyond a quota, naming those before it, and over-length text", () => {
    const problems = checkEntryRules(rules, categories, [
      e("a", { type: "综合类", province: "江苏省" }),
      e("b", { type: "综合类", province: "江苏省" }, "一二三四五六七八九十十一"),
      e("c", { type: "综合类", province: "江苏省" }),
      e("d", { type: "综合类", province: "浙江省" }),
      e("f", { type: "特色类", province: "江苏省", direction: "数字赋能提质" }),
      e("g", { type: "特色类", province: "江苏省", direction: "数字赋能提质" }),
      e("h", { type: "特色类", province: "江苏省" }),
    ]);
    expect(problems).toEqual([
      { index: 1, field: "body", message: "正文 12 字，超过综合类案例上限 10 字（不计空白）" },
      { index: 2, field: "categories.province", message: "超出名额：江苏省的综合类案例最多 2 个，已有 a、b" },
      { index: 5, field: "categories.province", message: "超出名额：江苏省·数字赋能提质的特色类案例最多 1 个，已有 f" },
      { index: 6, field: "categories.direction", message: "特色类案例须填写“征集方向”" },
    ]);
  });
});

describe("campaign file: categories, forms and indicator sheets", () => {
  const base = () => ({
    slug: "t",
    title: { zh: "测试" },
    categories: [{ key: "domain", title: { zh: "案例领域" }, values: ["文化旅游", "高科技", "绿色经济"] }],
    lists: [
      {
        slug: "l",
        title: { zh: "榜" },
        form: { sections: [{ key: "background", title: { zh: "背景摘要" } }] },
        indicators: {
          periods: [{ key: "y2024", title: { zh: "2024年" }, years: [2024] }],
          items: [
            { key: "gdp", title: { zh: "地区生产总值" }, unit: "亿元" },
            { key: "co2", title: { zh: "二氧化碳排放量" } },
            { key: "co2_per_gdp", title: { zh: "单位地区生产总值二氧化碳排放量" }, formula: "co2 / gdp" },
          ],
        },
        entries: [{ slug: "a", name: { zh: "甲" }, categories: { domain: "高科技" }, sections: { background: { zh: "…" } } }],
      },
    ],
  });

  it("accepts a well-formed sheet", () => {
    expect(parseCampaign(base()).ok).toBe(true);
  });

  it("reports unknown categories, sections, names, params, cycles and periods by path", () => {
    const c = base() as any;
    c.lists[0].entries[0].categories.domain = "农业";
    c.lists[0].entries[0].sections.summary = { zh: "…" };
    c.lists[0].indicators.items[2].formula = "co2 / gdpp";
    c.lists[0].indicators.items.push(
      { key: "loop_a", title: { zh: "甲" }, formula: "loop_b + 1" },
      { key: "loop_b", title: { zh: "乙" }, formula: "loop_a * params.k", thresholds: { create: { rule: "value", text: { zh: "x" } } } },
    );
    const r = parseCampaign(c);
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        "lists.0.entries.0.categories.domain: “农业”不是“案例领域”的取值；可选：文化旅游、高科技、绿色经济",
        "lists.0.entries.0.sections.summary: 榜单的 form.sections 中没有 summary",
        "lists.0.indicators.items.2.formula: 未定义的指标 gdpp",
        "lists.0.indicators.items.4.formula: 未定义的参数 params.k（在活动的 params 中定义）",
        "lists.0.indicators.items.4.thresholds.create: 未定义的时期 create；可选：y2024",
        "lists.0.indicators.items.4.thresholds.create.rule: 门槛须是一个比较，如 value >= 100",
        "lists.0.indicators.items.3.formula: 公式循环引用了 loop_a",
      ]),
    );
  });
});
