/** Rows of a case spreadsheet → entries merged into a list, and every rule problem → its row and column. */
import { describe, expect, it } from "vitest";
import { checkEntryImport } from "../../api/domain/case-rows.ts";
import { parseCampaign, type CampaignFile } from "../../api/domain/campaign.ts";
import type { RawRow } from "../../api/domain/sheet-rows.ts";
import { casesCampaign, CHINESE_HEADER, existingCases } from "../helpers/city-cases.ts";

function campaign(entries: unknown[] = existingCases): CampaignFile {
  const r = parseCampaign(casesCampaign(entries));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.campaign;
}

/** Rows numbered as in the file: the header is row 1. */
const rows = (...cells: string[][]): RawRow[] => cells.map((c, i) => ({ row: i + 2, cells: c }));

const check = (header: string[], data: RawRow[], c = campaign()) => checkEntryImport({ campaign: c, list: "cases", header, rows: data });
const problemsOf = (r: ReturnType<typeof check>) => (r.ok ? [] : r.problems);
const entriesOf = (r: ReturnType<typeof check>) => {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.campaign.lists[0]!.entries;
};

describe("rows become entries, merged by slug", () => {
  it("adds new cases after the list, replaces one of the same slug in place, and keeps the others", () => {
    const r = check(
      CHINESE_HEADER,
      rows(
        [
          "sc-a",
          "丁示例市综合案例",
          "四川省·丁示例市",
          "四川省",
          "综合类",
          "",
          "一、探索实践。\n\n二、特色举措。",
          "丁示例市人民政府（示例）",
          "四川省工业和信息化主管部门（示例）",
        ],
        ["js-a", "甲示例市综合案例（修订）", "江苏省·甲示例市", "江苏省", "综合类", "", "修订后的正文", "", ""],
      ),
    );
    expect(r).toMatchObject({ ok: true, imported: 2, added: 1, replaced: 1 });
    const entries = entriesOf(r);
    expect(entries.map((e) => e.slug)).toEqual(["js-a", "js-b", "zj-a", "sc-a"]);
    expect(entries[3]).toEqual({
      slug: "sc-a",
      name: { zh: "丁示例市综合案例" },
      kind: "case", // the kind every entry of the list has
      region: "四川省·丁示例市",
      categories: { province: "四川省", type: "综合类" },
      body: { zh: "一、探索实践。\n\n二、特色举措。" },
      submitter: "丁示例市人民政府（示例）",
      recommender: "四川省工业和信息化主管部门（示例）",
    });
    expect(entries[0]).toMatchObject({ name: { zh: "甲示例市综合案例（修订）" }, body: { zh: "修订后的正文" } });
  });

  it("a replacing row changes only what the file has columns for; an empty cell clears its field", () => {
    const r = check(
      ["slug", "name", "summary", "direction", "name_en"],
      rows(["zj-a", "丙示例市综合案例", "一句话简介", "", "Bing Demo City"]),
    );
    const e = entriesOf(r).find((x) => x.slug === "zj-a")!;
    expect(e).toEqual({
      slug: "zj-a",
      name: { zh: "丙示例市综合案例", en: "Bing Demo City" },
      kind: "case",
      region: "浙江省·丙示例市",
      summary: { zh: "一句话简介" },
      categories: { province: "浙江省", type: "综合类" },
      body: { zh: "正文" },
      images: [{ src: "/demo/a.png", caption: { zh: "图一" } }],
    });
  });

  it("takes headers in any case and category values by their English title", () => {
    const r = check(
      ["SLUG", "Name", "Province", "Case Type", "Direction"],
      rows(["sc-b", "戊示例市", "Sichuan", "featured", "Green and Low-Carbon Transition"]),
    );
    expect(entriesOf(r).at(-1)).toMatchObject({ categories: { province: "四川省", type: "特色类", direction: "绿色低碳转型" } });
  });
});

describe("字数 limits through an import", () => {
  const body = (n: number) => "字".repeat(n - 2) + "\n\n 。，";
  const row = (slug: string, type: string, direction: string, text: string) => [
    slug,
    `${slug} 示例案例`,
    "",
    "四川省",
    type,
    direction,
    text,
    "",
    "",
  ];

  it("综合类: 5000 characters pass (blank lines and spaces not counted), 5001 are refused at the row's 正文 column", () => {
    expect(check(CHINESE_HEADER, rows(row("sc-a", "综合类", "", body(5000)))).ok).toBe(true);
    expect(problemsOf(check(CHINESE_HEADER, rows(row("sc-a", "综合类", "", body(5001)))))).toEqual([
      { row: 2, column: "正文", message: "正文 5001 字，超过综合类案例上限 5000 字（不计空白）" },
    ]);
  });

  it("特色类: 2500 pass, 2501 are refused", () => {
    expect(check(CHINESE_HEADER, rows(row("sc-a", "特色类", "数字赋能提质", body(2500)))).ok).toBe(true);
    expect(problemsOf(check(CHINESE_HEADER, rows(row("sc-a", "特色类", "数字赋能提质", body(2501)))))).toEqual([
      { row: 2, column: "正文", message: "正文 2501 字，超过特色类案例上限 2500 字（不计空白）" },
    ]);
  });
});

