/**
 * The walking skeleton, as a newcomer sees it: `npm start`'s server with the demo campaigns and a
 * built site, a phone-sized Chromium, find an entry of 2024 新质生产力标杆, vote, see the count move
 * and "已投票", reload and still see it.
 */
import { describe, expect, it } from "vitest";
import { demoSiteInBrowser, layoutShift, phone } from "../helpers/browser.ts";

const demo = demoSiteInBrowser();

describe("voting on a phone", () => {
  it("finds an entry, votes, sees the count change and 已投票 after a reload", async () => {
    const context = await demo.browser().newContext(phone);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));

    await page.goto(demo.server().url + "/");
    await page
      .getByRole("link", { name: /2024寻找中国新质生产力标杆/ })
      .first()
      .click();
    await page.waitForURL(/\/cinn-2024\/$/);
    await page
      .getByRole("link", { name: /高科技标杆/ })
      .first()
      .click();
    await page.waitForURL(/\/cinn-2024\/high-tech\/$/);
    expect(await layoutShift(page)).toBeLessThan(0.01);

    // open the second entry's page from its card
    const cards = page.locator("main a[href^='/cinn-2024/high-tech/']");
    const href = await cards.nth(1).getAttribute("href");
    await page.goto(demo.server().url + href!);
    const bar = page.locator(".vbar");
    const button = bar.getByRole("button");
    await expect.poll(() => button.textContent(), { timeout: 10_000 }).toMatch(/^投票/);
    await expect.poll(() => bar.locator(".vbar-today").textContent()).toContain("今日还可投 3 票");
    expect(await layoutShift(page)).toBeLessThan(0.01);
    // nobody has voted on the list yet: no place, no count
    const countBefore = await bar.locator(".va-count").textContent();
    expect(countBefore).toBe("暂无投票");

    // the bar is fixed to the bottom of the screen and the button is a comfortable tap target
    const box = (await button.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    expect(box.y).toBeGreaterThan(844 / 2);

    await button.click();
    await expect.poll(() => button.textContent(), { timeout: 10_000 }).toMatch(/^已投票/);
    expect(await bar.locator(".va-count").textContent()).toBe("1 票");
    await expect.poll(() => bar.locator(".vbar-today").textContent()).toContain("今日还可投 2 票");
    await expect.poll(() => bar.getByRole("status").textContent()).toMatch(/\S/);

    await page.reload();
    await expect.poll(() => button.textContent(), { timeout: 10_000 }).toMatch(/^已投票/);
    await expect.poll(() => bar.locator(".va-count").textContent()).toBe("1 票");
    expect(await button.getAttribute("aria-disabled")).toBe("true");

    // a second tap on 已投票 changes nothing on the server
    await button.click({ force: true });
    const lb = await demo.server().json("/api/campaigns/cinn-2024/lists/high-tech/leaderboard");
    expect(lb.body.entries.reduce((s: number, e: { votes: number }) => s + e.votes, 0)).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("votes from the keyboard on the list page, keeping focus on the button", async () => {
    const context = await demo.browser().newContext(phone);
    const page = await context.newPage();
    await page.goto(demo.server().url + "/cinn-2024/high-tech/");
    const island = page.locator("main astro-island:has(.vote-btn)").nth(2);
    const button = island.locator(".vote-btn");
    await button.scrollIntoViewIfNeeded();
    // islands hydrate when visible: Astro drops the island's `ssr` attribute once it has
    await expect.poll(() => island.getAttribute("ssr"), { timeout: 10_000 }).toBeNull();
    await button.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => button.textContent(), { timeout: 10_000 }).toMatch(/^已投票/);
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => page.locator("main").innerText()).toContain("今日还可投 2 票");
    await context.close();
  });

  it("reads sensibly without JavaScript", async () => {
    const context = await demo.browser().newContext({ ...phone, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(demo.server().url + "/cinn-2024/high-tech/");
    const text = await page.locator("main").innerText();
    expect(text).toContain("高科技标杆");
    expect(text).toMatch(/启用 JavaScript/);
    expect(await page.locator("main a[href^='/cinn-2024/high-tech/']").count()).toBeGreaterThanOrEqual(5);
    await context.close();
  });

  it("serves English under /en/ and for ?lang=en", async () => {
    const context = await demo.browser().newContext(phone);
    const page = await context.newPage();
    await page.goto(demo.server().url + "/cinn-2024/?lang=en");
    expect(page.url()).toMatch(/\/en\/cinn-2024\/$/);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await expect.poll(() => page.locator("main").innerText()).toContain("High-Tech");
    await context.close();
  });
});
