/**
 * Revealed scores in the browser, on the demo as a newcomer starts it: 组织治理标杆's voting ended the
 * day before, so its entries' pages show the breakdown from the first start; closing another list
 * reveals its scores after the background rebuild.
 */
import { describe, expect, it } from "vitest";
import { axeViolations, demoSiteInBrowser, phone } from "../helpers/browser.ts";
import { twoDecimals } from "../../site/lib/score-text.ts";
import { adminToken } from "../helpers/seed.ts";

const demo = demoSiteInBrowser();

describe("score breakdown on entry pages", () => {
  it("a closed list's entry page shows the dimension × component table, the total and the formulas", async () => {
    const board = (await demo.server().json("/api/campaigns/cinn-2024/lists/governance/leaderboard")).body;
    expect(board.state).toBe("closed");
    const first = board.entries[0];
    const context = await demo.browser().newContext(phone);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(demo.server().url + first.url);

    const section = page.locator("section.score");
    await expect.poll(() => section.locator("h2").textContent()).toBe("得分明细");
    expect(await section.locator("[data-score-total]").textContent()).toBe(twoDecimals(first.score.total));
    // ten dimensions of S0, each with research, expert, vote and the dimension score
    expect(await section.locator("tbody tr").count()).toBe(10);
    expect((await section.locator("thead th").allTextContents()).map((t) => t.replace(/\s+/g, ""))).toEqual([
      "维度",
      "案例调研×50%",
      "专家评议×30%",
      "网络投票×20%",
      "维度得分",
    ]);
    const innovation = (await section.locator("tbody tr").first().locator("th, td").allTextContents()).map((t) => t.trim());
    expect(innovation[0]).toBe("创新投入");
    expect(innovation[4]).toBe(twoDecimals(first.score.dimensions["innovation-input"]));
    const text = await section.innerText();
    expect(text).toContain("维度得分 = 案例调研×50% + 专家评议×30% + 网络投票×20%");
    expect(text).toContain("总分 = 各维度得分的平均值");
    expect(text).toContain("去掉一个最高分和一个最低分");
    // the table scrolls sideways on a phone rather than widening the page
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(demo.server().url + "/en" + first.url);
    const en = await page.locator("section.score").innerText();
    expect(en).toContain("Dimension score = Case Research×50% + Expert Review×30% + Online Vote×20%");
    expect(en).toContain(twoDecimals(first.score.total));
    expect(errors).toEqual([]);
    await context.close();
  });

  it("an entry still missing scores says so, and follows the scored entries", async () => {
    const board = (await demo.server().json("/api/campaigns/cinn-2024/lists/governance/leaderboard")).body;
    const last = board.entries.at(-1);
    expect(last.slug).toBe("maiye-grain-oil");
    expect(last).not.toHaveProperty("score");
    const context = await demo.browser().newContext({ ...phone, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(demo.server().url + last.url);
    const text = await page.locator("section.score").innerText();
    expect(text).toContain("评分未完成");
    expect(text).toContain("媒体评价 · 案例调研");
    await context.close();
  });

  it("the list page is in order of total without JavaScript, and sorts by name with it", async () => {
    const board = (await demo.server().json("/api/campaigns/cinn-2024/lists/governance/leaderboard")).body;
    const context = await demo.browser().newContext({ ...phone, javaScriptEnabled: false });
    const noJs = await context.newPage();
    await noJs.goto(demo.server().url + "/cinn-2024/governance/");
    const names = async (p: import("playwright-core").Page) => (await p.locator("main .cards h2").allTextContents()).map((s) => s.trim());
    expect(await names(noJs)).toEqual(board.entries.map((e: any) => e.name));
    expect(await noJs.locator("main .cards").innerText()).toContain(`总分 ${twoDecimals(board.entries[0].score.total)}`);
    expect(await noJs.getByLabel("排序").isVisible()).toBe(false);
    await context.close();

    const js = await demo.browser().newContext(phone);
    const page = await js.newPage();
    await page.goto(demo.server().url + "/cinn-2024/governance/");
    const select = page.getByLabel("排序");
    await expect.poll(() => select.isVisible()).toBe(true);
    await select.selectOption("name");
    const collator = new Intl.Collator("zh-CN-u-co-pinyin");
    expect(await names(page)).toEqual([...board.entries.map((e: any) => e.name)].sort(collator.compare));
    await select.selectOption("total");
    expect(await names(page)).toEqual(board.entries.map((e: any) => e.name));
    expect(await axeViolations(page)).toEqual([]);
    await js.close();
  });

  it("closing a list reveals its breakdown once the site has rebuilt", async () => {
    const server = demo.server();
    const before = (await server.json("/api/campaigns/cinn-2024/lists/esg/leaderboard")).body;
    expect(before.orderedBy).toBe("votes");
    const context = await demo.browser().newContext(phone);
    const page = await context.newPage();
    await page.goto(server.url + before.entries[0].url);
    expect(await page.locator("section.score").count()).toBe(0);

    const token = await adminToken(server, "organizer");
    const closed = await server.json("/api/admin/campaigns/cinn-2024/lists/esg/close", {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(closed.status).toBe(200);
    const after = (await server.json("/api/campaigns/cinn-2024/lists/esg/leaderboard")).body;
    expect(after.orderedBy).toBe("total");
    await server.site.idle();
    await page.goto(server.url + after.entries[0].url);
    await expect
      .poll(() => page.locator("section.score [data-score-total]").textContent(), { timeout: 20_000 })
      .toBe(twoDecimals(after.entries[0].score.total));
    await context.close();
  }, 200_000);

  it("a preliminary publication of a revealed list shows each entry's total on the publicity page", async () => {
    const server = demo.server();
    const board = (await server.json("/api/campaigns/cinn-2024/lists/governance/leaderboard")).body;
    const scored = board.entries.filter((e: any) => e.score);
    expect(scored.length).toBeGreaterThan(1);
    const token = await adminToken(server, "organizer", "publisher");
    const published = await server.json("/api/admin/campaigns/cinn-2024/publications", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ kind: "preliminary", list: "governance" }),
    });
    expect(published.status).toBe(201);
    await server.site.idle();
    const context = await demo.browser().newContext(phone);
    const page = await context.newPage();
    await page.goto(server.url + "/cinn-2024/publicity/");
    const items = page.locator(".pl-entries li");
    await expect.poll(() => items.count(), { timeout: 20_000 }).toBe(board.entries.length);
    for (const [i, e] of scored.entries()) {
      const text = await items.nth(i).innerText();
      expect(text).toContain(e.name);
      // two decimals as ranked (12 significant digits first: 65.535 is 65.54, not toFixed's 65.53)
      expect(text).toContain(`总分 ${twoDecimals(e.score.total)}`);
    }
    await context.close();
  }, 200_000);
});