describe("quotas count the list as it will be", () => {
  const js = (slug: string, type: string, direction = "") => [slug, `${slug}示例案例`, "", "江苏省", type, direction, "正文", "", ""];

  it("江苏省 has one 综合类 already: the file's second fits, its third is refused naming both before it", () => {
    const r = check(CHINESE_HEADER, rows(js("js-c", "综合类"), js("js-d", "综合类")));
    expect(problemsOf(r)).toEqual([
      { row: 3, column: "省份", message: "超出名额：江苏省的综合类案例最多 2 个，已有 甲示例市综合案例、js-c示例案例" },
    ]);
  });

  it("a second 特色类 for a direction 江苏省 already has is refused; another direction is fine", () => {
    const r = check(CHINESE_HEADER, rows(js("js-e", "特色类", "绿色低碳转型"), js("js-f", "特色类", "数字赋能提质")));
    expect(problemsOf(r)).toEqual([
      { row: 3, column: "省份", message: "超出名额：江苏省·数字赋能提质的特色类案例最多 1 个，已有 乙示例市数字案例" },
    ]);
  });

  it("replacing a case does not count it twice; moving it to another province frees its place", () => {
    expect(check(CHINESE_HEADER, rows(js("js-a", "综合类"), js("js-c", "综合类"))).ok).toBe(true);
    const moved = check(
      CHINESE_HEADER,
      rows(["js-a", "甲示例市综合案例", "", "四川省", "综合类", "", "正文", "", ""], js("js-c", "综合类"), js("js-d", "综合类")),
    );
    expect(moved.ok).toBe(true);
  });

  it("the blame lands on the file's row even when a replaced entry sits before an untouched one", () => {
    // js-a moves from 综合类 to a 特色类 direction js-b already holds: js-a is the row reported
    const r = check(CHINESE_HEADER, rows(js("js-a", "特色类", "数字赋能提质")));
    expect(problemsOf(r)).toEqual([
      { row: 2, column: "省份", message: "超出名额：江苏省·数字赋能提质的特色类案例最多 1 个，已有 乙示例市数字案例" },
    ]);
  });
});

describe("row problems, named as the organizer's file names them", () => {
  it("reports every bad row and column at once", () => {
    const r = check(
      CHINESE_HEADER,
      rows(
        ["sc-a", "缺方向的特色类", "", "四川省", "特色类", "", "正文", "", ""], // 2
        ["sc-b", "带方向的综合类", "", "四川省", "综合类", "绿色低碳转型", "正文", "", ""], // 3
        ["sc-c", "未知省份", "", "华东省", "综合类", "", "正文", "", ""], // 4
        ["sc-d", "未知类型与方向", "", "四川省", "专项类", "智能制造", "正文", "", ""], // 5
        ["sc-a", "重复标识", "", "四川省", "综合类", "", "正文", "", ""], // 6
        ["sc-e", "", "", "湖北省", "综合类", "", "正文", "", ""], // 7
        ["Bad Slug", "大写与空格的标识", "", "湖南省", "综合类", "", "正文", "", ""], // 8
        ["", "没有标识", "", "四川省", "综合类", "", "正文", "", ""], // 9
        ["sc-f", "缺类型", "", "四川省", "", "", "正文", "", ""], // 10
      ),
    );
    expect(problemsOf(r)).toEqual([
      { row: 2, column: "征集方向", message: "特色类案例须填写“征集方向”" },
      { row: 3, column: "征集方向", message: "综合类案例不填写“征集方向”，请留空" },
      { row: 4, column: "省份", message: expect.stringMatching(/^“华东省”不是“省份”的取值；可选：北京市、天津市、.*新疆生产建设兵团$/) },
      { row: 5, column: "案例类型", message: "“专项类”不是“案例类型”的取值；可选：综合类、特色类" },
      { row: 5, column: "征集方向", message: expect.stringMatching(/^“智能制造”不是“征集方向”的取值；可选：综合质效提升、/) },
      { row: 6, column: "标识", message: "与第 2 行的标识重复：sc-a（同一对象只能出现一次）" },
      { row: 7, column: "名称", message: "缺少名称（name）" },
      { row: 8, column: "标识", message: "只能包含小写字母、数字和连字符（a-z0-9-），且不以连字符开头或结尾" },
      { row: 9, column: "标识", message: "缺少标识（slug）" },
      { row: 10, column: "案例类型", message: "每个对象须填写“案例类型”" },
    ]);
  });

  it("a required category with no column at all is named by its title", () => {
    const r = check(["slug", "name", "province", "body"], rows(["sc-a", "没有类型列", "四川省", "正文"]));
    expect(problemsOf(r)).toEqual([{ row: 2, column: "案例类型", message: "每个对象须填写“案例类型”" }]);
  });

  it("an unknown kind, and English text without the Chinese", () => {
    const r = check(
      ["slug", "name", "kind", "summary_en", "province", "type"],
      rows(["sc-a", "甲", "town", "An English line", "四川省", "综合类"]),
    );
    expect(problemsOf(r)).toEqual([
      { row: 2, column: "kind", message: expect.stringMatching(/^对象类型须为以下之一：enterprise、.*city，收到 town$/) },
      { row: 2, column: "summary_en", message: "填写了英文却没有中文：请同时填写 summary" },
    ]);
  });

  it("a quota names an earlier case without a name by its slug", () => {
    const r = check(
      CHINESE_HEADER,
      rows(
        ["sc-a", "", "", "四川省", "综合类", "", "正文", "", ""],
        ["sc-b", "乙", "", "四川省", "综合类", "", "正文", "", ""],
        ["sc-c", "丙", "", "四川省", "综合类", "", "正文", "", ""],
      ),
    );
    expect(problemsOf(r)).toEqual([
      { row: 2, column: "名称", message: "缺少名称（name）" },
      { row: 4, column: "省份", message: "超出名额：四川省的综合类案例最多 2 个，已有 sc-a、乙" },
    ]);
  });
});

