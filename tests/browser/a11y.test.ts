/**
 * Accessibility of the voter's pages, checked by axe-core in Chromium at phone size: every page a
 * voter passes through, in Chinese and English, with the islands hydrated.
 */
import { describe, expect, it } from "vitest";
import { axeViolations, demoSiteInBrowser, phone } from "../helpers/browser.ts";

const demo = demoSiteInBrowser();

describe("accessibility (axe-core, WCAG 2 A/AA)", () => {
  it("finds no violations on the voter's pages", async () => {
    const entry = (await demo.server().json("/api/campaigns/cinn-2024/lists/high-tech/leaderboard")).body.entries[0].url as string;
    const pages = [
      "/",
      "/cinn-2024/",
      "/cinn-2024/high-tech/",
      entry,
      "/pioneer-2024/sci-tech-block/",
      "/privacy/",
      "/en/cinn-2024/high-tech/",
      "/en" + entry,
      "/no-such-page/",
      "/admin/",
      "/en/admin/",
    ];
    const context = await demo.browser().newContext(phone);
    const page = await context.newPage();
    const found: string[] = [];
    for (const path of pages) {
      await page.goto(demo.server().url + path);
      await page.waitForLoadState("networkidle");
      found.push(...(await axeViolations(page)).map((v) => `${path}: ${v}`));
    }
    await context.close();
    expect(found).toEqual([]);
  }, 120_000);
});
