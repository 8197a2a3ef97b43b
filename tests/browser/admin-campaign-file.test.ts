/**
 * 上传活动文件 on a phone: a file with problems lists each by path and changes nothing; a new
 * campaign's file previews what it adds, applies through the dialog and the campaign exists; a YAML
 * update of that campaign previews the list it adds and the one it removes. Axe clean; no console errors.
 */
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { axeViolations, demoSiteInBrowser } from "../helpers/browser.ts";
import { collectErrors, phoneContext, route, scrollWidth, signIn } from "../helpers/console.ts";
import { adminToken } from "../helpers/seed.ts";
import { testCampaign } from "../helpers/server.ts";

const demo = demoSiteInBrowser();
const SLUG = "file-2026";

const publicSlugs = async () => ((await demo.server().json("/api/campaigns")).body.campaigns as { slug: string }[]).map((c) => c.slug);

describe("campaign file upload in the console", () => {
  it("lists problems by path, previews a new campaign, applies it, previews an update", async () => {
    const server = demo.server();
    const organizer = await adminToken(server, "organizer", "主办方甲");
    const context = await phoneContext(demo.browser());
    const page = await context.newPage();
    const errors = collectErrors(page, [422]);

    await signIn(page, server, organizer);
    await route(page, "#/import");
    const card = page.locator("section.flow", { has: page.getByRole("heading", { name: "上传活动文件", exact: true }) });
    await expect.poll(() => card.count(), { timeout: 10_000 }).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    const pick = card.getByLabel("选择活动文件（JSON 或 YAML）");

    // problems, by path; nothing written
    const broken = { ...testCampaign({ slug: SLUG }), timezone: 8 };
    broken.lists[0]!.entries[1]!.slug = "Not A Slug";
    await pick.setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(broken)) });
    const table = card.locator("table");
    await expect.poll(() => table.count(), { timeout: 10_000 }).toBe(1);
    const paths = (await table.locator("tbody tr td:first-child").allTextContents()).map((p) => p.trim());
    expect(paths).toEqual(expect.arrayContaining(["timezone", "lists.0.entries.1.slug"]));
    expect(await card.textContent()).toMatch(/活动文件有 \d+ 处问题，未做任何改动/);
    expect(await card.getByRole("button", { name: "应用" }).count()).toBe(0);
    expect(await publicSlugs()).not.toContain(SLUG);
    expect(await axeViolations(page)).toEqual([]);

    // a new campaign: the preview, then 应用 through the dialog
    const file = testCampaign({ slug: SLUG });
    await pick.setInputFiles({ name: `${SLUG}.json`, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file)) });
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain(`将新建活动 ${SLUG}`);
    const preview = card.locator(".flow-preview");
    expect(await preview.textContent()).toContain("ranked、unranked、later");
    expect(await card.locator("table").count()).toBe(0);
    expect(await publicSlugs()).not.toContain(SLUG);
    expect(await axeViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);

    await preview.getByRole("button", { name: "应用" }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.textContent()).toContain(`将新建活动 ${SLUG}`);
    await dialog.getByRole("button", { name: "确认应用" }).click();
    await expect.poll(() => preview.textContent(), { timeout: 10_000 }).toContain(`已新建活动 ${SLUG}`);
    expect(await publicSlugs()).toContain(SLUG);

    // an update under the campaign, in YAML: one list added, one removed
    const next = testCampaign({ slug: SLUG });
    next.lists = [
      ...next.lists.filter((l) => l.slug !== "later"),
      { slug: "extra", title: { zh: "新增榜单" }, entries: [{ slug: "x1", name: { zh: "新增示例公司" } }] } as (typeof next.lists)[number],
    ];
    await route(page, `#/c/${SLUG}/definition`);
    const update = page.locator("section.flow", { has: page.getByRole("heading", { name: "更新活动文件", exact: true }) });
    await expect.poll(() => update.count(), { timeout: 10_000 }).toBe(1);
    await update.getByLabel("选择活动文件（JSON 或 YAML）").setInputFiles({
      name: `${SLUG}.yaml`,
      mimeType: "application/yaml",
      buffer: Buffer.from(stringify(next)),
    });
    await expect.poll(() => update.textContent(), { timeout: 10_000 }).toContain(`将替换活动 ${SLUG} 的定义`);
    const changes = update.locator(".flow-changes");
    expect(await changes.first().locator("[data-kind=added]").textContent()).toContain("extra");
    expect(await changes.first().locator("[data-kind=removed]").textContent()).toContain("later");
    expect(await axeViolations(page)).toEqual([]);

    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
