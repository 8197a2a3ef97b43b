/**
 * The organizer's terminal: `entries import <campaign>/<list> <file>` on the demo's city cases, with
 * the sample file that breaks S2's rules (tests/fixtures/city-cases-bad.csv, shown in the README).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../helpers/processes.ts";
import { CHINESE_HEADER, csv } from "../../helpers/city-cases.ts";
import { startTestServer, type TestServer } from "../../helpers/server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ seedDemo: true });
});
afterAll(async () => server?.close());

const names = async () =>
  (await server.json("/api/campaigns/city-cases-2024/lists/cases/leaderboard")).body.entries.map(
    (e: { name: string }) => e.name,
  ) as string[];

describe("entries import", () => {
  it("refuses the sample file, one line per bad row, exit 1, nothing imported", async () => {
    const before = await names();
    const r = await runCli(server.env, ["entries", "import", "city-cases-2024/cases", "tests/fixtures/city-cases-bad.csv"]);
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n").filter(Boolean)).toEqual([
      "名单文件有 9 处错误，未导入任何对象；首个在第 3 行 省份 列：超出名额：江苏省的综合类案例最多 2 个，已有 澜川示例市：以集群培育带动制造业整体跃升（示例）、泓源示例市：“链长制”牵引产业链整体升级（示例）",
      "  第 3 行 省份：超出名额：江苏省的综合类案例最多 2 个，已有 澜川示例市：以集群培育带动制造业整体跃升（示例）、泓源示例市：“链长制”牵引产业链整体升级（示例）",
      "  第 4 行 省份：超出名额：江苏省·数字赋能提质的特色类案例最多 1 个，已有 青榆示例市：中小企业数字化转型“一企一策”（示例）",
      "  第 5 行 征集方向：特色类案例须填写“征集方向”",
      "  第 6 行 正文：正文 5312 字，超过综合类案例上限 5000 字（不计空白）",
      "  第 7 行 正文：正文 2604 字，超过特色类案例上限 2500 字（不计空白）",
      expect.stringMatching(/^ {2}第 8 行 省份：“广东”不是“省份”的取值；可选：北京市、/),
      "  第 9 行 标识：与第 3 行的标识重复：js-third-comprehensive（同一对象只能出现一次）",
      "  第 10 行 名称：缺少名称（name）",
      "  第 11 行 标识：只能包含小写字母、数字和连字符（a-z0-9-），且不以连字符开头或结尾",
    ]);
    expect(await names()).toEqual(before);
  });

  it("imports a good file, and the running server follows", async () => {
    const file = join(server.env.BANGDAN_DATA_DIR, "cases.csv");
    writeFileSync(
      file,
      "\uFEFF" +
        csv(CHINESE_HEADER, [
          [
            "gd-yunfu",
            "云阜示例市：制造业“智改数转”全域推进（示例）",
            "广东省·云阜示例市",
            "广东省",
            "综合类",
            "",
            "一、探索实践。\n\n二、取得成效。",
            "云阜示例市人民政府（示例）",
            "广东省工业和信息化主管部门（示例）",
          ],
        ]),
    );
    const r = await runCli(server.env, ["entries", "import", "city-cases-2024/cases", file]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("已导入 1 个对象到 city-cases-2024/cases（新增 1，替换 0）");
    await expect.poll(names, { timeout: 10_000 }).toContain("云阜示例市：制造业“智改数转”全域推进（示例）");
  });

  it("needs <campaign>/<list>: a usage error, exit 2", async () => {
    const r = await runCli(server.env, ["entries", "import", "city-cases-2024", "tests/fixtures/city-cases-bad.csv"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("<campaign>/<list>");
  });
});
