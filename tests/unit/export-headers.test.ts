import { describe, expect, it } from "vitest";
import { VOTE_EXPORT_COLUMNS } from "../../api/domain/export-format.ts";
import { EXPORT_HEADERS_ZH, exportHeaders, voteColumnsZh } from "../../api/domain/export-headers.ts";

describe("exportHeaders", () => {
  it("en: the machine names as they are", () => {
    expect(exportHeaders("tallies", ["campaign", "valid_2024-10-08"], "en")).toEqual(["campaign", "valid_2024-10-08"]);
  });

  it("zh: the kind's table, a day's tally column, the campaign's own labels, else the machine name", () => {
    expect(exportHeaders("tallies", ["entry_slug", "valid", "voided", "valid_2024-10-08"], "zh")).toEqual([
      "对象标识",
      "有效票",
      "已作废",
      "有效票 2024-10-08",
    ]);
    expect(
      exportHeaders("scores", ["total", "expert", "expert_scorers", "mystery"], "zh", {
        expert: "专家评议",
        expert_scorers: "专家评议评分人数",
      }),
    ).toEqual(["总分", "专家评议", "专家评议评分人数", "mystery"]);
  });

  it("every votes column has a distinct Chinese name, so verify can tell the header apart", () => {
    const zh = voteColumnsZh(VOTE_EXPORT_COLUMNS);
    expect(zh.every((h) => typeof h === "string" && /[\u4e00-\u9fff]/.test(h))).toBe(true);
    expect(new Set(zh).size).toBe(VOTE_EXPORT_COLUMNS.length);
  });

  it("no kind's table gives two columns one name", () => {
    for (const [kind, table] of Object.entries(EXPORT_HEADERS_ZH))
      expect(new Set(Object.values(table)).size, kind).toBe(Object.keys(table).length);
  });
});
