/**
 * Campaign-file checks a final list's naming and a judged indicator rely on: every entry of a list
 * with a `designation` has the categories the designation names, and no judged indicator shares its
 * key with a scoring dimension of its list (its scores would otherwise count in the total).
 */
import { describe, expect, it } from "vitest";
import { parseCampaign } from "../../api/domain/campaign.ts";

const campaign = () => ({
  slug: "bases",
  title: { zh: "示范基地" },
  categories: [{ key: "field", title: { zh: "领域" }, values: ["新能源", "新材料"] }],
  dimensions: [{ key: "overall", title: { zh: "综合评价" } }],
  components: [
    { key: "basic", title: { zh: "基本情况" }, weight: 0.6 },
    { key: "plan", title: { zh: "创建工作方案" }, weight: 0.4 },
  ],
  lists: [
    {
      slug: "parks",
      title: { zh: "示范园区" },
      ranking: "unranked",
      designation: { zh: "国家新兴产业发展示范基地（{field}示范园区）" },
      indicators: {
        visibility: "organizers",
        periods: [{ key: "create", title: { zh: "创建" }, years: [2022, 2023, 2024] }],
        items: [{ key: "policy_support", title: { zh: "产业支持政策" }, judged: true }],
      },
      entries: [
        { slug: "a", name: { zh: "甲示例园区" }, categories: { field: "新能源" } },
        { slug: "b", name: { zh: "乙示例园区" }, categories: { field: "新材料" } },
      ],
    },
  ],
});

const problems = (input: unknown) => {
  const r = parseCampaign(input);
  return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
};

describe("designation and judged indicators in the campaign file", () => {
  it("accepts a list whose every entry has the category its designation names", () => {
    expect(problems(campaign())).toEqual([]);
  });

  it("refuses an entry without the category the designation names, by path", () => {
    const c = campaign() as any;
    delete c.lists[0].entries[1].categories;
    expect(problems(c)).toEqual(["lists.0.entries.1.categories.field: 榜单的认定命名用到分类 field，每个对象都须填写"]);
  });

  it("refuses a judged indicator named like a scoring dimension of its list", () => {
    const c = campaign() as any;
    c.lists[0].indicators.items[0].key = "overall";
    expect(problems(c)).toEqual([
      "lists.0.indicators.items.0.key: overall 已是评价维度的标识；专家综合评分的指标须换一个标识，以免成绩混入总分",
    ]);
  });
});
