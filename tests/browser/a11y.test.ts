/**
 * Accessibility of the voter's pages, checked by axe-core in Chromium at phone size: every page a
 * voter passes through, in Chinese and English, with the islands hydrated.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { demoSiteInBrowser, phone } from "../helpers/browser.ts";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const demo = demoSiteInBrowser();

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
}

describe("accessibility (axe-core, WCAG 2 A/AA)", () => {
  it("finds no violations on the voter's pages", async () => {
    const entry = (await demo.server().json("/api/campaigns/cinn-2024/lists/high-tech/leaderboard")).body.entries[0].url as string;
    const pages = ["/", "/cinn-2024/", "/cinn-2024/high-tech/", entry, "/pioneer-2024/sci-tech-block/", "/privacy/", "/en/cinn-2024/high-tech/", "/en" + entry, "/no-such-page/", "/admin/", "/en/admin/"];
    const context = await demo.browser().newContext(phone);
    const page = await context.newPage();
    const found: string[] = [];
    for (const path of pages) {
      await page.goto(demo.server().url + path);
      await page.waitForLoadState("networkidle");
      await page.addScriptTag({ content: axeSource });
      const result = (await page.evaluate(() =>
        (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<unknown> } }).axe.run(document, {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        }),
      )) as AxeResult;
      for (const v of result.violations) found.push(`${path}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    }
    await context.close();
    expect(found).toEqual([]);
  }, 120_000);
});
