import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { checkScoreRows, scoreHeader, type ScoringCampaignShape } from "../../api/domain/score-rows.ts";
import { readScoreFile } from "../../api/services/score-file.ts";

const campaign: ScoringCampaignShape = {
  components: [{ key: "research" }, { key: "expert" }, { key: "vote" }],
  lists: [
    {
      slug: "ranked",
      dimensions: [{ key: "innovation" }, { key: "talent" }],
      entries: [
        { id: 1, slug: "e1" },
        { id: 2, slug: "shared" },
      ],
    },
    {
      slug: "products",
      dimensions: [{ key: "novelty" }],
      entries: [
        { id: 3, slug: "p1" },
        { id: 4, slug: "shared" },
      ],
    },
  ],
};

async function check(bytes: Uint8Array, format: "csv" | "xlsx") {
  const file = await readScoreFile(bytes, format);
  if (!file.ok) return file;
  const header = scoreHeader(file.header);
  if (!header.ok) return header;
  return checkScoreRows(campaign, header.index, file.rows);
}

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("reading CSV", () => {
  it("takes UTF-8 with or without BOM, CRLF or LF, and skips blank lines", async () => {
    const body = "entry,dimension,component,scorer,score\ne1,innovation,research,,80\n\ne1,innovation,expert,王,75.5\n";
    for (const text of [body, "\uFEFF" + body, body.replaceAll("\n", "\r\n"), "\uFEFF" + body.replaceAll("\n", "\r\n")]) {
      const r = await check(utf8(text), "csv");
      expect(r).toEqual({
        ok: true,
        cells: [
          { entryId: 1, dimension: "innovation", component: "research", scorer: "", score: 80, round: "" },
          { entryId: 1, dimension: "innovation", component: "expert", scorer: "王", score: 75.5, round: "" },
        ],
      });
    }
  });

  it("numbers rows as Excel does when a quoted cell spans lines", async () => {
    const text = 'entry,note\ne1,"第一段\n第二段\r\n第三段"\n\ne2,x\n"e3","a\nb"\n';
    const r = await readScoreFile(utf8(text), "csv");
    expect(r).toMatchObject({
      ok: true,
      rows: [{ row: 2, cells: ["e1", "第一段\n第二段\r\n第三段"] }, { row: 4, cells: ["e2", "x"] }, { row: 5 }],
    });
  });

  it("accepts Chinese headers and a file without a scorer column", async () => {
    const r = await check(utf8("对象,维度,组成部分,分数\np1,novelty,research,66\n"), "csv");
    expect(r).toMatchObject({ ok: true, cells: [{ entryId: 3, scorer: "", score: 66 }] });
  });

  it("refuses a file that is not UTF-8, an unclosed quote, and a header without its columns", async () => {
    const gbk = new Uint8Array([0xb6, 0xd4, 0xcf, 0xf3, 0x2c, 0x0a]);
    expect(await check(gbk, "csv")).toMatchObject({ ok: false, problems: [{ row: 1, message: expect.stringContaining("UTF-8") }] });
    expect(await check(utf8('entry,dimension,component,scorer,score\n"e1,innovation,research,,80\n'), "csv")).toMatchObject({
      ok: false,
      problems: [{ message: expect.stringContaining("引号") }],
    });
    const noScore = await check(utf8("entry,dimension,component,scorer\ne1,innovation,research,\n"), "csv");
    expect(noScore).toMatchObject({ ok: false, problems: [{ row: 1, column: "score" }] });
  });
});

describe("checking rows", () => {
  it("reports every bad row and column, in Chinese, and returns no cells", async () => {
    const text = [
      "entry,dimension,component,scorer,score",
      "nope,innovation,research,,80", // 2 unknown entry
      "e1,nope,research,,80", // 3 unknown dimension
      "e1,innovation,nope,,80", // 4 unknown component
      "e1,innovation,vote,,80", // 5 vote
      "e1,innovation,research,,101", // 6 out of range
      "e1,innovation,research,,-1", // 7 out of range
      "e1,innovation,research,,八十", // 8 not a number
      "e1,talent,expert,a,70", // 9 fine
      "e1,talent,expert,a,71", // 10 duplicate scorer of row 9
      "shared,innovation,research,,50", // 11 ambiguous slug
      "products/shared,innovation,research,,50", // 12 dimension of the other list
      "products/shared,novelty,research,,50", // 13 fine
      "ranked/zzz,innovation,research,,50", // 14 unknown entry in list
      "e1,innovation,research,,", // 15 missing score
    ].join("\n");
    const r = await check(utf8(text), "csv");
    expect(r.ok).toBe(false);
    const problems = (r as { problems: { row: number; column: string; message: string }[] }).problems;
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [2, "entry"],
      [3, "dimension"],
      [4, "component"],
      [5, "component"],
      [6, "score"],
      [7, "score"],
      [8, "score"],
      [10, "scorer"],
      [11, "entry"],
      [12, "dimension"],
      [14, "entry"],
      [15, "score"],
    ]);
    expect(problems.find((p) => p.row === 11)!.message).toContain("ranked、products");
    expect(problems.find((p) => p.row === 10)!.message).toContain("第 9 行");
    for (const p of problems) expect(p.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it("an empty scorer counts as one scorer: twice in a cell is a duplicate", async () => {
    const r = await check(utf8("entry,dimension,component,scorer,score\ne1,innovation,research,,80\ne1,innovation,research,,81\n"), "csv");
    expect(r).toMatchObject({ ok: false, problems: [{ row: 3, column: "scorer" }] });
  });
});

describe("reading XLSX", () => {
  it("reads the first worksheet, numbers and text, with Excel's row numbers", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("成绩");
    ws.addRow(["entry", "dimension", "component", "scorer", "score"]);
    ws.addRow(["e1", "innovation", "research", null, 88.25]);
    ws.addRow(["e1", "innovation", "expert", "专家1", { formula: "70+5", result: 75 }]);
    ws.addRow(["e1", "talent", "expert", "专家1", 120]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await check(bytes, "xlsx");
    expect(r).toMatchObject({ ok: false, problems: [{ row: 4, column: "score" }] });
    ws.spliceRows(4, 1);
    const ok = await check(new Uint8Array(await wb.xlsx.writeBuffer()), "xlsx");
    expect(ok).toEqual({
      ok: true,
      cells: [
        { entryId: 1, dimension: "innovation", component: "research", scorer: "", score: 88.25, round: "" },
        { entryId: 1, dimension: "innovation", component: "expert", scorer: "专家1", score: 75, round: "" },
      ],
    });
  });

  it("refuses bytes that are not a workbook", async () => {
    expect(await check(utf8("PK\u0003\u0004 not really a zip"), "xlsx")).toMatchObject({ ok: false, problems: [{ row: 1 }] });
  });
});
