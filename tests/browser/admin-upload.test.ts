/**
 * 评分表 on a phone: a scores file with errors shows every refused row (行 / 列 / 问题) and imports
 * nothing; the corrected file imports and says how many rows. Axe clean; no console errors.
 */
import { describe, expect, it } from "vitest";
import { axeViolations, demoSiteInBrowser } from "../helpers/browser.ts";
import { collectErrors, phoneContext, route, scrollWidth, signIn } from "../helpers/console.ts";
import { SCORED, scoredCampaign, scoresCsv } from "../helpers/scores.ts";
import { adminToken, seedCampaign } from "../helpers/seed.ts";

const demo = demoSiteInBrowser();

const scoreRows = async (campaign: string, token: string) =>
  (await demo.server().json(`/api/admin/campaigns/${campaign}/scoring`, { headers: { authorization: `Bearer ${token}` } })).body;

describe("score file upload in the console", () => {
  it("lists every refused row, imports nothing, then imports the corrected file", async () => {
    const server = demo.server();
    await seedCampaign(server, scoredCampaign());
    const organizer = await adminToken(server, "organizer", "主办方甲");
    const before = JSON.stringify(await scoreRows(SCORED, organizer));
    const context = await phoneContext(demo.browser());
    const page = await context.newPage();
    const errors = collectErrors(page, [422]);

    await signIn(page, server, organizer);
    await route(page, `#/c/${SCORED}/scores`);
    const card = page.locator("section.flow", { has: page.getByRole("heading", { name: "评分表", exact: true }) });
    await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(1);
    // the columns the file needs are on the screen
    for (const column of ["entry", "dimension", "component", "scorer", "score"])
      expect(await card.locator("dt code").allTextContents()).toContain(column);
    expect(await axeViolations(page)).toEqual([]);

    const good = scoresCsv();
    const lines = good.split("\r\n");
    // row 3: an unknown entry; row 5: a score past 100; row 6: the online vote is not a scored component
    lines[2] = lines[2]!.replace(/^[^,]+,/, "nobody,");
    lines[4] = lines[4]!.replace(/,\d+$/, ",150");
    lines[5] = lines[5]!.replace(",expert,", ",vote,");
    const bad = lines.join("\r\n");

    const pick = card.getByLabel("选择文件（CSV 或 XLSX）");
    await pick.setInputFiles({ name: "scores-bad.csv", mimeType: "text/csv", buffer: Buffer.from(bad, "utf8") });
    await card.getByRole("button", { name: "上传并导入" }).click();
    const table = card.locator("table");
    await expect.poll(() => table.count(), { timeout: 10_000 }).toBe(1);
    const headers = await table.locator("thead th").allTextContents();
    expect(headers.map((h) => h.trim())).toEqual(["行", "列", "问题"]);
    const firstCells = (await table.locator("tbody tr td:first-child").allTextContents()).map((c) => c.trim());
    expect([...new Set(firstCells)]).toEqual(["3", "5", "6"]);
    expect(await card.textContent()).toContain("未导入任何数据");
    expect(JSON.stringify(await scoreRows(SCORED, organizer))).toBe(before);
    expect(await axeViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);

    await pick.setInputFiles({ name: "scores.csv", mimeType: "text/csv", buffer: Buffer.from(good, "utf8") });
    await card.getByRole("button", { name: "上传并导入" }).click();
    const imported = good.trim().split("\r\n").length - 1;
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain(`已导入 ${imported} 行`);
    expect(await card.locator("table").count()).toBe(0);
    expect(JSON.stringify(await scoreRows(SCORED, organizer))).not.toBe(before);
    expect(await axeViolations(page)).toEqual([]);

    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
