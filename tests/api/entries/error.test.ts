/**
 * A case file that breaks S2's rules changes nothing and tells the organizer, row by row and in the
 * file's own column names, what to fix; odd bodies never crash the server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { CASES, casesCampaign, CHINESE_HEADER, csv, postEntries } from "../../helpers/city-cases.ts";
import { ManualClock, startTestServer, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let organizer: string;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false });
  await seedCampaign(server, casesCampaign());
  organizer = await adminToken(server, "organizer");
});
afterAll(async () => server?.close());

const slugs = () => server.deps.catalog.current.list(CASES, "cases")!.entries.map((e) => e.slug);
const auditActions = async () =>
  (
    (await server.json("/api/admin/audit?kind=all", { headers: { authorization: `Bearer ${organizer}` } })).body.audit as {
      action: string;
    }[]
  ).map((r) => r.action);
/** n characters that count (paragraphs and spaces in between do not) */
const text = (n: number) => "一、探索实践。\n\n" + "制".repeat(n - 7 - 5) + "\n 取得成效。";
const row = (slug: string, name: string, province: string, type: string, direction: string, body = "正文（示例）。") => [
  slug,
  name,
  "",
  province,
  type,
  direction,
  body,
  "",
  "",
];

describe("all or nothing", () => {
  it("every broken rule is reported with the row and column an organizer reads; nothing is imported", async () => {
    const file = csv(CHINESE_HEADER, [
      row("sc-ok", "四川省的好案例", "四川省", "综合类", ""), // 2 fine on its own
      row("sc-long", "超长综合类", "四川省", "综合类", "", text(5312)), // 3
      row("hb-long", "超长特色类", "湖北省", "特色类", "结构优化升级", text(2501)), // 4
      row("js-c", "江苏第二个综合类", "江苏省", "综合类", ""), // 5 fits: 江苏省 had one
      row("js-d", "江苏第三个综合类", "江苏省", "综合类", ""), // 6
      row("js-e", "江苏第二个数字赋能提质", "江苏省", "特色类", "数字赋能提质"), // 7
      row("zj-b", "没有方向的特色类", "浙江省", "特色类", ""), // 8
      row("gd-a", "省份写成简称", "广东", "综合类", ""), // 9
      row("gd-b", "类型写错", "广东省", "专项类", ""), // 10
      row("gd-c", "方向写错", "广东省", "特色类", "智能制造"), // 11
      row("sc-ok", "重复的标识", "四川省", "特色类", "绿色低碳转型"), // 12
      row("ah-a", "", "安徽省", "综合类", ""), // 13
      row("AH Case", "标识写错", "安徽省", "综合类", ""), // 14
    ]);
    const before = server.deps.catalog.current.version;
    const res = await postEntries(server, organizer, file);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("unprocessable");
    expect(res.body.error.message).toBe(
      "名单文件有 11 处错误，未导入任何对象；首个在第 3 行 正文 列：正文 5312 字，超过综合类案例上限 5000 字（不计空白）",
    );
    expect(res.body.rows).toEqual([
      { row: 3, column: "正文", message: "正文 5312 字，超过综合类案例上限 5000 字（不计空白）" },
      { row: 4, column: "正文", message: "正文 2501 字，超过特色类案例上限 2500 字（不计空白）" },
      { row: 6, column: "省份", message: "超出名额：江苏省的综合类案例最多 2 个，已有 甲示例市综合案例、江苏第二个综合类" },
      { row: 7, column: "省份", message: "超出名额：江苏省·数字赋能提质的特色类案例最多 1 个，已有 乙示例市数字案例" },
      { row: 8, column: "征集方向", message: "特色类案例须填写“征集方向”" },
      {
        row: 9,
        column: "省份",
        message: expect.stringMatching(/^“广东”不是“省份”的取值；可选：北京市、.*、广东省、.*、新疆生产建设兵团$/),
      },
      { row: 10, column: "案例类型", message: "“专项类”不是“案例类型”的取值；可选：综合类、特色类" },
      {
        row: 11,
        column: "征集方向",
        message: "“智能制造”不是“征集方向”的取值；可选：综合质效提升、结构优化升级、创新发展驱动、数字赋能提质、绿色低碳转型、产业生态优化",
      },
      { row: 12, column: "标识", message: "与第 2 行的标识重复：sc-ok（同一对象只能出现一次）" },
      { row: 13, column: "名称", message: "缺少名称（name）" },
      { row: 14, column: "标识", message: "只能包含小写字母、数字和连字符（a-z0-9-），且不以连字符开头或结尾" },
    ]);
    expect(slugs()).toEqual(["js-a", "js-b", "zj-a"]);
    expect(server.deps.catalog.current.version).toBe(before);
    expect(await auditActions()).not.toContain("entries.import");
  });

  it("a 综合类 case with a direction is refused", async () => {
    const res = await postEntries(
      server,
      organizer,
      csv(CHINESE_HEADER, [row("sc-a", "带方向的综合类", "四川省", "综合类", "绿色低碳转型")]),
    );
    expect(res.status).toBe(422);
    expect(res.body.rows).toEqual([{ row: 2, column: "征集方向", message: "综合类案例不填写“征集方向”，请留空" }]);
  });

  it("messages name columns as the file does, and the summary is English with Accept-Language: en", async () => {
    const res = await postEntries(
      server,
      organizer,
      csv(
        ["slug", "name", "province", "type", "direction"],
        [
          ["js-x", "江苏第三个综合类", "江苏省", "综合类", ""],
          ["js-y", "江苏第四个综合类", "江苏省", "综合类", ""],
        ],
      ),
      "text/csv",
      undefined,
      { "accept-language": "en" },
    );
    expect(res.status).toBe(422);
    expect(res.body.error.message).toBe(
      "The entries file has 1 problem(s); nothing was imported. First at row 3, column province: 超出名额：江苏省的综合类案例最多 2 个，已有 甲示例市综合案例、江苏第三个综合类",
    );
    expect(res.body.rows).toEqual([
      { row: 3, column: "province", message: "超出名额：江苏省的综合类案例最多 2 个，已有 甲示例市综合案例、江苏第三个综合类" },
    ]);
  });

  it("a bad header, an empty file, a file that is not UTF-8, a broken workbook: 422", async () => {
    for (const [body, type, column] of [
      ["slug,name,城市\na,甲,x\n", "text/csv", "城市"],
      ["正文,省份\n正文,江苏省\n", "text/csv", "slug"],
      ["", "text/csv", undefined],
      [new Uint8Array([0xb1, 0xea, 0xca, 0xb6, 0x2c, 0x0a]), "text/csv", undefined],
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", undefined],
    ] as const) {
      const res = await postEntries(server, organizer, body as BodyInit, type);
      expect(res.status, String(body)).toBe(422);
      expect(res.body.rows.length).toBeGreaterThan(0);
      if (column) expect(res.body.rows[0].column).toBe(column);
    }
    expect(slugs()).toEqual(["js-a", "js-b", "zj-a"]);
  });
});

