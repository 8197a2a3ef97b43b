/** Importing a list's entries (S2's city cases) from CSV or XLSX: merged by slug, audited, live at once. */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NPF, npfCampaign } from "../../helpers/indicators.ts";
import { adminToken, seedCampaign } from "../../helpers/seed.ts";
import { CASES, casesCampaign, CHINESE_HEADER, csv, postEntries } from "../../helpers/city-cases.ts";
import { ManualClock, startTestServer, testCampaign, Voter, type TestServer } from "../../helpers/server.ts";

const clock = new ManualClock(Date.parse("2024-10-10T12:00:00+08:00"));
let server: TestServer;
let organizer: string;

beforeAll(async () => {
  server = await startTestServer({ clock, seedDemo: false, env: { TRUST_PROXY: "x-forwarded-for" } });
  await seedCampaign(server, casesCampaign());
  await seedCampaign(server, testCampaign());
  organizer = await adminToken(server, "organizer", "organizer-a");
});
afterAll(async () => server?.close());

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const catalogList = (campaign = CASES, list = "cases") => server.deps.catalog.current.list(campaign, list)!;
const board = async (campaign = CASES, list = "cases") => (await server.json(`/api/campaigns/${campaign}/lists/${list}/leaderboard`)).body;

describe("CSV", () => {
  it("a UTF-8 file with BOM, Chinese headers and multi-line case texts adds its cases to the list", async () => {
    const body = csv(CHINESE_HEADER, [
      [
        "sc-zheling",
        "柘岭示例市：清洁能源与载能产业协同降碳（示例）",
        "四川省·柘岭示例市",
        "四川省",
        "特色类",
        "绿色低碳转型",
        "探索实践：……\r\n\r\n取得成效：……",
        "柘岭示例市人民政府（示例）",
        "四川省工业和信息化主管部门（示例）",
      ],
      [
        "hb-tinglan",
        "汀澜示例市：汽车零部件产业转型（示例）",
        "湖北省·汀澜示例市",
        "湖北省",
        "综合类",
        "",
        "一、探索实践。\n二、特色举措。",
        "汀澜示例市人民政府（示例）",
        "湖北省工业和信息化主管部门（示例）",
      ],
    ]);
    const before = server.deps.catalog.current.version;
    const res = await postEntries(server, organizer, "\uFEFF" + body, "text/csv; charset=utf-8");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ imported: 2, added: 2, replaced: 0 });
    expect(server.deps.catalog.current.version).toBeGreaterThan(before);

    const entries = catalogList().entries;
    expect(entries.map((e) => e.slug)).toEqual(["js-a", "js-b", "zj-a", "sc-zheling", "hb-tinglan"]);
    expect(entries.find((e) => e.slug === "sc-zheling")).toMatchObject({
      kind: "case",
      categories: { province: "四川省", type: "特色类", direction: "绿色低碳转型" },
      body: { zh: "探索实践：……\r\n\r\n取得成效：……" },
      submitter: "柘岭示例市人民政府（示例）",
      recommender: "四川省工业和信息化主管部门（示例）",
    });
    // the public list shows them at once (unranked: pinyin order, no figures)
    const names = (await board()).entries.map((e: { name: string }) => e.name);
    expect(names).toContain("汀澜示例市：汽车零部件产业转型（示例）");
    expect(names).toContain("柘岭示例市：清洁能源与载能产业协同降碳（示例）");
  });

  it("the same file again replaces the same cases: nothing added, ids and order kept", async () => {
    const ids = catalogList().entries.map((e) => e.id);
    const res = await postEntries(
      server,
      organizer,
      csv(CHINESE_HEADER, [
        [
          "hb-tinglan",
          "汀澜示例市：汽车零部件产业向新能源整车配套转型（示例）",
          "湖北省·汀澜示例市",
          "湖北省",
          "综合类",
          "",
          "修订后的正文。",
          "",
          "",
        ],
      ]),
    );
    expect(res.body).toEqual({ imported: 1, added: 0, replaced: 1 });
    expect(catalogList().entries.map((e) => e.id)).toEqual(ids);
    const replaced = catalogList().entries.find((e) => e.slug === "hb-tinglan")!;
    expect(replaced.name.zh).toBe("汀澜示例市：汽车零部件产业向新能源整车配套转型（示例）");
    expect(replaced.body?.zh).toBe("修订后的正文。");
    // the file's empty 申报单位 and 推荐单位 cells clear them
    expect(replaced.submitter).toBeUndefined();
  });
});

describe("XLSX", () => {
  it("a workbook with English headers and category values by their English titles; what it has no column for stays", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("cases");
    sheet.addRow(["slug", "name", "name_en", "region", "province", "type", "direction", "body"]);
    sheet.addRow([
      "gd-yunfu",
      "云阜示例市：智改数转（示例）",
      "Yunfu Demo City (demo)",
      "广东省·云阜示例市",
      "Guangdong",
      "Featured",
      "Digital Empowerment",
      "正文\n第二段",
    ]);
    sheet.addRow(["zj-a", "丙示例市综合案例（修订）", "", "浙江省·丙示例市", "浙江省", "综合类", "", "修订"]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const res = await postEntries(server, organizer, bytes, XLSX);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ imported: 2, added: 1, replaced: 1 });
    const entries = catalogList().entries;
    expect(entries.find((e) => e.slug === "gd-yunfu")).toMatchObject({
      name: { zh: "云阜示例市：智改数转（示例）", en: "Yunfu Demo City (demo)" },
      categories: { province: "广东省", type: "特色类", direction: "数字赋能提质" },
    });
    // images came from the campaign file; a spreadsheet cannot carry them, so they stay
    expect(entries.find((e) => e.slug === "zj-a")).toMatchObject({
      name: { zh: "丙示例市综合案例（修订）" },
      images: [{ src: "/demo/a.png" }],
    });
  });
});

