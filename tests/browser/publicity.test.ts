/**
 * Publicity pages from a real build: a phone files an objection and sees its receipt; the pages
 * read without JavaScript (period, list, how else to object); an unranked list shows no figures;
 * the results page shows the final list and what changed beside it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { axeViolations, launchBrowser, phone } from "../helpers/browser.ts";
import { admin, publish } from "../helpers/publicity.ts";
import { adminToken } from "../helpers/seed.ts";
import { startTestServer, testCampaign, type TestServer } from "../helpers/server.ts";

let server: TestServer;
let browser: Browser;
let organizer: string;
let publishedAt: number;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

beforeAll(async () => {
  server = await startTestServer({ site: true, rebuildDelayMs: 100 });
  browser = await launchBrowser();
  organizer = await adminToken(server, "organizer");
  const campaign = { ...testCampaign(), contact: "异议受理电话 010-12345678（示例）" };
  expect((await admin(server, organizer, "POST", "/api/admin/campaigns", campaign)).status).toBe(201);
  const now = Date.now();
  // the unranked list is in its period now (an explicit end keeps the test off the calendar's years)
  const open = await publish(server, organizer, "test-2024", {
    kind: "preliminary",
    list: "unranked",
    startsAt: iso(now - 60_000),
    endsAt: iso(now + 7 * 86_400_000),
  });
  expect(open.status).toBe(201);
  // the ranked list's period is over: its final list drops one entry
  const past = await publish(server, organizer, "test-2024", {
    kind: "preliminary",
    list: "ranked",
    startsAt: iso(now - 10 * 86_400_000),
    endsAt: iso(now - 86_400_000),
  });
  expect(past.status).toBe(201);
  const final = await publish(server, organizer, "test-2024", { kind: "final", list: "ranked", exclude: ["e2"] });
  expect(final.status).toBe(201);
  publishedAt = Date.now();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the pages follow a publication", () => {
  it("within 3 minutes, without a restart", async () => {
    await expect
      .poll(async () => (await server.get("/test-2024/results/")).text(), { timeout: 180_000, interval: 500 })
      .toContain("未列入正式名单");
    const seconds = (Date.now() - publishedAt) / 1000;
    server.logs.push(`publicity pages rebuilt ${seconds.toFixed(1)} s after the last publication`);
    console.log(`publicity pages rebuilt ${seconds.toFixed(1)} s after the last publication`);
    expect(seconds).toBeLessThan(180);
    expect(await (await server.get("/test-2024/publicity/")).text()).toContain("示范基地");
  }, 200_000);
});

describe("the publicity page on a phone", () => {
  it("files an objection and shows the receipt", async () => {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));

    await page.goto(server.url + "/test-2024/");
    await page.getByRole("link", { name: "查看公示名单" }).click();
    await page.waitForURL(/\/test-2024\/publicity\/$/);
    const article = page.locator("article", { hasText: "示范基地" });
    await expect.poll(() => article.locator(".pc").textContent(), { timeout: 10_000 }).toMatch(/^公示中，距结束还有 \d+ 天/);
    // the ranked list's period is over: its form says so instead of taking objections
    await expect
      .poll(() => page.locator("article", { hasText: "高科技标杆" }).locator(".object").textContent())
      .toContain("公示期已结束，不再受理异议。");
    expect(await page.locator("article", { hasText: "高科技标杆" }).locator("form").count()).toBe(0);
    expect(await page.locator(".stage.current .name").textContent()).toBe("公示");

    const form = article.locator("form.of-form");
    await form.getByLabel("异议对象").selectOption({ label: "北京示例园区" });
    await form.getByLabel("真实姓名").fill("李四");
    await form.getByLabel("联系方式（手机或邮箱）").fill("13900001111");
    await form.getByLabel("异议理由").fill("该园区的产值数据与统计年鉴不符。");
    const submit = form.getByRole("button", { name: "提交异议" });
    const box = (await submit.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.width).toBeLessThanOrEqual(390);
    await submit.click();

    const receipt = article.locator(".of-receipt");
    await expect.poll(() => receipt.textContent(), { timeout: 10_000 }).toMatch(/回执编号：\d{4}-\d{4}-\d{4}/);
    expect(await receipt.evaluate((el) => el === document.activeElement)).toBe(true);
    const number = /\d{4}-\d{4}-\d{4}/.exec((await receipt.textContent())!)![0];
    const list = await admin(server, organizer, "GET", "/api/admin/objections?campaign=test-2024");
    expect(list.body.objections).toEqual([
      expect.objectContaining({ receipt: number, name: "李四", contact: "13900001111", entry: expect.objectContaining({ slug: "u3" }) }),
    ]);
    // nothing on the page is wider than the phone
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it("holds the submit button until the form's script has run, so an early tap loses nothing", async () => {
    const context = await browser.newContext(phone);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    // the form's island script waits until released: the page shows the server-rendered form
    await context.route(/\/_astro\/ObjectionForm[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    const page = await context.newPage();
    await page.goto(server.url + "/test-2024/publicity/");
    const form = page.locator("article", { hasText: "示范基地" }).locator("form.of-form");
    await form.scrollIntoViewIfNeeded();
    await form.getByLabel("真实姓名").fill("王五");
    const submit = form.getByRole("button", { name: "提交异议" });
    expect(await submit.isDisabled()).toBe(true);
    release();
    await expect.poll(() => submit.isDisabled(), { timeout: 10_000 }).toBe(false);
    // what was typed before the script ran is still there, and the page never reloaded
    expect(await form.getByLabel("真实姓名").inputValue()).toBe("王五");
    expect(page.url()).toBe(server.url + "/test-2024/publicity/");
    await context.close();
  }, 60_000);

  it("reads without JavaScript: the period in Chinese, the list without figures, how else to object", async () => {
    const context = await browser.newContext({ ...phone, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url + "/test-2024/publicity/");
    const main = (await page.locator("main").innerText()).replace(/\s+/g, " ");
    expect(main).toMatch(/公示期 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 至 \d{4}年\d{1,2}月\d{1,2}日/);
    expect(main).toContain("按名称拼音排序，排列不分先后");
    expect(main).toContain("也可以通过主办方联系方式提出：异议受理电话 010-12345678（示例）");
    expect(main).toContain("在线提交异议需要启用 JavaScript");
    expect(await page.locator("form.of-form").first().isVisible()).toBe(false);
    // pinyin order, no rank and no vote count for the unranked list
    const article = page.locator("article", { hasText: "示范基地" });
    const names = await article.locator(".pl-name > span:first-child").allTextContents();
    expect(names).toEqual(["安徽示例园区", "北京示例园区", "张家示例园区"]);
    expect((await article.innerText()).replace(/\s+/g, " ")).not.toMatch(/第 \d+ 名|\d+ 票/);
    // the ranked list's preliminary publication shows its figures from the leaderboard
    expect(await page.locator("article", { hasText: "高科技标杆" }).locator(".pl-rank").first().textContent()).toBe("第 1 名");
    await context.close();
  }, 60_000);
});

describe("the results page", () => {
  it("shows the final list and, beside it, what changed from the preliminary list (zh and en)", async () => {
    const context = await browser.newContext({ ...phone, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url + "/test-2024/results/");
    expect(await page.locator("h1").textContent()).toBe("正式名单");
    // the unranked list's period is still open: the campaign is at 公示
    expect(await page.locator(".stage.current .name").textContent()).toBe("公示");
    const finalNames = await page.locator(".lists .pl-name > span:first-child").allTextContents();
    expect(finalNames).toHaveLength(4);
    expect(finalNames).not.toContain("乙示例科技有限公司");
    expect(await page.locator(".changes del").allTextContents()).toEqual(["乙示例科技有限公司"]);
    await page.goto(server.url + "/en/test-2024/results/");
    expect(await page.locator("h1").textContent()).toBe("Final list");
    expect(await page.locator(".changes h4").allTextContents()).toEqual(["Not on the final list"]);
    await context.close();
  }, 60_000);
});

describe("accessibility of the publicity pages (axe-core, WCAG 2 A/AA)", () => {
  it("finds no violations, zh and en, islands hydrated", async () => {
    const context = await browser.newContext(phone);
    const page = await context.newPage();
    const found: string[] = [];
    for (const path of [
      "/test-2024/publicity/",
      "/test-2024/results/",
      "/en/test-2024/publicity/",
      "/en/test-2024/results/",
      "/privacy/",
    ]) {
      await page.goto(server.url + path);
      await page.waitForLoadState("networkidle");
      await page.mouse.wheel(0, 5000); // hydrate the forms further down
      await page.waitForTimeout(300);
      found.push(...(await axeViolations(page)).map((v) => `${path}: ${v}`));
    }
    await context.close();
    expect(found).toEqual([]);
  }, 120_000);
});
