/**
 * S2's city case showcase on a phone: the demo's cases filtered by province, type and direction
 * (filters combine and stay in the URL), every case readable without JavaScript, axe-clean in
 * Chinese and English, and a case imported from a spreadsheet reaching the page after the rebuild.
 */
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { axeViolations, demoSiteInBrowser, phone } from "../helpers/browser.ts";
import { CHINESE_HEADER, csv, postEntries } from "../helpers/city-cases.ts";
import { adminToken } from "../helpers/seed.ts";

const demo = demoSiteInBrowser();
const PAGE = "/city-cases-2024/cases/";

const visibleCards = (page: Page) => page.locator("[data-entry-card]:visible");
const visibleNames = async (page: Page) => (await visibleCards(page).locator("h2").allTextContents()).map((s) => s.trim());

/** The filters sit behind one line ("搜索与筛选") until opened. */
async function openFilters(page: Page) {
  const box = page.locator("details[data-filter-box]");
  if (!(await box.evaluate((d) => (d as HTMLDetailsElement).open))) await box.locator("summary").click();
}

describe("filters", () => {
  it("by province, type and direction, combined; the count follows; the URL keeps them", async () => {
    const context = await demo.browser().newContext(phone);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(demo.server().url + PAGE);
    await openFilters(page);
    const count = page.locator("[data-filter-count]");
    await expect.poll(() => count.isVisible()).toBe(true);
    expect(await count.textContent()).toBe("显示 14 / 14 个");
    expect(await visibleCards(page).count()).toBe(14);
    // one labelled select per category, options in the campaign's order, only values the cases have
    expect(await page.getByLabel("省份").locator("option").allTextContents()).toEqual(["全部", "江苏省", "浙江省", "湖北省", "四川省"]);
    expect(await page.getByLabel("案例类型").locator("option").allTextContents()).toEqual(["全部", "综合类", "特色类"]);
    expect(await page.getByLabel("征集方向").locator("option").allTextContents()).toEqual([
      "全部",
      "综合质效提升",
      "结构优化升级",
      "创新发展驱动",
      "数字赋能提质",
      "绿色低碳转型",
      "产业生态优化",
    ]);

    await page.getByLabel("省份").selectOption("江苏省");
    expect(await count.textContent()).toBe("显示 4 / 14 个");
    expect(await visibleCards(page).count()).toBe(4);
    await page.getByLabel("案例类型").selectOption("特色类");
    expect(await count.textContent()).toBe("显示 2 / 14 个");
    await page.getByLabel("征集方向").selectOption("数字赋能提质");
    expect(await count.textContent()).toBe("显示 1 / 14 个");
    expect(await visibleNames(page)).toEqual(["青榆示例市：中小企业数字化转型“一企一策”（示例）"]);
    // the card says what it is filtered by
    expect(await visibleCards(page).locator(".chips li").allTextContents()).toEqual([
      "省份：江苏省",
      "案例类型：特色类",
      "征集方向：数字赋能提质",
    ]);

    // a direction no 江苏省 featured case has: nothing shown, and the page says so
    await page.getByLabel("征集方向").selectOption("产业生态优化");
    expect(await count.textContent()).toBe("显示 0 / 14 个");
    expect(await page.locator("[data-filter-empty]").isVisible()).toBe(true);

    // every direction: the province's featured cases again; the URL is what a friend would open
    await page.getByLabel("征集方向").selectOption("");
    expect(await count.textContent()).toBe("显示 2 / 14 个");
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ province: "江苏省", type: "特色类" });

    const shared = await context.newPage();
    await shared.goto(url.href);
    await expect.poll(() => shared.locator("[data-filter-count]").textContent()).toBe("显示 2 / 14 个");
    expect(await shared.getByLabel("省份").inputValue()).toBe("江苏省");
    expect(await shared.getByLabel("案例类型").inputValue()).toBe("特色类");
    expect((await visibleNames(shared)).sort()).toEqual(
      ["澜川示例市：园区循环化改造与绿色工厂梯度培育（示例）", "青榆示例市：中小企业数字化转型“一企一策”（示例）"].sort(),
    );
    // an unknown value in a link filters nothing out, and the select shows 全部
    await shared.goto(demo.server().url + PAGE + "?province=%E7%81%AB%E6%98%9F&type=%E7%BB%BC%E5%90%88%E7%B1%BB");
    await expect.poll(() => shared.locator("[data-filter-count]").textContent()).toBe("显示 5 / 14 个");
    expect(await shared.getByLabel("省份").locator("option:checked").textContent()).toBe("全部");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("search and filters combine; clearing them shows every case and leaves the URL clean", async () => {
    const context = await demo.browser().newContext(phone);
    const page = await context.newPage();
    await page.goto(demo.server().url + PAGE);
    await openFilters(page);
    await page.getByLabel("案例类型").selectOption("综合类");
    await page.getByLabel("搜索").fill("示例市 集群");
    await expect.poll(() => page.locator("[data-filter-count]").textContent()).toBe("显示 2 / 14 个");
    expect((await visibleNames(page)).sort()).toEqual(
      ["澜川示例市：以集群培育带动制造业整体跃升（示例）", "禾丰示例市：块状经济向现代产业集群转型（示例）"].sort(),
    );
    await page.getByLabel("搜索").fill("");
    await page.getByLabel("案例类型").selectOption("");
    expect(await page.locator("[data-filter-count]").textContent()).toBe("显示 14 / 14 个");
    expect(new URL(page.url()).search).toBe("");
    await context.close();
  });

  it("in English: labels and options in English, the same filtering", async () => {
    const context = await demo.browser().newContext({ ...phone, locale: "en-GB" });
    const page = await context.newPage();
    await page.goto(demo.server().url + "/en" + PAGE);
    await openFilters(page);
    await expect.poll(() => page.locator("[data-filter-count]").isVisible()).toBe(true);
    expect(await page.getByLabel("Province").locator("option").allTextContents()).toEqual([
      "All",
      "Jiangsu",
      "Zhejiang",
      "Hubei",
      "Sichuan",
    ]);
    await page.getByLabel("Province").selectOption({ label: "Sichuan" });
    await page.getByLabel("Direction").selectOption({ label: "Green and Low-Carbon Transition" });
    expect(await page.locator("[data-filter-count]").textContent()).toBe("Showing 1 of 14");
    expect(await visibleNames(page)).toEqual(["Zheling Demo City: Clean Power for Energy-Intensive Industry (demo)"]);
    expect(await visibleCards(page).locator(".chips li").allTextContents()).toEqual([
      "Province: Sichuan",
      "Case Type: Featured",
      "Direction: Green and Low-Carbon Transition",
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it("has no axe violations in Chinese, filtered or not", async () => {
    const context = await demo.browser().newContext(phone);
    const page = await context.newPage();
    await page.goto(demo.server().url + PAGE);
    await openFilters(page);
    await page.waitForLoadState("networkidle");
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel("省份").selectOption("湖北省");
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it("without JavaScript every case is on the page, with its chips, and no filter form is offered", async () => {
    const context = await demo.browser().newContext({ ...phone, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(demo.server().url + PAGE + "?province=%E6%B1%9F%E8%8B%8F%E7%9C%81");
    expect(await visibleCards(page).count()).toBe(14);
    expect(await page.locator("form[data-entry-filter]").isVisible()).toBe(false);
    expect(await page.locator(".chips").count()).toBe(14);
    await context.close();
  });
});

describe("JavaScript budget", () => {
  it("the filter script every list page loads stays small (gzip -9 under 600 B)", async () => {
    const context = await demo.browser().newContext(phone);
    const page = await context.newPage();
    await page.goto(demo.server().url + "/cinn-2024/high-tech/");
    const script = await page.evaluate(
      () =>
        Array.from(document.querySelectorAll("script:not([src])")).find((s) => s.textContent?.includes("data-entry-filter"))?.textContent ??
        "",
    );
    expect(script).toContain("data-f-");
    expect(gzipSync(script, { level: 9 }).length).toBeLessThan(600);
    await context.close();
  });
});

describe("after an import", () => {
  it("a case imported from a spreadsheet reaches the showcase, with its chips and filters", async () => {
    const server = demo.server();
    const token = await adminToken(server, "organizer", "showcase");
    const res = await postEntries(
      server,
      token,
      csv(CHINESE_HEADER, [
        [
          "gd-yunfu",
          "云阜示例市：制造业“智改数转”全域推进（示例）",
          "广东省·云阜示例市",
          "广东省",
          "特色类",
          "数字赋能提质",
          "探索实践。\n\n取得成效。",
          "云阜示例市人民政府（示例）",
          "广东省工业和信息化主管部门（示例）",
        ],
      ]),
      "text/csv",
      "city-cases-2024/cases",
    );
    expect(res.status).toBe(200);
    await server.site.idle();
    const context = await demo.browser().newContext(phone);
    const page = await context.newPage();
    await expect
      .poll(
        async () => {
          await page.goto(server.url + PAGE);
          await openFilters(page);
          return page.locator("[data-filter-count]").textContent();
        },
        { timeout: 180_000, interval: 2000 },
      )
      .toBe("显示 15 / 15 个");
    await page.getByLabel("省份").selectOption("广东省");
    expect(await visibleNames(page)).toEqual(["云阜示例市：制造业“智改数转”全域推进（示例）"]);
    await page.getByLabel("省份").selectOption("");
    await page.getByLabel("征集方向").selectOption("数字赋能提质");
    expect(await page.locator("[data-filter-count]").textContent()).toBe("显示 3 / 15 个");
    await context.close();
  }, 240_000);
});