describe("a list with voting", () => {
  it("votes stay with a replaced entry, and the organizer's window is not moved back by the import", async () => {
    const voter = new Voter(server, "203.0.113.7");
    const e1 = catalogList("test-2024", "ranked").entries.find((e) => e.slug === "e1")!;
    expect((await voter.vote(e1.id)).status).toBe(201);
    const window = { opensAt: "2024-10-09T09:00:00+08:00", closesAt: "2024-11-30T18:00:00+08:00" };
    const put = await server.json("/api/admin/campaigns/test-2024/lists/ranked/window", {
      method: "PUT",
      headers: { authorization: `Bearer ${organizer}`, "content-type": "application/json" },
      body: JSON.stringify(window),
    });
    expect(put.status).toBe(200);

    const res = await postEntries(
      server,
      organizer,
      csv(
        ["slug", "name", "region"],
        [
          ["e1", "甲示例科技有限公司（更名）", "上海"],
          ["e6", "己示例科技有限公司", "北京"],
        ],
      ),
      "text/csv",
      "test-2024/ranked",
    );
    expect(res.body).toEqual({ imported: 2, added: 1, replaced: 1 });
    const after = await board("test-2024", "ranked");
    expect(after.entries.find((e: { id: number }) => e.id === e1.id)).toMatchObject({ name: "甲示例科技有限公司（更名）", votes: 1 });
    expect(after.entries.map((e: { slug: string }) => e.slug)).toContain("e6");
    const campaigns = (await server.json("/api/campaigns")).body.campaigns;
    const ranked = campaigns.find((c: { slug: string }) => c.slug === "test-2024").lists.find((l: { slug: string }) => l.slug === "ranked");
    expect(ranked.voting).toMatchObject({ state: "open", ...window });
    // new entries of an enterprise list are enterprises
    expect(catalogList("test-2024", "ranked").entries.find((e) => e.slug === "e6")?.kind).toBe("enterprise");
  });
});

describe("audit", () => {
  it("each import is one audit record with who, which list and the counts", async () => {
    const audit = (await server.json("/api/admin/audit?kind=all", { headers: { authorization: `Bearer ${organizer}` } })).body.audit as {
      action: string;
      actor: string;
      target: string;
      details: Record<string, unknown>;
    }[];
    const imports = audit.filter((r) => r.action === "entries.import");
    expect(imports).toHaveLength(4);
    expect(imports.map((r) => r.target).sort()).toEqual([`${CASES}/cases`, `${CASES}/cases`, `${CASES}/cases`, "test-2024/ranked"]);
    expect(imports.find((r) => r.details.format === "xlsx")).toMatchObject({
      actor: "organizer:organizer-a",
      details: { imported: 2, added: 1, replaced: 1 },
    });
  });
});

describe("S1's typical cases", () => {
  // the cases' structured text, categories and images reach the site snapshot. A server of its
  // own, with S1's campaign on its dates.
  const clock = new ManualClock(Date.parse("2025-07-01T12:00:00+08:00"));
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ clock, seedDemo: false });
    // voting windows moved to the test's day, as the demo loader moves them to the day it runs
    await seedCampaign(server, npfCampaign(clock.now()));
  });
  afterAll(async () => server?.close());

  it("the snapshot carries the form, each case's sections, domain, units and images", async () => {
    const snapshot = await server.site.snapshot();
    const campaign = snapshot.campaigns.find((c) => c.slug === NPF)!;
    expect(campaign.categories?.[0]).toMatchObject({ key: "domain", values: [{ zh: "文化旅游" }, { zh: "高科技" }, { zh: "绿色经济" }] });
    const cases = campaign.lists.find((l) => l.slug === "cases")!;
    expect(cases.form?.sections.map((s) => s.title.zh)).toEqual([
      "背景摘要",
      "案例简介",
      "案例详情",
      "具体成效",
      "案例实施的创新点",
      "推广价值",
      "体会感受",
    ]);
    expect(cases.indicators).toBeUndefined();
    for (const e of cases.entries) {
      expect(Object.keys(e.sections ?? {})).toHaveLength(7);
      expect(e.images!.length).toBeGreaterThanOrEqual(3);
      expect(e.images!.length).toBeLessThanOrEqual(4);
      expect(e.images!.every((i) => i.caption.zh.length > 0 && i.src.startsWith("/demo/npf-eval-2025/"))).toBe(true);
      expect(["文化旅游", "高科技", "绿色经济"]).toContain(e.categories?.domain);
      expect(e.submitter).toBeTruthy();
    }
    expect(new Set(cases.entries.map((e) => e.categories?.domain)).size).toBe(3);
  });
});
