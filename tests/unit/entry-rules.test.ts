/** S2's entry rules at their edges: 字数 limits exactly at the limit, and a category a rule forbids. */
import { describe, expect, it } from "vitest";
import { parseCampaign } from "../../api/domain/campaign.ts";
import { checkEntryRules, textLength, type EntryRule } from "../../api/domain/entry-rules.ts";

const categories = [
  { key: "province", title: { zh: "省份" } },
  { key: "type", title: { zh: "案例类型" } },
  { key: "direction", title: { zh: "征集方向" } },
];
const rules: EntryRule[] = [
  { require: ["province", "type"] },
  { when: { type: "综合类" }, maxChars: 5000, forbid: ["direction"], quota: { per: ["province"], max: 2 } },
  { when: { type: "特色类" }, maxChars: 2500, require: ["direction"], quota: { per: ["province", "direction"], max: 1 } },
];
const comprehensive = (slug: string, body: string, extra: Record<string, string> = {}) => ({
  slug,
  name: { zh: slug },
  categories: { province: "江苏省", type: "综合类", ...extra },
  body: { zh: body },
});
const featured = (slug: string, body: string, direction = "数字赋能提质") => ({
  slug,
  name: { zh: slug },
  categories: { province: "浙江省", type: "特色类", direction },
  body: { zh: body },
});

describe("字数 at the limits", () => {
  it("counts every code point but whitespace: CJK, letters, digits, punctuation and astral characters one each", () => {
    expect(textLength({ body: { zh: "制造业 ABC 123，。\n\t\u3000𠀀" } })).toBe(12);
  });

  it("综合类: exactly 5000 passes, 5001 fails; whitespace does not count toward the limit", () => {
    const exactly = "字".repeat(5000);
    const padded = `${"字".repeat(2500)}\n\n  ${"字".repeat(2500)}\r\n\u3000`;
    expect(checkEntryRules(rules, categories, [comprehensive("a", exactly), comprehensive("b", padded)])).toEqual([]);
    expect(checkEntryRules(rules, categories, [comprehensive("a", exactly + "。")])).toEqual([
      { index: 0, field: "body", message: "正文 5001 字，超过综合类案例上限 5000 字（不计空白）" },
    ]);
  });

  it("特色类: exactly 2500 passes, 2501 fails", () => {
    expect(checkEntryRules(rules, categories, [featured("a", "案".repeat(2500))])).toEqual([]);
    expect(checkEntryRules(rules, categories, [featured("a", "案".repeat(2501))])).toEqual([
      { index: 0, field: "body", message: "正文 2501 字，超过特色类案例上限 2500 字（不计空白）" },
    ]);
  });
});

describe("forbid", () => {
  it("a comprehensive case carrying a direction is reported; a featured one needs it", () => {
    expect(
      checkEntryRules(rules, categories, [
        comprehensive("a", "正文", { direction: "绿色低碳转型" }),
        { slug: "b", name: { zh: "b" }, categories: { province: "浙江省", type: "特色类" } },
      ]),
    ).toEqual([
      { index: 0, field: "categories.direction", message: "综合类案例不填写“征集方向”，请留空" },
      { index: 1, field: "categories.direction", message: "特色类案例须填写“征集方向”" },
    ]);
  });

  it("the campaign schema takes it and names an undefined category in it", () => {
    const campaign = (forbid: string[]) => ({
      slug: "t",
      title: { zh: "测试" },
      categories: [
        { key: "type", title: { zh: "案例类型" }, values: ["综合类", "特色类"] },
        { key: "direction", title: { zh: "征集方向" }, values: ["数字赋能提质"] },
      ],
      lists: [
        {
          slug: "l",
          title: { zh: "案例" },
          entryRules: [{ when: { type: "综合类" }, forbid }],
          entries: [{ slug: "a", name: { zh: "甲" }, categories: { type: "综合类", direction: "数字赋能提质" } }],
        },
      ],
    });
    const r = parseCampaign(campaign(["direction"]));
    expect(r.ok ? [] : r.problems).toEqual([
      { path: "lists.0.entries.0.categories.direction", message: "综合类案例不填写“征集方向”，请留空" },
    ]);
    const unknown = parseCampaign(campaign(["field"]));
    expect(unknown.ok ? [] : unknown.problems).toContainEqual({ path: "lists.0.entryRules.0", message: "未定义的分类 field" });
  });
});
