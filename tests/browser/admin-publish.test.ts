/**
 * 公示与结果 on a phone: a preliminary 公示 whose period is previewed in words before it is
 * confirmed ("5 个工作日，至 …日 24:00"), published, and its public page opened from the console's
 * link once the site is rebuilt; a final list refused while that period runs, and another list's
 * final list published with one entry left out. Axe clean on each screen; no console errors.
 */
import { describe, expect, it } from "vitest";
import { formatEnd } from "../../site/lib/publicity.ts";
import { axeViolations, demoSiteInBrowser } from "../helpers/browser.ts";
import { collectErrors, phoneContext, route, scrollWidth, signIn } from "../helpers/console.ts";
import { admin } from "../helpers/publicity.ts";
import { adminToken } from "../helpers/seed.ts";
import { testCampaign } from "../helpers/server.ts";

const demo = demoSiteInBrowser();
const SLUG = "pub-2026";

describe("publishing from the console", () => {
  it("previews the period, publishes a 公示 and opens its page; publishes a final list with an exclusion", async () => {
    const server = demo.server();
    const organizer = await adminToken(server, "organizer", "主办方甲");
    expect((await admin(server, organizer, "POST", "/api/admin/campaigns", testCampaign({ slug: SLUG }))).status).toBe(201);

    const context = await phoneContext(demo.browser());
    const page = await context.newPage();
    const errors = collectErrors(page, [409]);
    await signIn(page, server, organizer);
    await route(page, `#/c/${SLUG}/publish`);
    const card = page.locator("section.flow", { has: page.getByRole("heading", { name: "公示与结果", exact: true }) });
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain("尚未发布公示或正式名单");
    expect(await axeViolations(page)).toEqual([]);

    // the preliminary 公示: the period first, in words
    const prelim = card.locator("form", { has: page.getByRole("heading", { name: "发布公示" }) });
    await prelim.getByLabel("榜单").selectOption("ranked");
    expect(await prelim.getByLabel("公示工作日数").inputValue()).toBe("5");
    await prelim.getByRole("button", { name: "计算公示期" }).click();
    const period = card.locator(".flow-period");
    await expect.poll(() => period.count(), { timeout: 10_000 }).toBe(1);
    const text = (await period.textContent())!;
    expect(text).toMatch(/^5 个工作日，至 \d{4}年\d{1,2}月\d{1,2}日 24:00$/);
    expect((await admin(server, organizer, "GET", `/api/campaigns/${SLUG}/publications`)).body.publications).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);

    const preview = card.locator(".flow-preview").first();
    await preview.getByRole("button", { name: "发布公示" }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.textContent()).toContain(text);
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "确认发布" }).click();
    await expect.poll(() => preview.textContent(), { timeout: 10_000 }).toMatch(/已发布公示 #\d+。公示页将在约 3 分钟内更新/);
    const [published] = (await admin(server, organizer, "GET", `/api/campaigns/${SLUG}/publications`)).body.publications;
    expect(published).toMatchObject({ kind: "preliminary", list: "ranked", workingDays: 5 });
    // the preview said what the publication did
    expect(text).toBe(`5 个工作日，至 ${formatEnd(published.endsAt, "Asia/Shanghai", "zh")}`);
    await expect.poll(() => card.locator(".flow-publication").count()).toBe(1);

    // a final list while the period runs: refused beside its form, nothing published
    const final = card.locator("form", { has: page.getByRole("heading", { name: "发布正式名单" }) });
    await final.getByLabel("榜单").selectOption("ranked");
    await final.getByRole("button", { name: "核对正式名单" }).click();
    await expect.poll(() => final.locator("[role=status]").last().textContent(), { timeout: 10_000 }).toContain("公示期尚未结束");
    expect(await card.getByRole("button", { name: "发布正式名单" }).count()).toBe(0);

    // another list's final list, one entry left out, behind the dialog
    await final.getByLabel("榜单").selectOption("unranked");
    await expect.poll(() => final.getByLabel("安徽示例园区").count(), { timeout: 10_000 }).toBe(1);
    await final.getByLabel("安徽示例园区").check();
    await final.getByRole("button", { name: "核对正式名单" }).click();
    const finalPreview = card.locator(".flow-preview", { hasText: "正式名单将列入" });
    await expect.poll(() => finalPreview.textContent(), { timeout: 10_000 }).toContain("正式名单将列入 2 个对象，不列入 1 个");
    await finalPreview.getByRole("button", { name: "发布正式名单" }).click();
    await expect.poll(() => dialog.textContent()).toContain("不列入 1 个");
    await dialog.getByRole("button", { name: "确认发布正式名单" }).click();
    await expect.poll(() => finalPreview.textContent(), { timeout: 10_000 }).toMatch(/已发布正式名单 #\d+/);
    const publications = (await admin(server, organizer, "GET", `/api/campaigns/${SLUG}/publications`)).body.publications;
    expect(publications.map((p: { kind: string; list: string }) => `${p.kind}/${p.list}`).sort()).toEqual([
      "final/unranked",
      "preliminary/ranked",
    ]);

    // the public page, from the console's link, once the site is rebuilt
    await expect
      .poll(async () => (await server.get(`/${SLUG}/publicity/`)).text(), { timeout: 180_000, interval: 500 })
      .toContain("甲示例科技有限公司");
    await preview.getByRole("link", { name: "查看公示页" }).click();
    await page.waitForURL(new RegExp(`/${SLUG}/publicity/$`));
    const main = (await page.locator("main").innerText()).replace(/\s+/g, " ");
    expect(main).toContain("高科技标杆");
    expect(main).toContain("甲示例科技有限公司");
    expect(main).toMatch(/公示期 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 至 \d{4}年\d{1,2}月\d{1,2}日 24:00/);
    expect(await axeViolations(page)).toEqual([]);

    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