describe("refused requests", () => {
  it("415 for JSON or an octet-stream that is not a workbook", async () => {
    for (const [body, type] of [
      ['{"slug":"a"}', "application/json"],
      ["slug,name\na,甲\n", "application/octet-stream"],
    ]) {
      const res = await postEntries(server, organizer, body!, type);
      expect(res.status, type).toBe(415);
      expect(res.body.error).toMatchObject({ code: "unsupported_media_type", message: expect.stringContaining("名单文件") });
    }
  });

  it("404 for an unknown list or campaign", async () => {
    for (const path of [`${CASES}/nope`, `no-such-2024/cases`]) {
      const res = await postEntries(server, organizer, csv(["slug", "name"], [["a", "甲"]]), "text/csv", path);
      expect(res.status, path).toBe(404);
      expect(res.body.error).toEqual({ code: "not_found", message: `找不到榜单 ${path}` });
    }
  });

  it("413 past 10 MB", async () => {
    const big = "slug,name,正文\n" + `a,甲,${"制".repeat(1000)}\n`.repeat(3600);
    const res = await postEntries(server, organizer, big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
  });

  it("the server is still healthy, and a good file then imports", async () => {
    expect((await server.json("/api/health")).body).toEqual({ ok: true, database: "up", writer: "up" });
    const res = await postEntries(
      server,
      organizer,
      csv(CHINESE_HEADER, [row("sc-ok", "四川省的好案例", "四川省", "综合类", "", text(5000))]),
    );
    expect(res.status).toBe(200);
    expect(slugs()).toEqual(["js-a", "js-b", "zj-a", "sc-ok"]);
  });
});