describe("the header", () => {
  it("refuses unknown, repeated and missing columns, and data under no header", () => {
    expect(problemsOf(check(["slug", "name", "城市", "省份"], rows(["a", "甲", "x", "四川省"])))).toEqual([
      {
        row: 1,
        column: "城市",
        message: expect.stringMatching(
          /^未知的列“城市”；可用的列：slug、name、.*、省份（province）、案例类型（type）、征集方向（direction）$/,
        ),
      },
    ]);
    expect(problemsOf(check(["slug", "name", "正文", "body"], rows(["a", "甲", "x", "y"])))).toEqual([
      { row: 1, column: "body", message: "与第 3 列“正文”重复" },
    ]);
    expect(problemsOf(check(["slug", "正文"], rows(["a", "x"])))).toEqual([
      { row: 1, column: "name", message: expect.stringContaining("表头缺少 name 列") },
    ]);
    expect(problemsOf(check(["slug", "name", ""], rows(["a", "甲", ""], ["b", "乙", "多余"])))).toEqual([
      { row: 3, column: "第 3 列", message: expect.stringContaining("没有表头") },
    ]);
    expect(problemsOf(check(["slug", "name"], rows(["a", "甲", "多余"])))).toEqual([
      { row: 2, column: "第 3 列", message: expect.stringContaining("没有表头") },
    ]);
  });

  it("a header without rows imports nothing and says so", () => {
    expect(problemsOf(check(["slug", "name"], []))).toEqual([{ row: 1, column: "slug", message: "文件中没有对象行" }]);
  });
});

describe("what is not in the file", () => {
  it("an existing entry that breaks today's rules is reported as row 0, by name, and blocks the import", () => {
    const c = campaign();
    // stored before a rule existed: 综合类 with a direction
    c.lists[0]!.entries[0]!.categories = { province: "江苏省", type: "综合类", direction: "数字赋能提质" };
    const r = check(CHINESE_HEADER, rows(["sc-a", "丁", "", "四川省", "综合类", "", "正文", "", ""]), c);
    expect(problemsOf(r)).toEqual([
      { row: 0, column: "征集方向", message: "已有对象 甲示例市综合案例（js-a，不在本文件中）：综合类案例不填写“征集方向”，请留空" },
    ]);
  });

  it("keeps a list's voting window as it stands rather than the definition's", () => {
    const c = campaign();
    c.lists[0]!.voting = { opensAt: "2024-10-08T09:00:00+08:00", closesAt: "2024-10-31T18:00:00+08:00", perDay: 3, perEntryPerDay: 1 };
    const moved = { opensAt: Date.parse("2024-10-09T09:00:00+08:00"), closesAt: Date.parse("2024-11-30T18:00:00+08:00") };
    const r = checkEntryImport({
      campaign: c,
      list: "cases",
      windows: { cases: moved },
      header: ["slug", "name"],
      rows: rows(["js-a", "甲示例市综合案例"]),
    });
    expect(r.ok && r.campaign.lists[0]!.voting).toMatchObject({
      opensAt: "2024-10-09T09:00:00+08:00",
      closesAt: "2024-11-30T18:00:00+08:00",
    });
  });

  it("a list the campaign does not have", () => {
    expect(problemsOf(checkEntryImport({ campaign: campaign(), list: "nope", header: ["slug", "name"], rows: rows(["a", "甲"]) }))).toEqual(
      [{ row: 1, column: "list", message: "活动中没有榜单 nope" }],
    );
  });
});
