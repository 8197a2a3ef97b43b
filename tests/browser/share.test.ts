/**
 * The share sheet on a phone (issue 14, decision 026): list and entry pages carry one 分享 control
 * whose code loads on the first tap; the sheet is a modal dialog (labelled, Esc and a close button,
 * focus kept inside and given back) with the link to copy and a visible confirmation, the QR code
 * and the poster as an <img> to long-press. A successful vote invites the voter to share, once.
 * The posters come from the images' routes (tests/api/share checks their pixels): here their
 * addresses, and that they load as 750-wide portraits.
 */
import { describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { renderSVG } from "uqr";
import { axeViolations, demoSiteInBrowser, phone } from "../helpers/browser.ts";

const demo = demoSiteInBrowser();
const LIST = "/cinn-2024/high-tech/";

async function phoneContext(): Promise<BrowserContext> {
  const context = await demo.browser().newContext(phone);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: demo.server().url });
  return context;
}

/** The share module's requests, from the page's start. */
function shareRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (r) => {
    if (/\/_astro\/share\.[\w-]+\.js$/.test(new URL(r.url()).pathname)) seen.push(r.url());
  });
  return seen;
}

async function firstEntry(): Promise<{ id: number; slug: string; name: string }> {
  const { body } = await demo
    .server()
    .json<{ entries: { id: number; slug: string; name: string }[] }>("/api/campaigns/cinn-2024/lists/high-tech/leaderboard");
  return body.entries[0]!;
}

describe("the share sheet at 390×844", () => {
  it("on a list page: loads on the first tap, copies the link with a confirmation, shows the QR code and the poster; axe clean", async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    const loads = shareRequests(page);
    await page.goto(demo.server().url + LIST);
    await page.waitForLoadState("networkidle");
    expect(loads).toEqual([]);

    const control = page.getByRole("button", { name: "分享", exact: true });
    expect(await control.count()).toBe(1);
    const box = (await control.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await control.click();
    const sheet = page.getByRole("dialog", { name: "分享" });
    await sheet.waitFor();
    expect(loads).toHaveLength(1);
    expect(await sheet.evaluate((d) => (d as HTMLDialogElement).open && d.matches(":modal"))).toBe(true);

    await sheet.getByRole("button", { name: "复制链接" }).click();
    await expect.poll(() => sheet.getByRole("status").textContent()).toBe("已复制链接，可以粘贴给朋友了。");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(demo.server().url + LIST);
    expect(await sheet.getByLabel("本页链接").inputValue()).toBe(demo.server().url + LIST);

    const poster = sheet.getByRole("img", { name: "高科技标杆的分享海报" });
    expect(await poster.getAttribute("src")).toBe("/api/campaigns/cinn-2024/lists/high-tech/leaderboard.png?layout=portrait");
    // the images' routes answer it: a portrait PNG 750 wide
    await expect.poll(() => poster.evaluate((i) => (i as HTMLImageElement).naturalWidth), { timeout: 20_000 }).toBe(750);
    expect(await poster.evaluate((i) => (i as HTMLImageElement).naturalHeight > 750)).toBe(true);
    expect(await sheet.getByText("长按图片保存").count()).toBe(1);
    const qr = sheet.getByRole("img", { name: /二维码/ });
    expect(await qr.locator("svg").count()).toBe(1);
    // the code is the page's absolute address, as the link field says (uqr draws the same matrix here)
    const expected = renderSVG(demo.server().url + LIST, { border: 2, pixelSize: 4 });
    const normalized = await page.evaluate((svg) => Object.assign(document.createElement("div"), { innerHTML: svg }).innerHTML, expected);
    expect(await qr.innerHTML()).toBe(normalized);
    expect(await qr.locator("svg").evaluate((s) => s.getBoundingClientRect().width)).toBeGreaterThan(100);

    // the sheet fits the phone's width and its close button is in view
    const sheetBox = (await sheet.boundingBox())!;
    expect(sheetBox.width).toBeLessThanOrEqual(390);
    expect(await sheet.getByRole("button", { name: "关闭" }).isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // keyboard: Tab keeps to the sheet; Esc closes it and focus goes back to the control
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => !!document.activeElement?.closest("dialog"))).toBe(true);
    }
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("dialog").count()).toBe(0);
    expect(await control.evaluate((b) => b === document.activeElement)).toBe(true);

    // a second opening uses the loaded module; the close button shuts it
    await control.click();
    await sheet.getByRole("button", { name: "关闭" }).click();
    await expect.poll(() => page.locator("dialog").count()).toBe(0);
    expect(loads).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("on an English entry page: the entry's link, its poster with ?lang=en, English words; axe clean", async () => {
    const entry = await firstEntry();
    const path = `/en${LIST}${entry.slug}/`;
    const context = await phoneContext();
    const page = await context.newPage();
    await page.goto(demo.server().url + path);
    await page.waitForLoadState("networkidle");
    await page.getByRole("button", { name: "Share", exact: true }).click();
    const sheet = page.getByRole("dialog", { name: "Share" });
    await sheet.waitFor();
    await sheet.getByRole("button", { name: "Copy link" }).click();
    await expect.poll(() => sheet.getByRole("status").textContent()).toBe("Link copied: paste it to your friends.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(demo.server().url + path);
    const poster = sheet.locator("img");
    expect(await poster.getAttribute("src")).toBe(`/api/entries/${entry.id}/poster.png?lang=en`);
    await expect.poll(() => poster.evaluate((i) => (i as HTMLImageElement).naturalWidth), { timeout: 20_000 }).toBe(750);
    expect(await sheet.getByText("Press and hold the image to save or send it").count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe("after a vote", () => {
  it("invites the voter to share the entry voted for, once, without taking focus; its 分享 opens that entry's sheet", async () => {
    const context = await phoneContext();
    const page = await context.newPage();
    await page.goto(demo.server().url + LIST);
    await page.waitForLoadState("networkidle");
    const cards = page.locator("[data-entry-card]");
    const first = cards.nth(0);
    const name = (await first.locator("a").first().textContent())!.trim();
    const id = await first.getAttribute("data-entry-id");
    const entryHref = await first.locator("a").first().getAttribute("href");

    await first.locator(".vote-btn").click();
    const invite = page.getByRole("region", { name: "分享" });
    await expect.poll(() => invite.count(), { timeout: 10_000 }).toBe(1);
    expect(await invite.textContent()).toContain(`邀请好友为「${name}」投票`);
    // nothing blocks the page: no modal, the voted button keeps focus
    expect(await page.locator("dialog").count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.classList.contains("vote-btn"))).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await invite.getByRole("button", { name: "分享" }).click();
    const sheet = page.getByRole("dialog", { name: "分享" });
    await sheet.waitFor();
    expect(await sheet.getByLabel("本页链接").inputValue()).toBe(demo.server().url + entryHref);
    expect(await sheet.locator("img").getAttribute("src")).toBe(`/api/entries/${id}/poster.png`);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("dialog").count()).toBe(0);

    // a second vote: the answer, and no second invitation
    const second = cards.nth(1);
    await second.locator(".vote-btn").click();
    await expect.poll(() => second.locator(".va-msg").textContent(), { timeout: 10_000 }).toMatch(/^投票成功/);
    expect(await invite.count()).toBe(0);
    // nor after a reload within the visit
    await page.reload();
    await page.waitForLoadState("networkidle");
    await cards.nth(2).locator(".vote-btn").click();
    await expect.poll(() => cards.nth(2).locator(".va-msg").textContent(), { timeout: 10_000 }).toMatch(/^投票成功/);
    expect(await invite.count()).toBe(0);
    await context.close();
  });
});
